import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketAssigneeNames, TicketPage } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

describe.each(backends)('the leader’s team list and the assign dialog’s names ($name)', (backend) => {
  let h: TestApp;
  let agent1: string;
  let agent5: string;
  let leader1: string;
  let leader2: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    // 8001 is in 客服一组 (leader1), 8005 in 客服二组 (leader2).
    [agent1, agent5, leader1, leader2] = (await Promise.all(['8001', '8005', 'leader1', 'leader2'].map((u) => h.login(u)))) as [string, string, string, string];
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const team = async (token: string) => (await json<TicketPage>(token, 'GET', '/api/v1/tickets?view=team')).items.map((t) => t.title);

  it('lists under 本组工单 the tickets another team passed to the team or to one of its people, as the leader’s scope does', async () => {
    const own = await json<Ticket>(agent1, 'POST', '/api/v1/tickets', { type: 'complaint', title: '一组受理' }, 201);
    const toPerson = await json<Ticket>(agent5, 'POST', '/api/v1/tickets', { type: 'complaint', title: '二组交给一组的李娜' }, 201);
    const toTeam = await json<Ticket>(agent5, 'POST', '/api/v1/tickets', { type: 'complaint', title: '二组交给一组' }, 201);
    await json<Ticket>(agent5, 'POST', '/api/v1/tickets', { type: 'complaint', title: '二组自己办' }, 201);
    await json(leader2, 'POST', `/api/v1/tickets/${toPerson.id}/assign`, { userId: '8002' });
    const teams = await json<{ id: string; name: string }[]>(leader1, 'GET', '/api/v1/teams');
    await json(leader2, 'POST', `/api/v1/tickets/${toTeam.id}/assign`, { teamId: teams[0]!.id });

    expect((await team(leader1)).sort()).toEqual(['一组受理', '二组交给一组', '二组交给一组的李娜'].sort());
    // The accepting team keeps seeing what it passed on; what it kept stays off the other team's list.
    expect((await team(leader2)).sort()).toEqual(['二组交给一组', '二组交给一组的李娜', '二组自己办'].sort());
    // The same tickets the leader may open.
    const all = (await json<TicketPage>(leader1, 'GET', '/api/v1/tickets')).items.map((t) => t.id);
    expect(all.sort()).toEqual([own.id, toPerson.id, toTeam.id].sort());
  });

  it('offers the departments and field teams assigned to before, the most used first, to dispatchers only', async () => {
    const assign = async (title: string, body: unknown) => {
      const t = await json<Ticket>(agent1, 'POST', '/api/v1/tickets', { type: 'repair', title }, 201);
      await json(leader1, 'POST', `/api/v1/tickets/${t.id}/assign`, body);
    };
    await assign('热水器漏水', { fieldTeam: '维修一队' });
    await assign('空调不制冷', { fieldTeam: '维修二队' });
    await assign('洗衣机异响', { fieldTeam: '维修二队' });
    await assign('发票开错', { department: '财务部' });
    expect(await json<TicketAssigneeNames>(leader1, 'GET', '/api/v1/ticket-assignees')).toEqual({ departments: ['财务部'], fieldTeams: ['维修二队', '维修一队'] });
    expect((await h.call(agent1, 'GET', '/api/v1/ticket-assignees')).statusCode).toBe(403);
  });

  it('keeps the channel a ticket came by, one of the known ones; another is refused in Chinese', async () => {
    const letter = await json<Ticket>(leader1, 'POST', '/api/v1/tickets', { type: 'mayor_hotline', title: '市长专线转办：小区停水', channel: 'mayor_hotline' }, 201);
    expect(letter.channel).toBe('mayor_hotline');
    expect((await json<Ticket>(agent1, 'POST', '/api/v1/tickets', { type: 'complaint', title: '来电' }, 201)).channel).toBe('phone');
    const refused = await h.call(leader1, 'POST', '/api/v1/tickets', { type: 'complaint', title: '传真', channel: 'fax' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('渠道');
  });
});
