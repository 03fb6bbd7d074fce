import type { QaPenaltyStanding, QaPenaltyTodo, QaSettings } from '@banzu/contract';
import { canSeeTeam, localDate, qaFineRule, type Actor, type FormVersion, type ItemResult, type PenaltyStep } from '@banzu/core';
import { z } from 'zod';
import { reportTeam } from '../access/index';
import { writeAudit } from '../crm/index';
import { recordPointIn } from '../discipline/index';
import { ConflictError, ForbiddenError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { notFound } from './forms';

const DAY = 86_400_000;

/** Who follows a penalty through: the agent's team leader, QA (seed 004: the inspector gives the reminder and the slip), the floor's leads. */
export const penaltyKeepers = ['team_leader', 'qa', 'supervisor', 'manager', 'admin'] as const;

export const standingQuerySchema = z.object({
  teamId: z.string({ message: 'qa.penalties_team' }).min(1, { message: 'qa.penalties_team' }).optional(),
  /** Only agents with something left to do. */
  pending: z.enum(['true', 'false'], { message: 'qa.penalties_pending' }).default('false'),
});

export const doneSchema = z.object({ note: z.string({ message: 'qa.note_text' }).trim().max(500, { message: 'qa.note_long' }).default('') });

export const fineSchema = z.object({
  ruleCode: z.string({ message: 'qa.fine_rule' }).trim().min(1, { message: 'qa.fine_rule' }).max(20, { message: 'qa.fine_rule' }).default(qaFineRule),
  note: z.string({ message: 'qa.note_text' }).trim().max(2000, { message: 'qa.note_long' }).optional(),
});

interface PenaltyRow {
  id: string;
  agent_id: string;
  agent_name: string;
  employee_no: string | null;
  team_id: string | null;
  team_name: string | null;
  call_id: string;
  score: number;
  call_started_at: Date;
  scored_at: Date;
  confirmed_at: Date | null;
  confirmed_how: string | null;
  penalty: PenaltyStep;
  items: ItemResult[];
  definition: FormVersion;
  penalty_done_at: Date | null;
  done_by: string | null;
  penalty_note: string | null;
  discipline_point_id: string | null;
}

const selectPenalties = `
  SELECT e.id, e.agent_id, a.display_name AS agent_name, ag.employee_no, e.team_id, t.name AS team_name, e.call_id, e.score, e.call_started_at, e.scored_at,
         e.confirmed_at, e.confirmed_how, e.penalty, e.items, v.definition, e.penalty_done_at, d.display_name AS done_by, e.penalty_note, e.discipline_point_id
  FROM qa_evaluations e
  JOIN users a ON a.id = e.agent_id
  LEFT JOIN agents ag ON ag.user_id = e.agent_id
  LEFT JOIN teams t ON t.id = e.team_id
  LEFT JOIN users d ON d.id = e.penalty_done_by
  JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version`;

/** What is left to do: the slip signed (unless the agent signed it), a fine booked, the step carried out; nothing once the leader recorded it done. */
function todo(r: PenaltyRow, signed: boolean): QaPenaltyTodo[] {
  if (r.penalty_done_at) return [];
  return [...(r.penalty.slip && !signed ? (['sign_slip'] as const) : []), ...(r.penalty.code === 'fine' && !r.discipline_point_id ? (['book_fine'] as const) : []), 'carry_out'];
}

function toStanding(r: PenaltyRow, offences: number, settings: QaSettings, timeZone: string): QaPenaltyStanding {
  const steps = settings.ladder.steps;
  const at = steps.findIndex((s) => s.code === r.penalty.code);
  const text = new Map(r.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i.text]));
  const signed = r.confirmed_how === 'acknowledged' || r.penalty_done_at !== null;
  return {
    agentId: r.agent_id,
    agentName: r.agent_name,
    employeeNo: r.employee_no,
    teamId: r.team_id,
    teamName: r.team_name,
    step: r.penalty,
    stepNumber: at < 0 ? null : at + 1,
    // The ladder's last step is its ceiling: a further offence stays there.
    nextStep: at < 0 ? null : steps[Math.min(at + 1, steps.length - 1)]!,
    offences,
    evaluationId: r.id,
    callId: r.call_id,
    score: r.score,
    callStartedAt: r.call_started_at.toISOString(),
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    items: r.items.filter((i) => i.fatal).map((i) => ({ key: i.key, text: text.get(i.key) ?? i.key })),
    slipSigned: r.penalty.slip ? signed : null,
    expiresOn: localDate(r.scored_at.getTime() + settings.ladder.windowDays * DAY, timeZone),
    done: r.penalty_done_at ? { at: r.penalty_done_at.toISOString(), by: r.done_by ?? '', note: r.penalty_note ?? '' } : null,
    disciplinePointId: r.discipline_point_id,
    todo: todo(r, signed),
  };
}

/**
 * Each agent's current step on the penalty ladder, in the caller's scope (a team leader the own
 * team): the latest confirmed fatal failure within the ladder's window and what it still needs —
 * the reminder slip signed, the fine booked, the warning or interview (约谈) carried out. Agents
 * whose last step has left the window are off the ladder and not listed. The steps highest up first.
 */
export async function penaltyStandings(db: Queryable, actor: Actor, q: z.infer<typeof standingQuerySchema>, ctx: PenaltyContext): Promise<QaPenaltyStanding[]> {
  const { settings, timeZone } = ctx;
  const teamId = reportTeam(actor, q.teamId);
  const params: unknown[] = [new Date(ctx.now - settings.ladder.windowDays * DAY).toISOString()];
  const team = teamId ? ` AND e.team_id = $${params.push(teamId)}` : '';
  const rows = await db.query<PenaltyRow & { offences: number }>(
    `SELECT * FROM (
       SELECT p.*, count(*) OVER (PARTITION BY p.agent_id)::int AS offences, row_number() OVER (PARTITION BY p.agent_id ORDER BY p.scored_at DESC, p.id DESC) AS latest
       FROM (${selectPenalties} WHERE e.purpose = 'evaluation' AND e.status = 'confirmed' AND e.fatal AND e.scored_at > $1${team}) p
       WHERE p.penalty IS NOT NULL
     ) ranked WHERE latest = 1`,
    params,
  );
  const steps = settings.ladder.steps.map((s) => s.code);
  return rows
    .map((r) => toStanding(r, r.offences, settings, timeZone))
    .filter((s) => q.pending === 'false' || s.todo.length > 0)
    .sort((a, b) => steps.indexOf(b.step.code) - steps.indexOf(a.step.code) || b.callStartedAt.localeCompare(a.callStartedAt));
}

/** The evaluation of a penalty, locked, checked to be in the caller's team scope. */
async function penaltyRow(tx: Queryable, actor: Actor, id: string): Promise<PenaltyRow> {
  if (!z.uuid().safeParse(id).success) throw notFound('evaluation', id);
  const [row] = await tx.query<PenaltyRow>(`${selectPenalties} WHERE e.id = $1 AND e.purpose = 'evaluation' FOR UPDATE OF e`, [id]);
  if (!row) throw notFound('evaluation', id);
  if (!canSeeTeam(actor, row.team_id)) throw new ForbiddenError(words('qa.evaluation_not_your_team'));
  if (!row.penalty) throw new ConflictError(words('qa.penalty_none'));
  return row;
}

/** The standing of one evaluation's penalty after a change to it, its offences counted as the list counts them. */
async function standingOf(tx: Queryable, id: string, ctx: PenaltyContext): Promise<QaPenaltyStanding> {
  const [row] = await tx.query<PenaltyRow & { offences: number }>(
    `SELECT p.*, (SELECT count(*)::int FROM qa_evaluations o WHERE o.agent_id = p.agent_id AND o.purpose = 'evaluation' AND o.status = 'confirmed' AND o.fatal
                    AND o.penalty IS NOT NULL AND o.scored_at > $2) AS offences
     FROM (${selectPenalties} WHERE e.id = $1) p`,
    [id, new Date(ctx.now - ctx.settings.ladder.windowDays * DAY).toISOString()],
  );
  return toStanding(row!, row!.offences, ctx.settings, ctx.timeZone);
}

/** What following a penalty through needs besides the request: the clock's now, the ladder, the center's zone. */
export interface PenaltyContext {
  now: number;
  settings: QaSettings;
  timeZone: string;
}

/**
 * The leader (or QA) records that the step was carried out — the warning given, the interview held,
 * the slip signed on paper — with a note. Once only; audited.
 */
export async function markPenaltyDone(tx: Queryable, actor: Actor, id: string, note: string, ctx: PenaltyContext): Promise<QaPenaltyStanding> {
  const row = await penaltyRow(tx, actor, id);
  if (row.penalty_done_at)
    throw new ConflictError(words('qa.penalty_done', { stepZh: row.penalty.zh, stepEn: row.penalty.en, date: localDate(row.penalty_done_at.getTime(), ctx.timeZone) }));
  await tx.query('UPDATE qa_evaluations SET penalty_done_at = $2, penalty_done_by = $3, penalty_note = $4 WHERE id = $1', [
    id,
    new Date(ctx.now).toISOString(),
    actor.userId,
    note,
  ]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_penalty_done',
    subject: 'qa_evaluations',
    rowCount: 1,
    detail: { evaluationId: id, agentId: row.agent_id, step: row.penalty.code, note },
  });
  return standingOf(tx, id, ctx);
}

/**
 * A fine step (经济扣罚) booked as a discipline item (扣分) of the agent, dated at the call and
 * linked to the evaluation, under the QA fine rule unless another is named. Once per evaluation.
 */
export async function bookFine(tx: Queryable, actor: Actor, id: string, body: z.infer<typeof fineSchema>, ctx: PenaltyContext): Promise<QaPenaltyStanding> {
  const row = await penaltyRow(tx, actor, id);
  if (row.penalty.code !== 'fine') throw new ConflictError(words('qa.penalty_not_fine', { stepZh: row.penalty.zh, stepEn: row.penalty.en }));
  if (row.discipline_point_id) throw new ConflictError(words('qa.penalty_fine_booked'));
  const items = toStanding(row, 0, ctx.settings, ctx.timeZone).items.map((i) => i.text);
  const point = await recordPointIn(
    tx,
    actor,
    {
      agentId: row.agent_id,
      ruleCode: body.ruleCode,
      occurredAt: row.call_started_at.toISOString(),
      note: body.note ?? `质检致命项：${items.join('、')}（通话 ${row.call_id}，评分 ${row.score.toFixed(1)}）`,
    },
    ctx.now,
  );
  await tx.query('UPDATE qa_evaluations SET discipline_point_id = $2 WHERE id = $1', [id, point.id]);
  return standingOf(tx, id, ctx);
}
