import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallNoteAdded } from '@banzu/core';
import { EventLog, type StoredEvent } from '../events/index';
import type { Queryable } from '../store/index';
import { backends, type TestStore } from '../store/testing';
import { ProjectionRunner, type Projection } from './index';

/** Records each applied event once; the primary key turns a double application into an error. */
function ledger(failAt?: number): Projection {
  return {
    name: 'ledger',
    async apply(tx: Queryable, events: StoredEvent[]) {
      for (const e of events) {
        if (e.seq === failAt) throw new Error(`crash at ${e.seq}`);
        if (e.type === 'call.note_added') await tx.query('INSERT INTO ledger (seq, n) VALUES ($1, $2)', [e.seq, Number(e.payload.note)]);
      }
    },
  };
}

/** Notes numbered from `from` on, over seven calls (any of core's events would do). */
const events = (from: number, count: number): CallNoteAdded[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'call.note_added',
    stream: `call-${(from + i) % 7}`,
    at: Date.UTC(2026, 0, 5) + (from + i) * 1000,
    payload: { agentId: 'agent-1', note: String(from + i) },
  }));

describe.each(backends)('projection runner ($name)', (backend) => {
  let t: TestStore;
  let log: EventLog;
  beforeAll(async () => {
    t = await backend.open();
    await t.store.exec('CREATE TABLE ledger (seq bigint PRIMARY KEY, n integer NOT NULL)');
    log = new EventLog(t.store);
  });
  afterAll(async () => {
    await log.close();
    await t.cleanup();
  });

  it('resumes after a crash mid-stream without gaps or double application', async () => {
    const first = await log.append(events(0, 1500));
    const crashAt = first[1200]!.seq;

    const crashing = new ProjectionRunner(t.store, log, ledger(crashAt));
    await crashing.start();
    await expect(crashing.caughtUp(first[first.length - 1]!.seq)).rejects.toThrow(`crash at ${crashAt}`);
    // The batch holding the crash rolled back with its checkpoint; earlier batches stayed.
    const [{ applied, last }] = (await t.store.query<{ applied: number; last: number }>('SELECT count(*)::int AS applied, coalesce(max(seq), 0) AS last FROM ledger')) as [
      { applied: number; last: number },
    ];
    expect(last).toBe(crashing.position);
    expect(applied).toBe(crashing.position - first[0]!.seq + 1);
    expect(last).toBeLessThan(crashAt);

    await log.append(events(1500, 300));
    const restarted = new ProjectionRunner(t.store, log, ledger());
    await restarted.start();
    const head = await log.head();
    await restarted.caughtUp(head);
    const rows = await t.store.query<{ seq: number; n: number }>('SELECT seq, n FROM ledger ORDER BY seq');
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 1800 }, (_, i) => i));
    expect(rows[rows.length - 1]!.seq).toBe(head);

    // Stopped and started again with nothing new: nothing is applied twice.
    restarted.stop();
    const again = new ProjectionRunner(t.store, log, ledger());
    await again.start();
    await log.append(events(1800, 1));
    await again.caughtUp(await log.head());
    expect((await t.store.query('SELECT seq FROM ledger')).length).toBe(1801);
    again.stop();
  });
});
