import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import type { LeaveRequest } from '@banzu/contract';
import { leaveDays, leaveOn } from './index';

describe.each(backends)('leave (请假) ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let otherLeader: string;
  let agent: string;
  let colleague: string;
  let agentId: string;
  let colleagueId: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    [manager, leader, otherLeader, agent, colleague] = (await Promise.all(['manager', 'leader1', 'leader2', '8001', '8002'].map((u) => h.login(u)))) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const ids = await h.t.store.query<{ id: string; no: string }>("SELECT user_id AS id, employee_no AS no FROM agents WHERE employee_no IN ('8001', '8002') ORDER BY employee_no");
    [agentId, colleagueId] = ids.map((r) => r.id) as [string, string];
  });
  afterAll(() => h.close());

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };

  it('an agent asks, the team leader approves; the days are working days on the center calendar, split by month', async () => {
    // Wednesday 28 January to Tuesday 3 February 2026, with Friday 30 January a holiday: 28, 29 in January; 2, 3 in February.
    await call(manager, 'PUT', '/api/v1/calendar/days/2026-01-30', { kind: 'holiday' });
    const asked = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-01-28', endDate: '2026-02-03', reason: '发烧' }, 201);
    expect(asked).toMatchObject({ agentId, kind: 'sick', status: 'pending', days: 4, requestedBy: agentId });
    // Pending leave is not counted yet.
    expect((await leaveDays(h.t.store, '2026-01', [agentId])).get(agentId)?.sick).toBe(0);
    const approved = await call<LeaveRequest>(leader, 'POST', `/api/v1/leave/${asked.id}/approve`, { note: '注意休息' });
    expect(approved).toMatchObject({ status: 'approved', decisionNote: '注意休息', decidedAt: expect.any(String) });
    const jan = await leaveDays(h.t.store, '2026-01', [agentId, colleagueId]);
    expect(jan.get(agentId)).toMatchObject({ sick: 2, personal: 0 });
    expect(jan.get(colleagueId)).toMatchObject({ sick: 0 });
    expect((await leaveDays(h.t.store, '2026-02', [agentId])).get(agentId)?.sick).toBe(2);
    // leaveOn: who is away on a date (the holiday inside the leave too), not the day after.
    expect((await leaveOn(h.t.store, '2026-01-29', [agentId, colleagueId])).map((l) => l.agentId)).toEqual([agentId]);
    expect(await leaveOn(h.t.store, '2026-02-04', [agentId])).toEqual([]);
    // A half day of personal leave on a working day counts 0.5.
    const half = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'personal', startDate: '2026-01-22', endDate: '2026-01-22', halfDay: true, half: 'pm' }, 201);
    await call(leader, 'POST', `/api/v1/leave/${half.id}/approve`);
    expect((await leaveDays(h.t.store, '2026-01', [agentId])).get(agentId)).toMatchObject({ sick: 2, personal: 0.5 });
    const audit = await h.t.store.query<{ action: string }>("SELECT action FROM audit_log WHERE subject = 'leave' ORDER BY at, action");
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['leave.request', 'leave.approve']));
  });

  it('refuses bad dates, overlaps, other teams and other agents with a Chinese message, changing nothing', async () => {
    const before = await h.t.store.query('SELECT id FROM leave_requests');
    const bad = await h.call(agent, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-02-10', endDate: '2026-02-09' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('body.endDate: 结束日期不能早于开始日期');
    expect((await h.call(agent, 'POST', '/api/v1/leave', { kind: 'holiday', startDate: '2026-02-10', endDate: '2026-02-10' })).json().error.message).toMatch(
      /^body\.kind: 请假类型应为 sick、.+ 之一$/,
    );
    // A weekend has no working day to take off; in English when asked.
    const weekend = { kind: 'annual', startDate: '2026-02-07', endDate: '2026-02-08' };
    expect((await h.call(agent, 'POST', '/api/v1/leave', weekend)).json().error.message).toBe('所选日期内没有工作日，不需要请假');
    expect((await h.call(agent, 'POST', '/api/v1/leave?lang=en', weekend)).json().error.message).toBe('there is no working day in these dates: no leave is needed');
    expect((await h.call(agent, 'POST', '/api/v1/leave?lang=en', { ...weekend, endDate: '2026-02-06' })).json().error.message).toBe(
      'body.endDate: the last day cannot be before the first',
    );
    const overlap = await h.call(agent, 'POST', '/api/v1/leave', { kind: 'annual', startDate: '2026-02-03', endDate: '2026-02-05' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toContain('重叠');
    expect((await h.call(agent, 'POST', '/api/v1/leave', { agentId: colleagueId, kind: 'sick', startDate: '2026-02-10', endDate: '2026-02-10' })).statusCode).toBe(403);
    expect(await h.t.store.query('SELECT id FROM leave_requests')).toEqual(before);

    const asked = await call<LeaveRequest>(colleague, 'POST', '/api/v1/leave', { kind: 'personal', startDate: '2026-02-10', endDate: '2026-02-10' }, 201);
    const foreign = await h.call(otherLeader, 'POST', `/api/v1/leave/${asked.id}/approve`, {});
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('本班组');
    expect((await h.call(colleague, 'POST', `/api/v1/leave/${asked.id}/approve`, {})).statusCode).toBe(403);
    expect((await h.call(leader, 'POST', `/api/v1/leave/${asked.id}/refuse`, {})).json().error.message).toContain('原因');
    await call(leader, 'POST', `/api/v1/leave/${asked.id}/refuse`, { note: '当天人手不足' });
    expect((await h.call(leader, 'POST', `/api/v1/leave/${asked.id}/approve`, {})).statusCode).toBe(409);
    expect((await leaveDays(h.t.store, '2026-02', [colleagueId])).get(colleagueId)?.personal).toBe(0);
  });

  it('an agent lists only the own leave, a leader the team, another team is forbidden; a pending leave can be withdrawn', async () => {
    const mine = await call<{ items: LeaveRequest[] }>(agent, 'GET', '/api/v1/leave?month=2026-02');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((l) => l.agentId === agentId)).toBe(true);
    expect((await h.call(agent, 'GET', `/api/v1/leave?agentId=${colleagueId}`)).statusCode).toBe(403);
    const team = await call<{ items: LeaveRequest[] }>(leader, 'GET', '/api/v1/leave?month=2026-02');
    expect(new Set(team.items.map((l) => l.agentId))).toEqual(new Set([agentId, colleagueId]));
    const teamId = team.items[0]!.teamId;
    expect((await call<{ items: LeaveRequest[] }>(otherLeader, 'GET', '/api/v1/leave?month=2026-02')).items).toEqual([]);
    expect((await h.call(otherLeader, 'GET', `/api/v1/leave?team=${teamId}`)).statusCode).toBe(403);
    expect((await h.call(leader, 'GET', '/api/v1/leave?month=2026-13')).json().error.message).toContain('月份格式');

    const pending = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'annual', startDate: '2026-02-16', endDate: '2026-02-16' }, 201);
    expect((await h.call(colleague, 'POST', `/api/v1/leave/${pending.id}/cancel`)).statusCode).toBe(403);
    expect((await call<LeaveRequest>(agent, 'POST', `/api/v1/leave/${pending.id}/cancel`)).status).toBe('cancelled');
  });
});
