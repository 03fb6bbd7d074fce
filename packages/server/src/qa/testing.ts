import { expect } from 'vitest';
import type { DomainEvent } from '@banzu/core';
import type { TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';

/** 2026-01-05 (a Monday, the test clock's day) at a Shanghai wall-clock time. */
export const at = (h: number, m = 0) => Date.UTC(2026, 0, 5, h - 8, m);

/** An inbound call to `queueId` answered by `agentId` and recorded, talking `talkMinutes` (3 unless told), from `from`. */
export function answeredCall(id: string, queueId: string, agentId: string, start: number, { talkMinutes = 3, from = '+8613800000001' } = {}): DomainEvent[] {
  const e = (type: string, t: number, payload: object) => ({ type, stream: id, at: t, payload }) as DomainEvent;
  return [
    e('call.arrived', start, { direction: 'inbound', from, to: '4008001234', queueId, vipLevel: 0 }),
    e('call.queued', start, { queueId, position: 1, vipLevel: 0, placeAt: start, seq: 1, via: 'arrival', callback: false }),
    e('call.offered', start + 5_000, { agentIds: [agentId], queueId, purpose: 'queue', ringTimeoutSeconds: 20 }),
    e('call.answered', start + 10_000, { agentId, queueId, purpose: 'queue', recorded: true }),
    e('call.ended', start + 10_000 + talkMinutes * 60_000, { outcome: 'answered', endedBy: 'caller', connected: true }),
  ];
}

/**
 * Puts calls in the test center's call records (the reports projection reads them from the log), so
 * QA can sample, score and calibrate them.
 *
 * @example
 * await recordCalls(h, answeredCall('c1', await queueNamed(h, '售前咨询'), (await agentIds(h))['8001']!, at(9)));
 */
export async function recordCalls(h: TestApp, events: DomainEvent[]): Promise<void> {
  const runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
  runner.start();
  await h.app.banzu.log.append(events);
  await runner.caughtUp(await h.app.banzu.log.head());
  await runner.stop();
}

/** The id of the test center's queue of that name (售前咨询 …). */
export async function queueNamed(h: TestApp, name: string): Promise<string> {
  const [row] = await h.t.store.query<{ id: string }>('SELECT id FROM queues WHERE name = $1', [name]);
  if (!row) throw new Error(`no queue ${name}`);
  return row.id;
}

/** The user ids of logins (agents by 工号, the rest by username), keyed by the login. */
export async function userIds(h: TestApp, logins: string[]): Promise<Record<string, string>> {
  const rows = await h.t.store.query<{ login: string; id: string }>(
    `SELECT coalesce(a.employee_no, u.username) AS login, u.id FROM users u LEFT JOIN agents a ON a.user_id = u.id
     WHERE u.username = ANY($1::text[]) OR a.employee_no = ANY($1::text[])`,
    [logins],
  );
  return Object.fromEntries(rows.map((r) => [r.login, r.id]));
}

/**
 * A request whose status the test expects, answering the body: `json(token, 'POST', url, body, 201)`.
 * The body is in the failure's message, so a refusal says why.
 */
export function expectJson(h: () => TestApp) {
  return async <T>(token: string, method: string, url: string, body?: object, status = 200): Promise<T> => {
    const res = await h().call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
}

/** The scoring sheet QA tests score with: two items and a fatal one (泄露客户信息). */
export const serviceForm = {
  name: '服务质量评分表',
  sections: [
    {
      name: '服务',
      items: [
        { key: 'greeting', text: '标准开场白', points: 10 },
        { key: 'accuracy', text: '解答准确', points: 30 },
        { key: 'privacy', text: '泄露客户信息', points: 10, fatal: true },
      ],
    },
  ],
};
