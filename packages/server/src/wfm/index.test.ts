import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { requiredAgents } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';

describe.each(backends)('workforce management over HTTP ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let agent: string;
  let queueId: string;
  let reports: ProjectionRunner;

  beforeAll(async () => {
    h = await openTestApp(backend);
    reports = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await reports.start();
    [manager, leader, agent] = (await Promise.all(['manager', 'leader1', '8001'].map((u) => h.login(u)))) as [string, string, string];
    [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
    // Six weeks of weekdays before Monday 5 January 2026 (the test clock): 09:00 and 09:30 Shanghai
    // (01:00 and 01:30 UTC), 100 and 60 calls offered, all answered, 180 s of talk each.
    for (let d = 1; d <= 42; d++) {
      const day = new Date(Date.UTC(2026, 0, 5 - d));
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      for (const [minutes, calls] of [
        [60, 100],
        [90, 60],
      ] as const) {
        await h.t.store.query('INSERT INTO interval_tallies (interval_start, queue_id, offered, answered, talk_seconds) VALUES ($1, $2, $3, $3, $4)', [
          new Date(day.getTime() + minutes * 60_000),
          queueId,
          calls,
          calls * 180,
        ]);
      }
    }
  });
  afterAll(async () => {
    await reports.stop();
    await h.close();
  });

  it('the manager sets holidays and make-up working days; everyone reads the calendar; each change is audited', async () => {
    const set = await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-01-07', { kind: 'holiday' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ date: '2026-01-07', kind: 'holiday' });
    // Saturday 10 January worked in exchange.
    expect((await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-01-10', { kind: 'workday' })).json()).toEqual({ date: '2026-01-10', kind: 'makeup' });
    const read = await h.call(agent, 'GET', '/api/v1/calendar?from=2026-01-06&to=2026-01-11');
    expect(read.json().days).toEqual([
      { date: '2026-01-06', kind: 'workday' },
      { date: '2026-01-07', kind: 'holiday' },
      { date: '2026-01-08', kind: 'workday' },
      { date: '2026-01-09', kind: 'workday' },
      { date: '2026-01-10', kind: 'makeup' },
      { date: '2026-01-11', kind: 'restday' },
    ]);
    // Routing's holidays are the same list.
    expect((await h.call(agent, 'GET', '/api/v1/center')).json().holidays).toEqual(['2026-01-07']);
    expect((await h.call(manager, 'DELETE', '/api/v1/calendar/days/2026-01-10')).json()).toEqual({ date: '2026-01-10', kind: 'restday' });
    const audit = await h.t.store.query<{ action: string; detail: { date: string } }>("SELECT action, detail FROM audit_log WHERE subject = 'calendar' ORDER BY at, action");
    expect(audit.map((a) => [a.action, a.detail.date])).toEqual([
      ['calendar.set', '2026-01-07'],
      ['calendar.set', '2026-01-10'],
      ['calendar.clear', '2026-01-10'],
    ]);
  });

  it('refuses other roles, bad dates and kinds, and clearing a day that was not set', async () => {
    expect((await h.call(leader, 'PUT', '/api/v1/calendar/days/2026-01-08', { kind: 'holiday' })).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-02-30', { kind: 'holiday' })).statusCode).toBe(400);
    const kind = await h.call(manager, 'PUT', '/api/v1/calendar/days/2026-01-08', { kind: 'party' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.code).toBe('invalid_request');
    const clear = await h.call(manager, 'DELETE', '/api/v1/calendar/days/2026-01-09');
    expect(clear.statusCode).toBe(404);
    expect(clear.json().error.message).toBe('2026-01-09 不是设定的节假日或调休工作日');
    expect((await h.call(agent, 'GET', '/api/v1/calendar?from=2026-01-09&to=2026-01-01')).statusCode).toBe(400);
  });

  it("forecasts a queue's next week from its tallies, leaves the holiday closed, and staffs each interval for the queue's target", async () => {
    const res = await h.call(leader, 'GET', `/api/v1/wfm/forecast?queueId=${queueId}&horizonDays=7`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ queueId, timeZone: 'Asia/Shanghai', intervalMinutes: 30, backtest: { wape: 0 } });
    // Tuesday 6 January to Monday 12 January: Wednesday 7 is a holiday, with no holiday history: closed.
    expect([...new Set(body.intervals.map((i: { start: string }) => i.start.slice(0, 10)))]).toEqual(['2026-01-06', '2026-01-08', '2026-01-09', '2026-01-12']);
    const staffing = requiredAgents({ traffic: 10, ahtSeconds: 180, thresholdSeconds: 20, target: 0.8, maxOccupancy: 0.9, shrinkage: 0.3 });
    expect(body.intervals[0]).toEqual({
      start: '2026-01-06T09:00',
      calls: 100,
      aht: 180,
      agents: staffing.agents,
      scheduled: staffing.scheduled,
      serviceLevel: staffing.serviceLevel,
    });
    expect(body.intervals[1]).toMatchObject({ start: '2026-01-06T09:30', calls: 60 });
  });

  it('says why it cannot forecast: an unknown queue, a queue without calls, an agent asking', async () => {
    const unknown = await h.call(leader, 'GET', '/api/v1/wfm/forecast?queueId=nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('找不到队列：nope');
    const [{ id: quiet }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = 'VIP专线'")) as [{ id: string }];
    const none = await h.call(leader, 'GET', `/api/v1/wfm/forecast?queueId=${quiet}`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('没有来电记录');
    expect((await h.call(agent, 'GET', `/api/v1/wfm/forecast?queueId=${queueId}`)).statusCode).toBe(403);
    expect((await h.call(leader, 'GET', `/api/v1/wfm/forecast?queueId=${queueId}&intervalMinutes=20`)).statusCode).toBe(400);
  });

  it("the leader generates the team's month, checks it, publishes it, and each agent then sees their shifts", async () => {
    const [{ teamId }] = (await h.t.store.query<{ teamId: string }>('SELECT team_id AS "teamId" FROM users WHERE username = \'leader1\'')) as [{ teamId: string }];
    const [{ id: me }] = (await h.t.store.query<{ id: string }>("SELECT id FROM users WHERE username = '8001'")) as [{ id: string }];
    // A tenth of the queue's requirement: two agents at 09:00 on working days.
    const made = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId], share: 0.1 });
    expect(made.statusCode, made.body).toBe(200);
    const roster = made.json();
    expect(roster).toMatchObject({ teamId, month: '2026-02', status: 'draft', short: [] });
    expect(roster.days).toHaveLength(28);
    expect(roster.agents.map((a: { employeeNo: string }) => a.employeeNo)).toContain('8001');
    const monday = roster.shifts.filter((s: { date: string }) => s.date === '2026-02-02');
    expect(monday.length).toBeGreaterThanOrEqual(2);
    expect(monday[0]).toMatchObject({ shift: '早班', start: '2026-02-02T08:30', end: '2026-02-02T17:30' });
    // Nobody works more than five days a week.
    for (const a of roster.agents)
      expect(roster.shifts.filter((s: { userId: string; date: string }) => s.userId === a.userId && s.date >= '2026-02-02' && s.date <= '2026-02-08').length).toBeLessThanOrEqual(
        5,
      );

    // Drafts are the leader's: the agent sees nothing yet.
    expect((await h.call(agent, 'GET', '/api/v1/wfm/my-schedule?month=2026-02')).json().shifts).toEqual([]);
    const published = await h.call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-02/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    const mine = (await h.call(agent, 'GET', '/api/v1/wfm/my-schedule?month=2026-02')).json();
    expect(mine.shifts).toEqual(roster.shifts.filter((s: { userId: string }) => s.userId === me).map(({ userId: _, ...s }: { userId: string }) => s));
    // The reports now know each agent's scheduled time from the log's roster.published (a rebuild keeps it): 9 hours a shift, by quarter-hour and by day.
    await reports.caughtUp(await h.app.banzu.log.head());
    const [tallied] = await h.t.store.query<{ quarters: number; days: number }>(
      'SELECT (SELECT SUM(scheduled_seconds) FROM interval_tallies WHERE agent_id = $1)::float8 AS quarters, (SELECT SUM(scheduled_seconds) FROM day_tallies WHERE agent_id = $1)::float8 AS days',
      [me],
    );
    const myShifts = roster.shifts.filter((s: { userId: string }) => s.userId === me).length;
    expect(tallied).toEqual({ quarters: myShifts * 9 * 3600, days: myShifts * 9 * 3600 });
    const [audit] = await h.t.store.query<{ row_count: number }>("SELECT row_count FROM audit_log WHERE action = 'roster.publish'");
    expect(audit!.row_count).toBe(roster.shifts.length);

    expect((await h.call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-02/publish`)).statusCode).toBe(409);
    const again = await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId], share: 0.1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('2026-02 的班表已发布，不能重新生成');
    const xlsx = await h.call(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-02?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // The paper 班表 in the user's language only.
    const header = async (url: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await h.call(leader, 'GET', url)).rawPayload as unknown as ArrayBuffer);
      return (book.worksheets[0]!.getRow(3).values as unknown[]).filter(Boolean).slice(0, 2);
    };
    expect(await header(`/api/v1/wfm/rosters/${teamId}/2026-02?format=xlsx`)).toEqual(['工号', '姓名']);
    expect(await header(`/api/v1/wfm/rosters/${teamId}/2026-02?format=xlsx&lang=en`)).toEqual(['Employee no.', 'Name']);
    // Another team's leader, and agents, may not see or plan this team's month.
    const leader2 = await h.login('leader2');
    expect((await h.call(leader2, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-02`)).statusCode).toBe(403);
    expect((await h.call(agent, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-02`)).statusCode).toBe(403);
    expect((await h.call(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-03`)).statusCode).toBe(404);
    expect((await h.call(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2025-12', queueIds: [queueId] })).statusCode).toBe(400);
  });

  it('考勤: a login ten minutes into the shift is late, a shift without login absent, and 出勤率 follows', async () => {
    const [{ teamId }] = (await h.t.store.query<{ teamId: string }>('SELECT team_id AS "teamId" FROM users WHERE username = \'leader1\'')) as [{ teamId: string }];
    const [{ id: me }] = (await h.t.store.query<{ id: string }>("SELECT id FROM users WHERE username = '8001'")) as [{ id: string }];
    const [first] = await h.t.store.query<{ startsAt: Date; endsAt: Date }>(
      'SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM wfm_roster_shifts WHERE user_id = $1 ORDER BY date LIMIT 1',
      [me],
    );
    // Logged in from ten minutes after the start to the end: the first quarter has 5 minutes.
    const start = new Date(first!.startsAt).getTime();
    for (let t = start; t < new Date(first!.endsAt).getTime(); t += 15 * 60_000) {
      await h.t.store.query(
        "INSERT INTO interval_tallies (interval_start, queue_id, agent_id, team_id, logged_in_seconds) VALUES ($1, '', $2, $3, $4) ON CONFLICT (interval_start, queue_id, agent_id, team_id) DO UPDATE SET logged_in_seconds = EXCLUDED.logged_in_seconds",
        [new Date(t), me, teamId, t === start ? 300 : 900],
      );
    }
    h.clock.advance(Date.parse('2026-03-01T00:00:00Z') - h.clock.now());
    const token = await h.login('leader1');
    const res = await h.call(token, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-02`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().agents.find((a: { userId: string }) => a.userId === me);
    expect(mine.shifts[0]).toMatchObject({ status: 'late', lateMinutes: 10, earlyMinutes: 0, workedMinutes: 530, scheduledMinutes: 540 });
    expect(mine.late).toBe(1);
    expect(mine.absent).toBe(mine.shifts.length - 1);
    expect(mine.attendanceRate).toBeCloseTo(530 / (540 * mine.shifts.length), 6);
    // A fifteen-minute grace forgives the ten minutes.
    const lenient = (await h.call(token, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-02?graceMinutes=15`)).json();
    expect(lenient.agents.find((a: { userId: string }) => a.userId === me).shifts[0].status).toBe('present');
    expect((await h.call(await h.login('leader2'), 'GET', `/api/v1/wfm/attendance/${teamId}/2026-02`)).statusCode).toBe(403);
  });
});
