import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Ticket, TicketReport } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

const HOUR = 3_600_000;
const groupings = ['type', 'team', 'assignee', 'month', 'customer'] as const;

describe.each(backends)('ticket reports ($name)', (backend) => {
  let h: TestApp;
  let tokens: Record<string, string>;
  let ids: { handler: string; team1: string; team2: string; c1: Customer; c2: Customer; onFile: number };

  // Sessions expire as the clock moves on: everyone logs in again after it moved.
  const loginAll = async () => {
    const names = ['8001', '8002', '8005', 'leader1', 'leader2', 'manager'];
    tokens = Object.fromEntries(await Promise.all(names.map(async (u) => [u, await h.login(u)] as const)));
  };
  const advance = async (ms: number) => {
    h.clock.advance(ms);
    await loginAll();
  };
  const json = async <T>(user: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(tokens[user], method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const report = (user: string, query: string) => json<TicketReport>(user, 'GET', `/api/v1/tickets/report?${query}`);
  const row = (r: TicketReport, key: string) => r.rows.find((x) => x.key === key);

  /**
   * Four tickets, the clock starting Monday 5 January 2026, 09:00 in Shanghai:
   * A, a complaint of customer c1 accepted by 8001, assigned to 8002, closed after 2 hours, found not solved
   * at the callback (2 points), closed again an hour later and rated 5;
   * B, a complaint of no customer, left open and unassigned;
   * C, a mayor's hotline (市长专线, a register) ticket of c1 for a field team, sent back once, closed at
   * 50 hours (2 hours late) and rated 3;
   * D, a repair of c2 accepted by 8005 of the second team on 1 February, open.
   */
  beforeAll(async () => {
    h = await openTestApp(backend);
    await loginAll();
    const me = async (user: string) => json<{ id: string; teamId: string }>(user, 'GET', '/api/v1/auth/me');
    const [handler, agent, other] = await Promise.all([me('8002'), me('8001'), me('8005')]);
    const visible = (await json<{ customers: Customer[] }>('8005', 'GET', '/api/v1/customers?limit=50')).customers.filter((c) => c.teamId === null);
    const [{ n: onFile }] = (await h.t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')) as [{ n: number }];
    ids = { handler: handler.id, team1: agent.teamId, team2: other.teamId, c1: visible[0]!, c2: visible[1]!, onFile };

    const accept = (user: string, body: Record<string, unknown>) => json<Ticket>(user, 'POST', '/api/v1/tickets', body, 201);
    const a = await accept('8001', { type: 'complaint', title: 'A 宽带维修不及时', customerId: ids.c1.id });
    await accept('8001', { type: 'complaint', title: 'B 营业员态度差' });
    const c = await accept('8001', { type: 'mayor_hotline', title: 'C 市长专线转来：小区停网', customerId: ids.c1.id });
    await json('leader1', 'POST', `/api/v1/tickets/${a.id}/assign`, { userId: '8002' });
    await json('leader1', 'POST', `/api/v1/tickets/${c.id}/assign`, { fieldTeam: '维修一队' });
    await json('leader1', 'POST', `/api/v1/tickets/${c.id}/bounce`, { reason: '不属于本队辖区' });
    await json('leader1', 'POST', `/api/v1/tickets/${c.id}/assign`, { fieldTeam: '维修一队' });
    await advance(2 * HOUR);
    await json('8002', 'POST', `/api/v1/tickets/${a.id}/close`, { resolution: '已上门' });
    await json('8001', 'POST', `/api/v1/tickets/${a.id}/callback`, { solved: false, satisfaction: 2 });
    await advance(HOUR);
    await json('8002', 'POST', `/api/v1/tickets/${a.id}/close`, { resolution: '更换光猫' });
    await json('8001', 'POST', `/api/v1/tickets/${a.id}/callback`, { solved: true, satisfaction: 5 });
    await advance(47 * HOUR);
    await json('leader1', 'POST', `/api/v1/tickets/${c.id}/close`, { resolution: '线路修复', visit: { signedBy: '何建华', rating: 4 } });
    await json('8001', 'POST', `/api/v1/tickets/${c.id}/callback`, { solved: true, satisfaction: 3 });
    // Sunday 1 February, 09:00 in Shanghai.
    await advance(Date.UTC(2026, 1, 1, 1) - h.clock.now());
    await accept('8005', { type: 'repair', title: 'D 热水器漏水', customerId: ids.c2.id });
  });
  afterAll(() => h.close());

  it('puts every ticket in exactly one row of each grouping: the rows add up to the total', async () => {
    for (const by of groupings) {
      const r = await report('manager', `by=${by}`);
      const sum = (field: 'tickets' | 'closed' | 'bounces') => r.rows.reduce((n, x) => n + x[field], 0);
      expect([sum('tickets'), sum('closed'), sum('bounces')], by).toEqual([r.total.tickets, r.total.closed, r.total.bounces]);
      expect(new Set(r.rows.map((x) => x.key)).size, by).toBe(r.rows.length);
      expect(r.total, by).toEqual({ tickets: 4, closed: 2, onTimeRate: 0.5, averageHandlingHours: 26.5, reopenRate: 0.25, bounces: 1, satisfaction: 4 });
    }
  });

  it('counts by type, team, assignee, month and customer, with the figures of the metric dictionary', async () => {
    const byType = await report('manager', 'by=type');
    expect(byType.rows.map((r) => r.key)).toEqual(['complaint', 'mayor_hotline', 'repair']);
    // A: closed again within its fresh clock, 3 clock hours after acceptance, reopened once, rated 5 at last.
    expect(row(byType, 'complaint')).toEqual({
      key: 'complaint',
      label: '投诉',
      tickets: 2,
      closed: 1,
      onTimeRate: 1,
      averageHandlingHours: 3,
      reopenRate: 0.5,
      bounces: 0,
      satisfaction: 5,
    });
    expect(row(byType, 'mayor_hotline')).toMatchObject({ label: '市长专线', tickets: 1, closed: 1, onTimeRate: 0, averageHandlingHours: 50, bounces: 1, satisfaction: 3 });
    expect(row(byType, 'repair')).toMatchObject({ tickets: 1, closed: 0, onTimeRate: null, averageHandlingHours: null, satisfaction: null });

    const byTeam = await report('manager', 'by=team');
    expect(byTeam.rows.map((r) => [r.key, r.label, r.tickets])).toEqual(
      [
        [ids.team1, '客服一组 Team 1', 3],
        [ids.team2, '客服二组 Team 2', 1],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    // The one handling it now; B and D have nobody yet: the row ''.
    const byAssignee = await report('manager', 'by=assignee');
    expect(row(byAssignee, `user:${ids.handler}`)).toMatchObject({ label: '李娜', tickets: 1, closed: 1 });
    expect(row(byAssignee, 'field_team:维修一队')).toMatchObject({ label: '维修一队', tickets: 1, bounces: 1 });
    expect(row(byAssignee, '')).toMatchObject({ label: '', tickets: 2, closed: 0 });

    // The month a ticket was accepted, on the center's calendar.
    const byMonth = await report('manager', 'by=month');
    expect(byMonth.rows.map((r) => [r.key, r.tickets, r.closed])).toEqual([
      ['2026-01', 3, 2],
      ['2026-02', 1, 0],
    ]);

    // Tickets per customer (seed 002 P11): c1 two, c2 one, B of none; over the customers on file.
    const byCustomer = await report('manager', 'by=customer');
    expect(row(byCustomer, ids.c1.id)).toMatchObject({ label: ids.c1.name, tickets: 2, closed: 2 });
    expect(row(byCustomer, ids.c2.id)).toMatchObject({ label: ids.c2.name, tickets: 1 });
    expect(row(byCustomer, '')).toMatchObject({ tickets: 1 });
    expect(byCustomer.customers).toBe(ids.onFile);
    expect(byCustomer.ticketsPerCustomer).toBeCloseTo(4 / ids.onFile, 10);
    // The complaints alone: 平均每名顾客(投诉)提交工单.
    const complaints = await report('manager', 'by=customer&type=complaint');
    expect(complaints.total.tickets).toBe(2);
    expect(complaints.ticketsPerCustomer).toBeCloseTo(2 / ids.onFile, 10);
  });

  it('reports a register (市长专线) of its own, a period, and a team leader’s own team only', async () => {
    const register = await report('manager', 'by=type&register=true');
    expect(register.rows.map((r) => r.key)).toEqual(['mayor_hotline']);
    expect(register.total.tickets).toBe(1);
    expect((await report('manager', 'by=type&register=false')).rows.map((r) => r.key)).toEqual(['complaint', 'repair']);
    expect((await report('manager', 'by=assignee&type=mayor_hotline')).rows.map((r) => r.key)).toEqual(['field_team:维修一队']);

    // From (inclusive) to (exclusive), on the center's calendar: February alone, and January alone.
    expect((await report('manager', 'by=month&from=2026-02-01')).rows.map((r) => [r.key, r.tickets])).toEqual([['2026-02', 1]]);
    const january = await report('manager', 'by=type&from=2026-01-01&to=2026-02-01');
    expect(january.total.tickets).toBe(3);
    // Customers on file when the period ended: the test center's were all created in 2025.
    expect(january.customers).toBe(ids.onFile);
    expect((await report('manager', 'by=type&to=2025-01-01')).customers).toBe(0);

    expect((await report('leader1', 'by=team')).rows.map((r) => [r.key, r.tickets])).toEqual([[ids.team1, 3]]);
    expect((await report('leader2', 'by=type')).total.tickets).toBe(1);
    expect((await h.call(tokens.leader1, 'GET', `/api/v1/tickets/report?teamId=${ids.team2}`)).statusCode).toBe(403);
    expect((await h.call(tokens['8001'], 'GET', '/api/v1/tickets/report')).statusCode).toBe(403);

    const backwards = await h.call(tokens.manager, 'GET', '/api/v1/tickets/report?from=2026-02-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('结束日期应晚于开始日期');
    expect((await h.call(tokens.manager, 'GET', '/api/v1/tickets/report?by=week')).json().error.message).toContain('分组应为');
  });

  it('exports the report as the page shows it, in Chinese with its total and tickets per customer, and audits it', async () => {
    const res = await h.call(tokens.leader1, 'GET', '/api/v1/tickets/report?by=type&from=2026-01-01&to=2026-02-01&format=xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const lines = sheet.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(lines[1]).toEqual(['工单统计 · 类型 · 2026-01-01 – 2026-01-31']);
    expect(lines[2]).toEqual(['范围: 全部类型']);
    expect(lines[3]).toEqual([`平均每名顾客提交工单：${(3 / ids.onFile).toFixed(3)}（工单 3 张，客户 ${ids.onFile} 名）`]);
    expect(lines[4]).toEqual(['类型', '工单数', '已办结', '按时办结率', '平均处理时长（自然小时）', '重开率', '退单次数', '回访满意度']);
    expect(lines.slice(5)).toEqual([
      ['投诉', 2, 1, 1, 3, 0.5, 0, 5],
      ['市长专线', 1, 1, 0, 50, 0, 1, 3],
      ['合计', 3, 2, 0.5, 26.5, 1 / 3, 1, 4],
    ]);
    expect(sheet.getRow(5).getCell(4).numFmt).toBe('0.0%');

    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await h.call(tokens.manager, 'GET', '/api/v1/tickets/report?by=assignee&register=true&format=xlsx&lang=en')).rawPayload as unknown as ArrayBuffer);
    expect(en.worksheets[0]!.getRow(4).values).toEqual(expect.arrayContaining(['Assignee', 'Tickets', 'Ticket on-time rate']));
    expect(en.worksheets[0]!.getRow(2).values).toContain('Scope: registers (mayor’s hotline …)');

    const audit = await h.t.store.query<{ user_id: string; row_count: number; detail: { query: Record<string, string> } }>(
      "SELECT user_id, row_count, detail FROM audit_log WHERE action = 'export' AND subject = 'ticket_report' ORDER BY id",
    );
    expect(audit.map((a) => [a.row_count, a.detail.query])).toEqual([
      [2, { by: 'type', from: '2026-01-01', to: '2026-02-01' }],
      [1, { by: 'assignee', register: 'true' }],
    ]);
  });
});
