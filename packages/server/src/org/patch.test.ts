import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** Every PATCH of the organisation changes only the fields it names: the rest stays as it was. */
describe.each(backends)('PATCH changes only what it names ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
  });
  afterAll(() => h.close());

  const patch = async (url: string, body: object) => {
    const res = await h.call(manager, 'PATCH', url, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('queues: a rename keeps priority, skills, routing with after-hours forwarding, and numbers; a routing change keeps the skills', async () => {
    const skill = (await h.call(manager, 'POST', '/api/v1/skills', { name: '保险', description: '车险与寿险' })).json() as { id: string };
    const routing = { strategy: 'round_robin', afterHoursAction: { kind: 'forward', number: '13800000000' }, ringTimeoutSeconds: 25 };
    const created = await h.call(manager, 'POST', '/api/v1/queues', {
      name: '保险咨询',
      requiredSkills: [{ skillId: skill.id, minLevel: 2 }],
      slThresholdSeconds: 20,
      slTarget: 0.8,
      priority: 7,
      routing,
      inboundNumbers: ['4008007001'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const queue = created.json();
    const renamed = await patch(`/api/v1/queues/${queue.id}`, { name: '保险服务' });
    expect(renamed).toEqual({ ...queue, name: '保险服务' });
    const rerouted = await patch(`/api/v1/queues/${queue.id}`, { routing: { strategy: 'ring_all' } });
    expect(rerouted).toEqual({ ...queue, name: '保险服务', routing: { strategy: 'ring_all' } });
    expect(await patch(`/api/v1/queues/${queue.id}`, { slTarget: 0.9 })).toMatchObject({
      priority: 7,
      requiredSkills: [{ skillId: skill.id, minLevel: 2 }],
      inboundNumbers: ['4008007001'],
    });
  });

  it('skills: a rename keeps the description', async () => {
    const skill = (await h.call(manager, 'POST', '/api/v1/skills', { name: '理赔', description: '理赔进度查询' })).json() as { id: string };
    expect(await patch(`/api/v1/skills/${skill.id}`, { name: '理赔服务' })).toMatchObject({ name: '理赔服务', description: '理赔进度查询' });
  });

  it('teams, users and the center: one field changed, the others as they were', async () => {
    const team = (await h.call(manager, 'GET', '/api/v1/teams')).json()[0] as { id: string; name: string; siteId: string };
    expect(await patch(`/api/v1/teams/${team.id}`, { name: `${team.name}（新）` })).toMatchObject({ siteId: team.siteId });

    const agent = ((await h.call(manager, 'GET', '/api/v1/users?role=agent')).json() as { id: string; teamId: string; role: string; displayName: string }[])[0]!;
    expect(await patch(`/api/v1/users/${agent.id}`, { displayName: '改名' })).toMatchObject({ displayName: '改名', teamId: agent.teamId, role: 'agent', disabled: false });

    const center = (await h.call(manager, 'GET', '/api/v1/center')).json();
    expect(await patch('/api/v1/center', { name: '新名称' })).toEqual({ ...center, name: '新名称' });
  });
});
