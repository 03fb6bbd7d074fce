import type { QaComment, QaConfirmedHow, QaDisputesWaiting, QaEvaluation, QaSettings } from '@banzu/contract';
import {
  addWorkingDays,
  answerProblems,
  canSeeAgentFigures,
  formItems,
  localDate,
  localParts,
  penaltyStep,
  scoreEvaluation,
  type Actor,
  type Answer,
  type CenterCalendar,
  type DomainEvent,
  type FormVersion,
  type ItemResult,
  type PenaltyStep,
} from '@banzu/core';
import { z } from 'zod';
import { maySeeRecordedCall } from '../access/index';
import { writeAudit } from '../crm/index';
import type { EventLog } from '../events/index';
import { BadRequestError, ConflictError, ForbiddenError } from '../http/errors';
import { words, type Wording } from '../http/messages';
import type { Queryable } from '../store/index';
import { loadForm, notFound, refuseProblems, usableForm } from './forms';

export const answerSchema = z.object({
  key: z.string().min(1).max(50),
  earned: z.number().optional(),
  na: z.boolean().optional(),
  failed: z.boolean().optional(),
});

/** A comment: plain text for the whole call, or pinned to a second of the recording and maybe an item. */
const commentSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .transform((text): QaComment => ({ atSeconds: null, text, itemKey: null })),
  z
    .object({
      atSeconds: z.number().nullable().optional(),
      text: z.string().trim().min(1).max(2000),
      itemKey: z.string().max(50).nullable().optional(),
    })
    .transform((c): QaComment => ({ atSeconds: c.atSeconds ?? null, text: c.text, itemKey: c.itemKey ?? null })),
]);

export const evaluationSchema = z.object({
  callId: z.string().min(1).max(200),
  formId: z.string().min(1).max(64),
  /** Scores on an older version only when asked (a calibration of an old call); the newest otherwise. */
  formVersion: z.number().int().min(1).optional(),
  /** Which of the agents who handled the call is scored; the one who answered when left out. */
  agentId: z.string().min(1).optional(),
  answers: z.array(answerSchema).min(1).max(500),
  comments: z.array(commentSchema).max(200).default([]),
  purpose: z.enum(['evaluation', 'calibration']).default('evaluation'),
});

/** Who scores calls: QA, the floor's supervisors and managers, and team leaders their own team's (seed 003: the leader evaluates the team's work quality). */
export const scorers = ['qa', 'team_leader', 'supervisor', 'manager', 'admin'] as const;
/** Who settles a dispute (the QA lead's job): QA other than the inspector who scored it, supervisors, managers. */
export const resolvers = ['qa', 'supervisor', 'manager', 'admin'] as const;

interface EvaluationRow {
  id: string;
  call_id: string;
  form_id: string;
  form_version: number;
  purpose: 'evaluation' | 'calibration';
  agent_id: string;
  team_id: string | null;
  queue_id: string | null;
  call_started_at: Date;
  inspector_id: string;
  answers: Answer[];
  items: ItemResult[];
  comments: QaComment[];
  score: number;
  fatal: boolean;
  scored_at: Date;
  status: QaEvaluation['status'];
  due_at: Date | null;
  confirmed_how: QaConfirmedHow | null;
  confirmed_at: Date | null;
  dispute_reason: string | null;
  resolved_by: string | null;
  resolution_reason: string | null;
  original_score: number | null;
  penalty: PenaltyStep | null;
  definition: FormVersion;
  agent_name: string;
  employee_no: string | null;
  inspector_name: string;
}

const selectEvaluations = `
  SELECT e.*, v.definition, a.display_name AS agent_name, ag.employee_no, i.display_name AS inspector_name
  FROM qa_evaluations e
  JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
  JOIN users a ON a.id = e.agent_id
  LEFT JOIN agents ag ON ag.user_id = e.agent_id
  JOIN users i ON i.id = e.inspector_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toEvaluation(r: EvaluationRow): QaEvaluation {
  const text = new Map(r.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i.text]));
  return {
    id: r.id,
    callId: r.call_id,
    formId: r.form_id,
    formName: r.definition.name,
    formVersion: r.form_version,
    purpose: r.purpose,
    agentId: r.agent_id,
    agentName: r.agent_name,
    employeeNo: r.employee_no,
    teamId: r.team_id,
    callStartedAt: r.call_started_at.toISOString(),
    inspectorId: r.inspector_id,
    inspectorName: r.inspector_name,
    score: r.score,
    fatal: r.fatal,
    items: r.items.map((i) => ({ ...i, text: text.get(i.key) ?? i.key })),
    comments: r.comments,
    scoredAt: r.scored_at.toISOString(),
    status: r.status,
    dueAt: iso(r.due_at),
    confirmedHow: r.confirmed_how,
    confirmedAt: iso(r.confirmed_at),
    disputeReason: r.dispute_reason,
    resolvedBy: r.resolved_by,
    resolutionReason: r.resolution_reason,
    originalScore: r.original_score,
    penalty: r.penalty,
  };
}

async function evaluationRow(db: Queryable, id: string, lock = false): Promise<EvaluationRow> {
  if (!z.uuid().safeParse(id).success) throw notFound('evaluation', id);
  const [row] = await db.query<EvaluationRow>(`${selectEvaluations} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
  if (!row) throw notFound('evaluation', id);
  return row;
}

/** An evaluation as its agent, the agent's team leader and the floor-wide roles see it; 403 for anyone else. */
export async function loadEvaluation(db: Queryable, actor: Actor, id: string): Promise<QaEvaluation> {
  const row = await evaluationRow(db, id);
  if (!canSeeAgentFigures(actor, { userId: row.agent_id, teamId: row.team_id })) throw new ForbiddenError(words('qa.evaluation_forbidden'));
  return toEvaluation(row);
}

export interface EvaluationFilter {
  agentId?: string;
  teamId?: string;
  inspectorId?: string;
  callId?: string;
  status?: QaEvaluation['status'];
  purpose?: 'evaluation' | 'calibration';
  /** Scored at or after / before, ISO instants. */
  from?: string;
  to?: string;
  limit: number;
}

/** Evaluations newest first, narrowed to what the caller may see: an agent the own, a team leader the own team's. */
export async function listEvaluations(db: Queryable, actor: Actor, f: EvaluationFilter): Promise<QaEvaluation[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
  if (actor.role === 'agent') add('e.agent_id = ?', actor.userId);
  else if (actor.role === 'team_leader') add('e.team_id = ?', actor.teamId);
  if (f.agentId) add('e.agent_id = ?', f.agentId);
  if (f.teamId) add('e.team_id = ?', f.teamId);
  if (f.inspectorId) add('e.inspector_id = ?', f.inspectorId);
  if (f.callId) add('e.call_id = ?', f.callId);
  if (f.status) add('e.status = ?', f.status);
  add('e.purpose = ?', f.purpose ?? 'evaluation');
  if (f.from) add('e.scored_at >= ?', f.from);
  if (f.to) add('e.scored_at < ?', f.to);
  const rows = await db.query<EvaluationRow>(`${selectEvaluations} WHERE ${where.join(' AND ')} ORDER BY e.scored_at DESC, e.id LIMIT ${f.limit}`, params);
  return rows.map(toEvaluation);
}

/** Everything scoring needs besides the request: the log, the clock's now, the center's calendar and QA settings. */
export interface QaContext {
  log: EventLog;
  now: number;
  timeZone: string;
  /** The center's calendar: the agent's deadline counts its working days. */
  calendar: CenterCalendar;
  settings: QaSettings;
}

interface ScoredCallRow {
  call_id: string;
  agent_id: string | null;
  team_id: string | null;
  queue_id: string | null;
  started_at: Date;
  agents: string[] | null;
}

/**
 * Scores a call on a form: the call must exist (404), the scorer must not have handled it (400)
 * and must see it (a team leader the own team's, 403), the answers must fit the form's version (400
 * naming each problem). The agent then has `acknowledgementDays` working days to sign or dispute,
 * unless the center confirms at once. Audited; `qa.evaluation_scored` goes to the event log.
 */
export async function scoreCall(tx: Queryable, actor: Actor, body: z.infer<typeof evaluationSchema>, ctx: QaContext): Promise<QaEvaluation> {
  const [call] = await tx.query<ScoredCallRow>(
    `SELECT call_id, agent_id, team_id, queue_id, started_at, ARRAY(SELECT jsonb_array_elements_text(record -> 'agents')) AS agents FROM call_records WHERE call_id = $1`,
    [body.callId],
  );
  if (!call) throw notFound('call', body.callId);
  const handledBy = [...new Set([...(call.agent_id ? [call.agent_id] : []), ...(call.agents ?? [])])];
  if (handledBy.includes(actor.userId)) throw new BadRequestError(words('qa.own_call'), { code: 'own_call' });
  if (actor.role === 'agent') throw new ForbiddenError(words('qa.agents_do_not_score'));
  if (!(await maySeeRecordedCall(tx, actor, body.callId))) throw new ForbiddenError(words('qa.call_not_your_team'));
  const agentId = body.agentId ?? call.agent_id;
  if (!agentId) throw new BadRequestError(words('qa.no_agent_on_call'), { code: 'no_agent' });
  if (!handledBy.includes(agentId)) throw new BadRequestError(words('qa.agent_not_handled', { agent: agentId }), { code: 'not_handled' });
  if (body.purpose === 'evaluation') await refuseSecondEvaluation(tx, call.call_id, agentId, ctx.timeZone);

  const form = usableForm(await loadForm(tx, body.formId, body.formVersion));
  const definition: FormVersion = { name: form.name, fatalScope: form.fatalScope, sections: form.sections };
  const answers: Answer[] = body.answers.map((a) => ({ key: a.key, earned: a.earned, na: a.na, failed: a.failed }));
  refuseProblems(
    definition,
    answerProblems(definition, answers),
    answers.map((a) => a.key),
  );
  // A comment pinned before the recording or to an item not on the sheet would be shown against nothing.
  const early = body.comments.find((c) => c.atSeconds !== null && c.atSeconds < 0);
  if (early) throw new BadRequestError(words('qa.comment_before_start', { seconds: early.atSeconds! }), { code: 'negative_time', atSeconds: early.atSeconds });
  const keys = new Set(formItems(definition).map((i) => i.key));
  const stray = body.comments.find((c) => c.itemKey !== null && !keys.has(c.itemKey));
  if (stray) throw new BadRequestError(words('qa.comment_unknown_item', { key: stray.itemKey! }), { code: 'unknown_item', key: stray.itemKey });
  const result = scoreEvaluation(definition, answers);

  const [agent] = await tx.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agentId]);
  // The call's team when its answering agent is scored, so the score lands in the call's report row.
  const teamId = agentId === call.agent_id ? call.team_id : (agent?.team_id ?? null);
  const calibration = body.purpose === 'calibration';
  const confirmAtOnce = calibration || !ctx.settings.requireAcknowledgement;
  const dueAt = confirmAtOnce ? null : addWorkingDays(ctx.now, ctx.settings.acknowledgementDays, ctx.timeZone, ctx.calendar);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO qa_evaluations (call_id, form_id, form_version, purpose, agent_id, team_id, queue_id, call_started_at, inspector_id, answers, items, comments, score, fatal, scored_at, status, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      call.call_id,
      form.id,
      form.version,
      body.purpose,
      agentId,
      teamId,
      call.queue_id,
      call.started_at,
      actor.userId,
      JSON.stringify(answers),
      JSON.stringify(result.items),
      JSON.stringify(body.comments),
      result.score,
      result.fatal,
      new Date(ctx.now).toISOString(),
      'pending',
      dueAt === null ? null : new Date(dueAt).toISOString(),
    ],
  );
  const id = row!.id;
  await tx.query('UPDATE qa_queue SET evaluation_id = $2 WHERE call_id = $1 AND evaluation_id IS NULL', [call.call_id, id]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_score',
    subject: 'qa_evaluations',
    rowCount: 1,
    detail: { evaluationId: id, callId: call.call_id, score: result.score, fatal: result.fatal },
  });
  if (confirmAtOnce) await confirm(tx, id, 'automatic', ctx);
  // The log's events last: its head stays locked from the append to the commit.
  if (!calibration) {
    const scored: DomainEvent = {
      type: 'qa.evaluation_scored',
      stream: id,
      at: ctx.now,
      payload: {
        callId: call.call_id,
        agentId,
        teamId,
        queueId: call.queue_id,
        callStartedAt: call.started_at.getTime(),
        inspectorId: actor.userId,
        formId: form.id,
        formVersion: form.version,
        score: result.score,
        fatal: result.fatal,
        awaitsConfirmation: !confirmAtOnce,
      },
    };
    // The agent is told on the desktop, as a supervisor's message would be: the score and until when to sign or dispute.
    const [inspector] = await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor.userId]);
    const until = dueAt === null ? '' : `，请在 ${centerTime(dueAt, ctx.timeZone)} 前到「质检」页签字或申诉`;
    const notice: DomainEvent = {
      type: 'agent.message_sent',
      stream: agentId,
      at: ctx.now,
      payload: {
        id: `qa-${id}`,
        fromUserId: actor.userId,
        fromName: inspector?.display_name ?? '',
        text: `质检评分 ${result.score.toFixed(1)} 分${result.fatal ? '（致命项）' : ''}${until}`,
      },
    };
    await ctx.log.appendIn(tx, [scored, notice]);
  }
  return toEvaluation(await evaluationRow(tx, id));
}

/**
 * A call counts once per agent in 监听分值, the QA star and the penalty ladder: a second real
 * evaluation is a 409 naming the first (calibration sheets are many by design). The unique index of
 * migration 047 refuses the same for two requests racing past this check.
 */
async function refuseSecondEvaluation(tx: Queryable, callId: string, agentId: string, timeZone: string): Promise<void> {
  const [earlier] = await tx.query<{ id: string; scored_at: Date; inspector_name: string }>(
    `SELECT e.id, e.scored_at, i.display_name AS inspector_name FROM qa_evaluations e JOIN users i ON i.id = e.inspector_id
     WHERE e.call_id = $1 AND e.agent_id = $2 AND e.purpose = 'evaluation'`,
    [callId, agentId],
  );
  if (earlier) {
    throw new ConflictError(words('qa.already_scored', { inspector: earlier.inspector_name, at: centerMinute(earlier.scored_at.getTime(), timeZone), id: earlier.id }), {
      code: 'already_scored',
      evaluationId: earlier.id,
    });
  }
}

/** An instant on the center's wall clock in either language, `YYYY-MM-DD HH:mm`. */
function centerMinute(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${localDate(at, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** An instant on the center's wall clock as a refusal names it: `1月5日 09:00`, `2026-01-05 09:00` in English. */
export function centerWhen(at: number, timeZone: string): Wording {
  const p = localParts(at, timeZone);
  return words('qa.center_time', { month: p.month, day: p.day, date: localDate(at, timeZone), time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}` });
}

/** An instant on the center's wall clock, `M月D日 HH:mm`. */
export function centerTime(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * Confirms an evaluation; a fatal failure takes the penalty ladder's next step for the agent.
 * Returns, for the caller to append last, the `qa.evaluation_confirmed` that makes a score which
 * awaited the agent's signature count in 监听分值 (none when it counted at scoring).
 */
async function confirm(tx: Queryable, id: string, how: QaConfirmedHow, ctx: QaContext): Promise<DomainEvent[]> {
  const row = await evaluationRow(tx, id);
  let penalty: PenaltyStep | null = null;
  if (row.fatal && row.purpose === 'evaluation') {
    const earlier = await tx.query<{ scored_at: Date; items: ItemResult[] }>(
      `SELECT scored_at, items FROM qa_evaluations WHERE agent_id = $1 AND status = 'confirmed' AND fatal AND purpose = 'evaluation' AND id <> $2`,
      [row.agent_id, id],
    );
    const keys = (items: ItemResult[]) => items.filter((i) => i.fatal).map((i) => i.key);
    penalty = penaltyStep(
      ctx.settings.ladder,
      earlier.map((e) => ({ at: e.scored_at.getTime(), itemKeys: keys(e.items) })),
      { at: row.scored_at.getTime(), itemKeys: keys(row.items) },
    );
  }
  await tx.query(`UPDATE qa_evaluations SET status = 'confirmed', confirmed_how = $2, confirmed_at = $3, penalty = $4 WHERE id = $1`, [
    id,
    how,
    new Date(ctx.now).toISOString(),
    penalty === null ? null : JSON.stringify(penalty),
  ]);
  if (how === 'automatic' || row.purpose !== 'evaluation' || !(await awaitedConfirmation(tx, id))) return [];
  return [
    {
      type: 'qa.evaluation_confirmed',
      stream: id,
      at: ctx.now,
      payload: {
        callId: row.call_id,
        agentId: row.agent_id,
        teamId: row.team_id,
        queueId: row.queue_id,
        callStartedAt: row.call_started_at.getTime(),
        how,
        score: row.score,
        fatal: row.fatal,
      },
    },
  ];
}

/** Whether the evaluation's score waited for its confirmation to count, as its scoring said (scorings logged before it was said counted at once). */
async function awaitedConfirmation(tx: Queryable, id: string): Promise<boolean> {
  const [scored] = await tx.query<{ awaits: boolean | null }>(
    `SELECT (payload->>'awaitsConfirmation')::boolean AS awaits FROM events WHERE stream = $1 AND type = 'qa.evaluation_scored' ORDER BY seq LIMIT 1`,
    [id],
  );
  return scored?.awaits === true;
}

/**
 * Evaluations whose deadline passed without a word from the agent count as signed (seed 004: the
 * slip stands). Audited with no user: nobody acted, the deadline did.
 */
export async function confirmOverdue(tx: Queryable, ctx: QaContext): Promise<number> {
  const due = await tx.query<{ id: string; agent_id: string; due_at: Date }>(
    `SELECT id, agent_id, due_at FROM qa_evaluations WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id FOR UPDATE`,
    [new Date(ctx.now).toISOString()],
  );
  const events: DomainEvent[] = [];
  for (const e of due) {
    const confirmed = await confirm(tx, e.id, 'deadline', ctx);
    await writeAudit(tx, {
      userId: null,
      action: 'qa_deadline',
      subject: 'qa_evaluations',
      rowCount: 1,
      detail: { evaluationId: e.id, agentId: e.agent_id, dueAt: e.due_at.toISOString() },
    });
    events.push({ type: 'qa.evaluation_acknowledged', stream: e.id, at: ctx.now, payload: { agentId: e.agent_id, by: 'deadline' } }, ...confirmed);
  }
  await ctx.log.appendIn(tx, events);
  return due.length;
}

async function ownPending(tx: Queryable, actor: Actor, id: string): Promise<EvaluationRow> {
  const row = await evaluationRow(tx, id, true);
  if (row.agent_id !== actor.userId) throw new ForbiddenError(words('qa.only_evaluated_signs'));
  if (row.status !== 'pending') throw new ConflictError(words(row.status === 'disputed' ? 'qa.evaluation_disputed' : 'qa.evaluation_confirmed'), { status: row.status });
  return row;
}

/** The agent signs (签字) the evaluation after hearing the recording: it is confirmed. */
export async function acknowledge(tx: Queryable, actor: Actor, id: string, ctx: QaContext): Promise<QaEvaluation> {
  await ownPending(tx, actor, id);
  const confirmed = await confirm(tx, id, 'acknowledged', ctx);
  await writeAudit(tx, { userId: actor.userId, action: 'qa_acknowledge', subject: 'qa_evaluations', rowCount: 1, detail: { evaluationId: id } });
  await ctx.log.appendIn(tx, [{ type: 'qa.evaluation_acknowledged', stream: id, at: ctx.now, payload: { agentId: actor.userId, by: 'agent' } }, ...confirmed]);
  return toEvaluation(await evaluationRow(tx, id));
}

/** Who the desktop message telling of a dispute comes from. */
const DISPUTE_SENDER = '质检申诉';

/**
 * The agent disputes the evaluation with a reason, before the deadline: a QA lead decides. Everyone
 * who may decide it (QA other than its inspector, supervisors, managers) is told on the live channel.
 */
export async function dispute(tx: Queryable, actor: Actor, id: string, reason: string, ctx: QaContext): Promise<QaEvaluation> {
  const row = await ownPending(tx, actor, id);
  await tx.query(`UPDATE qa_evaluations SET status = 'disputed', dispute_reason = $2, disputed_at = $3 WHERE id = $1`, [id, reason, new Date(ctx.now).toISOString()]);
  await writeAudit(tx, { userId: actor.userId, action: 'qa_dispute', subject: 'qa_evaluations', rowCount: 1, detail: { evaluationId: id, reason } });
  const deciders = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role IN ('qa', 'supervisor', 'manager') AND NOT disabled AND id <> $1 ORDER BY id`, [
    row.inspector_id,
  ]);
  const brief = reason.length > 100 ? `${reason.slice(0, 100)}…` : reason;
  const text = `${row.agent_name} 对 ${centerTime(row.call_started_at.getTime(), ctx.timeZone)} 通话的质检评分 ${row.score.toFixed(1)} 分提出申诉：${brief}。请到「质检」›「评分记录」处理`;
  await ctx.log.appendIn(tx, [
    { type: 'qa.evaluation_disputed', stream: id, at: ctx.now, payload: { agentId: actor.userId, reason } },
    ...deciders.map(
      (d): DomainEvent => ({ type: 'agent.message_sent', stream: d.id, at: ctx.now, payload: { id: `qa-dispute-${id}`, fromUserId: '', fromName: DISPUTE_SENDER, text } }),
    ),
  ]);
  return toEvaluation(await evaluationRow(tx, id));
}

/** The disputes waiting for a decision the caller may make (not those of the caller's own scoring), and since when the oldest waits. */
export async function disputesWaiting(db: Queryable, actor: Actor): Promise<QaDisputesWaiting> {
  const [row] = await db.query<{ waiting: number; oldest: Date | null }>(
    `SELECT count(*)::int AS waiting, min(disputed_at) AS oldest FROM qa_evaluations WHERE status = 'disputed' AND inspector_id <> $1`,
    [actor.userId],
  );
  return { waiting: row?.waiting ?? 0, oldestDisputedAt: iso(row?.oldest ?? null) };
}

export const resolutionSchema = z.object({
  outcome: z.enum(['upheld', 'changed']),
  reason: z.string().trim().min(1).max(2000),
  /** The corrected answers, when the score is changed: on the same form version. */
  answers: z.array(answerSchema).min(1).max(500).optional(),
});

/**
 * A QA lead settles a dispute: upholds the score or changes it with corrected answers, always with
 * the reason. Never the inspector who scored it. The changed score replaces the old one in 监听分值.
 */
export async function resolveDispute(tx: Queryable, actor: Actor, id: string, body: z.infer<typeof resolutionSchema>, ctx: QaContext): Promise<QaEvaluation> {
  const row = await evaluationRow(tx, id, true);
  if (row.inspector_id === actor.userId) throw new ForbiddenError(words('qa.review_own'));
  if (row.status !== 'disputed') throw new ConflictError(words('qa.no_dispute'), { status: row.status });
  let { score, fatal } = row;
  if (body.outcome === 'changed') {
    if (!body.answers) throw new BadRequestError(words('qa.answers_required'), { code: 'answers_required' });
    const answers: Answer[] = body.answers.map((a) => ({ key: a.key, earned: a.earned, na: a.na, failed: a.failed }));
    refuseProblems(
      row.definition,
      answerProblems(row.definition, answers),
      answers.map((a) => a.key),
    );
    const result = scoreEvaluation(row.definition, answers);
    ({ score, fatal } = result);
    await tx.query('UPDATE qa_evaluations SET answers = $2, items = $3, score = $4, fatal = $5, original_score = $6 WHERE id = $1', [
      id,
      JSON.stringify(answers),
      JSON.stringify(result.items),
      score,
      fatal,
      row.score,
    ]);
  }
  await tx.query('UPDATE qa_evaluations SET resolved_by = $2, resolution_reason = $3 WHERE id = $1', [id, actor.userId, body.reason]);
  const confirmed = await confirm(tx, id, body.outcome, ctx);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_resolve',
    subject: 'qa_evaluations',
    rowCount: 1,
    detail: { evaluationId: id, outcome: body.outcome, reason: body.reason, previousScore: row.score, score },
  });
  const [resolver] = await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor.userId]);
  await ctx.log.appendIn(tx, [
    {
      type: 'qa.dispute_resolved',
      stream: id,
      at: ctx.now,
      payload: {
        callId: row.call_id,
        agentId: row.agent_id,
        teamId: row.team_id,
        queueId: row.queue_id,
        callStartedAt: row.call_started_at.getTime(),
        resolvedBy: actor.userId,
        outcome: body.outcome,
        reason: body.reason,
        previousScore: row.score,
        score,
        fatal,
        awaitedConfirmation: confirmed.length > 0,
      },
    },
    ...confirmed,
    // The agent hears the decision on the desktop, as the score itself was told.
    {
      type: 'agent.message_sent',
      stream: row.agent_id,
      at: ctx.now,
      payload: {
        id: `qa-resolved-${id}`,
        fromUserId: actor.userId,
        fromName: resolver?.display_name ?? '',
        text: `${body.outcome === 'upheld' ? `申诉结果：维持原评分 ${score.toFixed(1)} 分` : `申诉结果：改为 ${score.toFixed(1)} 分（原 ${row.score.toFixed(1)} 分）`}。理由：${body.reason}`,
      },
    },
  ]);
  return toEvaluation(await evaluationRow(tx, id));
}
