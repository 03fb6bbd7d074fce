import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

const HOUR = 3_600_000;
/** 80% of a complaint's 48 hours: 38 h 24 min. */
const REMIND = (38 * 60 + 24) * 60_000;

/**
 * Issue 18's API contract, exactly as the issue writes it: the bodies it names and nothing more,
 * the fields it promises in each answer, and a manual clock for the supervision and the calendar.
 */
describe('the tickets, calendar and knowledge base API as issue 18 names it', () => {
  let h: TestApp;
  let agent: string;
  let leader: string;
  let manager: string;
  let trainer: string;

  const loginAll = async () => {
    [agent, leader, manager, trainer] = (await Promise.all(['8001', 'leader1', 'manager', 'trainer1'].map((u) => h.login(u)))) as [string, string, string, string];
  };
  const send = async (token: string, method: string, url: string, body?: unknown, status = 200) => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.body === '' ? null : res.json();
  };
  const kinds = async (token: string, ticketId: string) =>
    ((await send(token, 'GET', '/api/v1/ticket-notifications')).items as { ticketId: string; kind: string }[]).filter((n) => n.ticketId === ticketId).map((n) => n.kind);

  /** The messages the live channel carried to a user's desktop (agent.message_sent). */
  const desktopMessages = async (userId: string) =>
    (await h.t.store.query<{ text: string }>("SELECT payload->>'text' AS text FROM events WHERE type = 'agent.message_sent' AND stream = $1 ORDER BY seq", [userId])).map(
      (r) => r.text,
    );

  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    await loginAll();
  });
  afterAll(() => h.close());

  it('POST /api/v1/tickets {type,title,description,customerId?,callId?,priority?} answers {id,status,dueAt}; assign, close, reopen; GET ?status=&overdue=true', async () => {
    const { customers } = await send(agent, 'GET', '/api/v1/customers?limit=1');
    const created = await send(
      agent,
      'POST',
      '/api/v1/tickets',
      { type: 'complaint', title: '宽带三天未修复', description: '客户投诉维修不及时', customerId: customers[0].id, callId: 'contract-call-1', priority: 'normal' },
      201,
    );
    expect(created).toMatchObject({ id: expect.any(String), status: 'open', dueAt: expect.stringMatching(/Z$/) });
    // A complaint has 48 clock hours (seed 004), from the moment it was accepted.
    expect(Date.parse(created.dueAt)).toBe(h.clock.now() + 48 * HOUR);
    // The optional fields may be left out.
    const bare = await send(agent, 'POST', '/api/v1/tickets', { type: 'suggestion', title: '建议延长营业时间', description: '' }, 201);
    expect(bare).toMatchObject({ status: 'open', customerId: null, callId: null, priority: 'normal' });

    const assigned = await send(leader, 'POST', `/api/v1/tickets/${created.id}/assign`, { userId: '8002' });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { kind: 'user' } });
    // The assignee is told on the live channel too: a message to the desktop.
    expect(await desktopMessages(assigned.assignee.id)).toEqual([expect.stringMatching(/^工单GD\d{6}「宽带三天未修复」已交办给您处理$/)]);

    // 督办 on the manual clock, to the millisecond: the reminder at 80% of the 48 hours, the leader at the deadline, the manager at 150%.
    h.clock.advance(REMIND - 1);
    await loginAll();
    expect(await kinds(leader, created.id)).toEqual([]);
    expect((await send(leader, 'GET', '/api/v1/tickets?view=near_deadline')).items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    h.clock.advance(1);
    expect((await send(leader, 'GET', '/api/v1/tickets?view=near_deadline')).items.map((t: { id: string }) => t.id)).toContain(created.id);
    h.clock.advance(48 * HOUR - REMIND - 1);
    expect((await send(leader, 'GET', '/api/v1/tickets?status=&overdue=true')).items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    expect(await kinds(leader, created.id)).toEqual([]);
    h.clock.advance(1);
    const overdue = await send(leader, 'GET', '/api/v1/tickets?status=&overdue=true');
    expect(overdue.items.find((t: { id: string }) => t.id === created.id)).toMatchObject({ status: 'assigned', standing: 'overdue', escalation: 'leader' });
    expect(await kinds(leader, created.id)).toEqual(['escalation']);
    expect(await kinds(manager, created.id)).toEqual([]);
    h.clock.advance(24 * HOUR);
    await loginAll();
    expect(await kinds(manager, created.id)).toEqual(['escalation']);
    const me = await send(manager, 'GET', '/api/v1/auth/me');
    expect(await desktopMessages(me.id)).toEqual([expect.stringContaining('已升级至经理')]);
    const history = (await send(leader, 'GET', `/api/v1/tickets/${created.id}`)).steps.filter((s: { userId: string | null }) => s.userId === null);
    expect(history.map((s: { action: string; at: string }) => [s.action, Date.parse(s.at) - Date.parse(created.createdAt)])).toEqual([
      ['reminder', REMIND],
      ['escalation', 48 * HOUR],
      ['escalation', 72 * HOUR],
    ]);

    const closed = await send(leader, 'POST', `/api/v1/tickets/${created.id}/close`, { resolution: '已修复' });
    expect(closed).toMatchObject({ status: 'closed', callbackDue: true });
    expect((await send(leader, 'GET', '/api/v1/tickets?status=closed&overdue=')).items.map((t: { id: string }) => t.id)).toContain(created.id);
    const reopened = await send(agent, 'POST', `/api/v1/tickets/${created.id}/reopen`, { reason: '客户再次来电' });
    expect(reopened).toMatchObject({ status: 'assigned', reopens: 1 });
    expect(Date.parse(reopened.dueAt)).toBe(h.clock.now() + 48 * HOUR);
  });

  it('PUT /api/v1/calendar/days/:date {kind} and ticket types with sla {hours,basis}: a working-hours dueAt skips the holiday and works the make-up day', async () => {
    // The test clock is past the first test's 72 hours: Thursday 8 January 2026, 09:00 in Shanghai (01:00Z).
    expect(new Date(h.clock.now()).toISOString()).toBe('2026-01-08T01:00:00.000Z');
    // Friday a public holiday; Saturday worked in its place (调休).
    expect(await send(manager, 'PUT', '/api/v1/calendar/days/2026-01-09', { kind: 'holiday' })).toEqual({ date: '2026-01-09', kind: 'holiday' });
    expect(await send(manager, 'PUT', '/api/v1/calendar/days/2026-01-10', { kind: 'workday' })).toEqual({ date: '2026-01-10', kind: 'makeup' });
    expect((await h.call(leader, 'PUT', '/api/v1/calendar/days/2026-01-12', { kind: 'holiday' })).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-01-12', { kind: 'weekend' })).statusCode).toBe(400);
    expect((await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-02-30', { kind: 'holiday' })).statusCode).toBe(400);

    const types = await send(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 18, basis: 'working' } });
    expect(types.find((t: { code: string }) => t.code === 'repair').sla).toMatchObject({ hours: 18, basis: 'working' });
    expect((await send(agent, 'GET', '/api/v1/ticket-types')).find((t: { code: string }) => t.code === 'repair').sla).toMatchObject({ hours: 18, basis: 'working' });
    const repair = await send(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '光猫红灯', description: '' }, 201);
    // Thursday 09:00-18:00 is 9 hours; Friday is off; the make-up Saturday's 9 hours end at 18:00 (10:00Z).
    expect(repair.dueAt).toBe('2026-01-10T10:00:00.000Z');
    // The same on the clock: 18 hours after Thursday 09:00.
    await send(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 18, basis: 'clock' } });
    expect((await send(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '机顶盒无信号', description: '' }, 201)).dueAt).toBe('2026-01-08T19:00:00.000Z');
    // Without the make-up day, the working deadline moves to Monday.
    expect(await send(manager, 'DELETE', '/api/v1/calendar/days/2026-01-10')).toEqual({ date: '2026-01-10', kind: 'restday' });
    await send(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 18, basis: 'working' } });
    expect((await send(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '电视无声音', description: '' }, 201)).dueAt).toBe('2026-01-12T10:00:00.000Z');
  });

  it('GET /api/v1/kb/search?q= answers {items:[{id,title,score}]}: "宽带 报修" finds 宽带故障报修流程', async () => {
    const article = await send(
      trainer,
      'POST',
      '/api/v1/kb/articles',
      { title: '宽带故障报修流程', body: '确认光猫指示灯后登记报修。', category: '故障处理', tags: ['宽带'] },
      201,
    );
    await send(trainer, 'POST', '/api/v1/kb/articles', { title: '话费套餐资费说明', body: '各档套餐的月费。' }, 201);
    const found = await send(agent, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('宽带 报修')}`);
    expect(found.items[0]).toMatchObject({ id: article.id, title: '宽带故障报修流程', score: expect.any(Number) });
    expect(found.items.map((i: { title: string }) => i.title)).toEqual(['宽带故障报修流程']);
    expect(found.items[0].score).toBeGreaterThan(0);
    expect((await send(agent, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('洗衣机')}`)).items).toEqual([]);
  });
});
