import type { AssessmentAttendance, AssessmentSheet, AssessmentSheetComponents } from '@banzu/contract';
import {
  type AssessmentRules,
  assessAgent,
  assessmentComponentIds,
  attendanceComponent,
  checkAssessmentRules,
  dayNumber,
  defaultAssessmentRules,
  emptyLeaveTally,
  examComponent,
  isWorkingDay,
  kpiComponent,
  localDate,
  type MetricTarget,
  metricDictionary,
  pointsComponent,
  qaComponent,
  rankAssessments,
  scorecard,
} from '@banzu/core';
import { monthlyBriefingAttendance } from '../briefings/index';
import { monthlyPointTotals } from '../discipline/index';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { metricsReport } from '../reports/index';
import type { Queryable, Store } from '../store/index';
import { monthlyExamScores } from '../training/index';
import { leaveDays, loadCenterCalendar, monthRange, teamAttendance } from '../wfm/index';

/** One agent's sheet of a month as the API and the export give it. */
export type AssessmentItem = AssessmentSheet;

/** What a confirmed sheet keeps: its figures as the agent saw them. */
type FrozenSheet = Pick<AssessmentItem, 'score' | 'bonus' | 'bonusDetail' | 'componentDetails' | 'missing' | 'leave'>;

/** The QA score and the attendance rate are components of their own, not KPIs counted twice. */
const kpiMetrics = metricDictionary.filter((m) => m.better !== null && m.id !== 'monitoringScore' && m.id !== 'attendanceRate') as {
  id: string;
  better: 'higher' | 'lower';
}[];

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The center's rules: what the manager set, else seed 003's defaults. */
export async function loadAssessmentRules(db: Queryable): Promise<AssessmentRules> {
  const [row] = await db.query<{ rules: AssessmentRules }>('SELECT r.rules FROM assessment_rules r JOIN centers c ON c.id = r.center_id ORDER BY c.created_at LIMIT 1');
  return row ? checkAssessmentRules({ ...defaultAssessmentRules, ...row.rules }) : defaultAssessmentRules;
}

interface AgentRow {
  agentId: string;
  employeeNo: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
}

interface SheetRow {
  agentId: string;
  comment: string;
  commentedBy: string | null;
  commentedAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  frozen: FrozenSheet | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Attendance per agent for the month: against the team's published roster (shifts on approved
 * leave excused), or, without one, the working days up to today with a login (days on leave, before
 * the hire date and after the last day at work excused).
 */
async function monthAttendance(db: Queryable, month: string, agents: readonly AgentRow[], now: number, rules: AssessmentRules): Promise<Map<string, AssessmentAttendance>> {
  const { from, to } = monthRange(month);
  const { calendar, timeZone } = await loadCenterCalendar(db);
  const out = new Map<string, AssessmentAttendance>();
  const ids = agents.map((a) => a.agentId);
  // 早会制度: 将早会情况列入当月考核 — the briefings the agent was on the roll of, and attended.
  const briefingsOf = new Map((await monthlyBriefingAttendance(db, month, ids)).map((b) => [b.agentId, { held: b.held, attended: b.attended }]));
  const briefings = (agentId: string) => briefingsOf.get(agentId) ?? { held: 0, attended: 0 };
  const leaves = await db.query<{ agentId: string; startDate: string; endDate: string }>(
    `SELECT agent_id AS "agentId", to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate"
       FROM leave_requests WHERE status = 'approved' AND agent_id = ANY($1::text[]) AND start_date <= $3::date AND end_date >= $2::date`,
    [ids, from, to],
  );
  const leavesOf = new Map<string, { startDate: string; endDate: string }[]>();
  for (const l of leaves) leavesOf.set(l.agentId, [...(leavesOf.get(l.agentId) ?? []), l]);
  const onLeave = (agentId: string, date: string) => (leavesOf.get(agentId) ?? []).some((l) => l.startDate <= date && l.endDate >= date);

  const published = await db.query<{ teamId: string }>(`SELECT team_id AS "teamId" FROM wfm_rosters WHERE month = $1 AND status = 'published'`, [month]);
  for (const { teamId } of published) {
    const { agents: rostered } = await teamAttendance(db, teamId, month, now);
    for (const a of rostered) {
      const due = a.shifts.filter((s) => s.status !== 'upcoming' && !onLeave(a.userId, s.date));
      const expected = due.reduce((sum, s) => sum + s.scheduledMinutes, 0);
      const attended = due.reduce((sum, s) => sum + Math.min(s.workedMinutes, s.scheduledMinutes), 0);
      out.set(a.userId, {
        ...attendanceComponent({ source: 'roster', expected, attended, briefings: briefings(a.userId) }, rules),
        source: 'roster',
        expected,
        attended,
        briefingsHeld: briefings(a.userId).held,
        briefingsAttended: briefings(a.userId).attended,
        late: due.filter((s) => s.status === 'late' || s.status === 'late_and_early').length,
        earlyLeave: due.filter((s) => s.status === 'early_leave' || s.status === 'late_and_early').length,
        absent: due.filter((s) => s.status === 'absent').length,
      });
    }
  }

  // Without a roster: the working days so far, each with a login or not.
  const today = localDate(now, timeZone);
  const last = Math.min(dayNumber(today), dayNumber(to));
  const workingDays: string[] = [];
  for (let day = dayNumber(from); day <= last; day++) {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(calendar, date)) workingDays.push(date);
  }
  const logins = await db.query<{ agentId: string; day: string }>(
    `SELECT agent_id AS "agentId", to_char(day, 'YYYY-MM-DD') AS day FROM day_tallies
      WHERE agent_id = ANY($1::text[]) AND day >= $2::date AND day <= $3::date GROUP BY agent_id, day HAVING sum(logged_in_seconds) > 0`,
    [ids, from, to],
  );
  const loginDays = new Map<string, Set<string>>();
  for (const l of logins) loginDays.set(l.agentId, (loginDays.get(l.agentId) ?? new Set()).add(l.day));
  // Staff records (员工档案): no working day is expected before the hire date nor after the last day at work.
  const employed = new Map(
    (
      await db.query<{ agentId: string; hireDate: string; leaveDate: string | null }>(
        `SELECT agent_id AS "agentId", to_char(hire_date, 'YYYY-MM-DD') AS "hireDate", to_char(leave_date, 'YYYY-MM-DD') AS "leaveDate" FROM staff_records WHERE agent_id = ANY($1::text[])`,
        [ids],
      )
    ).map((r) => [r.agentId, r]),
  );
  for (const a of agents) {
    if (out.has(a.agentId)) continue;
    const staff = employed.get(a.agentId);
    const days = workingDays.filter((d) => !onLeave(a.agentId, d) && (!staff || (d >= staff.hireDate && (staff.leaveDate === null || d <= staff.leaveDate))));
    const loggedIn = loginDays.get(a.agentId) ?? new Set<string>();
    const attended = days.filter((d) => loggedIn.has(d)).length;
    out.set(a.agentId, {
      ...attendanceComponent({ source: 'logins', expected: days.length, attended, briefings: briefings(a.agentId) }, rules),
      source: 'logins',
      expected: days.length,
      attended,
      briefingsHeld: briefings(a.agentId).held,
      briefingsAttended: briefings(a.agentId).attended,
      late: 0,
      earlyLeave: 0,
      absent: days.length - attended,
    });
  }
  return out;
}

/**
 * Every agent's sheet of a month in the whole center (the center ranking needs them all): KPIs
 * against target from the reports' agent rows, the QA score (监听分值) from the same rows, attendance
 * from the roster or logins, leave from WFM, discipline points and exam scores from their modules.
 * A confirmed sheet keeps the figures stored when confirmed; the ranks are over the current scores.
 *
 * @example
 * const items = await monthAssessments(store, '2026-01', clock.now());
 */
export async function monthAssessments(store: Store, month: string, now: number): Promise<AssessmentItem[]> {
  const { from, to } = monthRange(month);
  const rules = await loadAssessmentRules(store);
  const agents = await store.query<AgentRow>(
    `SELECT u.id AS "agentId", a.employee_no AS "employeeNo", u.display_name AS name, u.team_id AS "teamId", t.name AS "teamName"
       FROM users u JOIN agents a ON a.user_id = u.id LEFT JOIN teams t ON t.id = u.team_id WHERE NOT u.disabled ORDER BY a.employee_no`,
  );
  const ids = agents.map((a) => a.agentId);
  const { timeZone } = await loadCenterCalendar(store);
  const parameters = metricParameters(await loadCenterSettings(store));
  const [report, targets, leave, points, exams, sheets] = await Promise.all([
    metricsReport(store, { from, to, by: 'agent', timeZone, parameters }),
    store.query<MetricTarget>('SELECT metric_id AS "metricId", scope, scope_id AS "scopeId", target FROM metric_targets'),
    leaveDays(store, month, ids),
    monthlyPointTotals(store, month, ids),
    monthlyExamScores(store, month, ids),
    store.query<SheetRow>(
      `SELECT agent_id AS "agentId", comment, commented_by AS "commentedBy", commented_at AS "commentedAt", confirmed_by AS "confirmedBy",
              confirmed_at AS "confirmedAt", frozen FROM assessment_sheets WHERE month = $1`,
      [month],
    ),
  ]);
  const attendance = await monthAttendance(store, month, agents, now, rules);
  const rows = new Map(report.rows.map((r) => [r.key, r]));

  const sheetOf = new Map(sheets.map((s) => [s.agentId, s]));
  const sheetsOf = agents.map((agent) => {
    const sheet = sheetOf.get(agent.agentId);
    if (sheet?.frozen) return { agent, sheet, figures: sheet.frozen };
    const metrics = rows.get(agent.agentId)?.metrics ?? {};
    const lines = scorecard({ agentId: agent.agentId, teamId: agent.teamId, metrics: kpiMetrics, teamAgents: [{ key: agent.agentId, metrics }], team: {}, center: {}, targets })
      .filter((l) => l.target !== null)
      .map((l) => ({ metricId: l.metricId, value: l.value, target: l.target, met: l.met }));
    const components: AssessmentSheetComponents = {
      kpi: { ...kpiComponent(lines.map((l) => ({ ...l, better: kpiMetrics.find((m) => m.id === l.metricId)!.better }))), lines },
      qa: qaComponent(metrics.monitoringScore ?? null),
      attendance: attendance.get(agent.agentId)!,
      points: pointsComponent(points.get(agent.agentId) ?? 0, rules),
      exam: examComponent(exams.get(agent.agentId) ?? null),
    };
    const tally = leave.get(agent.agentId) ?? emptyLeaveTally();
    const assessed = assessAgent(components, tally, rules, components.attendance.absent);
    const figures: FrozenSheet = {
      score: assessed.score,
      bonus: assessed.bonus.total,
      bonusDetail: assessed.bonus,
      componentDetails: components,
      missing: assessed.missing,
      leave: tally,
    };
    return { agent, sheet, figures };
  });

  const ranks = new Map(rankAssessments(sheetsOf.map((s) => ({ agentId: s.agent.agentId, teamId: s.agent.teamId, score: s.figures.score }))).map((r) => [r.agentId, r]));
  return sheetsOf.map(({ agent, sheet, figures }) => {
    const r = ranks.get(agent.agentId)!;
    return {
      ...agent,
      month,
      ...figures,
      components: Object.fromEntries(assessmentComponentIds.map((id) => [id, figures.componentDetails[id].value])) as AssessmentItem['components'],
      rank: r.teamRank,
      rankedOf: r.teamRankedOf,
      centerRank: r.centerRank,
      centerRankedOf: r.centerRankedOf,
      comment: sheet?.comment ?? '',
      commentedBy: sheet?.commentedBy ?? null,
      commentedAt: iso(sheet?.commentedAt ?? null),
      confirmedBy: sheet?.confirmedBy ?? null,
      confirmedAt: iso(sheet?.confirmedAt ?? null),
      frozen: Boolean(sheet?.frozen),
    };
  });
}

/** A month the center has reached: the sheets of a month to come would all be empty. */
export function checkMonth(month: string, now: number, timeZone: string): void {
  if (!monthPattern.test(month)) throw new BadRequestError(words('org.month_value', { value: month }), { field: 'month' });
  if (month > localDate(now, timeZone).slice(0, 7)) throw new BadRequestError(words('assessment.month_future', { month }), { field: 'month' });
}

/** Whether the month is over in the center's time zone: only then may an agent confirm the sheet. */
export function monthIsOver(month: string, now: number, timeZone: string): boolean {
  return localDate(now, timeZone) > monthRange(month).to;
}
