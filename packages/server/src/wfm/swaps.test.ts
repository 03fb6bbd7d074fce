import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaveRequest, MySchedule, OvertimeRecord, Roster, ShiftSwap } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { historyCsv } from './testing';

describe.each(backends)('roster changes: leave, swaps (换班), overtime (加班), edits after publishing ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let otherLeader: string;
  const agents: Record<string, { token: string; id: string }> = {};
  let teamId: string;
  let queueId: string;
  let reports: ProjectionRunner;

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const roster = () => call<Roster>(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-02`);
  /** A February date the first agent works and the second does not. */
  const worksNot = (r: Roster, a: string, b: string, after = '2026-02-01') =>
    r.days.map((d) => d.date).find((date) => date > after && r.shifts.some((s) => s.userId === a && s.date === date) && !r.shifts.some((s) => s.userId === b && s.date === date))!;
  const shiftOf = (r: Roster, userId: string, date: string) => r.shifts.find((s) => s.userId === userId && s.date === date)?.shift ?? null;

  beforeAll(async () => {
    h = await openTestApp(backend);
    reports = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await reports.start();
    [manager, leader, otherLeader] = (await Promise.all(['manager', 'leader1', 'leader2'].map((u) => h.login(u)))) as [string, string, string];
    const rows = await h.t.store.query<{ id: string; no: string }>(
      "SELECT user_id AS id, employee_no AS no FROM agents WHERE employee_no IN ('8001', '8002', '8003', '8004', '8005')",
    );
    for (const r of rows) agents[r.no] = { id: r.id, token: await h.login(r.no) };
    [{ teamId }] = (await h.t.store.query<{ teamId: string }>('SELECT team_id AS "teamId" FROM users WHERE username = \'leader1\'')) as [{ teamId: string }];
    [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
  });
  afterAll(async () => {
    await reports.stop();
    await h.close();
  });

  it('imports call history from a CSV, refusing a bad row by its number; the forecast learns from it', async () => {
    const bad = await h.call(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: 'start,calls\n2026-01-02T09:00,12\n2026-01-02T09:30,lots' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('第 3 行 calls');
    expect((await h.call(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: 'when,calls\n' })).json().error.message).toContain('缺少“start”列');
    expect((await h.call(agents['8001']!.token, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: historyCsv() })).statusCode).toBe(403);
    const imported = await call<{ rows: number; from: string }>(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: historyCsv() });
    expect(imported).toMatchObject({ rows: 30 * 16, from: '2025-11-24T09:00' });
    const forecast = await call<{ intervals: { start: string; calls: number; aht: number; scheduled: number }[] }>(
      leader,
      'GET',
      `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7`,
    );
    expect(forecast.intervals[0]).toMatchObject({ start: '2026-01-06T09:00', calls: 10, aht: 180 });
    expect(forecast.intervals[0]).not.toHaveProperty('overridden');

    // Erlang A with the patience the queue's own calls show: 400 s waited in all ÷ 4 callers who hung up.
    await h.t.store.query(
      'INSERT INTO interval_tallies (interval_start, queue_id, offered, answered, abandoned, answer_wait_seconds, abandon_wait_seconds, talk_seconds) VALUES ($1, $2, 10, 6, 4, 120, 280, 1080)',
      [new Date('2025-12-01T01:00:00Z'), queueId],
    );
    const patient = await call<{ model: string; patienceSeconds: number; intervals: { agents: number }[] }>(
      leader,
      'GET',
      `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7&patienceFromHistory=true`,
    );
    expect(patient).toMatchObject({ model: 'erlang-a', patienceSeconds: 100 });
    expect((await call<{ model: string }>(leader, 'GET', `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7`)).model).toBe('erlang-c');

    // The planner overrides one interval by hand (a campaign mailing that morning): audited, then taken back.
    const key = { queueId, start: '2026-01-06T09:00', intervalMinutes: 30 };
    await call(leader, 'PUT', '/api/v1/wfm/forecast/overrides', { ...key, calls: 50, note: '短信营销' });
    const overridden = await call<{ intervals: { start: string; calls: number; scheduled: number; overridden?: true }[] }>(
      leader,
      'GET',
      `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7`,
    );
    expect(overridden.intervals[0]).toMatchObject({ start: '2026-01-06T09:00', calls: 50, overridden: true });
    expect(overridden.intervals[0]!.scheduled).toBeGreaterThan(forecast.intervals[0]!.scheduled as number);
    expect((await h.call(leader, 'PUT', '/api/v1/wfm/forecast/overrides', { ...key, start: '2026-01-06T09:10', calls: 5 })).json().error.message).toContain('30 分钟时段的开始');
    expect((await h.call(leader, 'PUT', '/api/v1/wfm/forecast/overrides', { ...key, start: '2026-01-05T09:00', calls: 5 })).statusCode).toBe(400);
    expect((await h.call(agents['8001']!.token, 'PUT', '/api/v1/wfm/forecast/overrides', { ...key, calls: 5 })).statusCode).toBe(403);
    const cleared = await h.call(leader, 'DELETE', `/api/v1/wfm/forecast/overrides?queueId=${queueId}&start=2026-01-06T09:00&intervalMinutes=30`);
    expect(cleared.statusCode).toBe(204);
    expect((await call<typeof overridden>(leader, 'GET', `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7`)).intervals[0]).toMatchObject({ calls: 10 });
    const audit = await h.t.store.query<{ action: string; detail: { calls?: number } }>("SELECT action, detail FROM audit_log WHERE action LIKE 'forecast.%' ORDER BY at, action");
    expect(audit.map((a) => a.action)).toEqual(['forecast.override', 'forecast.override_clear']);
  });

  it('generates the month with lunch inside its window, the curve of required against scheduled agents with predicted service level, and publishes it', async () => {
    // 8004 works no 晚班 and at most 3 days a week: the center's rules for one agent.
    const made = await call<Roster>(leader, 'POST', '/api/v1/wfm/rosters', {
      teamId,
      month: '2026-02',
      queueIds: [queueId],
      share: 0.5,
      agentRules: [{ userId: agents['8004']!.id, maxDaysPerWeek: 3, excludedShifts: ['晚班'] }],
    });
    expect(made.shifts.length).toBeGreaterThan(20);
    for (const s of made.shifts) {
      expect(s.breaks).toHaveLength(1);
      const [lunch] = s.breaks;
      // 早班 08:30-17:30: an hour between 11:30 and 15:30.
      if (s.shift === '早班') expect([lunch!.start.slice(11) >= '11:30', lunch!.end.slice(11) <= '15:30']).toEqual([true, true]);
    }
    const mine = made.shifts.filter((s) => s.userId === agents['8004']!.id);
    expect(mine.some((s) => s.shift === '晚班')).toBe(false);
    expect(mine.filter((s) => s.date >= '2026-02-02' && s.date <= '2026-02-08').length).toBeLessThanOrEqual(3);
    const nine = made.coverage.find((c) => c.start === '2026-02-03T09:00')!;
    expect(nine.required).toBeGreaterThan(0);
    expect(nine.scheduled).toBe(
      made.shifts.filter((s) => s.date === '2026-02-03' && s.start.slice(11) <= '09:00' && !s.breaks.some((b) => b.start.slice(11) <= '09:00' && b.end.slice(11) > '09:00')).length,
    );
    expect(nine.serviceLevel).toBeGreaterThan(0);
    // The queue requires 售前 skills: a short interval is the team's total or its skilled agents, named.
    for (const short of made.short) {
      if (short.reason === 'skill') expect(short.queues).toEqual([{ id: queueId, name: '售前咨询' }]);
      else expect(['no_shift', 'headcount', 'rules']).toContain(short.reason);
    }
    await call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-02/publish`);
    const schedule = await call<MySchedule>(agents['8001']!.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02');
    expect(schedule.shifts[0]!.breaks[0]!.name).toBe('午休');
    expect(schedule.changes).toEqual([]);
    // The team's month as the paper 班表 on the wall: every agent sees who works when (to propose a swap).
    const wall = await call<{ agents: unknown[]; shifts: unknown[] }>(agents['8002']!.token, 'GET', '/api/v1/wfm/team-schedule?month=2026-02');
    expect([wall.agents.length, wall.shifts.length]).toEqual([made.agents.length, made.shifts.length]);
    expect((await call<{ shifts: unknown[] }>(agents['8005']!.token, 'GET', '/api/v1/wfm/team-schedule?month=2026-02')).shifts).toEqual([]);
  });

  it('a swap: proposed by one agent, consented by the other, approved by the leader, changes the published roster, notifies both, and moves scheduled time; once a month', async () => {
    const [a, b] = [agents['8001']!, agents['8002']!];
    let r = await roster();
    const given = worksNot(r, a.id, b.id);
    const taken = worksNot(r, b.id, a.id);
    const givenShift = shiftOf(r, a.id, given);
    const takenShift = shiftOf(r, b.id, taken);
    const swap = await call<ShiftSwap>(a.token, 'POST', '/api/v1/wfm/swaps', { partnerId: b.id, requesterDate: given, partnerDate: taken, reason: '家里有事' }, 201);
    expect(swap).toMatchObject({ status: 'proposed', requesterShift: givenShift, partnerShift: takenShift, requesterName: expect.any(String) });
    // Not before the partner agrees; not by another team's leader; not by someone else than the partner.
    expect((await h.call(leader, 'POST', `/api/v1/wfm/swaps/${swap.id}/approve`, {})).json().error.message).toContain('对方还没有同意');
    expect((await h.call(agents['8003']!.token, 'POST', `/api/v1/wfm/swaps/${swap.id}/consent`, {})).statusCode).toBe(403);
    // The partner sees it asked of them.
    expect((await call<{ items: ShiftSwap[] }>(b.token, 'GET', '/api/v1/wfm/swaps?month=2026-02')).items.map((s) => s.id)).toContain(swap.id);
    await call(b.token, 'POST', `/api/v1/wfm/swaps/${swap.id}/consent`, {});
    expect((await h.call(otherLeader, 'POST', `/api/v1/wfm/swaps/${swap.id}/approve`, {})).statusCode).toBe(403);
    const approved = await call<ShiftSwap>(leader, 'POST', `/api/v1/wfm/swaps/${swap.id}/approve`, { note: '同意' });
    expect(approved).toMatchObject({ status: 'approved', repayBy: null, requesterShift: givenShift, partnerShift: takenShift });
    r = await roster();
    expect([shiftOf(r, a.id, given), shiftOf(r, b.id, given), shiftOf(r, b.id, taken), shiftOf(r, a.id, taken)]).toEqual([null, givenShift, null, takenShift]);
    const notice = (await call<MySchedule>(b.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02')).changes;
    expect(notice.map((c) => [c.date, c.before, c.after, c.cause])).toEqual(
      expect.arrayContaining([
        [given, null, givenShift, 'swap'],
        [taken, takenShift, null, 'swap'],
      ]),
    );
    // Seed 003: once a month.
    const again = await h.call(a.token, 'POST', '/api/v1/wfm/swaps', { partnerId: agents['8003']!.id, requesterDate: worksNot(r, a.id, agents['8003']!.id) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('每月换班不得超过 1 次');
    // Another team's agent is no partner.
    expect((await h.call(a.token, 'POST', '/api/v1/wfm/swaps', { partnerId: agents['8005']!.id, requesterDate: '2026-03-02' })).statusCode).toBe(403);
    // The reports' scheduled time follows the roster: each agent's is the hours of the shifts they now have.
    await reports.caughtUp(await h.app.banzu.log.head());
    for (const agent of [a, b]) {
      const [{ seconds }] = (await h.t.store.query<{ seconds: number }>('SELECT COALESCE(SUM(scheduled_seconds), 0)::float8 AS seconds FROM day_tallies WHERE agent_id = $1', [
        agent.id,
      ])) as [{ seconds: number }];
      const hours = r.shifts.filter((s) => s.userId === agent.id).reduce((sum, s) => sum + (Date.parse(`${s.end}:00Z`) - Date.parse(`${s.start}:00Z`)) / 1000, 0);
      expect(seconds).toBe(hours);
    }
  });

  it('a swap that would leave less than the rest between shifts is refused, saying when', async () => {
    const [a, b] = [agents['8001']!, agents['8002']!];
    // 8001 works 晚班 (to 22:00) on the 26th and is off on the 27th; 8002 the other way round with 早班 (from 08:30).
    const set = async (userId: string, date: string, shift: string | null) => {
      if (shiftOf(await roster(), userId, date) !== shift) await call(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-02/shifts/${userId}/${date}`, { shift });
    };
    await set(a.id, '2026-02-26', '晚班');
    await set(a.id, '2026-02-27', null);
    await set(b.id, '2026-02-26', null);
    await set(b.id, '2026-02-27', '早班');
    const tooClose = await h.call(b.token, 'POST', '/api/v1/wfm/swaps', { partnerId: a.id, requesterDate: '2026-02-27' });
    expect(tooClose.statusCode).toBe(409);
    expect(tooClose.json().error.message).toBe('换班后两个班次之间休息不足 11 小时：2026-02-26 22:00 下班，2026-02-27 08:30 又上班');
  });

  it('a cover (替班) is owed back within a month; the repayment does not count against the limit and marks it repaid', async () => {
    const [c, d] = [agents['8003']!, agents['8004']!];
    let r = await roster();
    const date = worksNot(r, c.id, d.id);
    const cover = await call<ShiftSwap>(c.token, 'POST', '/api/v1/wfm/swaps', { partnerId: d.id, requesterDate: date }, 201);
    await call(d.token, 'POST', `/api/v1/wfm/swaps/${cover.id}/consent`);
    const approved = await call<ShiftSwap>(leader, 'POST', `/api/v1/wfm/swaps/${cover.id}/approve`);
    expect(approved.repayBy).toBe(`2026-03-${date.slice(8)}`);
    // Only the one owed may ask for it back.
    expect((await h.call(c.token, 'POST', '/api/v1/wfm/swaps', { partnerId: d.id, requesterDate: worksNot(await roster(), c.id, d.id), repays: cover.id })).statusCode).toBe(400);
    r = await roster();
    const back = await call<ShiftSwap>(d.token, 'POST', '/api/v1/wfm/swaps', { partnerId: c.id, requesterDate: worksNot(r, d.id, c.id), repays: cover.id, reason: '还班' }, 201);
    await call(c.token, 'POST', `/api/v1/wfm/swaps/${back.id}/consent`);
    await call(leader, 'POST', `/api/v1/wfm/swaps/${back.id}/approve`);
    const list = (await call<{ items: ShiftSwap[] }>(leader, 'GET', '/api/v1/wfm/swaps?month=2026-02')).items;
    expect(list.find((s) => s.id === cover.id)).toMatchObject({ repaid: true, repayBy: null });
    // A refused swap needs a reason.
    const third = await call<ShiftSwap>(d.token, 'POST', '/api/v1/wfm/swaps', { partnerId: c.id, requesterDate: worksNot(await roster(), d.id, c.id) }, 201);
    expect((await h.call(leader, 'POST', `/api/v1/wfm/swaps/${third.id}/refuse`, {})).json().error.message).toContain('原因');
    expect(await call<ShiftSwap>(leader, 'POST', `/api/v1/wfm/swaps/${third.id}/refuse`, { note: '人手不够' })).toMatchObject({ status: 'refused' });
    const audit = await h.t.store.query<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE subject = 'swap'");
    expect(audit.map((x) => x.action).sort()).toEqual(['swap.approve', 'swap.consent', 'swap.refuse', 'swap.request']);
  });

  it('approved leave takes the shift off the published roster at once and the agent is told why', async () => {
    const a = agents['8001']!;
    const before = await roster();
    const date = before.shifts.find((s) => s.userId === a.id && s.date > '2026-02-20')!.date;
    const leave = await call<LeaveRequest>(a.token, 'POST', '/api/v1/leave', { kind: 'sick', startDate: date, endDate: date }, 201);
    expect(shiftOf(await roster(), a.id, date)).not.toBeNull();
    await call(leader, 'POST', `/api/v1/leave/${leave.id}/approve`, {});
    const after = await roster();
    expect(shiftOf(after, a.id, date)).toBeNull();
    const at = `${date}T10:00`;
    expect(after.coverage.find((c) => c.start === at)!.scheduled).toBe(before.coverage.find((c) => c.start === at)!.scheduled - 1);
    expect(after.leave).toEqual([{ userId: a.id, date, kind: 'sick' }]);
    const { changes } = await call<MySchedule>(a.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02');
    expect(changes[0]).toMatchObject({ date, after: null, cause: 'leave', note: '病假', read: false });
    expect((await h.call(a.token, 'POST', '/api/v1/wfm/my-schedule/read')).statusCode).toBe(204);
    expect((await call<MySchedule>(a.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02')).changes).toEqual([]);
  });

  it('overtime (加班) is recorded, paid on a holiday, approved by the leader, and in the roster and coverage at once', async () => {
    const b = agents['8002']!;
    const r = await roster();
    // A holiday (法定节日) the agent is off.
    const holidayDate = r.days.map((d) => d.date).find((date) => date > '2026-02-10' && !r.shifts.some((s) => s.userId === b.id && s.date === date))!;
    await call(manager, 'PUT', `/api/v1/calendar/days/${holidayDate}`, { kind: 'holiday' });
    const busy = r.shifts.find((s) => s.userId === b.id)!;
    const clash = await h.call(b.token, 'POST', '/api/v1/wfm/overtime', { date: busy.date, start: '09:00', end: '11:00', reason: '高峰' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('重叠');
    expect((await h.call(b.token, 'POST', '/api/v1/wfm/overtime', { date: holidayDate, start: '09:00', end: '11:00', reason: '' })).statusCode).toBe(400);
    const holiday = await call<OvertimeRecord>(b.token, 'POST', '/api/v1/wfm/overtime', { date: holidayDate, start: '09:00', end: '13:00', reason: '春节值班' }, 201);
    expect(holiday).toMatchObject({ status: 'pending', compensation: 'pay', hours: 4, start: `${holidayDate}T09:00`, end: `${holidayDate}T13:00` });
    const free = r.days.map((d) => d.date).find((date) => date > holidayDate && !r.shifts.some((s) => s.userId === b.id && s.date === date))!;
    const evening = await call<OvertimeRecord>(leader, 'POST', '/api/v1/wfm/overtime', { agentId: b.id, date: free, start: '18:00', end: '20:00', reason: '补录' }, 201);
    expect(evening.compensation).toBe('time_off');
    expect((await h.call(b.token, 'POST', `/api/v1/wfm/overtime/${holiday.id}/approve`, {})).statusCode).toBe(403);
    await call(leader, 'POST', `/api/v1/wfm/overtime/${holiday.id}/approve`, {});
    const after = await roster();
    expect(after.overtime).toEqual([expect.objectContaining({ id: holiday.id, userId: b.id, date: holidayDate, start: `${holidayDate}T09:00`, end: `${holidayDate}T13:00` })]);
    const mine = await call<MySchedule>(b.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02');
    expect(mine.overtime).toEqual([expect.objectContaining({ id: holiday.id, compensation: 'pay' })]);
    expect(mine.changes[0]).toMatchObject({ date: holidayDate, after: '加班', cause: 'overtime' });
    expect((await call<{ items: OvertimeRecord[] }>(leader, 'GET', '/api/v1/wfm/overtime?month=2026-02&status=pending')).items.map((o) => o.id)).toEqual([evening.id]);
  });

  it("the leader's edit after publishing is audited and notifies the agent", async () => {
    const c = agents['8003']!;
    const r = await roster();
    const day = r.shifts.find((s) => s.userId === c.id && s.date > '2026-02-10')!;
    const other = r.shiftTemplates.find((t) => t.name !== day.shift)!.name;
    const edited = await call<Roster>(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-02/shifts/${c.id}/${day.date}`, { shift: other, note: '调整' });
    expect(shiftOf(edited, c.id, day.date)).toBe(other);
    expect((await h.call(leader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-02/shifts/${c.id}/${day.date}`, { shift: '大夜班' })).json().error.message).toContain('没有班次');
    expect((await h.call(otherLeader, 'PUT', `/api/v1/wfm/rosters/${teamId}/2026-02/shifts/${c.id}/${day.date}`, { shift: null })).statusCode).toBe(403);
    const { changes } = await call<MySchedule>(c.token, 'GET', '/api/v1/wfm/my-schedule?month=2026-02');
    expect(changes[0]).toMatchObject({ date: day.date, before: day.shift, after: other, cause: 'edit', note: '调整' });
    const [audit] = await h.t.store.query<{ detail: { before: string; after: string } }>("SELECT detail FROM audit_log WHERE action = 'roster.edit' AND detail->>'userId' = $1", [
      c.id,
    ]);
    expect(audit!.detail).toMatchObject({ before: day.shift, after: other });
  });
});
