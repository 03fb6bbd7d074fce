import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallNoteAdded } from '@banzu/core';
import { backends, type TestStore } from '../store/testing';
import { EventLog, InvalidEventError, type StoredEvent } from './index';

/** The n-th event of a stream: a note whose text is n (any of core's events would do). */
const event = (stream: string, n: number): CallNoteAdded => ({
  type: 'call.note_added',
  stream,
  at: Date.UTC(2026, 0, 5, 9, 0, n % 60),
  payload: { agentId: 'agent-1', note: String(n) },
});
const numberOf = (e: StoredEvent) => (e.type === 'call.note_added' ? Number(e.payload.note) : NaN);

describe.each(backends)('event log ($name)', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t.cleanup());

  it('orders the events of two concurrent writers globally, gap-free, each writer in its own order', async () => {
    const start = (await new EventLog(t.store).head()) + 1;
    const writerA = new EventLog(t.store);
    const writerB = new EventLog(await t.reopen());
    const appends: Promise<StoredEvent[]>[] = [];
    for (let i = 0; i < 200; i++) {
      appends.push(writerA.append([event('writer-a', i)]));
      appends.push(writerB.append([event('writer-b', i), event('writer-b', i + 1000)]));
    }
    const acknowledged = (await Promise.all(appends)).flat();
    expect(acknowledged).toHaveLength(600);

    const all = await writerA.read(start, 10_000);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 600 }, (_, i) => start + i));
    const order = (stream: string) => all.filter((e) => e.stream === stream).map(numberOf);
    expect(order('writer-a')).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(order('writer-b')).toEqual(Array.from({ length: 200 }, (_, i) => [i, i + 1000]).flat());
    // Each acknowledged event is exactly what the log holds at its sequence number.
    const bySeq = new Map(all.map((e) => [e.seq, e]));
    for (const ack of acknowledged) expect(bySeq.get(ack.seq)?.payload).toEqual(ack.payload);
    await writerA.close();
    await writerB.close();
  });

  it('group-commits appends that arrive while a batch is being written', async () => {
    const log = new EventLog(t.store);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([event('burst', i)])));
    const recordedAt = new Set(results.flat().map((e) => e.recordedAt.getTime()));
    // 50 appends, far fewer transactions: one for the first, one for those that queued behind it.
    expect(recordedAt.size).toBeLessThan(10);
    await log.close();
  });

  it('keeps the time an event happened apart from the time it was recorded', async () => {
    const log = new EventLog(t.store);
    const [stored] = await log.append([event('times', 7)]);
    expect(new Date(stored!.at).toISOString()).toBe('2026-01-05T09:00:07.000Z');
    expect(stored!.recordedAt.getTime()).toBeGreaterThan(stored!.at);
    expect((await log.readStream('times')).map((e) => e.seq)).toEqual([stored!.seq]);
    await log.close();
  });

  it('lets a reader start at any sequence and then follow new events from another writer', async () => {
    const writer = new EventLog(await t.reopen());
    const reader = new EventLog(t.store);
    const first = await writer.append([event('follow', 1), event('follow', 2), event('follow', 3)]);
    const from = first[1]!.seq;
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => {
      reader.subscribe(from, (events) => {
        for (const e of events) if (e.stream === 'follow') seen.push(numberOf(e));
        if (seen.includes(5)) resolve();
      });
    });
    await writer.append([event('follow', 4)]);
    await writer.append([event('follow', 5)]);
    await done;
    expect(seen).toEqual([2, 3, 4, 5]);
    await reader.close();
    await writer.close();
  });

  it('appends inside the caller’s transaction: nothing when it rolls back, in the one order when it commits', async () => {
    const log = new EventLog(t.store);
    const before = await log.head();
    const changedMind = t.store.transaction(async (tx) => {
      await log.appendIn(tx, [event('in-tx', 1)]);
      throw new Error('changed my mind');
    });
    await expect(changedMind).rejects.toThrow('changed my mind');
    expect(await log.head()).toBe(before);
    const [inTx] = await t.store.transaction((tx) => log.appendIn(tx, [event('in-tx', 2)]));
    const [after] = await log.append([event('in-tx', 3)]);
    expect([inTx!.seq, after!.seq]).toEqual([before + 1, before + 2]);
    expect((await log.readStream('in-tx')).map(numberOf)).toEqual([2, 3]);
    await log.close();
  });

  it('settles once every append made so far is written', async () => {
    const log = new EventLog(t.store);
    void log.append([event('settle', 1)]);
    void log.append([event('settle', 2)]);
    await log.settled();
    expect((await log.readStream('settle')).map(numberOf)).toEqual([1, 2]);
    await log.close();
  });

  it('rejects an event without a stream and writes nothing', async () => {
    const log = new EventLog(t.store);
    const before = await log.head();
    await expect(log.append([event('ok', 1), { ...event('', 2) }])).rejects.toBeInstanceOf(InvalidEventError);
    expect(await log.head()).toBe(before);
    await log.close();
  });
});
