import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorCall } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import type { FloorEngine } from './engine';
import type { FloorFeed } from './feed';

interface Person {
  id: string;
  teamId: string;
  role: 'agent' | 'team_leader';
  token: string;
}

/** What the desktop and the wallboard are told while a call is consulted, missed or monitored (issue 20, items 3, 13, 14). */
describe('the live floor tells the desktop about consultations, missed calls and monitoring', () => {
  let h: TestApp;
  let engine: FloorEngine;
  let feed: FloorFeed;
  let a1: Person;
  let a2: Person;
  let a3: Person;
  let leader: Person;
  let manager: string;
  let queueId: string;

  const as = (who: Person, method: string, path: string, body?: unknown) => h.call(who.token, method, path, body);
  const feedSeq = () => feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).seq;
  const settle = async () => {
    const head = await h.app.banzu.log.head();
    for (let i = 0; i < 200 && feedSeq() < head; i++) await new Promise((r) => setTimeout(r, 10));
  };
  const view = (who: Person) => feed.snapshot({ userId: who.id, role: who.role, teamId: who.teamId }).state;
  const callOf = (who: Person, callId: string): FloorCall | undefined => view(who).calls.find((c) => c.callId === callId);

  async function person(username: string): Promise<Person> {
    const token = await h.login(username);
    const me = (await h.call(token, 'GET', '/api/v1/auth/me')).json() as { id: string; teamId: string; role: Person['role'] };
    return { id: me.id, teamId: me.teamId, role: me.role, token };
  }

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    engine = h.app.floor!.engine;
    feed = h.app.floor!.feed;
    [a1, a2, a3, leader] = (await Promise.all(['8001', '8002', '8003', 'leader1'].map(person))) as [Person, Person, Person, Person];
    manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
  });
  afterAll(() => h.close());

  it('shows the consultation while the colleague rings and once they answer; 挂断 then hands the caller over and the call ends', async () => {
    await as(a1, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    engine.command({ type: 'switch.call_arrived', callId: 'k-1', from: '13912345678', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    expect((await as(a1, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    await as(a2, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    expect((await as(a1, 'POST', '/api/v1/desktop/transfer', { mode: 'consult', to: { agentId: a2.id } })).statusCode).toBe(200);
    await settle();
    expect(callOf(a1, 'k-1')?.consult).toEqual({ agentId: a1.id, targetAgentId: a2.id, connected: false });
    expect(feed.agent(a2.id)?.status).toBe('ringing');

    expect((await as(a2, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    await settle();
    expect(callOf(a1, 'k-1')?.consult).toEqual({ agentId: a1.id, targetAgentId: a2.id, connected: true });
    expect(callOf(leader, 'k-1')?.consult?.connected).toBe(true);

    expect((await as(a1, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    await settle();
    expect(feed.agent(a1.id)?.status).toBe('wrap_up');
    expect(callOf(a2, 'k-1')).toMatchObject({ agentIds: [a2.id], consult: null });
    expect((await as(a2, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    await settle();
    expect(view(leader).calls.find((c) => c.callId === 'k-1')).toBeUndefined();
    expect(feed.agent(a2.id)?.status).toBe('wrap_up');
  });

  it('a cancelled consultation is over on the desktop and the colleague is ready again', async () => {
    // The center requires a disposition (its default) before ready.
    await as(a1, 'POST', '/api/v1/desktop/disposition', { callId: 'k-1', code: 'inquiry', finish: true });
    await as(a2, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' });
    engine.command({ type: 'switch.call_arrived', callId: 'k-2', from: '13912345679', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    await as(a1, 'POST', '/api/v1/desktop/answer');
    await as(a2, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    await as(a1, 'POST', '/api/v1/desktop/transfer', { mode: 'consult', to: { agentId: a2.id } });
    await settle();
    expect(callOf(a1, 'k-2')?.consult?.connected).toBe(false);
    expect((await as(a1, 'POST', '/api/v1/desktop/consult/cancel')).statusCode).toBe(200);
    await settle();
    expect(callOf(a1, 'k-2')?.consult).toBeNull();
    expect(feed.agent(a2.id)?.status).toBe('ready');
  });

  it("tells the agent's desktop of monitoring only when the center says so", async () => {
    const monitor = await as(leader, 'POST', '/api/v1/floor/calls/k-2/monitor', { mode: 'whisper' });
    expect(monitor.statusCode).toBe(200);
    await settle();
    expect(callOf(leader, 'k-2')?.monitors).toEqual([{ supervisorId: leader.id, mode: 'whisper' }]);
    expect(callOf(a1, 'k-2')?.monitors).toEqual([]);

    const changed = await h.call(manager, 'PATCH', '/api/v1/center', { announceMonitoring: true });
    expect(changed.json()).toMatchObject({ announceMonitoring: true });
    await h.app.floor!.reload();
    expect(callOf(a1, 'k-2')?.monitors).toEqual([{ supervisorId: leader.id, mode: 'whisper' }]);
    expect((await h.call(manager, 'PATCH', '/api/v1/center', { announceMonitoring: 'yes' })).statusCode).toBe(400);

    await as(leader, 'DELETE', '/api/v1/floor/calls/k-2/monitor');
    await settle();
    expect(callOf(a1, 'k-2')?.monitors).toEqual([]);
    await as(a1, 'POST', '/api/v1/desktop/hang-up');
    await as(a1, 'POST', '/api/v1/desktop/disposition', { callId: 'k-2', code: 'inquiry', finish: true });
    await as(a1, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' });
    await as(a2, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' });
    await settle();
  });

  it('a call that rings out makes the agent not ready as 未接来电 and alerts the team leader at once; nobody picks that reason by hand', async () => {
    expect(
      view(a3)
        .notReadyReasons.filter((r) => !r.system)
        .map((r) => r.code),
    ).not.toContain('no_answer');
    const byHand = await as(a3, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'no_answer' });
    expect(byHand.statusCode).toBe(400);
    expect(byHand.json().error.message).toContain('未接来电');
    expect(feed.agent(a3.id)?.status).toBe('logged_out');
    const forced = await as(leader, 'POST', `/api/v1/floor/agents/${a3.id}/state`, { status: 'not_ready', reason: 'no_answer' });
    expect(forced.statusCode).toBe(400);

    await as(a3, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    engine.command({ type: 'switch.call_arrived', callId: 'k-3', from: '13912345670', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    expect(feed.agent(a3.id)?.status).toBe('ringing');
    h.clock.advance(30_000);
    await settle();
    expect(feed.agent(a3.id)).toMatchObject({ status: 'not_ready', notReadyReason: 'no_answer' });
    expect(view(leader).alerts).toContainEqual(expect.objectContaining({ kind: 'missed_call', subjectId: a3.id }));
    // Another team's leader is not told.
    const other = await person('leader2');
    expect(view(other).alerts.some((a) => a.kind === 'missed_call')).toBe(false);

    await as(a3, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    await settle();
    expect(view(leader).alerts.some((a) => a.kind === 'missed_call')).toBe(false);
  });

  it('refuses what the desk cannot do in Chinese, and in English when the console asks for it', async () => {
    const english = (who: Person, path: string, body: unknown) =>
      h.app.inject({ method: 'POST', url: `${path}?lang=en`, headers: { authorization: `Bearer ${who.token}` }, payload: body as object });
    const consult = { mode: 'consult', to: { queueId } };
    const zh = await as(a1, 'POST', '/api/v1/desktop/transfer', consult);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe('咨询转接只能转给座席，转到队列请用直接转接');
    expect((await english(a1, '/api/v1/desktop/transfer', consult)).json().error.message).toBe('a consult transfer goes to an agent; transfer to a queue directly');
    expect((await as(a1, 'POST', '/api/v1/desktop/state', { status: 'not_ready' })).json().error.message).toBe('示忙需要选择一个原因');
    expect((await as(a1, 'POST', '/api/v1/desktop/answer')).json().error.message).toBe('当前没有呼入你的来电');
    const otherTeam = (await h.call(manager, 'GET', '/api/v1/users')).json() as { id: string; role: string; teamId: string | null }[];
    const stranger = otherTeam.find((u) => u.role === 'agent' && u.teamId !== leader.teamId)!;
    const refused = await as(leader, 'POST', `/api/v1/floor/agents/${stranger.id}/state`, { status: 'ready' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('该座席不在你的班组');
    expect((await english(leader, `/api/v1/floor/agents/${stranger.id}/state`, { status: 'ready' })).json().error.message).toBe('that agent is not on your team');
    // The router's own refusals were catalogued already: a ringing-out hang-up with no call.
    expect((await english(a1, '/api/v1/desktop/hang-up', {})).json().error.message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('alerts the team leader to a call talked and held past the center’s limit (长通话), counted from the answer', async () => {
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { alertThresholds: { callSeconds: 120 } })).statusCode).toBe(200);
    await as(a2, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    engine.command({ type: 'switch.call_arrived', callId: 'long-1', from: '13912345679', to: '4008001234', queueId, vipLevel: 0 });
    await settle();
    expect(feed.agent(a2.id)?.status).toBe('ringing');
    await as(a2, 'POST', '/api/v1/desktop/answer');
    await settle();
    h.clock.advance(60_000);
    await as(a2, 'POST', '/api/v1/desktop/hold');
    await settle();
    expect(view(leader).alerts.some((a) => a.kind === 'long_call')).toBe(false);
    // A hold does not start the count again: two minutes after the answer the leader is told.
    h.clock.advance(61_000);
    await as(a2, 'POST', '/api/v1/desktop/retrieve');
    await settle();
    expect(view(leader).alerts).toContainEqual(expect.objectContaining({ kind: 'long_call', subjectId: a2.id }));
    expect(view(await person('leader2')).alerts.some((a) => a.kind === 'long_call')).toBe(false);
    await as(a2, 'POST', '/api/v1/desktop/hang-up');
    await settle();
    expect(view(leader).alerts.some((a) => a.kind === 'long_call')).toBe(false);
  });
});
