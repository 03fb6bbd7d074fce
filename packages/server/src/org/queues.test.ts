import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { isOpen } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { queueConfig } from './queues';

const basics = { requiredSkills: [], slThresholdSeconds: 20, slTarget: 0.8 };

describe.each(backends)('queue routing settings ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let agents: string[];
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    agents = (await h.t.store.query<{ user_id: string }>('SELECT user_id FROM agents ORDER BY employee_no LIMIT 2')).map((r) => r.user_id);
  });
  afterAll(() => h.close());

  const create = (name: string, routing?: unknown) => h.call(manager, 'POST', '/api/v1/queues', { name, ...basics, ...(routing === undefined ? {} : { routing }) });

  it('round-trips every setting through the API, and PATCH replaces them as a whole', async () => {
    const other = (await create('转接目标')).json() as { id: string; routing: unknown };
    expect(other.routing).toEqual({});
    const routing = {
      strategy: 'linear',
      ringTimeoutSeconds: 20,
      wrapUpSeconds: 30,
      maxWrapUpExtensionSeconds: 60,
      maxWait: { seconds: 120, action: { kind: 'queue', queueId: other.id } },
      maxLength: { calls: 50, action: { kind: 'voicemail', mailbox: 'sales' } },
      noAgentsAction: { kind: 'callback' },
      hours: { hours: { mon: [['09:00', '18:00']], sat: [['10:00', '12:00']] }, holidays: ['2026-10-01'] },
      afterHoursAction: { kind: 'forward', number: '+86-138-0000-0000' },
      widening: [{ afterSeconds: 45, minLevelDrop: 1 }],
      agents: [agents[1], agents[0]],
      announceEverySeconds: 60,
      expectedHandleSeconds: 240,
      record: false,
    };
    const created = await create('全设置', routing);
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await h.call(manager, 'GET', `/api/v1/queues/${id}`)).json().routing).toEqual(routing);
    const patched = await h.call(manager, 'PATCH', `/api/v1/queues/${id}`, { routing: { strategy: 'ring_all' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().routing).toEqual({ strategy: 'ring_all' });
    expect(patched.json().name).toBe('全设置');
  });

  it('gives a queue the numbers callers dial, each reaching one queue only', async () => {
    const sales = (await h.call(manager, 'POST', '/api/v1/queues', { name: '拨号销售', ...basics, inboundNumbers: ['4008009001', '+864008009001'] })).json() as { id: string };
    expect((await h.call(manager, 'GET', `/api/v1/queues/${sales.id}`)).json().inboundNumbers).toEqual(['+864008009001', '4008009001']);
    const taken = await h.call(manager, 'POST', '/api/v1/queues', { name: '拨号服务', ...basics, inboundNumbers: ['4008009001'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('号码已接入其他队列：4008009001 → 拨号销售');
    const bad = await h.call(manager, 'PATCH', `/api/v1/queues/${sales.id}`, { inboundNumbers: ['400-800'] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('inboundNumbers');
    const moved = await h.call(manager, 'PATCH', `/api/v1/queues/${sales.id}`, { inboundNumbers: ['4008009002'] });
    expect(moved.json().inboundNumbers).toEqual(['4008009002']);
    expect((await h.call(manager, 'POST', '/api/v1/queues', { name: '拨号服务', ...basics, inboundNumbers: ['4008009001'] })).statusCode).toBe(201);
    const listed = (await h.call(manager, 'GET', '/api/v1/queues')).json() as { name: string; inboundNumbers: string[] }[];
    expect(listed.find((q) => q.name === '拨号服务')?.inboundNumbers).toEqual(['4008009001']);
  });

  it('answers 400 naming the field for settings outside their range or shape', async () => {
    const { id } = (await create('校验')).json() as { id: string };
    const cases: [unknown, string][] = [
      [{ ringTimeoutSeconds: 0 }, 'routing.ringTimeoutSeconds'],
      [{ strategy: 'fastest' }, 'routing.strategy'],
      [{ maxWait: { seconds: 60, action: { kind: 'forward', number: 'call me' } } }, 'routing.maxWait.action.number'],
      [{ hours: { hours: { mon: [['18:00', '09:00']] } } }, 'routing.hours.hours.mon'],
      [{ widening: [{ afterSeconds: 30, minLevelDrop: 9 }] }, 'routing.widening.0.minLevelDrop'],
      [{ agents: ['nobody'] }, 'routing.agents'],
    ];
    for (const [routing, field] of cases) {
      const res = await h.call(manager, 'PATCH', `/api/v1/queues/${id}`, { routing });
      expect(res.statusCode, JSON.stringify(routing)).toBe(400);
      expect(`${res.json().error.message} ${JSON.stringify(res.json().error.details)}`).toContain(field);
    }
    expect((await h.call(manager, 'GET', `/api/v1/queues/${id}`)).json().routing).toEqual({});
  });

  it('refuses, with the router’s reason, actions naming an unknown queue and overflow rules that loop', async () => {
    const unknown = await create('未知目标', { maxWait: { seconds: 60, action: { kind: 'queue', queueId: 'no-such-queue' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('队列“未知目标”的规则把来电转到了不存在的队列 no-such-queue');

    const a = (await create('环A')).json() as { id: string };
    const b = (await create('环B', { noAgentsAction: { kind: 'queue', queueId: a.id } })).json() as { id: string };
    const loop = await h.call(manager, 'PATCH', `/api/v1/queues/${a.id}`, { routing: { maxLength: { calls: 5, action: { kind: 'queue', queueId: b.id } } } });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toMatch(/^队列“环[AB]”的溢出规则经过队列“环[AB]”又转回原处，来电会无限循环$/);

    // B's rule sends calls to A: A cannot go while B counts on it.
    expect((await h.call(manager, 'DELETE', `/api/v1/queues/${a.id}`)).statusCode).toBe(409);
    expect((await h.call(manager, 'DELETE', `/api/v1/queues/${b.id}`)).statusCode).toBe(204);
    expect((await h.call(manager, 'DELETE', `/api/v1/queues/${a.id}`)).statusCode).toBe(204);
  });

  it('takes a queue out of service and back: closed at all hours for the router, refused as another queue’s overflow target', async () => {
    const target = (await create('停用目标')).json() as { id: string; disabled: boolean };
    expect(target.disabled).toBe(false);
    const source = (await create('溢出来源', { maxWait: { seconds: 60, action: { kind: 'queue', queueId: target.id } } })).json() as { id: string };
    // Another queue overflows into it: that one changes first.
    const refused = await h.call(manager, 'PATCH', `/api/v1/queues/${target.id}`, { disabled: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('队列“溢出来源”的溢出规则会把来电转到这里，请先修改该队列再停用');
    expect((await h.call(manager, 'PATCH', `/api/v1/queues/${source.id}`, { routing: {} })).statusCode).toBe(200);
    const disabled = await h.call(manager, 'PATCH', `/api/v1/queues/${target.id}`, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, name: '停用目标' });
    // Nor can a queue start sending calls to it; in English when asked.
    const into = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/queues/${source.id}?lang=en`,
      headers: { authorization: `Bearer ${manager}` },
      payload: { routing: { noAgentsAction: { kind: 'queue', queueId: target.id } } },
    });
    expect(into.statusCode).toBe(400);
    expect(into.json().error.message).toBe('the queue 停用目标 is out of service: calls cannot overflow into it');
    const stored = (await h.call(manager, 'GET', `/api/v1/queues/${target.id}`)).json();
    const config = queueConfig(stored, 'Asia/Shanghai', agents);
    // Monday 10:00 in Shanghai, inside any center's hours: closed all the same.
    expect(isOpen(config.hours!, Date.parse('2026-03-02T02:00:00Z'))).toBe(false);
    const enabled = await h.call(manager, 'PATCH', `/api/v1/queues/${target.id}`, { disabled: false });
    expect(enabled.json().disabled).toBe(false);
    expect(queueConfig(enabled.json(), 'Asia/Shanghai', agents).hours).toBeUndefined();
  });

  it('lets only managers and admins change routing', async () => {
    const leader = await h.login('leader1');
    const { id } = (await create('权限')).json() as { id: string };
    expect((await h.call(leader, 'PATCH', `/api/v1/queues/${id}`, { routing: { wrapUpSeconds: 0 } })).statusCode).toBe(403);
  });
});
