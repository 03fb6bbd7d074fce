import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, type TestApp } from '../http/testing';

describe('a known customer calls in', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
  });
  afterAll(() => h.close());

  it('the call gets the customer’s VIP level, and the agent’s screen pop shows the profile', async () => {
    const [vip] = await h.t.store.query<{ id: string; name: string; n: string; level: number }>(
      `SELECT c.id, c.name, p.number_e164 AS n, coalesce(c.vip_level, cc.vip_level) AS level
       FROM customers c JOIN customer_classes cc ON cc.code = c.class_code JOIN customer_phones p ON p.customer_id = c.id
       WHERE c.team_id IS NULL AND p.kind = 'mobile' AND coalesce(c.vip_level, cc.vip_level) >= 5 ORDER BY c.external_id LIMIT 1`,
    );
    expect(vip).toBeDefined();
    const manager = await h.login('manager');
    await h.call(manager, 'POST', `/api/v1/customers/${vip!.id}/orders`, { orderNo: 'POP-1', product: '空调', orderedAt: '2026-01-01T02:00:00Z' });
    const agent = await h.login('8001');
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    const engine = h.app.floor!.engine;
    const national = vip!.n.slice(3);
    expect(engine.command({ type: 'switch.call_arrived', callId: 'vip-1', from: national, to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    expect(engine.router.call('vip-1')?.vipLevel).toBe(vip!.level);

    const pop = (await h.call(agent, 'GET', '/api/v1/desktop/calls/vip-1/screen-pop')).json();
    expect(pop.vipLevel).toBe(vip!.level);
    expect(pop.customer).toMatchObject({ id: vip!.id, name: vip!.name, vipLevel: vip!.level, phonesMasked: false });
    expect(pop.customer.recentOrders.map((o: { orderNo: string }) => o.orderNo)).toContain('POP-1');

    // The call rings in 客服一组: its leader sees the pop; another team's leader, or an agent it does
    // not ring for, gets the same 404 as for a call that does not exist.
    expect((await h.call(await h.login('leader1'), 'GET', '/api/v1/desktop/calls/vip-1/screen-pop')).statusCode).toBe(200);
    for (const username of ['leader2', '8005', '8002']) {
      const other = await h.call(await h.login(username), 'GET', '/api/v1/desktop/calls/vip-1/screen-pop');
      expect(other.statusCode, username).toBe(404);
      expect(other.body, username).not.toContain(national.slice(-4));
    }
  });

  it('routes the next call from a customer by the VIP level a leader has just set, without waiting for the periodic reload', async () => {
    const engine = h.app.floor!.engine;
    const manager = await h.login('manager');
    const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售后服务')!.id;
    const created = await h.call(manager, 'POST', '/api/v1/customers', { name: '赵六', phones: [{ number: '19955550001' }], classCode: 'ordinary' });
    expect(created.statusCode).toBe(201);
    engine.command({ type: 'switch.call_arrived', callId: 'vip-up-1', from: '19955550001', to: '4008001234', queueId, vipLevel: 0 });
    expect(engine.router.call('vip-up-1')?.vipLevel).toBe(0);

    expect((await h.call(manager, 'PATCH', `/api/v1/customers/${created.json().id}`, { vipLevel: 4 })).statusCode).toBe(200);
    engine.command({ type: 'switch.call_arrived', callId: 'vip-up-2', from: '19955550001', to: '4008001234', queueId, vipLevel: 0 });
    expect(engine.router.call('vip-up-2')?.vipLevel).toBe(4);

    // A new number replaces the old one: the old number is an ordinary caller again.
    expect((await h.call(manager, 'PATCH', `/api/v1/customers/${created.json().id}`, { phones: [{ number: '19955550002' }] })).statusCode).toBe(200);
    engine.command({ type: 'switch.call_arrived', callId: 'vip-up-3', from: '19955550001', to: '4008001234', queueId, vipLevel: 0 });
    engine.command({ type: 'switch.call_arrived', callId: 'vip-up-4', from: '+8619955550002', to: '4008001234', queueId, vipLevel: 0 });
    expect([engine.router.call('vip-up-3')?.vipLevel, engine.router.call('vip-up-4')?.vipLevel]).toEqual([0, 4]);
  });

  it('an unknown caller keeps the queue’s level and pops no customer', async () => {
    const engine = h.app.floor!.engine;
    const manager = await h.login('manager');
    const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售后服务')!.id;
    engine.command({ type: 'switch.call_arrived', callId: 'anon-1', from: '19912345678', to: '4008001234', queueId, vipLevel: 0 });
    expect(engine.router.call('anon-1')?.vipLevel).toBe(0);
    expect((await h.call(manager, 'GET', '/api/v1/desktop/calls/anon-1/screen-pop')).json().customer).toBeNull();
  });
});
