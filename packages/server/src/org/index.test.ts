import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, type TestApp } from '../http/testing';

interface Team {
  id: string;
  name: string;
  agentCount: number;
  leaderIds: string[];
}

describe('organisation API', () => {
  let h: TestApp;
  let manager: string;
  let teams: Team[];
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    manager = await h.login('manager');
    teams = (await h.call(manager, 'GET', '/api/v1/teams')).json();
  });
  afterAll(() => h.close());

  it('shows the center to the manager: its queues, and each team with its agents and its leader', async () => {
    const queues = (await h.call(manager, 'GET', '/api/v1/queues')).json() as { name: string }[];
    expect(queues.map((q) => q.name).sort()).toEqual(['VIP专线', '售前咨询', '售后服务', '投诉建议'].sort());
    // The test center: three inbound teams and a telemarketing team (电话营销组).
    expect(Object.fromEntries(teams.map((t) => [t.name.split(' ')[0], t.agentCount]))).toEqual({ 客服一组: 4, 客服二组: 3, 客服三组: 3, 电话营销组: 3 });
    for (const team of teams) expect(team.leaderIds).toHaveLength(1);
    const center = (await h.call(manager, 'GET', '/api/v1/center')).json();
    expect(center.timeZone).toBe('Asia/Shanghai');
  });

  it('lets a team leader read the own team and its agents, and answers 403 for another team', async () => {
    const leader = await h.login('leader1');
    const own = (await h.call(leader, 'GET', '/api/v1/teams')).json() as Team[];
    expect(own).toHaveLength(1);
    const other = teams.find((t) => t.id !== own[0]!.id)!;
    expect((await h.call(leader, 'GET', `/api/v1/teams/${own[0]!.id}`)).statusCode).toBe(200);
    const denied = await h.call(leader, 'GET', `/api/v1/teams/${other.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect((await h.call(leader, 'GET', `/api/v1/users?teamId=${other.id}`)).statusCode).toBe(403);
    const agents = (await h.call(leader, 'GET', '/api/v1/users?role=agent')).json() as { teamId: string; employeeNo: string }[];
    expect(agents.length).toBe(own[0]!.agentCount);
    expect(agents.every((a) => a.teamId === own[0]!.id && /^\d{4}$/.test(a.employeeNo))).toBe(true);
  });

  it('lets a team leader set skill levels of the own agents only', async () => {
    const leader = await h.login('leader1');
    const [skill] = (await h.call(leader, 'GET', '/api/v1/skills')).json() as { id: string }[];
    const ownAgents = (await h.call(leader, 'GET', '/api/v1/users?role=agent')).json() as { id: string }[];
    const all = (await h.call(manager, 'GET', '/api/v1/users?role=agent')).json() as { id: string }[];
    const foreign = all.find((a) => !ownAgents.some((o) => o.id === a.id))!;
    const ok = await h.call(leader, 'PUT', `/api/v1/users/${ownAgents[0]!.id}/skills`, { skills: [{ skillId: skill!.id, level: 5 }] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().skills).toEqual([expect.objectContaining({ skillId: skill!.id, level: 5 })]);
    const denied = await h.call(leader, 'PUT', `/api/v1/users/${foreign.id}/skills`, { skills: [] });
    expect(denied.statusCode).toBe(404);
    // Another team's user is hidden like one who does not exist.
    const hidden = await h.call(leader, 'GET', `/api/v1/users/${foreign.id}`);
    const missing = await h.call(leader, 'GET', '/api/v1/users/no-such-user');
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([missing.statusCode, missing.json().error.code]);
    const bad = await h.call(leader, 'PUT', `/api/v1/users/${ownAgents[0]!.id}/skills`, { skills: [{ skillId: skill!.id, level: 6 }] });
    expect(bad.statusCode).toBe(400);
  });

  it('creates a team and an agent who can then log in by 工号', async () => {
    const site = ((await h.call(manager, 'GET', '/api/v1/sites')).json() as { id: string }[])[0]!;
    const team = await h.call(manager, 'POST', '/api/v1/teams', { name: '客服四组', siteId: site.id });
    expect(team.statusCode).toBe(201);
    const agent = await h.call(manager, 'POST', '/api/v1/users', {
      displayName: '钱多多',
      role: 'agent',
      teamId: team.json().id,
      employeeNo: '9001',
      password: 'new-agent-pw',
    });
    expect(agent.statusCode).toBe(201);
    expect(agent.json()).toMatchObject({ username: '9001', employeeNo: '9001', role: 'agent' });
    expect((await h.login('9001', 'new-agent-pw')).length).toBeGreaterThan(20);
    const busy = await h.call(manager, 'DELETE', `/api/v1/teams/${team.json().id}`);
    expect(busy.statusCode).toBe(409);
  });

  it('rejects bad input with 4xx naming the problem, and changes nothing', async () => {
    const before = ((await h.call(manager, 'GET', '/api/v1/users')).json() as unknown[]).length;
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/v1/users', { displayName: 'x', role: 'agent', teamId: teams[0]!.id, password: 'long-enough' }, 400, 'employeeNo'],
      ['POST', '/api/v1/users', { displayName: 'x', role: 'agent', teamId: 'no-such-team', employeeNo: '7777', password: 'long-enough' }, 400, 'teamId'],
      ['POST', '/api/v1/users', { username: 'leader2', displayName: 'x', role: 'qa', password: 'long-enough' }, 409, 'username'],
      ['POST', '/api/v1/users', { username: 'boss', displayName: 'x', role: 'admin', password: 'long-enough' }, 403, '运营经理不能创建系统管理员账号'],
      ['POST', '/api/v1/queues', { name: 'Q', slThresholdSeconds: 0, slTarget: 0.8 }, 400, 'slThresholdSeconds'],
      ['POST', '/api/v1/queues', { name: 'Q', slThresholdSeconds: 20, slTarget: 0.8, requiredSkills: [{ skillId: 'nope', minLevel: 1 }] }, 400, 'requiredSkills'],
      ['PATCH', '/api/v1/center', { timeZone: 'Mars/Olympus' }, 400, 'timeZone'],
      ['PATCH', '/api/v1/center', { hours: { mon: [['18:00', '09:00']] } }, 400, '开始时间应早于结束时间'],
      ['GET', '/api/v1/teams/does-not-exist', undefined, 404, '找不到班组：does-not-exist'],
    ];
    for (const [method, url, body, status, mention] of cases) {
      const res = await h.call(manager, method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      expect(JSON.stringify(res.json().error)).toContain(mention);
    }
    expect(((await h.call(manager, 'GET', '/api/v1/users')).json() as unknown[]).length).toBe(before);
  });

  it('says its refusals in Chinese, and in English with ?lang=en', async () => {
    const team = teams.find((t) => t.agentCount > 0)!;
    const full = await h.call(manager, 'DELETE', `/api/v1/teams/${team.id}`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toBe(`班组还有 ${team.agentCount + 1} 名成员，请先把他们调到其他班组`);
    expect((await h.call(manager, 'DELETE', `/api/v1/teams/${team.id}?lang=en`)).json().error.message).toBe(`the team still has ${team.agentCount + 1} members: move them first`);
    // A schema's own words too, and a missing record named with what was asked for.
    const hours = { hours: { mon: [['18:00', '09:00']] } };
    expect((await h.call(manager, 'PATCH', '/api/v1/center', hours)).json().error.message).toBe('body.hours.mon.0: 开始时间应早于结束时间');
    expect((await h.call(manager, 'PATCH', '/api/v1/center?lang=en', hours)).json().error.message).toBe('body.hours.mon.0: opens before it closes');
    expect((await h.call(manager, 'PATCH', '/api/v1/skills/no-such-skill', { name: 'x' })).json().error.message).toBe('找不到技能：no-such-skill');
    expect((await h.call(manager, 'PATCH', '/api/v1/skills/no-such-skill?lang=en', { name: 'x' })).json().error.message).toBe('skill no-such-skill not found');
  });

  it('answers /health and /ready, and publishes the OpenAPI document', async () => {
    expect((await h.call(undefined, 'GET', '/health')).json()).toEqual({ status: 'ok' });
    expect((await h.call(undefined, 'GET', '/ready')).json()).toMatchObject({ status: 'ready' });
    const doc = (await h.call(undefined, 'GET', '/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/teams', '/api/v1/queues']));
  });
});
