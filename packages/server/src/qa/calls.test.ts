import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaCallDetail, QaPickableCall } from '@banzu/contract';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { at, recordCalls } from './testing';

const DAY = 86_400_000;

describe('a call as the inspector scores it: its facts and the screen pop beside the player', () => {
  let h: TestApp;
  let customer: { id: string; name: string; number: string };

  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    [customer] = (await h.t.store.query<{ id: string; name: string; number: string }>(
      `SELECT c.id, c.name, p.number_e164 AS number FROM customers c JOIN customer_phones p ON p.customer_id = c.id
       WHERE c.team_id IS NULL AND p.kind = 'mobile' ORDER BY c.external_id LIMIT 1`,
    )) as [{ id: string; name: string; number: string }];
    const [agent] = await h.t.store.query<{ id: string }>(`SELECT user_id AS id FROM agents WHERE employee_no = '8001'`);
    const [queue] = await h.t.store.query<{ id: string }>(`SELECT id FROM queues WHERE name = '售前咨询'`);
    const call = (id: string, start: number, extra: DomainEvent[] = []): DomainEvent[] => {
      const e = (type: string, t: number, payload: object) => ({ type, stream: id, at: t, payload }) as DomainEvent;
      return [
        e('call.arrived', start, { direction: 'inbound', from: customer.number, to: '4008001234', queueId: queue!.id, vipLevel: 0 }),
        e('call.queued', start, { queueId: queue!.id, position: 1, vipLevel: 0, placeAt: start, seq: 1, via: 'arrival', callback: false }),
        e('call.offered', start + 5_000, { agentIds: [agent!.id], queueId: queue!.id, purpose: 'queue', ringTimeoutSeconds: 20 }),
        e('call.answered', start + 12_000, { agentId: agent!.id, queueId: queue!.id, purpose: 'queue', recorded: true }),
        e('call.ended', start + 192_000, { outcome: 'answered', endedBy: 'caller', connected: true }),
        ...extra.map((x) => ({ ...x, stream: id })),
      ];
    };
    await recordCalls(h, [
      ...call('earlier', at(9)),
      ...call('scored', at(10), [
        { type: 'call.disposition_set', stream: '', at: at(10, 4), payload: { agentId: agent!.id, code: 'inquiry' } } as DomainEvent,
        { type: 'call.note_added', stream: '', at: at(10, 4), payload: { agentId: agent!.id, note: '客户询问空调安装时间' } } as DomainEvent,
      ]),
      // The day before, a withheld caller hangs up while held.
      ...[
        ['call.arrived', 0, { direction: 'inbound', from: null, to: '4008001234', queueId: queue!.id, vipLevel: 0 }],
        ['call.queued', 0, { queueId: queue!.id, position: 1, vipLevel: 0, placeAt: at(9) - DAY, seq: 2, via: 'arrival', callback: false }],
        ['call.offered', 5_000, { agentIds: [agent!.id], queueId: queue!.id, purpose: 'queue', ringTimeoutSeconds: 20 }],
        ['call.answered', 12_000, { agentId: agent!.id, queueId: queue!.id, purpose: 'queue', recorded: true }],
        ['call.held', 60_000, { agentId: agent!.id }],
        ['call.ended', 180_000, { outcome: 'answered', endedBy: 'caller', connected: true }],
      ].map(([type, after, payload]) => ({ type, stream: 'gave-up-on-hold', at: at(9) - DAY + (after as number), payload }) as DomainEvent),
    ]);
  });
  afterAll(() => h.close());

  it('shows QA the facts, the disposition and notes, the customer and the earlier calls, with numbers masked', async () => {
    const res = await h.call(await h.login('qa1'), 'GET', '/api/v1/qa/calls/scored');
    expect(res.statusCode, res.body).toBe(200);
    const detail: QaCallDetail = res.json();
    expect(detail).toMatchObject({
      callId: 'scored',
      direction: 'inbound',
      queueName: '售前咨询',
      employeeNo: '8001',
      waitSeconds: 12,
      talkSeconds: 180,
      holdSeconds: 0,
      transfers: 0,
      disposition: 'inquiry',
      notes: ['客户询问空调安装时间'],
      previousCalls: [{ callId: 'earlier', outcome: 'answered' }],
      tickets: [],
    });
    expect(detail.from).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(detail.customer).toMatchObject({ id: customer.id, name: customer.name, phonesMasked: true });
    expect(detail).toMatchObject({ endedBy: 'caller', endedIn: 'talk' });
    // A manager sees the whole number.
    expect((await h.call(await h.login('manager'), 'GET', '/api/v1/qa/calls/scored')).json().from).toBe(customer.number);
  });

  it('says who hung up, and that a caller left while held: the calls 保持/转接中挂机 picks', async () => {
    const detail: QaCallDetail = (await h.call(await h.login('qa1'), 'GET', '/api/v1/qa/calls/gave-up-on-hold')).json();
    expect(detail).toMatchObject({ endedBy: 'caller', endedIn: 'hold', talkSeconds: 48, holdSeconds: 120 });
  });

  it('lists the day’s recorded calls a leader may pick to score: the own team’s, newest first, with the evaluation already made', async () => {
    const leaders = await h.t.store.query<{ username: string; mine: boolean }>(
      `SELECT username, team_id = (SELECT team_id FROM users WHERE id = (SELECT user_id FROM agents WHERE employee_no = '8001')) AS mine FROM users WHERE role = 'team_leader' ORDER BY username`,
    );
    const own = await h.login(leaders.find((l) => l.mine)!.username);
    const list: QaPickableCall[] = (await h.call(own, 'GET', '/api/v1/qa/calls?date=2026-01-05')).json();
    expect(list.map((c) => [c.callId, c.employeeNo, c.talkSeconds, c.queueName, c.evaluationId])).toEqual([
      ['scored', '8001', 180, '售前咨询', null],
      ['earlier', '8001', 180, '售前咨询', null],
    ]);
    expect(list[0]!.from).toBe(customer.number);
    const form = (
      await h.call(await h.login('qa1'), 'POST', '/api/v1/qa/forms', { name: '组长抽听', sections: [{ name: '服务', items: [{ key: 'greeting', text: '开场白', points: 10 }] }] })
    ).json();
    // The leader scores the picked call of the own team.
    expect((await h.call(own, 'POST', '/api/v1/qa/evaluations', { callId: 'scored', formId: form.id, answers: [{ key: 'greeting' }] })).statusCode).toBe(201);
    const after: QaPickableCall[] = (await h.call(await h.login('qa1'), 'GET', '/api/v1/qa/calls?date=2026-01-05')).json();
    expect(after.find((c) => c.callId === 'scored')!.evaluationId).toEqual(expect.any(String));
    expect(after[0]!.from).toMatch(/\*{4}/);
    // Another team's leader sees none of them; another day has none; a bad date is a 400.
    expect((await h.call(await h.login(leaders.find((l) => !l.mine)!.username), 'GET', '/api/v1/qa/calls?date=2026-01-05')).json()).toEqual([]);
    expect((await h.call(own, 'GET', '/api/v1/qa/calls?date=2026-01-06')).json()).toEqual([]);
    expect((await h.call(own, 'GET', '/api/v1/qa/calls?date=2026-13-01')).statusCode).toBe(400);
  });

  it('is the scorers’ only, within their scope: another team’s leader and agents get a 403 or 404, an unknown call a 404', async () => {
    const leaders = await h.t.store.query<{ username: string }>(
      `SELECT u.username FROM users u WHERE u.role = 'team_leader' AND u.team_id = (SELECT team_id FROM users WHERE id = (SELECT user_id FROM agents WHERE employee_no = '8001')) LIMIT 1`,
    );
    const own = leaders[0]!.username;
    const other = own === 'leader1' ? 'leader2' : 'leader1';
    expect((await h.call(await h.login(own), 'GET', '/api/v1/qa/calls/scored')).statusCode).toBe(200);
    const hidden = await h.call(await h.login(other), 'GET', '/api/v1/qa/calls/scored');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('scored') });
    expect((await h.call(await h.login('8001'), 'GET', '/api/v1/qa/calls/scored')).statusCode).toBe(403);
    expect((await h.call(await h.login('qa1'), 'GET', '/api/v1/qa/calls/no-such-call')).statusCode).toBe(404);
  });

  it('names a call it cannot find in the user’s language: Chinese by default, English with ?lang=en', async () => {
    const qa = await h.login('qa1');
    expect((await h.call(qa, 'GET', '/api/v1/qa/calls/no-such-call')).json().error.message).toBe('找不到通话 no-such-call');
    expect((await h.call(qa, 'GET', '/api/v1/qa/calls/no-such-call?lang=en')).json().error.message).toBe('call no-such-call not found');
  });
});
