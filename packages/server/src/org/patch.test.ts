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

  it('customer classes: a rename keeps the VIP level, a new VIP level keeps the names', async () => {
    const created = await h.call(manager, 'POST', '/api/v1/customer-classes', { code: 'gold_card', nameZh: '金卡客户', nameEn: 'Gold card', vipLevel: 5 });
    expect(created.statusCode, created.body).toBe(201);
    expect(await patch('/api/v1/customer-classes/gold_card', { nameZh: '金卡会员' })).toEqual({
      code: 'gold_card',
      nameZh: '金卡会员',
      nameEn: 'Gold card',
      vipLevel: 5,
      builtIn: false,
    });
    expect(await patch('/api/v1/customer-classes/gold_card', { vipLevel: 6 })).toEqual({ code: 'gold_card', nameZh: '金卡会员', nameEn: 'Gold card', vipLevel: 6, builtIn: false });
  });

  it('handovers and faults: an item or a field changed, the others and the incoming leader as they were', async () => {
    const leader = await h.login('leader1');
    const send = async (method: 'POST' | 'PATCH', url: string, body: object) => {
      const res = await h.call(leader, method, url, body);
      expect(res.statusCode, res.body).toBe(method === 'POST' ? 201 : 200);
      return res.json();
    };
    const edit = (url: string, body: object) => send('PATCH', url, body);
    const leaders = (await h.call(leader, 'GET', '/api/v1/handovers/leaders')).json() as { id: string; name: string }[];
    const [second, third] = [leaders.find((l) => l.name === '二组组长')!, leaders.find((l) => l.name === '三组组长')!];
    const written = await send('POST', '/api/v1/handovers', { shift: '早班', incomingLeaderId: second.id, items: { situation: '来电平稳', tools: '耳麦 3 号需更换' } });
    const tools = await edit(`/api/v1/handovers/${written.id}`, { items: { tools: '耳麦已更换' } });
    expect(tools.items).toEqual({ ...written.items, tools: '耳麦已更换' });
    expect(tools.incoming).toEqual(written.incoming);
    const handedTo = await edit(`/api/v1/handovers/${written.id}`, { incomingLeaderId: third.id });
    expect(handedTo.items).toEqual(tools.items);
    expect(handedTo.incoming.id).toBe(third.id);

    const fault = await send('POST', '/api/v1/faults', {
      kind: 'system',
      title: '工单系统无法保存',
      startedAt: new Date(h.clock.now()).toISOString(),
      effect: '改为纸质登记',
      told: '技术科',
    });
    expect(await edit(`/api/v1/faults/${fault.id}`, { told: '技术科、值班长' })).toEqual({ ...fault, told: '技术科、值班长' });
    expect(await edit(`/api/v1/faults/${fault.id}`, { effect: '工单改为纸质登记，下班前补录' })).toEqual({
      ...fault,
      told: '技术科、值班长',
      effect: '工单改为纸质登记，下班前补录',
    });
  });

  it('QA settings and the center settings: a key changed, the others kept; a nested object merged key by key', async () => {
    const qa = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json();
    await patch('/api/v1/qa/settings', { acknowledgementDays: 5 });
    await patch('/api/v1/qa/settings', { starMinimum: { day: 3, month: 20 } });
    expect((await h.call(manager, 'GET', '/api/v1/qa/settings')).json()).toEqual({ ...qa, acknowledgementDays: 5, starMinimum: { day: 3, month: 20 } });

    const center = (await h.call(manager, 'GET', '/api/v1/center/settings')).json();
    await patch('/api/v1/center/settings', { serviceLevel: { excludeShortAbandons: true }, alertThresholds: { waitSeconds: 90 } });
    await patch('/api/v1/center/settings', { serviceLevel: { variant: 'answered_abandoned' }, alertThresholds: { ringingSeconds: 15 }, dispositionRequired: { outbound: true } });
    expect((await h.call(manager, 'GET', '/api/v1/center/settings')).json()).toEqual({
      ...center,
      serviceLevel: { variant: 'answered_abandoned', excludeShortAbandons: true },
      alertThresholds: { ...center.alertThresholds, waitSeconds: 90, ringingSeconds: 15 },
      dispositionRequired: { inbound: center.dispositionRequired.inbound, outbound: true },
    });
  });
});
