import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FloorAgent } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';

const MIN = 60_000;

describe('schedule adherence and 考勤 from the floor: a late login against the published shift', () => {
  let h: TestApp;
  let reports: ProjectionRunner;
  let leader: string;
  let agentToken: string;
  let agentId: string;
  let teamId: string;
  /** 早班 09:00-18:00 Shanghai on Monday 5 January 2026, the test clock's start. */
  const start = Date.UTC(2026, 0, 5, 1, 0);
  const end = start + 9 * 60 * MIN;

  const settle = async () => {
    await reports.caughtUp(await h.app.banzu.log.head());
    const feed = h.app.floor!.feed;
    for (let i = 0; i < 100 && feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).seq < (await h.app.banzu.log.head()); i++) await new Promise((r) => setTimeout(r, 10));
  };
  const onWallboard = (): FloorAgent => {
    const state = h.app.floor!.feed.snapshot({ userId: 'l', role: 'team_leader', teamId }).state;
    return state.agents.find((a) => a.agentId === agentId)!;
  };

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    reports = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await reports.start();
    leader = await h.login('leader1');
    agentToken = await h.login('8001');
    const me = (await h.call(agentToken, 'GET', '/api/v1/auth/me')).json() as { id: string; teamId: string };
    agentId = me.id;
    teamId = me.teamId;
    // A month drafted with one shift today, published by the leader through the API.
    await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at) VALUES ($1, '2026-01', 'draft', $2, $3)`, [
      teamId,
      JSON.stringify([{ name: '早班', start: '09:00', end: '18:00' }]),
      new Date(start - 86_400_000),
    ]);
    await h.t.store.query(`INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, '2026-01', $2, '2026-01-05', '早班', $3, $4)`, [
      teamId,
      agentId,
      new Date(start),
      new Date(end),
    ]);
  });
  afterAll(async () => {
    await reports.stop();
    await h.close();
  });

  it('the wallboard measures the agent against the shift once it is published, late after the grace period', async () => {
    expect(onWallboard().adherence).toBeUndefined();
    expect((await h.call(leader, 'POST', `/api/v1/wfm/rosters/${teamId}/2026-01/publish`)).statusCode).toBe(200);
    await settle();
    // 09:00 and not logged in: out of adherence from the start, not late within the 5 minutes.
    expect(onWallboard().adherence).toEqual({ activity: 'on_shift', breakName: null, inAdherence: false, outSince: start, lateMinutes: 0 });
    expect(onWallboard().schedule).toEqual([{ start, end, breaks: [] }]);
    // A teammate's desktop sees the state, not the schedule, logins or lateness.
    const teammate = h.app.floor!.feed.snapshot({ userId: 'someone-else', role: 'agent', teamId }).state.agents.find((a) => a.agentId === agentId)!;
    expect(teammate).not.toHaveProperty('adherence');
    expect(teammate).not.toHaveProperty('logins');
    h.clock.advance(12 * MIN);
    expect(onWallboard().adherence).toMatchObject({ inAdherence: false, outSince: start, lateMinutes: 12 });
    // Logging in at 09:12 keeps to the schedule from then on; the lateness stays.
    expect((await h.call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    await settle();
    expect(onWallboard().adherence).toMatchObject({ inAdherence: true, outSince: null, lateMinutes: 12 });
    expect(onWallboard().logins).toEqual([{ start: start + 12 * MIN, end: null }]);
    // Not ready on shift is out of adherence again, from that moment.
    h.clock.advance(18 * MIN);
    expect((await h.call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meeting' })).statusCode).toBe(200);
    await settle();
    h.clock.advance(10 * MIN);
    expect(onWallboard().adherence).toMatchObject({ inAdherence: false, outSince: start + 30 * MIN, lateMinutes: 12 });
  });

  it('the attendance report lists the late arrival with adherence so far; the leader corrects it with a reason, audited', async () => {
    const res = await h.call(leader, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-01`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().agents.find((a: { userId: string }) => a.userId === agentId);
    // 09:40: logged in 28 of 40 minutes, working 18 of them.
    expect(mine.shifts[0]).toMatchObject({ date: '2026-01-05', shift: '早班', status: 'late', computedStatus: 'late', lateMinutes: 12, workedMinutes: 28, correction: null });
    expect(mine.shifts[0].adherence).toBeCloseTo(18 / 40, 3);
    expect(mine.shifts[0].conformance).toBeCloseTo(18 / 40, 3);
    expect(mine).toMatchObject({ late: 1, absent: 0 });
    // 出勤率 so far: 28 of the 40 minutes the shift has run.
    expect(mine.attendanceRate).toBeCloseTo(28 / 40, 3);

    // Seed 003's deduction for a late arrival is proposed to the leader as a discipline item (扣分).
    const proposals = async () =>
      ((await h.call(leader, 'GET', '/api/v1/discipline/proposals?month=2026-01')).json().items as { kind: string; agentId: string }[]).filter(
        (p) => p.kind === 'late_login' && p.agentId === agentId,
      );
    expect(await proposals()).toHaveLength(1);

    const noReason = await h.call(leader, 'PUT', `/api/v1/wfm/attendance/${teamId}/${agentId}/2026-01-05`, { status: 'present', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect((await h.call(await h.login('leader2'), 'PUT', `/api/v1/wfm/attendance/${teamId}/${agentId}/2026-01-05`, { status: 'present', reason: '系统故障' })).statusCode).toBe(
      403,
    );
    expect((await h.call(agentToken, 'PUT', `/api/v1/wfm/attendance/${teamId}/${agentId}/2026-01-05`, { status: 'present', reason: '系统故障' })).statusCode).toBe(403);
    expect((await h.call(leader, 'PUT', `/api/v1/wfm/attendance/${teamId}/${agentId}/2026-01-06`, { status: 'present', reason: '系统故障' })).statusCode).toBe(404);

    const fixed = await h.call(leader, 'PUT', `/api/v1/wfm/attendance/${teamId}/${agentId}/2026-01-05`, { status: 'present', reason: '门禁故障，9点已到岗' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      status: 'present',
      computedStatus: 'late',
      lateMinutes: 0,
      workedMinutes: 40,
      correction: { status: 'present', reason: '门禁故障，9点已到岗' },
    });
    // The lateness corrected away is no longer proposed.
    expect(await proposals()).toHaveLength(0);
    const after = (await h.call(leader, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-01`)).json().agents.find((a: { userId: string }) => a.userId === agentId);
    expect(after.late).toBe(0);
    const [audit] = await h.t.store.query<{ detail: unknown }>("SELECT detail FROM audit_log WHERE action = 'attendance.correct'");
    expect(audit!.detail).toMatchObject({ agentId, date: '2026-01-05', from: 'late', computed: 'late', to: 'present', reason: '门禁故障，9点已到岗' });

    // The sheet, audited as an export.
    const xlsx = await h.call(leader, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-01?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [leaderName] = await h.t.store.query<{ name: string }>("SELECT display_name AS name FROM users WHERE username = 'leader1'");
    expect(rows.find((r) => r[2] === '2026-01-05')?.slice(3, 6)).toEqual(['早班', '09:00-18:00', '正常']);
    expect(rows.find((r) => r[2] === '2026-01-05')?.at(-1)).toBe(`${leaderName!.name}: 门禁故障，9点已到岗`);
    expect((await h.t.store.query("SELECT 1 FROM audit_log WHERE action = 'export' AND subject = 'attendance'")).length).toBe(1);
  });

  it('the center sets the grace period: a 15-minute grace makes 09:12 on time', async () => {
    await h.t.store.query('DELETE FROM wfm_attendance_corrections');
    const manager = await h.login('manager');
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { attendanceGraceMinutes: 15 })).statusCode).toBe(200);
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { attendanceGraceMinutes: 90 })).statusCode).toBe(400);
    const res = (await h.call(leader, 'GET', `/api/v1/wfm/attendance/${teamId}/2026-01`)).json();
    expect(res.graceMinutes).toBe(15);
    expect(res.agents.find((a: { userId: string }) => a.userId === agentId).shifts[0].status).toBe('present');
    expect(onWallboard().adherence?.lateMinutes).toBe(0);
  });
});
