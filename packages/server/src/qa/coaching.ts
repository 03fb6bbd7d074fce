import type { QaCoaching, QaCoachingResult } from '@banzu/contract';
import { canSeeAgentFigures, coachingOutcome, coachingPeriods, coachingSources, localDate, metricDictionary, type Actor, type CoachingSource, type ItemResult } from '@banzu/core';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { BadRequestError, ForbiddenError } from '../http/errors';
import { words } from '../http/messages';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { metricsReport } from '../reports/index';
import type { Queryable } from '../store/index';
import { loadEvaluation } from './evaluations';
import { centerTimeZone } from '../org/center';

/** Metrics a coaching can be about: those with a better direction, so the follow-up can tell improvement. */
const coachableMetrics = metricDictionary.filter((m) => m.better !== null);

export const coachingSchema = z
  .object({
    /** The evaluation that opened it (the QA page's 辅导 button); the same as source {kind: 'qa_evaluation'}. */
    evaluationId: z.uuid({ error: 'qa.coaching_evaluation_id' }).optional(),
    /** What opened it otherwise: a KPI (the metric's id) or a discipline item (its id). */
    source: z
      .object({
        kind: z.enum(coachingSources, { error: 'qa.coaching_source_kind' }),
        id: z.string({ error: 'qa.coaching_source_id' }).min(1, { error: 'qa.coaching_source_id' }).max(100, { error: 'qa.coaching_source_id_long' }),
      })
      .optional(),
    /** The agent coached: needed for a KPI; an evaluation or a discipline item names its own. */
    agentId: z.string({ error: 'qa.coaching_agent_id' }).min(1, { error: 'qa.coaching_agent_id' }).max(100, { error: 'qa.coaching_agent_id' }).optional(),
    focus: z.string({ error: 'qa.coaching_focus' }).trim().min(1, { error: 'qa.coaching_focus' }).max(500, { error: 'qa.coaching_focus_long' }),
    itemKeys: z
      .array(z.string({ error: 'qa.coaching_item_keys' }).min(1, { error: 'qa.coaching_item_keys' }).max(50, { error: 'qa.coaching_item_keys' }), {
        error: 'qa.coaching_item_keys',
      })
      .max(50, { error: 'qa.coaching_item_keys' })
      .default([]),
    actions: z.string({ error: 'qa.coaching_actions' }).trim().max(4000, { error: 'qa.coaching_actions_long' }).default(''),
    followUpOn: z.iso.date({ error: 'qa.coaching_follow_up' }),
  })
  .refine((b) => b.evaluationId !== undefined || b.source !== undefined, { error: 'qa.coaching_no_source' });

interface Source {
  kind: CoachingSource;
  id: string;
  agentId: string;
  evaluationId: string | null;
  /** The items of the evaluation's sheet, the only ones a coaching from it can follow up. */
  itemKeys: string[] | null;
}

/** Resolves what opened the coaching to its agent; 400 for a source that does not exist, 403 outside the caller's team. */
async function coachingSource(tx: Queryable, actor: Actor, body: z.infer<typeof coachingSchema>): Promise<Source> {
  const kind = body.source?.kind ?? 'qa_evaluation';
  const id = body.source?.id ?? body.evaluationId!;
  if (kind === 'qa_evaluation') {
    if (!z.uuid().safeParse(id).success) throw new BadRequestError(words('qa.coaching_no_evaluation', { id }), { source: id });
    const evaluation = await loadEvaluation(tx, actor, id);
    return { kind, id, agentId: evaluation.agentId, evaluationId: id, itemKeys: evaluation.items.map((i) => i.key) };
  }
  if (kind === 'discipline') {
    const [point] = z.uuid().safeParse(id).success ? await tx.query<{ agent_id: string }>('SELECT agent_id FROM discipline_points WHERE id = $1', [id]) : [];
    if (!point) throw new BadRequestError(words('qa.coaching_no_point', { id }), { source: id });
    return { kind, id, agentId: point.agent_id, evaluationId: null, itemKeys: null };
  }
  if (!coachableMetrics.some((m) => m.id === id)) throw new BadRequestError(words('qa.coaching_no_metric', { id }), { source: id });
  if (!body.agentId) throw new BadRequestError(words('qa.coaching_metric_agent'));
  const [agent] = await tx.query<{ id: string }>("SELECT id FROM users WHERE (id = $1 OR username = $1) AND role = 'agent'", [body.agentId]);
  if (!agent) throw new BadRequestError(words('qa.coaching_no_agent', { id: body.agentId }), { agentId: body.agentId });
  return { kind, id, agentId: agent.id, evaluationId: null, itemKeys: null };
}

/** 个别辅导: a team leader (own team), supervisor or manager opens coaching from an evaluation, a KPI or a discipline item. */
export async function openCoaching(tx: Queryable, actor: Actor, body: z.infer<typeof coachingSchema>, now: number): Promise<QaCoaching> {
  if (actor.role === 'agent') throw new ForbiddenError(words('qa.coaching_not_agents'));
  const source = await coachingSource(tx, actor, body);
  const [agent] = await tx.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [source.agentId]);
  if (!canSeeAgentFigures(actor, { userId: source.agentId, teamId: agent?.team_id ?? null })) throw new ForbiddenError(words('qa.coaching_not_your_team'));
  // An item not on the evaluation's sheet would never show in the follow-up.
  const stray = source.itemKeys === null ? undefined : body.itemKeys.find((k) => !source.itemKeys!.includes(k));
  if (stray !== undefined) throw new BadRequestError(words('qa.coaching_unknown_item', { key: stray }), { itemKey: stray });
  const today = localDate(now, await centerTimeZone(tx));
  if (body.followUpOn < today) throw new BadRequestError(words('qa.coaching_past_follow_up', { date: body.followUpOn, today }), { followUpOn: body.followUpOn });
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO qa_coaching (evaluation_id, source_kind, source_id, agent_id, coach_id, focus, item_keys, actions, follow_up_on, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      source.evaluationId,
      source.kind,
      source.kind === 'qa_evaluation' ? null : source.id,
      source.agentId,
      actor.userId,
      body.focus,
      body.itemKeys,
      body.actions,
      body.followUpOn,
      new Date(now).toISOString(),
    ],
  );
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_coaching',
    subject: 'qa_coaching',
    rowCount: 1,
    detail: { source: { kind: source.kind, id: source.id }, agentId: source.agentId },
  });
  return (await coachingRecords(tx, actor, { id: row!.id }, now))[0]!;
}

interface CoachingRow {
  id: string;
  evaluation_id: string | null;
  source_kind: CoachingSource;
  source_id: string | null;
  agent_id: string;
  agent_name: string;
  team_id: string | null;
  coach_id: string;
  coach_name: string;
  focus: string;
  item_keys: string[];
  actions: string;
  follow_up_on: string;
  created_at: Date;
}

/** The mean of the numbers, or null without any. */
const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

/** The figure the coaching was about, in the period before it and since, from QA, the reports or the discipline points. */
async function coachingResult(
  db: Queryable,
  r: CoachingRow,
  evaluations: { id: string; scored_at: Date; score: number; local_day: string }[],
  ctx: { now: number; timeZone: string },
): Promise<QaCoachingResult> {
  const periods = coachingPeriods(localDate(r.created_at.getTime(), ctx.timeZone), r.follow_up_on, localDate(ctx.now, ctx.timeZone));
  const { after } = periods;
  if (r.source_kind === 'qa_evaluation') {
    // The evaluation that opened it is the "before"; the evaluations scored since, up to the follow-up, the "after".
    const opening = evaluations.find((e) => e.id === r.evaluation_id);
    const since = evaluations.filter((e) => e.scored_at.getTime() > r.created_at.getTime() && e.local_day <= r.follow_up_on).map((e) => e.score);
    const result = { measure: 'qaScore', better: 'higher' as const, before: opening?.score ?? null, after: mean(since), periods };
    return { ...result, outcome: coachingOutcome(result) };
  }
  if (r.source_kind === 'discipline') {
    const points = async (p: { from: string; to: string }) => {
      const [row] = await db.query<{ points: number }>(
        `SELECT coalesce(sum(points), 0)::float8 AS points FROM discipline_points
          WHERE agent_id = $1 AND status <> 'withdrawn' AND (occurred_at AT TIME ZONE $2)::date BETWEEN $3::date AND $4::date`,
        [r.agent_id, ctx.timeZone, p.from, p.to],
      );
      return row?.points ?? 0;
    };
    const result = { measure: 'disciplinePoints', better: 'lower' as const, before: await points(periods.before), after: after ? await points(after) : null, periods };
    return { ...result, outcome: coachingOutcome(result) };
  }
  const metric = coachableMetrics.find((m) => m.id === r.source_id)!;
  const parameters = metricParameters(await loadCenterSettings(db));
  const figure = async (p: { from: string; to: string }) =>
    (await metricsReport(db, { ...p, by: 'agent', agentId: r.agent_id, timeZone: ctx.timeZone, parameters })).total.metrics[metric.id] ?? null;
  const result = { measure: metric.id, better: metric.better!, before: await figure(periods.before), after: after ? await figure(after) : null, periods };
  return { ...result, outcome: coachingOutcome(result) };
}

/**
 * Coaching records the caller may see (a leader the team's, an agent the own), each with its follow-up:
 * did the coached items fail less in later evaluations, and did the figure it was about improve?
 */
export async function coachingRecords(db: Queryable, actor: Actor, f: { id?: string; agentId?: string }, now: number): Promise<QaCoaching[]> {
  const params: unknown[] = [];
  const where = ['true'];
  if (f.id) where.push(`k.id = $${params.push(f.id)}`);
  if (f.agentId) where.push(`k.agent_id = $${params.push(f.agentId)}`);
  const rows = await db.query<CoachingRow>(
    `SELECT k.id, k.evaluation_id, k.source_kind, k.source_id, k.agent_id, u.display_name AS agent_name, u.team_id, k.coach_id, c.display_name AS coach_name,
            k.focus, k.item_keys, k.actions, to_char(k.follow_up_on, 'YYYY-MM-DD') AS follow_up_on, k.created_at
     FROM qa_coaching k JOIN users u ON u.id = k.agent_id JOIN users c ON c.id = k.coach_id WHERE ${where.join(' AND ')} ORDER BY k.created_at DESC LIMIT 500`,
    params,
  );
  const visible = rows.filter((r) => canSeeAgentFigures(actor, { userId: r.agent_id, teamId: r.team_id }));
  if (visible.length === 0) return [];
  const ctx = { now, timeZone: await centerTimeZone(db) };
  const today = localDate(now, ctx.timeZone);
  const result: QaCoaching[] = [];
  for (const r of visible) {
    const evaluations = await db.query<{ id: string; scored_at: Date; score: number; items: ItemResult[]; call_id: string; local_day: string }>(
      `SELECT id, scored_at, score, items, call_id, to_char(scored_at AT TIME ZONE $2, 'YYYY-MM-DD') AS local_day
         FROM qa_evaluations WHERE agent_id = $1 AND purpose = 'evaluation' ORDER BY scored_at`,
      [r.agent_id, ctx.timeZone],
    );
    // The evaluation that opened the coaching is the "before".
    const followUp = r.item_keys.map((itemKey) => {
      const tally = (after: boolean) => {
        const scored = evaluations
          .filter((e) => e.scored_at.getTime() > r.created_at.getTime() === after)
          .map((e) => e.items.find((i) => i.key === itemKey))
          .filter((i): i is ItemResult => i !== undefined && !i.na);
        return { failed: scored.filter((i) => i.failed).length, of: scored.length };
      };
      return { itemKey, before: tally(false), after: tally(true) };
    });
    result.push({
      id: r.id,
      evaluationId: r.evaluation_id,
      source: await sourceLabel(db, r, evaluations),
      agentId: r.agent_id,
      agentName: r.agent_name,
      coachId: r.coach_id,
      coachName: r.coach_name,
      focus: r.focus,
      itemKeys: r.item_keys,
      actions: r.actions,
      followUpOn: r.follow_up_on,
      followUpDue: today >= r.follow_up_on,
      createdAt: r.created_at.toISOString(),
      followUp,
      result: await coachingResult(db, r, evaluations, ctx),
    });
  }
  return result;
}

/** What opened the coaching, named for the page: the call and its score, the metric, the discipline rule. */
async function sourceLabel(db: Queryable, r: CoachingRow, evaluations: { id: string; score: number; call_id: string }[]): Promise<QaCoaching['source']> {
  if (r.source_kind === 'qa_evaluation') {
    const e = evaluations.find((x) => x.id === r.evaluation_id);
    const id = r.evaluation_id ?? '';
    return e
      ? { kind: r.source_kind, id, label: `通话 ${e.call_id} 评分 ${e.score}`, labelEn: `Call ${e.call_id} scored ${e.score}` }
      : { kind: r.source_kind, id, label: id, labelEn: id };
  }
  const id = r.source_id ?? '';
  if (r.source_kind === 'kpi') {
    const m = metricDictionary.find((x) => x.id === id);
    return { kind: r.source_kind, id, label: m?.zh ?? id, labelEn: m?.en ?? id };
  }
  const [point] = await db.query<{ rule_text: string; points: number }>('SELECT rule_text, points::float8 AS points FROM discipline_points WHERE id = $1', [id]);
  if (!point) return { kind: r.source_kind, id, label: `扣分记录 ${id}`, labelEn: `Discipline item ${id}` };
  return { kind: r.source_kind, id, label: `扣分：${point.rule_text}（${point.points} 分）`, labelEn: `Points: ${point.rule_text} (${point.points})` };
}
