import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** The center requires a disposition for inbound calls (its default): wrap-up does not end without one. */
describe('a wrap-up whose disposition the center requires', () => {
  let h: TestApp;
  let agent: string;
  let agentId: string;
  let manager: string;
  let queueId: string;
  let calls = 0;
  const feedAgent = () => h.app.floor!.feed.agent(agentId)!;
  const settle = async () => {
    const head = await h.app.banzu.log.head();
    const seq = () => h.app.floor!.feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).seq;
    for (let i = 0; i < 200 && seq() < head; i++) await new Promise((r) => setTimeout(r, 10));
  };

  /** A call to the agent, answered, talked 30 s and hung up: the agent is in wrap-up (15 s by default). */
  async function callEnded(): Promise<string> {
    const callId = `d-${++calls}`;
    h.app.floor!.engine.command({ type: 'switch.call_arrived', callId, from: '13912345678', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    const answered = await h.call(agent, 'POST', '/api/v1/desktop/answer');
    expect(answered.statusCode, answered.body).toBe(200);
    h.clock.advance(30_000);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    await settle();
    return callId;
  }

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    agent = await h.login('8001');
    agentId = ((await h.call(agent, 'GET', '/api/v1/auth/me')).json() as { id: string }).id;
    manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
  });
  afterAll(() => h.close());

  it('goes on past its time, refuses ready in Chinese, offers no call, and ends when the disposition is saved', async () => {
    const callId = await callEnded();
    expect(feedAgent()).toMatchObject({ status: 'wrap_up', callId, dispositionDue: true });
    h.clock.advance(60_000);
    await settle();
    expect(feedAgent()).toMatchObject({ status: 'wrap_up', dispositionDue: true });

    const refused = await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'disposition_required', message: '请先保存本次通话的处理结果，才能置闲' });
    expect((await h.call(agent, 'POST', '/api/v1/desktop/wrap-up/finish')).statusCode).toBe(409);
    // In English for a user who reads the console in English.
    const english = await h.app.inject({
      method: 'POST',
      url: '/api/v1/desktop/wrap-up/finish',
      headers: { authorization: `Bearer ${agent}`, 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe('save the disposition of the call before going ready');

    h.app.floor!.engine.command({ type: 'switch.call_arrived', callId: 'waiting', from: '13900000000', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    expect(feedAgent().status).toBe('wrap_up');

    expect((await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId, code: 'inquiry' })).statusCode).toBe(200);
    await settle();
    // Saved after the time ran out: the wrap-up ends at once, and the waiting caller rings.
    expect(feedAgent()).toMatchObject({ status: 'ringing', callId: 'waiting', dispositionDue: false });
    expect((await h.call(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    await settle();
    expect((await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId: 'waiting', code: 'resolved', finish: true })).statusCode).toBe(200);
    await settle();
    expect(feedAgent().status).toBe('ready');
  });

  it('tells the desktop as soon as the disposition is saved within the time, and ends at the time', async () => {
    const callId = await callEnded();
    expect((await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId, code: 'order' })).statusCode).toBe(200);
    await settle();
    expect(feedAgent()).toMatchObject({ status: 'wrap_up', dispositionDue: false });
    const live = h.app.floor!.feed.snapshot({ userId: agentId, role: 'agent', teamId: feedAgent().teamId }).state.agents.find((a) => a.agentId === agentId);
    expect(live?.dispositionDue).toBe(false);
    h.clock.advance(16_000);
    await settle();
    expect(feedAgent().status).toBe('ready');
  });

  it('lets the team leader end it by force', async () => {
    await callEnded();
    h.clock.advance(20_000);
    const leader = await h.login('leader1');
    expect((await h.call(leader, 'POST', `/api/v1/floor/agents/${agentId}/state`, { status: 'ready' })).statusCode).toBe(200);
    await settle();
    expect(feedAgent()).toMatchObject({ status: 'ready', dispositionDue: false });
  });

  it('is not asked for once the manager turns the requirement off', async () => {
    const bad = await h.call(manager, 'PATCH', '/api/v1/center/settings', { dispositionRequired: { inbound: 'yes' } });
    expect(bad.statusCode).toBe(400);
    // Validation reads in the user's language too: Zod's words in Chinese by default.
    expect(bad.json().error.message).toBe('body.dispositionRequired.inbound: 无效输入：应为 boolean');
    const english = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/center/settings',
      headers: { authorization: `Bearer ${manager}`, 'accept-language': 'en' },
      payload: { dispositionRequired: { inbound: 'yes' }, overheadRate: -1 },
    });
    expect(
      english
        .json()
        .error.details.map((i: { message: string }) => i.message)
        .sort(),
    ).toEqual(['Invalid input: expected boolean, received string', 'Too small: expected number to be >=0']);
    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', { dispositionRequired: { inbound: false } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().dispositionRequired).toEqual({ inbound: false, outbound: false });
    await callEnded();
    expect(feedAgent()).toMatchObject({ status: 'wrap_up', dispositionDue: false });
    h.clock.advance(16_000);
    await settle();
    expect(feedAgent().status).toBe('ready');
  });
});
