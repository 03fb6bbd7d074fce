import { z } from 'zod';
import type { LeaveCategory, TurnoverCell, TurnoverReport } from '@banzu/contract';
import { teamScope, type Actor } from '@banzu/core';
import { reportTeam } from '../access/index';
import { BadRequestError, ForbiddenError } from '../http/errors';
import { loadCenter } from '../org/index';
import { dimensionLabels, metricsReport } from '../reports/index';
import type { Queryable } from '../store/index';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const turnoverQuerySchema = z.object({ from: month, to: month, teamId: z.string().min(1).optional() });

const lastDay = (yyyyMm: string) => {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

function monthsBetween(from: string, to: string): string[] {
  if (from > to) throw new BadRequestError(`起始月份 ${from} 晚于结束月份 ${to}`);
  const months: string[] = [];
  const [y, m] = from.split('-').map(Number) as [number, number];
  for (let count = y * 12 + m - 1; ; count++) {
    const label = `${Math.floor(count / 12)}-${String((count % 12) + 1).padStart(2, '0')}`;
    if (label > to) break;
    months.push(label);
    if (months.length > 36) throw new BadRequestError('一次最多查看 36 个月');
  }
  return months;
}

/**
 * Turnover (流动率) per month and team: the reports' own agentTurnover figures (one definition, in
 * the metric dictionary), a report by team for each month, plus the center's total and the leavers
 * by reason. A team leader sees the own team.
 *
 * @example
 * await turnoverReport(store, manager, { from: '2026-01', to: '2026-03' });
 */
export async function turnoverReport(db: Queryable, actor: Actor, query: z.infer<typeof turnoverQuerySchema>): Promise<TurnoverReport> {
  const months = monthsBetween(query.from, query.to);
  const scope = teamScope(actor);
  if (scope.kind === 'team' && query.teamId && query.teamId !== scope.teamId) throw new ForbiddenError('只能查看本班组的流动率');
  const teamId = reportTeam(actor, query.teamId) ?? undefined;
  const { timeZone } = await loadCenter(db);
  const labels = await dimensionLabels(db, 'team');
  const reports = await Promise.all(months.map((m) => metricsReport(db, { from: `${m}-01`, to: lastDay(m), by: 'team', timeZone, teamId })));
  const cell = (m: string, row: { tally: { leavers: number; headcountDays: number }; metrics: Record<string, number | null> } | undefined): TurnoverCell => ({
    month: m,
    leavers: row?.tally.leavers ?? 0,
    headcount: row ? row.tally.headcountDays / Number(lastDay(m).slice(8)) : 0,
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
  const params: unknown[] = [`${months[0]}-01`, lastDay(months.at(-1)!)];
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
