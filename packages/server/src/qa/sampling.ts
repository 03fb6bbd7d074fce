import type { QaQueueItem } from '@banzu/contract';
import {
  fromLocal,
  localDate,
  localParts,
  seededRandom,
  selectSample,
  type Actor,
  type CallDetailRecord,
  type RecentScores,
  type SampleCandidate,
  type SampleReason,
  visibleNumber,
} from '@banzu/core';
import type { Queryable } from '../store/index';
import type { QaContext } from './evaluations';
import { callsFlaggedBySpeech } from './speech';

/** A new agent: in the first two weeks of employment (seed 000's rule for quotas). */
const NEW_AGENT_DAYS = 14;

/** The local period of the sampling plan holding a date: its first day and the instants it spans. */
function planPeriod(date: string, period: 'day' | 'week' | 'month', timeZone: string): { start: string; from: number; to: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noon = fromLocal(y, m, d, 12, 0, timeZone);
  const weekday = localParts(noon, timeZone).weekday;
  const [sy, sm, sd] = period === 'day' ? [y, m, d] : period === 'week' ? [y, m, d - (weekday - 1)] : [y, m, 1];
  const [ey, em, ed] = period === 'day' ? [y, m, d + 1] : period === 'week' ? [sy, sm, sd + 7] : [y, m + 1, 1];
  const from = fromLocal(sy, sm, sd, 0, 0, timeZone);
  return { start: localDate(from, timeZone), from, to: fromLocal(ey, em, ed, 0, 0, timeZone) };
}

/**
 * Each agent's confirmed QA scores of calls in the `days` (the center's) before the period: the
 * scores 监听分值 counts (docs/metrics.md), by the call's start as there, for seed 004's 优/中等/差.
 */
async function recentScores(db: Queryable, periodStart: string, days: number, timeZone: string): Promise<Map<string, RecentScores>> {
  const [y, m, d] = periodStart.split('-').map(Number) as [number, number, number];
  const rows = await db.query<{ agent_id: string; average: number; evaluations: number }>(
    `SELECT agent_id, avg(score)::float8 AS average, count(*)::int AS evaluations FROM qa_evaluations
     WHERE purpose = 'evaluation' AND status = 'confirmed' AND call_started_at >= $1 AND call_started_at < $2 GROUP BY agent_id`,
    [new Date(fromLocal(y, m, d - days, 0, 0, timeZone)).toISOString(), new Date(fromLocal(y, m, d, 0, 0, timeZone)).toISOString()],
  );
  return new Map(rows.map((r) => [r.agent_id, { average: r.average, evaluations: r.evaluations }]));
}

/**
 * Samples the period holding `date` by the center's plan (seed 004's daily quota weighted by the
 * agent's 优/中等/差, rules that pick the calls worth hearing) and deals the calls to the QA
 * inspectors' queues, evenly. Calls already
 * sampled or scored are not picked again, and count toward the agent's quota. A scheduled round
 * samples `upTo` an instant inside the period: the quota's share of the period gone by then (rounded),
 * so a week's or a day's sample spreads over it instead of filling from its first calls. Returns
 * what it added.
 */
export async function samplePeriod(tx: Queryable, date: string, ctx: QaContext, upTo?: number): Promise<number> {
  const period = planPeriod(date, ctx.settings.sampling.period, ctx.timeZone);
  const share = upTo === undefined ? 1 : Math.min(1, Math.max(0, (upTo - period.from) / (period.to - period.from)));
  const plan = { ...ctx.settings.sampling, perAgent: ctx.settings.sampling.perAgent * share };
  const calls = await tx.query<{
    call_id: string;
    agent_id: string;
    started_at: Date;
    from_number: string | null;
    queue_id: string | null;
    talk_ms: number;
    hold_ms: number;
    transfers: number;
    satisfaction: number | null;
    ended_by: CallDetailRecord['endedBy'];
    ended_in: CallDetailRecord['endedIn'];
  }>(
    // The customer's satisfaction with the call: what the ticket accepted from it was given at its callback (回访).
    `SELECT c.call_id, c.agent_id, c.started_at, c.from_number, c.queue_id, (c.record->>'talkMs')::float8 AS talk_ms, (c.record->>'holdMs')::float8 AS hold_ms,
            jsonb_array_length(coalesce(c.record->'transfers', '[]'::jsonb)) AS transfers, c.record->>'endedBy' AS ended_by, c.record->>'endedIn' AS ended_in,
            (SELECT min((t.callback->>'satisfaction')::int) FROM tickets t WHERE t.call_id = c.call_id AND t.callback->>'satisfaction' IS NOT NULL) AS satisfaction
     FROM call_records c
     WHERE c.started_at >= $1 AND c.started_at < $2 AND c.agent_id IS NOT NULL AND c.ended_at IS NOT NULL AND c.outcome = 'answered' AND (c.record->>'recorded')::boolean IS NOT FALSE`,
    [new Date(period.from).toISOString(), new Date(period.to).toISOString()],
  );
  const taken = await tx.query<{ call_id: string; agent_id: string; this_period: boolean }>(
    `SELECT call_id, agent_id, period_start = $1::date AS this_period FROM qa_queue
     UNION ALL SELECT call_id, agent_id, scored_at >= $2 AND scored_at < $3 FROM qa_evaluations WHERE purpose = 'evaluation'`,
    [period.start, new Date(period.from).toISOString(), new Date(period.to).toISOString()],
  );
  const alreadySampled = new Map<string, number>();
  for (const t of taken) if (t.this_period) alreadySampled.set(t.agent_id, (alreadySampled.get(t.agent_id) ?? 0) + 1);
  const newAgents = await tx.query<{ agent_id: string }>(`SELECT agent_id FROM quotas WHERE employed_since > $1::date - ${NEW_AGENT_DAYS}`, [period.start]);
  const inspectors = await tx.query<{ id: string; open: number }>(
    `SELECT u.id, (SELECT count(*)::int FROM qa_queue q WHERE q.inspector_id = u.id AND q.evaluation_id IS NULL) AS open
     FROM users u WHERE u.role = 'qa' AND NOT u.disabled ORDER BY u.id`,
  );
  const speech = await callsFlaggedBySpeech(
    tx,
    calls.map((c) => c.call_id),
    ctx.settings.speechRules.filter((r) => r.kind !== 'required'),
  );
  const candidates: SampleCandidate[] = calls.map((c) => ({
    callId: c.call_id,
    agentId: c.agent_id,
    startedAt: c.started_at.getTime(),
    talkSeconds: (c.talk_ms ?? 0) / 1000,
    holdSeconds: (c.hold_ms ?? 0) / 1000,
    transfers: c.transfers,
    from: c.from_number,
    queueId: c.queue_id,
    satisfaction: c.satisfaction,
    bannedPhrase: speech.get(c.call_id)?.bannedPhrase ?? false,
    keyword: speech.get(c.call_id)?.keyword ?? false,
    // Records stored before these were kept have neither: such a call is not taken for one abandoned after the answer.
    endedBy: c.ended_by,
    endedIn: c.ended_in,
  }));
  // The same period samples the same way however often it is asked: the seed is the period's day.
  const picked = selectSample({
    plan,
    calls: candidates,
    newAgents: new Set(newAgents.map((a) => a.agent_id)),
    recentScores: plan.tiers.enabled ? await recentScores(tx, period.start, plan.tiers.lookbackDays, ctx.timeZone) : new Map(),
    alreadySampled,
    exclude: new Set(taken.map((t) => t.call_id)),
    inspectors,
    random: seededRandom(Number(period.start.replaceAll('-', ''))),
  });
  if (picked.length === 0) return 0;
  await tx.query(
    `INSERT INTO qa_queue (call_id, agent_id, inspector_id, reasons, sampled_at, period_start)
     SELECT r->>'callId', r->>'agentId', r->>'inspectorId', ARRAY(SELECT jsonb_array_elements_text(r->'reasons')), $2, $3::date
     FROM jsonb_array_elements($1::jsonb) r ON CONFLICT (call_id) DO NOTHING`,
    [JSON.stringify(picked), new Date(ctx.now).toISOString(), period.start],
  );
  return picked.length;
}

/** The call columns every QA queue row reads, whatever picked the call. */
export interface QueueCallRow {
  call_id: string;
  agent_id: string;
  agent_name: string;
  employee_no: string | null;
  inspector_id: string;
  started_at: Date | null;
  talk_ms: number | null;
  queue_id: string | null;
  from_number: string | null;
  evaluation_id: string | null;
}

/** A queue row as the inspector sees it, the caller's number masked by the one rule. */
export function queueItem(actor: Actor, r: QueueCallRow, reasons: SampleReason[], sampledAt: Date): QaQueueItem {
  return {
    callId: r.call_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    employeeNo: r.employee_no,
    inspectorId: r.inspector_id,
    reasons,
    sampledAt: sampledAt.toISOString(),
    callStartedAt: r.started_at?.toISOString() ?? null,
    talkSeconds: Math.round((r.talk_ms ?? 0) / 1000),
    queueId: r.queue_id,
    from: visibleNumber(actor, r.from_number),
    evaluationId: r.evaluation_id,
  };
}

/** An inspector's queue (or everyone's for a lead): open calls first, with why each was picked; numbers masked for QA. */
export async function inspectorQueue(db: Queryable, actor: Actor, inspectorId: string | null, open: boolean): Promise<QaQueueItem[]> {
  const params: unknown[] = [];
  const where = [open ? 'q.evaluation_id IS NULL' : 'true'];
  if (inspectorId) where.push(`q.inspector_id = $${params.push(inspectorId)}`);
  const rows = await db.query<QueueCallRow & { reasons: SampleReason[]; sampled_at: Date }>(
    `SELECT q.call_id, q.agent_id, u.display_name AS agent_name, a.employee_no, q.inspector_id, q.reasons, q.sampled_at, c.started_at,
            (c.record->>'talkMs')::float8 AS talk_ms, c.queue_id, c.from_number, q.evaluation_id
     FROM qa_queue q JOIN users u ON u.id = q.agent_id LEFT JOIN agents a ON a.user_id = q.agent_id LEFT JOIN call_records c ON c.call_id = q.call_id
     WHERE ${where.join(' AND ')} ORDER BY q.evaluation_id IS NOT NULL, c.started_at, q.call_id LIMIT 1000`,
    params,
  );
  return rows.map((r) => queueItem(actor, r, r.reasons, r.sampled_at));
}
