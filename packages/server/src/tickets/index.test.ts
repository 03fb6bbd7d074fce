import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketDetail, TicketNotification, TicketPage, TicketReport } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

const HOUR = 3_600_000;

describe.each(backends)('tickets ($name)', (backend) => {
  let h: TestApp;
  let agent: string;
  let colleague: string;
  let handler: string;
  let leader: string;
  let otherLeader: string;
  let manager: string;
  let qa: string;

  // Sessions expire as the clock moves on: everyone logs in again after it moved.
  const loginAll = async () => {
    const tokens = await Promise.all(['8001', '8003', '8002', 'leader1', 'leader2', 'manager', 'qa1'].map((u) => h.login(u)));
    [agent, colleague, handler, leader, otherLeader, manager, qa] = tokens as [string, string, string, string, string, string, string];
  };
  const advance = async (ms: number) => {
    h.clock.advance(ms);
    await loginAll();
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    await loginAll();
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const notifications = (token: string) => json<{ items: TicketNotification[] }>(token, 'GET', '/api/v1/ticket-notifications').then((r) => r.items);

  it('counts a working-hours SLA only in working time on the center calendar: a holiday off, a make-up Saturday worked', async () => {
    // Monday 5 January 2026, 09:00 in Shanghai; Tuesday a holiday, Saturday 10 January worked instead (调休).
    await json(manager, 'PUT', '/api/v1/calendar/days/2026-01-06', { kind: 'holiday' });
    await json(manager, 'PUT', '/api/v1/calendar/days/2026-01-10', { kind: 'workday' });
    const types = await json<{ code: string; sla: unknown }[]>(manager, 'PUT', '/api/v1/ticket-types', {
      code: 'repair',
      name: '报修',
      sla: { hours: 16, basis: 'working', byPriority: { low: 40 } },
    });
    expect(types.find((t) => t.code === 'repair')?.sla).toEqual({ hours: 16, basis: 'working', byPriority: { low: 40 } });
    const repair = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '宽带断网报修', description: '光猫红灯' }, 201);
    // Monday 09:00-18:00 is 9 hours, Tuesday is off, Wednesday 09:00 + 7 hours.
    expect(repair.dueAt).toBe('2026-01-07T08:00:00.000Z');
    // 40 hours: Monday, Wednesday to Friday (36), and 4 hours of the make-up Saturday.
    const slow = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '热水器保养', priority: 'low' }, 201);
    expect(slow.dueAt).toBe('2026-01-10T05:00:00.000Z');
    await json(agent, 'POST', `/api/v1/tickets/${slow.id}/close`, {});
    // A clock-hour type counts every hour.
    const complaint = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: '测试', priority: 'urgent' }, 201);
    expect(Date.parse(complaint.dueAt) - Date.parse(complaint.createdAt)).toBe(24 * HOUR);
    // A type changed without its name keeps it.
    const renamed = await json<{ code: string; name: string; sla: unknown }[]>(manager, 'PUT', '/api/v1/ticket-types', { code: 'suggestion', sla: { hours: 24, basis: 'clock' } });
    expect(renamed.find((t) => t.code === 'suggestion')).toMatchObject({ name: '建议', sla: { hours: 24, basis: 'clock' } });
    // Only managers set types; bad SLAs are 400.
    expect((await h.call(leader, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 16, basis: 'working' } })).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: -1, basis: 'working' } })).statusCode).toBe(400);
    expect((await h.call(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 8, basis: 'office' } })).statusCode).toBe(400);
    // Replacing the set cannot drop a type that has tickets.
    const conflict = await h.call(manager, 'PUT', '/api/v1/ticket-types', [{ code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock' } }]);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.details.types).toContain('repair');
    for (const t of [repair, complaint]) await json(agent, 'POST', `/api/v1/tickets/${t.id}/close`, { resolution: '测试' });
  });

  it('takes a complaint from 受理 to 回访: assignment, reminder, escalations, close, a callback that reopens it, a satisfied one, and the reports count it', async () => {
    const customers = await json<{ customers: { id: string; name: string }[] }>(agent, 'GET', '/api/v1/customers?limit=1');
    const customer = customers.customers[0]!;
    const created = await json<TicketDetail>(
      agent,
      'POST',
      '/api/v1/tickets',
      { type: 'complaint', title: '投诉宽带维修不及时', description: '客户称报修三天无人上门', customerId: customer.id, callId: 'call-1', caller: '+8613812345678' },
      201,
    );
    expect(created).toMatchObject({ status: 'open', type: 'complaint', typeName: '投诉', customerName: customer.name, callId: 'call-1', standing: 'on_time', callbackDue: false });
    expect(created.no).toMatch(/^GD\d{6}$/);
    expect(Date.parse(created.dueAt) - Date.parse(created.createdAt)).toBe(48 * HOUR);
    expect(created.steps.map((s) => s.action)).toEqual(['accept']);
    const id = created.id;

    // First-contact ownership: the agent owns it; the agent does not dispatch it, the leader does.
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${id}/assign`, { userId: '8002' })).statusCode).toBe(403);
    // Scope: another agent of the team and another team's leader do not see it; QA sees the number masked.
    expect((await h.call(colleague, 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    expect((await h.call(otherLeader, 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    expect((await h.call(otherLeader, 'POST', `/api/v1/tickets/${id}/assign`, { userId: '8002' })).statusCode).toBe(404);
    expect((await json<Ticket>(qa, 'GET', `/api/v1/tickets/${id}`)).caller).toBe('138****5678');
    expect((await json<Ticket>(leader, 'GET', `/api/v1/tickets/${id}`)).caller).toBe('+8613812345678');

    // 交办 by 工号; the assignee is told.
    const assigned = await json<TicketDetail>(leader, 'POST', `/api/v1/tickets/${id}/assign`, { assignee: '8002', note: '请今天联系客户' });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { kind: 'user', name: '李娜' } });
    expect((await notifications(handler)).map((n) => n.kind)).toEqual(['assigned']);
    expect((await json<TicketPage>(handler, 'GET', '/api/v1/tickets?view=mine')).items.map((t) => t.id)).toContain(id);

    // 督办: 80% of 48 hours brings the reminder to the assignee; nothing is overdue yet.
    await advance(39 * HOUR);
    expect((await notifications(handler)).map((n) => n.kind)).toEqual(['reminder', 'assigned']);
    expect((await json<TicketPage>(leader, 'GET', '/api/v1/tickets?view=near_deadline')).items.map((t) => t.id)).toContain(id);
    expect((await json<TicketPage>(leader, 'GET', '/api/v1/tickets?overdue=true')).items.map((t) => t.id)).not.toContain(id);
    // Past the deadline: the leader is told; past half the time again, the manager.
    await advance(10 * HOUR);
    expect((await notifications(leader)).find((n) => n.kind === 'escalation')?.message).toContain('班组长');
    const overdue = await json<TicketPage>(leader, 'GET', '/api/v1/tickets?status=assigned&overdue=true');
    // A filter left blank means any.
    expect((await json<TicketPage>(leader, 'GET', '/api/v1/tickets?status=&overdue=true')).items.map((t) => t.id)).toContain(id);
    expect(overdue.items.find((t) => t.id === id)).toMatchObject({ standing: 'overdue', escalation: 'leader' });
    expect((await notifications(manager)).some((n) => n.ticketId === id)).toBe(false);
    await advance(24 * HOUR);
    expect((await notifications(manager)).filter((n) => n.ticketId === id).map((n) => n.kind)).toEqual(['escalation']);
    // Each recorded once, at the moment it fell due, however often people look.
    await notifications(leader);
    const supervised = await json<TicketDetail>(leader, 'GET', `/api/v1/tickets/${id}`);
    const steps = supervised.steps.filter((s) => s.userId === null);
    expect(steps.map((s) => [s.action, s.detail.level ?? null])).toEqual([
      ['reminder', null],
      ['escalation', 'leader'],
      ['escalation', 'manager'],
    ]);
    expect(steps[1]!.at).toBe(created.dueAt);

    // 跟进 and 办结 by the assignee; the callback is then due.
    await json(handler, 'POST', `/api/v1/tickets/${id}/notes`, { text: '已联系维修班组，今天上门' });
    const closed = await json<Ticket>(handler, 'POST', `/api/v1/tickets/${id}/close`, { resolution: '已上门修复' });
    expect(closed).toMatchObject({ status: 'closed', callbackDue: true, standing: 'overdue' });
    expect((await json<TicketPage>(leader, 'GET', '/api/v1/tickets?view=callback')).items.map((t) => t.id)).toContain(id);
    expect((await json<TicketPage>(agent, 'GET', '/api/v1/tickets?status=closed')).items.map((t) => t.id)).toContain(id);

    // 回访: not solved reopens it to its assignee with a fresh clock.
    const reopened = await json<Ticket>(agent, 'POST', `/api/v1/tickets/${id}/callback`, { solved: false, satisfaction: 2, note: '仍然断网' });
    expect(reopened).toMatchObject({ status: 'assigned', reopens: 1, assignee: { name: '李娜' }, escalation: null, standing: 'on_time' });
    expect(Date.parse(reopened.dueAt) - h.clock.now()).toBe(48 * HOUR);
    expect((await notifications(handler))[0]!.kind).toBe('reopened');
    await json(handler, 'POST', `/api/v1/tickets/${id}/close`, { resolution: '更换光猫' });
    const done = await json<Ticket>(agent, 'POST', `/api/v1/tickets/${id}/callback`, { solved: true, satisfaction: 5 });
    expect(done).toMatchObject({ status: 'closed', callbackDue: false, callback: { solved: true, satisfaction: 5 }, standing: 'on_time' });

    const report = await json<TicketReport>(leader, 'GET', '/api/v1/tickets/report?by=type&type=complaint');
    expect(report.rows).toEqual([expect.objectContaining({ key: 'complaint', label: '投诉', closed: 2, reopenRate: 0.5, satisfaction: 5 })]);
    // A leader reports on the own team only.
    expect((await h.call(leader, 'GET', '/api/v1/tickets/report?teamId=nope')).statusCode).toBe(403);
  });

  it('refuses in the user’s language: Chinese by default, English with ?lang=en', async () => {
    const t = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'consultation', title: '咨询套餐' }, 201);
    const refused = async (url: string, body: unknown, status: number) => {
      const res = await h.call(agent, 'POST', url, body);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error.message as string;
    };
    // A step the state does not allow, said for the step refused.
    expect(await refused(`/api/v1/tickets/${t.id}/reopen`, {}, 409)).toBe('只有已办结的工单可以重新打开');
    expect(await refused(`/api/v1/tickets/${t.id}/reopen?lang=en`, {}, 409)).toBe('only a closed ticket can be reopened');
    expect(await refused(`/api/v1/tickets/${t.id}/callback?lang=en`, { solved: true }, 409)).toBe('a ticket is called back after it is closed');
    // A schema's words, with its figures, and a type that does not exist, naming the known ones.
    expect(await refused('/api/v1/tickets', { type: 'complaint', title: '长'.repeat(201) }, 400)).toBe('body.title: 标题最多 200 字');
    expect(await refused('/api/v1/tickets?lang=en', { type: 'complaint', title: '长'.repeat(201) }, 400)).toBe('body.title: a title has at most 200 characters');
    expect(await refused('/api/v1/tickets?lang=en', { type: 'complaint', title: 'x', priority: 'asap' }, 400)).toBe(
      'body.priority: the priority is one of low, normal, high, urgent',
    );
    expect(await refused('/api/v1/tickets?lang=en', { type: 'party', title: 'x' }, 400)).toMatch(/^no ticket type "party" \(known: .*complaint.*\)$/);
    // A ticket that is not there, or not the caller's.
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await h.call(agent, 'GET', `/api/v1/tickets/${missing}`)).json().error.message).toBe(`工单 ${missing} 不存在`);
    expect((await h.call(agent, 'GET', `/api/v1/tickets/${missing}?lang=en`)).json().error.message).toBe(`ticket ${missing} not found`);
    expect((await h.call(leader, 'POST', `/api/v1/tickets/${t.id}/assign?lang=en`, { userId: 'nobody' })).json().error.message).toBe('no user "nobody"');
  });

  it('answers bad input and steps the state does not allow with 4xx, changing nothing', async () => {
    expect((await h.call(agent, 'POST', '/api/v1/tickets', { type: 'party', title: 'x' })).json().error).toMatchObject({ code: 'invalid_request' });
    expect((await h.call(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: '' })).statusCode).toBe(400);
    expect((await h.call(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: 'x', customerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await h.call(agent, 'GET', '/api/v1/tickets/not-a-ticket')).statusCode).toBe(404);
    expect((await h.call(agent, 'GET', '/api/v1/tickets?status=done')).statusCode).toBe(400);
    expect((await h.call(qa, 'POST', '/api/v1/tickets', { type: 'complaint', title: 'x' })).statusCode).toBe(403);
    const t = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'consultation', title: '咨询资费' }, 201);
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${t.id}/reopen`, {})).json().error.code).toBe('ticket_not_closed');
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${t.id}/callback`, { solved: true })).statusCode).toBe(409);
    expect((await h.call(leader, 'POST', `/api/v1/tickets/${t.id}/assign`, { userId: 'nobody' })).statusCode).toBe(400);
    // Whoever sends no assignee, or two, reads what to send, in Chinese.
    for (const body of [{}, { userId: '8002', department: '维修部' }]) {
      const none = await h.call(leader, 'POST', `/api/v1/tickets/${t.id}/assign`, body);
      expect(none.statusCode).toBe(400);
      expect(none.json().error.message).toContain(
        '请指定一个承办对象：个人（userId，工号或用户名）、班组（teamId）、部门（department）、外勤队（fieldTeam）或 kind 加 id，只能一个',
      );
    }
    expect((await h.call(agent, 'GET', '/api/v1/tickets?status=done')).json().error.message).toBe('querystring.status: 状态应为 open、assigned、closed 之一，多个用英文逗号分隔');
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${t.id}/bounce`, { reason: ' ' })).json().error.message).toBe('body.reason: 请写明退单原因');
    await json(agent, 'POST', `/api/v1/tickets/${t.id}/close`, {});
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${t.id}/close`, {})).statusCode).toBe(409);
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${t.id}/callback`, { solved: true, satisfaction: 6 })).statusCode).toBe(400);
    // Reopen by hand, as when the customer calls again.
    expect(await json<Ticket>(agent, 'POST', `/api/v1/tickets/${t.id}/reopen`, { reason: '客户再次来电' })).toMatchObject({ status: 'open', reopens: 1 });
  });

  it('escalates a ticket bounced back too often, and exports the leader’s list', async () => {
    const t = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'repair', title: '热水器漏水' }, 201);
    for (let i = 0; i < 3; i++) {
      await json(leader, 'POST', `/api/v1/tickets/${t.id}/assign`, { fieldTeam: '维修一队' });
      await json(leader, 'POST', `/api/v1/tickets/${t.id}/bounce`, { reason: '不属于本队辖区' });
    }
    // The field team that takes it closes with the customer's signature and rating of the visit.
    await json(leader, 'POST', `/api/v1/tickets/${t.id}/assign`, { fieldTeam: '维修二队' });
    await json(leader, 'POST', `/api/v1/tickets/${t.id}/close`, { resolution: '更换密封圈', visit: { signedBy: '何建华', rating: 5 } });
    const bounced = await json<TicketDetail>(leader, 'GET', `/api/v1/tickets/${t.id}`);
    expect(bounced).toMatchObject({ status: 'closed', bounces: 3, assignee: { kind: 'field_team', name: '维修二队' } });
    expect(bounced.steps.find((s) => s.action === 'close')?.detail).toEqual({ resolution: '更换密封圈', visit: { signedBy: '何建华', rating: 5 } });
    expect(bounced.steps.filter((s) => s.action === 'escalation').map((s) => s.detail.reason)).toEqual(['bounces']);
    expect((await notifications(leader)).filter((n) => n.ticketId === t.id).map((n) => n.kind)).toContain('escalation');

    const res = await h.call(leader, 'GET', '/api/v1/tickets/export.xlsx?view=team');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(2).values).toContain('工单号');
    const titles = sheet.getColumn(3).values;
    expect(titles).toContain('热水器漏水');
    // Labels in the user's language and times on the center's clock, never codes or UTC.
    const cells = sheet.getSheetValues().flat().map(String);
    for (const raw of ['open', 'assigned', 'normal', 'on_time', 'overdue']) expect(cells).not.toContain(raw);
    expect(cells.filter((c) => /\d{4}-\d\d-\d\dT|Z$/.test(c))).toEqual([]);
    expect(cells.some((c) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(c))).toBe(true);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await h.call(leader, 'GET', '/api/v1/tickets/export.xlsx?view=team&lang=en')).rawPayload as unknown as ArrayBuffer);
    expect(en.worksheets[0]!.getRow(2).values).toEqual(expect.arrayContaining(['No.', 'Status', 'Created']));
    expect(en.worksheets[0]!.getRow(2).values).not.toContain('工单号');
    expect((await h.call(agent, 'GET', '/api/v1/tickets/export.xlsx')).statusCode).toBe(403);
  });
});
