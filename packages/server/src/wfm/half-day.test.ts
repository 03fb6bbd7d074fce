import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaveRequest, MySchedule, Roster } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { leaveDays } from './index';
import { historyCsv } from './testing';

const MIN = 60_000;

describe.each(backends)('half-day leave (半天假, 上午/下午): the roster, the wallboard and 考勤 expect the agent for the other half only ($name)', (backend) => {
  let h: TestApp;
  let reports: ProjectionRunner;
  let leader: string;
  let agent: string;
  let agentId: string;
  let teamId: string;
  /** 09:00 Shanghai on Monday 5 January 2026, the test clock's start; 早班 09:00-18:00 with 午休 12:00-13:00. */
  const nine = Date.UTC(2026, 0, 5, 1, 0);

  const call = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const settle = async () => {
    await reports.caughtUp(await h.app.banzu.log.head());
    const feed = h.app.floor!.feed;
    for (let i = 0; i < 200 && feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).seq < (await h.app.banzu.log.head()); i++) await new Promise((r) => setTimeout(r, 10));
  };

  beforeAll(async () => {
    h = await openTestApp(backend, { floor: true });
    reports = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await reports.start();
    leader = await h.login('leader1');
    agent = await h.login('8001');
    const me = (await h.call(agent, 'GET', '/api/v1/auth/me')).json() as { id: string; teamId: string };
    [agentId, teamId] = [me.id, me.teamId];
    await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at) VALUES ($1, '2026-01', 'draft', $2, $3)`, [
      teamId,
      JSON.stringify([{ name: '早班', start: '09:00', end: '18:00' }]),
      new Date(nine - 86_400_000),
    ]);
    for (const day of [0, 1]) {
      const start = nine + day * 86_400_000;
      await h.t.store.query(`INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at, breaks) VALUES ($1, '2026-01', $2, $3, '早班', $4, $5, $6)`, [
        teamId,
        agentId,
        `2026-01-0${5 + day}`,
        new Date(start),
        new Date(start + 9 * 60 * MIN),
        JSON.stringify([{ name: '午休', start: new Date(start + 3 * 60 * MIN), end: new Date(start + 4 * 60 * MIN) }]),
      ]);
    }
    await call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-01/publish`);
  });
  afterAll(async () => {
    await reports.stop();
    await h.close();
  });

  it('asks which half; a morning off, approved, leaves the agent 13:00-18:00, told why; it costs half a day', async () => {
    const noHalf = await h.call(agent, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-01-05', endDate: '2026-01-05', halfDay: true });
    expect(noHalf.statusCode).toBe(400);
    expect(noHalf.json().error.message).toContain('半天假请选择上午还是下午');
    const twoDays = await h.call(agent, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-01-05', endDate: '2026-01-06', half: 'am' });
    expect(twoDays.json().error.message).toContain('半天假只能是一天之内');

    const morning = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'sick', startDate: '2026-01-05', endDate: '2026-01-05', half: 'am', reason: '看病' }, 201);
    expect(morning).toMatchObject({ halfDay: true, half: 'am', days: 0.5, status: 'pending' });
    await call(leader, 'POST', `/api/v1/leave/${morning.id}/approve`, {});
    const roster = await call<Roster>(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-01`);
    expect(roster.shifts.find((s) => s.date === '2026-01-05')).toMatchObject({ shift: '早班', start: '2026-01-05T13:00', end: '2026-01-05T18:00', breaks: [] });
    expect(roster.shifts.find((s) => s.date === '2026-01-06')).toMatchObject({ start: '2026-01-06T09:00', end: '2026-01-06T18:00' });
    const { changes } = await call<MySchedule>(agent, 'GET', '/api/v1/wfm/my-schedule?month=2026-01');
    expect(changes[0]).toMatchObject({ date: '2026-01-05', before: '早班', after: '早班', cause: 'leave', note: '病假（上午）' });
    // Seed 003 deducts sick leave by the day: half a day is half.
    expect((await leaveDays(h.t.store, '2026-01', [agentId])).get(agentId)!.sick).toBe(0.5);
  });

  it('at 10:00 the wallboard does not expect the agent; a 13:00 login is on time in 考勤, not 4 hours late', async () => {
    await settle();
    h.clock.advance(60 * MIN);
    const onWallboard = () => h.app.floor!.feed.snapshot({ userId: 'l', role: 'team_leader', teamId }).state.agents.find((a) => a.agentId === agentId)!;
    expect(onWallboard().adherence).toMatchObject({ activity: 'off', inAdherence: true, lateMinutes: 0 });
    h.clock.advance(3 * 60 * MIN);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    await settle();
    h.clock.advance(30 * MIN);
    expect(onWallboard().adherence).toMatchObject({ activity: 'on_shift', inAdherence: true, lateMinutes: 0 });
    const report = await call<{ agents: { userId: string; late: number; absent: number; shifts: { date: string; status: string; scheduledMinutes: number }[] }[] }>(
      leader,
      'GET',
      `/api/v1/wfm/attendance/${teamId}/2026-01`,
    );
    const mine = report.agents.find((a) => a.userId === agentId)!;
    expect(mine.shifts.find((s) => s.date === '2026-01-05')).toMatchObject({ status: 'present', scheduledMinutes: 300, halfDayLeave: 'am' });
    expect([mine.late, mine.absent]).toEqual([0, 0]);
  });

  it('the afternoon of the same day is another leave, both halves approved take the day off; the morning twice overlaps', async () => {
    const again = await h.call(agent, 'POST', '/api/v1/leave', { kind: 'personal', startDate: '2026-01-05', endDate: '2026-01-05', half: 'am' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('日期重叠');
    const afternoon = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'personal', startDate: '2026-01-06', endDate: '2026-01-06', half: 'pm' }, 201);
    const morning = await call<LeaveRequest>(agent, 'POST', '/api/v1/leave', { kind: 'personal', startDate: '2026-01-06', endDate: '2026-01-06', half: 'am' }, 201);
    await call(leader, 'POST', `/api/v1/leave/${afternoon.id}/approve`, {});
    const roster = await call<Roster>(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-01`);
    expect(roster.shifts.find((s) => s.date === '2026-01-06')).toMatchObject({ start: '2026-01-06T09:00', end: '2026-01-06T12:00', breaks: [] });
    // The morning approved too is the whole day off: no shift is left, not a quarter of one.
    await call(leader, 'POST', `/api/v1/leave/${morning.id}/approve`, {});
    expect((await call<Roster>(leader, 'GET', `/api/v1/wfm/rosters/${teamId}/2026-01`)).shifts.find((s) => s.date === '2026-01-06')).toBeUndefined();
  });

  it('a month drafted after a half day was approved cuts that shift alike', async () => {
    const [{ id: queueId }] = (await h.t.store.query<{ id: string }>("SELECT id FROM queues WHERE name = '售前咨询'")) as [{ id: string }];
    await call(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: historyCsv() });
    // Everyone of the team has the afternoon of Wednesday 4 February off, so whoever works it works the morning only.
    const team = await h.t.store.query<{ id: string }>('SELECT id FROM users WHERE team_id = $1 AND role = $2', [teamId, 'agent']);
    for (const { id } of team) {
      const leave = await call<LeaveRequest>(leader, 'POST', '/api/v1/leave', { agentId: id, kind: 'annual', startDate: '2026-02-04', endDate: '2026-02-04', half: 'pm' }, 201);
      await call(leader, 'POST', `/api/v1/leave/${leave.id}/approve`, {});
    }
    const roster = await call<Roster>(leader, 'POST', '/api/v1/wfm/rosters', { teamId, month: '2026-02', queueIds: [queueId] });
    const that = roster.shifts.filter((s) => s.date === '2026-02-04');
    expect(that.length).toBeGreaterThan(0);
    // Cut where lunch was placed (in its window up to 15:30), lunch gone with the afternoon.
    for (const s of that) expect([s.end <= '2026-02-04T15:30', s.breaks], `${s.shift} ${s.start}-${s.end}`).toEqual([true, []]);
    expect(roster.shifts.some((s) => s.date === '2026-02-05' && s.end > '2026-02-05T17:00')).toBe(true);
  });
});
