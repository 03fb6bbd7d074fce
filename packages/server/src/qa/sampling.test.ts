import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaForm, QaQueueItem, QaSettings } from '@banzu/contract';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { startQaRounds, type QaRound } from './rounds';
import { answeredCall as recordedCall, queueNamed, recordCalls } from './testing';

const HOUR = 3_600_000;
/** A Shanghai wall-clock time in 2026 (month 0: December 2025). */
const shanghai = (month: number, day: number, h: number, m = 0) => Date.UTC(2026, month - 1, day, h - 8, m);

let callers = 0;
/** A three-minute call answered by `agentId`, each from a caller of its own (no repeat callers). */
const answeredCall = (id: string, queueId: string, agentId: string, start: number): DomainEvent[] =>
  recordedCall(id, queueId, agentId, start, { from: `+8613900${String(++callers).padStart(6, '0')}` });

/** A fresh test center whose call records hold these calls (the projection folded them), and its agents by employee number. */
async function centerWithCalls(backend: (typeof backends)[number], calls: (queueId: string, agent: Record<string, string>) => DomainEvent[]) {
  const h = await openTestApp(backend);
  const rows = await h.t.store.query<{ id: string; no: string }>(`SELECT u.id, a.employee_no AS no FROM users u JOIN agents a ON a.user_id = u.id`);
  const agent = Object.fromEntries(rows.map((r) => [r.no, r.id]));
  const queueId = await queueNamed(h, '售前咨询');
  await recordCalls(h, calls(queueId, agent));
  return { h, agent, queueId };
}

describe.each(backends)('sampling periods of a week and a month ($name)', (backend) => {
  let h: TestApp;
  let agent: Record<string, string>;

  beforeAll(async () => {
    ({ h, agent } = await centerWithCalls(backend, (queueId, a) => [
      // Around January on the center's clock: m1 is January there though December in UTC, m3 February though January in UTC.
      ...answeredCall('m0', queueId, a['8002']!, shanghai(0, 31, 23, 50)),
      ...answeredCall('m1', queueId, a['8002']!, shanghai(1, 1, 0, 10)),
      ...answeredCall('m2', queueId, a['8002']!, shanghai(1, 31, 23, 40)),
      ...answeredCall('m3', queueId, a['8002']!, shanghai(2, 1, 0, 5)),
      // Around the week of Monday 2 February to Sunday 8 February.
      ...answeredCall('w0', queueId, a['8001']!, shanghai(2, 1, 23, 50)),
      ...answeredCall('w1', queueId, a['8001']!, shanghai(2, 2, 0, 10)),
      ...answeredCall('w2', queueId, a['8001']!, shanghai(2, 4, 10)),
      ...answeredCall('w3', queueId, a['8001']!, shanghai(2, 8, 23, 30)),
      ...answeredCall('w4', queueId, a['8001']!, shanghai(2, 9, 0, 10)),
    ]));
  });
  afterAll(() => h.close());

  const plan = async (sampling: object) => {
    const manager = await h.login('manager');
    const current = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json().sampling;
    const res = await h.call(manager, 'PATCH', '/api/v1/qa/settings', { sampling: { ...current, ...sampling } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const sample = async (date: string) => (await h.call(await h.login('qa1'), 'POST', '/api/v1/qa/queue/sample', { date })).json().added as number;
  const queued = async (agentId: string) =>
    ((await h.call(await h.login('manager'), 'GET', '/api/v1/qa/queue?open=false')).json() as QaQueueItem[])
      .filter((q) => q.agentId === agentId)
      .map((q) => q.callId)
      .sort();

  it('samples a month by the center’s calendar: from the 1st 00:00 to the last day’s midnight there, not UTC’s', async () => {
    await plan({ period: 'month', perAgent: 5 });
    expect(await sample('2026-01-20')).toBe(2);
    expect(await queued(agent['8002']!)).toEqual(['m1', 'm2']);
  });

  it('samples a week from Monday to Sunday, its quota once for the whole week, whichever day asks', async () => {
    await plan({ period: 'week', perAgent: 2 });
    expect(await sample('2026-02-05')).toBe(2);
    const first = await queued(agent['8001']!);
    expect(first).toHaveLength(2);
    expect(first.every((id) => ['w1', 'w2', 'w3'].includes(id))).toBe(true);
    // Asked again on the Sunday of the same week: its quota is met.
    expect(await sample('2026-02-08')).toBe(0);
    await plan({ perAgent: 3 });
    expect(await sample('2026-02-06')).toBe(1);
    expect(await queued(agent['8001']!)).toEqual(['w1', 'w2', 'w3']);
    // The next week is a period of its own.
    expect(await sample('2026-02-09')).toBe(1);
    expect(await queued(agent['8001']!)).toEqual(['w1', 'w2', 'w3', 'w4']);
  });
});

describe.each(backends)('the QA clock: scheduled sampling and deadlines, each hour ($name)', (backend) => {
  let h: TestApp;
  let agent: Record<string, string>;
  const rounds: QaRound[] = [];
  const errors: unknown[] = [];
  let wake = () => {};
  let stop = () => {};

  beforeAll(async () => {
    ({ h, agent } = await centerWithCalls(backend, (queueId, a) => [
      // Monday 5 January, before the test clock's 09:00: four calls of 8005 and one of 8001 to score.
      ...['r1', 'r2', 'r3', 'r4'].flatMap((id, i) => answeredCall(id, queueId, a['8005']!, shanghai(1, 5, 7, i * 30))),
      ...answeredCall('scored', queueId, a['8001']!, shanghai(1, 5, 8, 15)),
      // Tuesday 6 January.
      ...['t1', 't2', 't3'].flatMap((id, i) => answeredCall(id, queueId, a['8005']!, shanghai(1, 6, 10 + i))),
    ]));
    const done = () => {
      const w = wake;
      wake = () => {};
      w();
    };
    stop = startQaRounds({
      store: h.t.store,
      log: h.app.banzu.log,
      clock: h.clock,
      timer: h.clock.timer,
      onError: (err) => {
        errors.push(err);
        done();
      },
      onRound: (round) => {
        rounds.push(round);
        done();
      },
    });
  });
  afterAll(async () => {
    stop();
    await h.close();
  });

  /** Moves the clock on an hour at a time, each hour's round done before the next. */
  const hours = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const round = new Promise<void>((resolve) => {
        wake = resolve;
      });
      h.clock.advance(HOUR);
      await round;
    }
    expect(errors).toEqual([]);
  };
  const queued = async (agentId: string) =>
    ((await h.call(await h.login('manager'), 'GET', '/api/v1/qa/queue?open=false')).json() as QaQueueItem[]).filter((q) => q.agentId === agentId).map((q) => q.callId);
  const setPlan = async (patch: object) => {
    const manager = await h.login('manager');
    const current = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json();
    const res = await h.call(manager, 'PATCH', '/api/v1/qa/settings', { ...patch, sampling: { ...current.sampling, ...(patch as { sampling?: object }).sampling } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const status = async () =>
    (await h.t.store.query<{ status: string; confirmed_how: string | null }>(`SELECT status, confirmed_how FROM qa_evaluations WHERE call_id = 'scored'`))[0];

  it('samples today hour by hour, the quota growing with the day gone, and finishes the day in the midnight round', async () => {
    expect(h.clock.now()).toBe(shanghai(1, 5, 9));
    await setPlan({ acknowledgementDays: 1, sampling: { period: 'day', perAgent: 2, schedule: 'hourly' } });
    const qa = await h.login('qa1');
    const form = (
      await h.call(qa, 'POST', '/api/v1/qa/forms', { name: '评分表', sections: [{ name: '服务', items: [{ key: 'greeting', text: '开场白', points: 10 }] }] })
    ).json() as QaForm;
    const scored = await h.call(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'scored', formId: form.id, answers: [{ key: 'greeting' }] });
    expect(scored.json()).toMatchObject({ status: 'pending', dueAt: new Date(shanghai(1, 6, 9)).toISOString() });

    // 10:00 to 17:00: under half the day gone, one of the two calls (2 × 10/24 rounds to 1).
    await hours(8);
    expect(await queued(agent['8005']!)).toHaveLength(1);
    expect(rounds.at(-1)).toMatchObject({ at: shanghai(1, 5, 17), sampled: { date: '2026-01-05', added: 0 } });
    // 18:00: three quarters of the day, the second.
    await hours(1);
    expect(await queued(agent['8005']!)).toHaveLength(2);
    // Midnight's round closes Monday: the quota is met, the scored call is not sampled again.
    await hours(6);
    expect(rounds.at(-1)).toMatchObject({ at: shanghai(1, 6, 0), sampled: { date: '2026-01-05', added: 0 } });
    expect(await queued(agent['8005']!)).toHaveLength(2);
    expect(await queued(agent['8001']!)).toEqual([]);
  });

  it('confirms an evaluation in the round its deadline passes, with nobody opening QA, audited', async () => {
    await setPlan({ sampling: { schedule: 'nightly' } });
    await hours(8);
    expect(await status()).toEqual({ status: 'pending', confirmed_how: null });
    await hours(1);
    expect(rounds.at(-1)).toMatchObject({ at: shanghai(1, 6, 9), confirmed: 1 });
    expect(await status()).toEqual({ status: 'confirmed', confirmed_how: 'deadline' });
    expect(await h.t.store.query(`SELECT user_id FROM audit_log WHERE action = 'qa_deadline'`)).toEqual([{ user_id: null }]);
  });

  it('samples the day before in the 01:00 round when the plan says nightly, and not before', async () => {
    // Tuesday 09:00 to Wednesday 00:00: no round samples Tuesday yet.
    await hours(15);
    expect(rounds.slice(-15).every((r) => r.sampled === null)).toBe(true);
    expect((await queued(agent['8005']!)).filter((id) => id.startsWith('t'))).toEqual([]);
    await hours(1);
    expect(rounds.at(-1)).toMatchObject({ at: shanghai(1, 7, 1), sampled: { date: '2026-01-06', added: 2 } });
    expect((await queued(agent['8005']!)).filter((id) => id.startsWith('t'))).toHaveLength(2);
  });
});

describe.each(backends)('what picks a call: hung up on hold or in a transfer, keywords, and 优/中等/差 by confirmed scores ($name)', (backend) => {
  let h: TestApp;
  let agent: Record<string, string>;

  const e = (type: string, stream: string, at: number, payload: object) => ({ type, stream, at, payload }) as DomainEvent;
  /** A call answered by `agentId` at `start` (Shanghai, 5 January), ended by `endedBy` after what `middle` adds. */
  const call = (id: string, queueId: string, agentId: string, start: number, middle: (at: number) => DomainEvent[], endedBy = 'caller') => {
    const [arrived, queued, offered, answered] = answeredCall(id, queueId, agentId, start);
    // 40 s before the end, under the long-hold threshold: only how the call ended picks it.
    return [arrived!, queued!, offered!, answered!, ...middle(start + 150_000), e('call.ended', id, start + 190_000, { outcome: 'answered', endedBy, connected: true })];
  };

  beforeAll(async () => {
    ({ h, agent } = await centerWithCalls(backend, (queueId, a) => [
      // 8003 on Monday 5 January: one caller gone while held, one while a blind transfer rang 8004, one talking, one the agent put down while holding.
      ...call('held', queueId, a['8003']!, shanghai(1, 5, 8), (at) => [e('call.held', 'held', at, { agentId: a['8003'] })]),
      ...call('in-transfer', queueId, a['8003']!, shanghai(1, 5, 8, 10), (at) => [
        e('call.transferred', 'in-transfer', at, { mode: 'blind', fromAgentId: a['8003'], to: { agentId: a['8004'] } }),
        e('call.offered', 'in-transfer', at, { agentIds: [a['8004']], queueId: null, purpose: 'transfer', ringTimeoutSeconds: 20 }),
      ]),
      ...call('talking', queueId, a['8003']!, shanghai(1, 5, 8, 20), () => []),
      ...call('put-down', queueId, a['8003']!, shanghai(1, 5, 8, 30), (at) => [e('call.held', 'put-down', at, { agentId: a['8003'] })], 'agent'),
      // A call held and left like `held`, whose record was stored before records kept who ended a call.
      ...call('old-record', queueId, a['8006']!, shanghai(1, 5, 8), (at) => [e('call.held', 'old-record', at, { agentId: a['8006'] })]),
      ...answeredCall('old-plain', queueId, a['8006']!, shanghai(1, 5, 8, 5)),
      // The keyword call and an ordinary one of 8007.
      ...answeredCall('complaint-said', queueId, a['8007']!, shanghai(1, 5, 8)),
      ...answeredCall('quiet', queueId, a['8007']!, shanghai(1, 5, 8, 5)),
      // Scored in December: 8001 well, 8002 poorly, 8005 poorly but not yet confirmed; 8008 well but too long ago.
      ...['8001', '8002', '8005'].flatMap((no) => [1, 2, 3].flatMap((n) => answeredCall(`dec-${no}-${n}`, queueId, a[no]!, Date.UTC(2025, 11, 20 + n, 2)))),
      ...[1, 2, 3].flatMap((n) => answeredCall(`nov-8008-${n}`, queueId, a['8008']!, Date.UTC(2025, 10, 20 + n, 2))),
      // Four calls each on 6 January to sample.
      ...['8001', '8002', '8005', '8008'].flatMap((no) => [1, 2, 3, 4].flatMap((n) => answeredCall(`jan-${no}-${n}`, queueId, a[no]!, shanghai(1, 6, 7, n * 5)))),
    ]));
    await h.t.store.query(`UPDATE call_records SET record = record - 'endedBy' - 'endedIn' WHERE call_id = 'old-record'`);
  });
  afterAll(() => h.close());

  const settings = async (patch: (current: QaSettings) => Partial<QaSettings>) => {
    const manager = await h.login('manager');
    const current = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json() as QaSettings;
    const res = await h.call(manager, 'PATCH', '/api/v1/qa/settings', patch(current));
    expect(res.statusCode, res.body).toBe(200);
  };
  const sample = async (date: string) => (await h.call(await h.login('qa1'), 'POST', '/api/v1/qa/queue/sample', { date })).json().added as number;
  const queue = async () => (await h.call(await h.login('manager'), 'GET', '/api/v1/qa/queue?open=false')).json() as QaQueueItem[];
  const picked = async (no: string) =>
    Object.fromEntries(
      (await queue())
        .filter((q) => q.agentId === agent[no])
        .sort((a, b) => a.callId.localeCompare(b.callId))
        .map((q) => [q.callId, q.reasons]),
    );

  it('picks the calls whose caller hung up while held or while a transfer rang, saying so; not those ended talking, put down by the agent, or on records from before', async () => {
    await settings((s) => ({ sampling: { ...s.sampling, perAgent: 2 } }));
    // 8006's call in `old-record` was held too, but its record cannot say so: both of 8006's calls are random.
    await sample('2026-01-05');
    expect(await picked('8003')).toEqual({ held: ['abandon_after_answer'], 'in-transfer': ['transferred', 'abandon_after_answer'] });
    expect(Object.values(await picked('8006'))).toEqual([['random'], ['random']]);
    // The record keeps who ended the call and where the caller was: here the agent, holding.
    const [record] = await h.t.store.query<{ record: { endedBy: string; endedIn: string } }>(`SELECT record FROM call_records WHERE call_id = 'put-down'`);
    expect(record!.record).toMatchObject({ endedBy: 'agent', endedIn: 'hold' });
  });

  it('picks the call whose transcript has a keyword of the speech rules, saying 关键词', async () => {
    const qa = await h.login('qa1');
    const transcript = (text: string) => ({ segments: [{ startSeconds: 12, speaker: 'customer', text }] });
    expect((await h.call(qa, 'PUT', '/api/v1/qa/transcripts/complaint-said', transcript('你们再这样我就去投诉'))).statusCode).toBe(204);
    expect((await h.call(qa, 'PUT', '/api/v1/qa/transcripts/quiet', transcript('好的，谢谢'))).statusCode).toBe(204);
    await settings((s) => ({ sampling: { ...s.sampling, perAgent: 1 }, speechRules: [{ id: 'complaint', kind: 'keyword', phrases: ['投诉'], speaker: 'customer' }] }));
    await h.t.store.query(`DELETE FROM qa_queue WHERE agent_id = $1`, [agent['8007']]);
    await sample('2026-01-05');
    expect(await picked('8007')).toEqual({ 'complaint-said': ['keyword'] });
  });

  it('hears agents with good confirmed scores less and poor ones more, by the scores of the look-back window only', async () => {
    const qa = await h.login('qa1');
    const form = (
      await h.call(qa, 'POST', '/api/v1/qa/forms', { name: '分级评分表', sections: [{ name: '服务', items: [{ key: 'service', text: '服务质量', points: 100 }] }] })
    ).json() as QaForm;
    const score = async (callId: string, earned: number) => {
      const res = await h.call(qa, 'POST', '/api/v1/qa/evaluations', { callId, formId: form.id, answers: [{ key: 'service', earned }] });
      expect(res.statusCode, res.body).toBe(201);
    };
    // 8005's low scores wait for the agent's signature: they do not count yet, as in 监听分值.
    for (const n of [1, 2, 3]) await score(`dec-8005-${n}`, 50);
    await settings(() => ({ requireAcknowledgement: false }));
    for (const n of [1, 2, 3]) {
      await score(`dec-8001-${n}`, 95);
      await score(`dec-8002-${n}`, 60);
      await score(`nov-8008-${n}`, 98);
    }
    await settings((s) => ({ sampling: { ...s.sampling, perAgent: 2, tiers: { ...s.sampling.tiers, lookbackDays: 30, goodWeight: 0.5, poorWeight: 2 } } }));
    await sample('2026-01-06');
    const reasons = async (no: string) => Object.values(await picked(no));
    expect(await reasons('8001')).toEqual([['random', 'good_tier']]);
    expect(await reasons('8002')).toEqual([
      ['random', 'poor_tier'],
      ['random', 'poor_tier'],
      ['random', 'poor_tier'],
      ['random', 'poor_tier'],
    ]);
    expect(await reasons('8005')).toEqual([['random'], ['random']]);
    // 8008's scores are of calls 44 days and more before the period: 中等.
    expect(await reasons('8008')).toEqual([['random'], ['random']]);
  });
});
