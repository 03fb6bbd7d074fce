import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { createSkill } from '../org/index';
import { backends } from '../store/testing';
import type { FloorEngine } from './engine';

describe.each(backends)('the running floor takes organisation changes at once ($name)', (backend) => {
  let h: TestApp;
  let engine: FloorEngine;
  let manager: string;
  let agents: { id: string; teamId: string }[];

  beforeAll(async () => {
    h = await openTestApp(backend, { floor: true });
    engine = h.app.floor!.engine;
    manager = await h.login('manager');
    agents = await h.t.store.query<{ id: string; teamId: string }>(
      'SELECT u.id, u.team_id AS "teamId" FROM agents a JOIN users u ON u.id = a.user_id ORDER BY a.employee_no LIMIT 3',
    );
  });
  afterAll(() => h.close());

  const arrive = (callId: string, queueId: string) => engine.command({ type: 'switch.call_arrived', callId, from: '13900000000', to: null, queueId, vipLevel: 0 });

  it('uses a queue’s new strategy, members and wrap-up for the next call', async () => {
    const [a, b] = [agents[0]!.id, agents[1]!.id];
    const queue = (await h.call(manager, 'POST', '/api/v1/queues', { name: '线性', requiredSkills: [], slThresholdSeconds: 20, slTarget: 0.8 })).json() as { id: string };
    // a has been ready the longest, so the default (longest idle) would ring a.
    expect(engine.command({ type: 'agent.login', agentId: a })).toBeNull();
    h.clock.advance(1000);
    expect(engine.command({ type: 'agent.login', agentId: b })).toBeNull();

    const res = await h.call(manager, 'PATCH', `/api/v1/queues/${queue.id}`, { routing: { strategy: 'linear', agents: [b, a], wrapUpSeconds: 0 } });
    expect(res.statusCode).toBe(200);

    expect(arrive('lin-1', queue.id)).toBeNull();
    expect(engine.router.call('lin-1')?.ringing).toEqual([b]);
    expect(engine.command({ type: 'switch.agent_answered', callId: 'lin-1', agentId: b })).toBeNull();
    // The center requires a disposition before ready (its default): saved during the call, no wrap-up is left.
    expect(engine.command({ type: 'agent.set_disposition', agentId: b, callId: 'lin-1', code: 'inquiry' })).toBeNull();
    expect(engine.command({ type: 'agent.hang_up', agentId: b })).toBeNull();
    expect(engine.router.agentState(b)?.status).toBe('ready');
  });

  it('offers a waiting call to an agent as soon as the agent is given the skill it needs', async () => {
    const c = agents[2]!;
    const skillId = await createSkill(h.t.store, { name: '日语 Japanese' });
    const queue = (
      await h.call(manager, 'POST', '/api/v1/queues', {
        name: '日语专线',
        requiredSkills: [{ skillId, minLevel: 3 }],
        slThresholdSeconds: 20,
        slTarget: 0.8,
        routing: { widening: [] },
      })
    ).json() as { id: string };
    expect(engine.command({ type: 'agent.login', agentId: c.id })).toBeNull();
    expect(arrive('jp-1', queue.id)).toBeNull();
    expect(engine.router.call('jp-1')).toMatchObject({ status: 'queued', ringing: [] });

    const leader = await h.t.store.query<{ username: string }>(`SELECT username FROM users WHERE role = 'team_leader' AND team_id = $1`, [c.teamId]);
    const token = await h.login(leader[0]!.username);
    const current = (await h.call(token, 'GET', `/api/v1/users/${c.id}`)).json() as { skills: { skillId: string; level: number }[] };
    const skills = [...current.skills.map(({ skillId: id, level }) => ({ skillId: id, level })), { skillId, level: 3 }];
    expect((await h.call(token, 'PUT', `/api/v1/users/${c.id}/skills`, { skills })).statusCode).toBe(200);
    expect(engine.router.call('jp-1')?.ringing).toEqual([c.id]);
  });

  it('makes an agent created after the start routable', async () => {
    const teamId = agents[0]!.teamId;
    const created = await h.call(manager, 'POST', '/api/v1/users', { displayName: '新人', role: 'agent', teamId, employeeNo: '9901', password: 'new-agent-123' });
    expect(created.statusCode).toBe(201);
    expect(engine.command({ type: 'agent.login', agentId: created.json().id })).toBeNull();
    expect(engine.router.agentState(created.json().id)?.status).toBe('ready');
  });

  it('lets a disabled agent finish and offers nothing new; once logged out the router forgets the agent', async () => {
    const a = agents[0]!.id;
    const queue = (
      await h.call(manager, 'POST', '/api/v1/queues', { name: '停用', requiredSkills: [], slThresholdSeconds: 20, slTarget: 0.8, routing: { agents: [a] } })
    ).json() as { id: string };
    expect(engine.router.agentState(a)?.status).toBe('ready');
    expect((await h.call(manager, 'PATCH', `/api/v1/users/${a}`, { disabled: true })).statusCode).toBe(200);
    expect(arrive('off-1', queue.id)).toBeNull();
    expect(engine.router.call('off-1')).toMatchObject({ status: 'queued', ringing: [] });
    expect(engine.command({ type: 'agent.logout', agentId: a })).toBeNull();
    expect((await h.call(manager, 'PATCH', `/api/v1/queues/${queue.id}`, { routing: { wrapUpSeconds: 5 } })).statusCode).toBe(200);
    expect(engine.router.agentState(a)).toBeUndefined();
  });
});
