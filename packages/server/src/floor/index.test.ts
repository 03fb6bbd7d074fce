import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import type { FloorEngine } from './engine';
import type { FloorFeed } from './feed';

interface Person {
  id: string;
  teamId: string;
  token: string;
}

describe('the floor: an agent takes a call at the desktop while the team leader watches', () => {
  let h: TestApp;
  let engine: FloorEngine;
  let feed: FloorFeed;
  let agent: Person;
  let leader: Person;
  let otherLeader: Person;
  let queueId: string;

  const as = (who: Person, method: string, path: string, body?: unknown) => h.call(who.token, method, path, body);
  const settle = async () =>
    h.app.banzu.log.head().then(async (head) => {
      for (let i = 0; i < 100 && feedSeq() < head; i++) await new Promise((r) => setTimeout(r, 10));
    });
  const feedSeq = () => feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).seq;

  async function person(username: string): Promise<Person> {
    const token = await h.login(username);
    const me = (await h.call(token, 'GET', '/api/v1/auth/me')).json() as { id: string; teamId: string };
    return { id: me.id, teamId: me.teamId, token };
  }

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    const floor = h.app.floor!;
    engine = floor.engine;
    feed = floor.feed;
    agent = await person('8001');
    leader = await person('leader1');
    otherLeader = await person('leader2');
    const manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
  });
  afterAll(() => h.close());

  it('logs the agent in as ready; a not-ready request without a reason is refused and changes nothing', async () => {
    const bad = await as(agent, 'POST', '/api/v1/desktop/state', { status: 'not_ready' });
    expect(bad.statusCode).toBe(400);
    expect(feed.agent(agent.id)?.status).toBe('logged_out');
    expect((await as(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    await settle();
    expect(feed.agent(agent.id)?.status).toBe('ready');
  });

  it('offers an arriving call to the ready agent, pops the caller, and follows answer, hold and hang-up', async () => {
    expect(engine.command({ type: 'switch.call_arrived', callId: 'c-1', from: '13912345678', to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    await settle();
    expect(feed.agent(agent.id)).toMatchObject({ status: 'ringing', callId: 'c-1' });
    const pop = await as(agent, 'GET', '/api/v1/desktop/calls/c-1/screen-pop');
    expect(pop.json()).toMatchObject({ callId: 'c-1', from: '13912345678', previousCalls: [] });

    expect((await as(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    const again = await as(agent, 'POST', '/api/v1/desktop/answer');
    expect(again.statusCode).toBe(409);
    expect((await as(agent, 'POST', '/api/v1/desktop/hold')).statusCode).toBe(200);
    expect((await as(agent, 'POST', '/api/v1/desktop/retrieve')).statusCode).toBe(200);
    await settle();
    expect(feed.agent(agent.id)?.status).toBe('talking');

    const leaderView = feed.snapshot({ userId: leader.id, role: 'team_leader', teamId: leader.teamId }).state;
    expect(leaderView.calls.map((c) => c.callId)).toContain('c-1');
    expect(leaderView.agents.every((a) => a.teamId === leader.teamId)).toBe(true);
    const otherView = feed.snapshot({ userId: otherLeader.id, role: 'team_leader', teamId: otherLeader.teamId } satisfies Actor).state;
    expect(otherView.calls).toEqual([]);
    expect(otherView.agents.some((a) => a.agentId === agent.id)).toBe(false);

    expect((await as(leader, 'POST', '/api/v1/floor/calls/c-1/monitor', { mode: 'listen' })).statusCode).toBe(200);
    expect((await as(otherLeader, 'POST', '/api/v1/floor/calls/c-1/monitor', { mode: 'barge' })).statusCode).toBe(403);
    expect((await as(leader, 'POST', `/api/v1/floor/agents/${agent.id}/messages`, { text: '注意语速' })).statusCode).toBe(201);

    expect((await as(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    await settle();
    expect(feed.agent(agent.id)?.status).toBe('wrap_up');
    const saved = await as(agent, 'POST', '/api/v1/desktop/disposition', { callId: 'c-1', code: 'inquiry', note: '询问价格', finish: true });
    expect(saved.statusCode).toBe(200);
    await settle();
    expect(feed.agent(agent.id)?.status).toBe('ready');

    const events = await h.app.banzu.log.readStream('c-1');
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'call.arrived',
        'call.queued',
        'call.offered',
        'call.answered',
        'call.held',
        'call.retrieved',
        'call.monitored',
        'call.ended',
        'call.disposition_set',
        'call.note_added',
        'call.wrapped_up',
      ]),
    );
  });

  it('lets the own team leader force a state, recording who did it, and forbids another team’s leader', async () => {
    expect((await as(otherLeader, 'POST', `/api/v1/floor/agents/${agent.id}/state`, { status: 'not_ready', reason: 'meeting' })).statusCode).toBe(403);
    expect((await as(leader, 'POST', `/api/v1/floor/agents/${agent.id}/state`, { status: 'not_ready', reason: 'meeting' })).statusCode).toBe(200);
    await settle();
    expect(feed.agent(agent.id)).toMatchObject({ status: 'not_ready', notReadyReason: 'meeting' });
    const [forced] = (await h.app.banzu.log.readStream(agent.id)).filter((e) => e.type === 'agent.state_changed' && e.payload.forcedBy).slice(-1);
    expect(forced?.payload).toMatchObject({ to: 'not_ready', forcedBy: leader.id });
  });

  it('keeps desktop commands to agents and floor commands to leaders', async () => {
    expect((await as(leader, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(403);
    expect((await as(agent, 'POST', `/api/v1/floor/agents/${agent.id}/state`, { status: 'ready' })).statusCode).toBe(403);
    const busy = await as(agent, 'POST', '/api/v1/desktop/hang-up');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBeTruthy();
  });

  it('shows an agent the own team, whom a call can be transferred to, and no one of another team', () => {
    const view = feed.snapshot({ userId: agent.id, role: 'agent', teamId: agent.teamId }).state;
    expect(view.agents.map((a) => a.agentId)).toContain(agent.id);
    expect(view.agents.length).toBeGreaterThan(1);
    expect(view.agents.every((a) => a.teamId === agent.teamId)).toBe(true);
    const otherTeam = feed.snapshot({ userId: otherLeader.id, role: 'team_leader', teamId: otherLeader.teamId }).state.agents;
    expect(view.agents.some((a) => otherTeam.some((o) => o.agentId === a.agentId))).toBe(false);
  });

  it("gives the agent's day with the own team's figures as a whole, by the report code; refuses a bad date and other roles", async () => {
    const runner = new ProjectionRunner(h.app.banzu.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }), (err) => {
      throw err;
    });
    await runner.start();
    await runner.caughtUp(await h.app.banzu.log.head());
    runner.stop();
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(engine.now());
    const day = await as(agent, 'GET', `/api/v1/desktop/my-day?date=${date}`);
    expect(day.statusCode).toBe(200);
    expect(day.json().mine.answered).toBe(1);
    expect(day.json().team).toMatchObject({ agents: 1, metrics: { answered: 1 } });
    expect(day.json()).not.toHaveProperty('rows');
    // In the center's service-level variant, named, as every report.
    expect(day.json().serviceLevel).toMatchObject({ variant: 'offered', zh: expect.stringContaining('服务水平口径') });
    expect((await as(agent, 'GET', '/api/v1/desktop/my-day?date=2026-13-01')).statusCode).toBe(400);
    expect((await as(leader, 'GET', `/api/v1/desktop/my-day?date=${date}`)).statusCode).toBe(403);
  });
});
