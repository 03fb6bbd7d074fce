import { z } from 'zod';
import type { LeaveCategory, TurnoverCell, TurnoverReport } from '@banzu/contract';
import { monthDates, teamScope, type Actor } from '@banzu/core';
import { reportTeam } from '../access/index';
import { ForbiddenError } from '../http/errors';
import { words } from '../http/messages';
import { loadCenter, monthSchema, reportMonths } from '../org/index';
import { dimensionLabels, metricsReport } from '../reports/index';
import type { Queryable } from '../store/index';

export const turnoverQuerySchema = z.object({ from: monthSchema, to: monthSchema, teamId: z.string().min(1).optional() });

/**
 * Turnover (流动率) per month and team: the reports' own agentTurnover figures (one definition, in
 * the metric dictionary), a report by team for each month, plus the center's total and the leavers
 * by reason. A team leader sees the own team.
 *
 * @example
 * await turnoverReport(store, manager, { from: '2026-01', to: '2026-03' });
 */
export async function turnoverReport(db: Queryable, actor: Actor, query: z.infer<typeof turnoverQuerySchema>): Promise<TurnoverReport> {
  const months = reportMonths(query.from, query.to);
  const scope = teamScope(actor);
  if (scope.kind === 'team' && query.teamId && query.teamId !== scope.teamId) throw new ForbiddenError(words('staff.turnover_own_team'));
  const teamId = reportTeam(actor, query.teamId) ?? undefined;
  const { timeZone } = await loadCenter(db);
  const labels = await dimensionLabels(db, 'team');
  const reports = await Promise.all(months.map((m) => metricsReport(db, { from: `${m}-01`, to: monthDates(m).last, by: 'team', timeZone, teamId })));
  const cell = (m: string, row: { tally: { leavers: number; headcountDays: number }; metrics: Record<string, number | null> } | undefined): TurnoverCell => ({
    month: m,
    leavers: row?.tally.leavers ?? 0,
    headcount: row ? row.tally.headcountDays / Number(monthDates(m).last.slice(8)) : 0,
    turnover: row?.metrics.agentTurnover ?? null,
  });
  // Teams that had anyone employed in one of the months, by name.
  const keys = [...new Set(reports.flatMap((r) => r.rows.filter((row) => row.tally.headcountDays > 0).map((row) => row.key)))];
  const teams = keys
    .map((key) => ({
      teamId: key,
      name: labels.get(key) ?? key,
      cells: months.map((m, i) =>
        cell(
          m,
          reports[i]!.rows.find((row) => row.key === key),
        ),
      ),
    }))
    .sort((a, b) => (a.teamId === '' ? 1 : b.teamId === '' ? -1 : a.name.localeCompare(b.name, 'zh')));
  const params: unknown[] = [`${months[0]}-01`, monthDates(months.at(-1)!).last];
  // By the team the leaver is in now: leavers do not move on.
  const byCategory = await db.query<{ month: string; category: LeaveCategory; leavers: number }>(
    `SELECT to_char(s.leave_date, 'YYYY-MM') AS month, s.leave_category AS category, count(*)::int AS leavers
     FROM staff_records s JOIN users u ON u.id = s.agent_id
     WHERE s.leave_date BETWEEN $1::date AND $2::date ${teamId ? `AND u.team_id = $${params.push(teamId)}` : ''}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  return { months, teams, total: months.map((m, i) => cell(m, reports[i]!.total)), byCategory };
}
