import type { QaReport, QaReportItem, QaReportRow, QaStarEntry } from '@banzu/contract';
import { canSeeTeam, fromLocal, qaStars, type Actor, type FormVersion, type ItemResult } from '@banzu/core';
import { z } from 'zod';
import { reportTeam } from '../access/index';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

/** The local day or month holding `date`, as instants. */
function localPeriod(date: string, period: 'day' | 'month', timeZone: string): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return period === 'day'
    ? [fromLocal(y, m, d, 0, 0, timeZone), fromLocal(y, m, d + 1, 0, 0, timeZone)]
    : [fromLocal(y, m, 1, 0, 0, timeZone), fromLocal(y, m + 1, 1, 0, 0, timeZone)];
}

/** 质检明星 of the day or month per team: confirmed scores of calls in the period, with the center's minimum of evaluations. */
export async function stars(db: Queryable, date: string, period: 'day' | 'month', minEvaluations: number, timeZone: string): Promise<QaStarEntry[]> {
  const [from, to] = localPeriod(date, period, timeZone);
  const rows = await db.query<{ agent_id: string; team_id: string | null; score: number }>(
    `SELECT agent_id, team_id, score FROM qa_evaluations WHERE purpose = 'evaluation' AND status = 'confirmed' AND call_started_at >= $1 AND call_started_at < $2`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  const best = qaStars(
    rows.map((r) => ({ agentId: r.agent_id, teamId: r.team_id, score: r.score })),
    minEvaluations,
  );
  if (best.length === 0) return [];
  const names = await db.query<{ id: string; name: string }>(
    `SELECT id, display_name AS name FROM users WHERE id = ANY($1::text[]) UNION ALL SELECT id, name FROM teams WHERE id = ANY($2::text[])`,
    [best.map((b) => b.agentId), best.map((b) => b.teamId).filter((t) => t !== null)],
  );
  const name = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  const byTeamName = (a: QaStarEntry, b: QaStarEntry) => ((a.teamName ?? '') < (b.teamName ?? '') ? -1 : (a.teamName ?? '') > (b.teamName ?? '') ? 1 : 0);
  return best.map((b) => ({ ...b, teamName: name(b.teamId), agentName: name(b.agentId) ?? b.agentId })).sort(byTeamName);
}

export const reportQuerySchema = z.object({
  from: z.iso.date({ message: 'qa.report_from' }),
  to: z.iso.date({ message: 'qa.report_to' }),
  by: z.enum(['agent', 'team', 'inspector'], { message: 'qa.report_by' }).default('agent'),
  teamId: z.string().min(1).optional(),
  /** Narrows the report to one agent's evaluations (a team leader: of the own team). */
  agentId: z.string().min(1).optional(),
  /** Narrows the report to one inspector's evaluations. */
  inspectorId: z.string().min(1).optional(),
});

/** The longest range one report covers: a year, so a typo in a date is no scan of every evaluation. */
const MAX_REPORT_DAYS = 366;

interface ReportEvaluation {
  agent_id: string;
  agent_name: string;
  team_id: string | null;
  team_name: string | null;
  inspector_id: string;
  inspector_name: string;
  score: number;
  fatal: boolean;
  items: ItemResult[];
  definition: FormVersion;
  disputed: boolean;
  changed: boolean;
  resolved: boolean;
  day: string;
}

/** The figures of a set of evaluations: a report row, or the total when given all of them. */
function summarise(key: string, name: string, of: readonly ReportEvaluation[]): QaReportRow {
  const n = of.length;
  const disputes = of.filter((r) => r.disputed).length;
  const resolved = of.filter((r) => r.resolved);
  const changed = resolved.filter((r) => r.changed).length;
  const fatalEvaluations = of.filter((r) => r.fatal).length;
  return {
    key,
    name,
    evaluations: n,
    averageScore: n ? of.reduce((s, r) => s + r.score, 0) / n : null,
    fatalRate: n ? fatalEvaluations / n : null,
    nonFatalRate: n ? of.filter((r) => r.items.some((i) => i.failed && !i.fatal && !i.na)).length / n : null,
    disputes,
    disputesChanged: resolved.length ? changed / resolved.length : 0,
    fatalEvaluations,
    disputeRate: n ? disputes / n : null,
    upheld: resolved.length - changed,
    changed,
  };
}

/** Every item scored over the evaluations, most often failed first: failures, average share of its points earned, and its own 致命项率. */
function itemFigures(rows: readonly ReportEvaluation[]): QaReportItem[] {
  const items = new Map<string, { key: string; text: string; failed: number; of: number; fatal: boolean; earned: number; possible: number; fatalFailures: number }>();
  for (const r of rows) {
    const defined = new Map(r.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i] as const));
    for (const i of r.items) {
      if (i.na) continue;
      const item = defined.get(i.key);
      const it = items.get(i.key) ?? { key: i.key, text: item?.text ?? i.key, failed: 0, of: 0, fatal: false, earned: 0, possible: 0, fatalFailures: 0 };
      it.of += 1;
      it.fatal ||= item?.fatal ?? false;
      if (i.failed) it.failed += 1;
      if (i.fatal) it.fatalFailures += 1;
      it.earned += i.earned;
      it.possible += i.possible;
      items.set(i.key, it);
    }
  }
  return [...items.values()]
    .sort((a, b) => b.failed - a.failed || a.key.localeCompare(b.key))
    .map(({ earned, possible, fatalFailures, ...it }) => ({
      ...it,
      earnedShare: possible > 0 ? earned / possible : null,
      fatalRate: it.fatal ? fatalFailures / it.of : null,
    }));
}

/** Checks who a report is narrowed to: the agent must exist and be in the caller's team scope, the inspector must exist. */
async function checkNarrowing(db: Queryable, actor: Actor, q: z.infer<typeof reportQuerySchema>): Promise<void> {
  if (q.agentId) {
    const [agent] = await db.query<{ team_id: string | null; name: string }>(`SELECT team_id, display_name AS name FROM users WHERE id = $1 AND role = 'agent'`, [q.agentId]);
    if (!agent) throw new NotFoundError(words('qa.no_agent', { id: q.agentId }));
    if (!canSeeTeam(actor, agent.team_id)) throw new ForbiddenError(words('qa.agent_not_in_team', { agent: agent.name }));
  }
  if (q.inspectorId) {
    const [inspector] = await db.query('SELECT 1 FROM users WHERE id = $1', [q.inspectorId]);
    if (!inspector) throw new NotFoundError(words('qa.no_inspector', { id: q.inspectorId }));
  }
}

/**
 * The QA report over calls of local dates from..to, in the caller's scope (a team leader the own
 * team) and narrowed to an agent or an inspector if asked: per agent, team or inspector the average
 * score, 致命项率 and 非致命项率, the disputes with their rate and outcome (upheld, changed); every
 * item with its failures, average share earned and 致命项率; the daily trend. Each row, item and day
 * counts an evaluation once, so the rows and the days add up to the total.
 */
export async function qaReport(db: Queryable, actor: Actor, q: z.infer<typeof reportQuerySchema>, timeZone: string): Promise<QaReport> {
  if (actor.role === 'agent') throw new ForbiddenError(words('qa.report_not_agents'));
  const teamId = reportTeam(actor, q.teamId);
  if (q.to < q.from) throw new BadRequestError(words('qa.report_reversed', { from: q.from, to: q.to }));
  const [from] = localPeriod(q.from, 'day', timeZone);
  const [, to] = localPeriod(q.to, 'day', timeZone);
  if (to - from > MAX_REPORT_DAYS * 86_400_000 + 3_600_000) throw new BadRequestError(words('qa.report_too_long', { most: MAX_REPORT_DAYS }));
  await checkNarrowing(db, actor, q);
  const params: unknown[] = [new Date(from).toISOString(), new Date(to).toISOString()];
  const team = teamId ? ` AND e.team_id = $${params.push(teamId)}` : '';
  const scoped = await db.query<ReportEvaluation & { agent_id: string }>(
    `SELECT e.agent_id, a.display_name AS agent_name, e.team_id, t.name AS team_name, e.inspector_id, i.display_name AS inspector_name, e.score, e.fatal, e.items, v.definition,
            e.disputed_at IS NOT NULL AS disputed, e.confirmed_how = 'changed' AS changed, e.resolved_by IS NOT NULL AS resolved,
            to_char(e.call_started_at AT TIME ZONE $${params.push(timeZone)}, 'YYYY-MM-DD') AS day
     FROM qa_evaluations e JOIN users a ON a.id = e.agent_id JOIN users i ON i.id = e.inspector_id LEFT JOIN teams t ON t.id = e.team_id
     JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
     WHERE e.purpose = 'evaluation' AND e.call_started_at >= $1 AND e.call_started_at < $2${team}`,
    params,
  );
  const rows = scoped.filter((r) => (!q.agentId || r.agent_id === q.agentId) && (!q.inspectorId || r.inspector_id === q.inspectorId));
  const keyOf = (r: ReportEvaluation): [string, string] =>
    q.by === 'agent' ? [r.agent_id, r.agent_name] : q.by === 'team' ? [r.team_id ?? '', r.team_name ?? ''] : [r.inspector_id, r.inspector_name];
  const groups = new Map<string, { name: string; rows: ReportEvaluation[] }>();
  for (const r of rows) {
    const [key, name] = keyOf(r);
    const g = groups.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const days = new Map<string, ReportEvaluation[]>();
  for (const r of rows) days.set(r.day, [...(days.get(r.day) ?? []), r]);
  const people = (pick: (r: ReportEvaluation) => [string, string]) =>
    [...new Map(scoped.map((r) => pick(r))).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    by: q.by,
    rows: [...groups].map(([key, g]) => summarise(key, g.name, g.rows)).sort((a, b) => (b.averageScore ?? 0) - (a.averageScore ?? 0) || a.key.localeCompare(b.key)),
    total: summarise('total', '合计', rows),
    items: itemFigures(rows),
    trend: [...days]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, of]) => ({
        day,
        averageScore: of.reduce((s, r) => s + r.score, 0) / of.length,
        evaluations: of.length,
        fatalRate: of.filter((r) => r.fatal).length / of.length,
      })),
    choices: { agents: people((r) => [r.agent_id, r.agent_name]), inspectors: people((r) => [r.inspector_id, r.inspector_name]) },
  };
}
