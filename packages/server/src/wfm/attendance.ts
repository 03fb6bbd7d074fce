import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AttendanceAgent, AttendanceCorrection, AttendanceShift, TeamAttendance } from '@banzu/contract';
import { addAdherenceTallies, addDays, computeAdherenceMetrics, type Actor, shiftAdherence, shiftAttendance, type Span } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { ApiError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import { loadCenterSettings } from '../org/settings';
import { sendWorkbook, tableWorkbook } from '../reports/index';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';
import { agentQuarters, instantOf, spansOf } from './adherence';
import { planningRoles } from './forecast';
import { approvedHalfDays } from './leave';
import { loadRoster } from './roster';

const DAY = 86_400_000;

/**
 * An agent's logged-in spans from the reports' quarter-hours (logged_in_seconds of the agent's rows),
 * and with `now` the state under way up to it. Exact while an agent logs in or out at most once a quarter.
 */
export async function loggedInSpans(db: Queryable, agentId: string, from: Date, to: Date, now = from.getTime()): Promise<Span[]> {
  return spansOf((await agentQuarters(db, [agentId], from.getTime(), to.getTime(), now)).get(agentId) ?? []);
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'org.month_format');
const correctedStatus = z.enum(['present', 'late', 'early_leave', 'late_and_early', 'absent']);

/** A team leader sees and corrects the own team only; supervisors and above any team. */
function checkTeam(actor: Actor, teamId: string): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.attendance_own_team'));
}

/**
 * A team's month of attendance (考勤) against its published roster, judged by `now`: each shift's
 * late arrival, early leave or absence by the grace period (the center's unless named), the team
 * leader's correction over it, its adherence and conformance so far; per agent the counts, 出勤率,
 * adherence and conformance. 404 when the month has no roster.
 *
 * @example
 * const { agents } = await teamAttendance(store, teamId, '2026-01', clock.now());
 */
export async function teamAttendance(db: Queryable, teamId: string, m: string, now: number, graceMinutes?: number): Promise<TeamAttendance> {
  const roster = await loadRoster(db, teamId, m);
  const grace = graceMinutes ?? (await loadCenterSettings(db)).attendanceGraceMinutes;
  const { timeZone } = roster;
  const corrections = new Map(
    (
      await db.query<{ userId: string; date: string; status: AttendanceCorrection['status']; reason: string; by: string; byName: string; at: Date }>(
        `SELECT c.user_id AS "userId", to_char(c.date, 'YYYY-MM-DD') AS date, c.status, c.reason, c.corrected_by AS by, u.display_name AS "byName", c.corrected_at AS at
           FROM wfm_attendance_corrections c JOIN users u ON u.id = c.corrected_by
          WHERE c.user_id = ANY($1::text[]) AND c.date >= $2::date AND c.date <= $3::date`,
        [roster.agents.map((a) => a.userId), roster.days[0]!.date, roster.days.at(-1)!.date],
      )
    ).map((c) => [`${c.userId} ${c.date}`, { status: c.status, reason: c.reason, by: c.by, byName: c.byName, at: new Date(c.at).toISOString() }]),
  );
  const first = instantOf(`${roster.days[0]!.date}T00:00`, timeZone);
  const quarters = await agentQuarters(
    db,
    roster.agents.map((a) => a.userId),
    first - DAY,
    instantOf(`${addDays(roster.days.at(-1)!.date, 1)}T00:00`, timeZone) + DAY,
    now,
  );
  const halves = new Map(
    (
      await approvedHalfDays(
        db,
        roster.agents.map((a) => a.userId),
        roster.days[0]!.date,
        roster.days.at(-1)!.date,
      )
    ).map((l) => [`${l.agentId} ${l.date}`, l.half]),
  );
  const agents: AttendanceAgent[] = [];
  for (const agent of roster.agents) {
    const mine = quarters.get(agent.userId) ?? [];
    const spans = spansOf(mine);
    const tallies = [];
    const shifts: AttendanceShift[] = [];
    for (const entry of roster.shifts.filter((s) => s.userId === agent.userId)) {
      const breaks = ((entry as { breaks?: { name: string; start: string; end: string }[] }).breaks ?? []).map((b) => ({
        name: b.name,
        start: instantOf(b.start, timeZone),
        end: instantOf(b.end, timeZone),
      }));
      const shift = { start: instantOf(entry.start, timeZone), end: instantOf(entry.end, timeZone), breaks };
      const kept = shiftAttendance(shift, spans, now, grace);
      const correction = corrections.get(`${agent.userId} ${entry.date}`) ?? null;
      const scheduledMinutes = Math.round((shift.end - shift.start) / 60_000);
      const day = { start: instantOf(`${entry.date}T00:00`, timeZone), end: instantOf(`${addDays(entry.date, 1)}T00:00`, timeZone) };
      const tally = kept.status === 'upcoming' ? null : shiftAdherence(shift, mine, day, now);
      if (tally) tallies.push(tally);
      const figures = tally ? computeAdherenceMetrics(tally) : null;
      const status = kept.status === 'upcoming' ? 'upcoming' : (correction?.status ?? kept.status);
      const late = status === 'late' || status === 'late_and_early';
      const early = status === 'early_leave' || status === 'late_and_early';
      shifts.push({
        date: entry.date,
        shift: entry.shift,
        start: entry.start,
        end: entry.end,
        status,
        computedStatus: kept.status,
        lateMinutes: late ? kept.lateMinutes : 0,
        earlyMinutes: early ? kept.earlyMinutes : 0,
        // The leader vouches for a shift corrected to present: it counts whole toward 出勤率.
        workedMinutes: correction?.status === 'present' ? Math.max(kept.workedMinutes, Math.round((Math.min(now, shift.end) - shift.start) / 60_000)) : kept.workedMinutes,
        scheduledMinutes,
        adherence: figures?.adherence ?? null,
        conformance: figures?.conformance ?? null,
        correction,
        halfDayLeave: halves.get(`${agent.userId} ${entry.date}`) ?? null,
      });
    }
    const due = shifts.filter((s) => s.status !== 'upcoming');
    // A shift under way counts as far as it has gone.
    const sofar = (s: AttendanceShift) => Math.min(s.scheduledMinutes, Math.max(0, Math.round((now - instantOf(s.start, timeZone)) / 60_000)));
    const scheduled = due.reduce((sum, s) => sum + sofar(s), 0);
    const month = computeAdherenceMetrics(addAdherenceTallies(...tallies));
    agents.push({
      ...agent,
      late: due.filter((s) => s.status === 'late' || s.status === 'late_and_early').length,
      earlyLeave: due.filter((s) => s.status === 'early_leave' || s.status === 'late_and_early').length,
      absent: due.filter((s) => s.status === 'absent').length,
      attendanceRate: scheduled > 0 ? due.reduce((sum, s) => sum + Math.min(s.workedMinutes, sofar(s)), 0) / scheduled : null,
      adherence: month.adherence ?? null,
      conformance: month.conformance ?? null,
      shifts,
    });
  }
  return { teamId, month: m, timeZone, status: roster.status, graceMinutes: grace, agents };
}

const statusNames: Record<AttendanceShift['status'], { zh: string; en: string }> = {
  upcoming: { zh: '未开始', en: 'Upcoming' },
  present: { zh: '正常', en: 'Present' },
  late: { zh: '迟到', en: 'Late' },
  early_leave: { zh: '早退', en: 'Left early' },
  late_and_early: { zh: '迟到且早退', en: 'Late and left early' },
  absent: { zh: '缺勤', en: 'Absent' },
};

export async function attendanceRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get(
    '/api/v1/wfm/attendance/:teamId/:month',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "考勤: each agent's published shifts of the month with late, early leave or absence (login against the shift, the center's grace period unless named), the leader's corrections, adherence and conformance; per agent the counts, 出勤率, adherence and conformance; format=xlsx for the sheet (audited)",
        params: z.object({ teamId: z.string().min(1), month }),
        querystring: z.object({ graceMinutes: z.coerce.number().int().min(0).max(60).optional(), format: z.enum(['json', 'xlsx']).default('json') }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { teamId, month: m } = request.params;
      checkTeam(actor, teamId);
      const attendance = await teamAttendance(store, teamId, m, clock.now(), request.query.graceMinutes);
      if (request.query.format === 'json') return attendance;
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const percent = (v: number | null) => ({ value: v, numFmt: '0.0%' });
      const rows = attendance.agents.flatMap((a) =>
        a.shifts
          .filter((s) => s.status !== 'upcoming')
          .map((s) => [
            a.employeeNo,
            a.name,
            s.date,
            s.shift,
            `${s.start.slice(11)}-${s.end.slice(11)}`,
            say(statusNames[s.status].zh, statusNames[s.status].en),
            s.lateMinutes,
            s.earlyMinutes,
            s.workedMinutes,
            s.scheduledMinutes,
            percent(s.adherence),
            percent(s.conformance),
            s.correction ? `${s.correction.byName}: ${s.correction.reason}` : '',
          ]),
      );
      const xlsx = await tableWorkbook(
        `${say('考勤', 'Attendance')} · ${m}`,
        [
          { title: say('工号', 'Employee no.') },
          { title: say('姓名', 'Name') },
          { title: say('日期', 'Date'), width: 12 },
          { title: say('班次', 'Shift') },
          { title: say('时间', 'Hours'), width: 12 },
          { title: say('考勤', 'Attendance') },
          { title: say('迟到（分钟）', 'Late (min)') },
          { title: say('早退（分钟）', 'Left early (min)') },
          { title: say('在线（分钟）', 'Logged in (min)') },
          { title: say('排班（分钟）', 'Scheduled (min)') },
          { title: say('排班遵守率', 'Adherence') },
          { title: say('排班符合率', 'Conformance') },
          { title: say('班组长更正', "Leader's correction"), width: 30 },
        ],
        rows,
        [say(`迟到宽限 ${attendance.graceMinutes} 分钟`, `Grace period ${attendance.graceMinutes} min`)],
      );
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'attendance', rowCount: rows.length, detail: { teamId, month: m } });
      return sendWorkbook(reply, `banzu-attendance-${m}.xlsx`, xlsx);
    },
  );

  routes.put(
    '/api/v1/wfm/attendance/:teamId/:userId/:date',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary: "The team leader corrects one shift's attendance (a login the system missed, a lateness excused) with a reason; audited with what it was",
        params: z.object({ teamId: z.string().min(1), userId: z.string().min(1), date: z.iso.date() }),
        body: z.strictObject({ status: correctedStatus, reason: z.string().trim().min(1).max(200) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { teamId, userId, date } = request.params;
      checkTeam(actor, teamId);
      const [shift] = await store.query<{ month: string; startsAt: Date }>(
        `SELECT s.month, s.starts_at AS "startsAt" FROM wfm_roster_shifts s JOIN wfm_rosters r ON r.team_id = s.team_id AND r.month = s.month AND r.status = 'published'
          WHERE s.team_id = $1 AND s.user_id = $2 AND s.date = $3::date`,
        [teamId, userId, date],
      );
      if (!shift) throw new NotFoundError(words('wfm.attendance_no_shift', { date }));
      const before = (await teamAttendance(store, teamId, shift.month, clock.now())).agents.find((a) => a.userId === userId)?.shifts.find((s) => s.date === date);
      if (!before || before.status === 'upcoming') throw new ApiError(409, 'not_due', words('wfm.attendance_not_due', { date }));
      const { status, reason } = request.body;
      await store.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO wfm_attendance_corrections (user_id, date, status, reason, corrected_by, corrected_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, date) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, corrected_by = EXCLUDED.corrected_by, corrected_at = EXCLUDED.corrected_at`,
          [userId, date, status, reason, actor.userId, new Date(clock.now())],
        );
        // The lateness corrected away is no discipline item (扣分) to propose any more.
        if (status !== 'late' && status !== 'late_and_early') {
          await tx.query(
            `UPDATE discipline_proposals SET status = 'dismissed', decided_by = $3, decided_at = $4 WHERE kind = 'late_login' AND status = 'open' AND agent_id = $1 AND occurred_at = $2`,
            [userId, shift.startsAt, actor.userId, new Date(clock.now())],
          );
        }
      });
      await writeAudit(store, {
        userId: actor.userId,
        action: 'attendance.correct',
        subject: 'attendance',
        rowCount: 1,
        detail: { teamId, agentId: userId, date, from: before.status, computed: before.computedStatus, to: status, reason },
      });
      const after = await teamAttendance(store, teamId, shift.month, clock.now());
      return after.agents.find((a) => a.userId === userId)!.shifts.find((s) => s.date === date)!;
    },
  );
}
