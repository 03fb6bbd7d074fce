import type { QaCalibration, QaCalibrationMonth, QaCalibrationSession, QaEvaluation, QaQueueItem } from '@banzu/contract';
import { answerCategory, calibrate, fleissKappa, fromLocal, type Actor, type FormVersion, type ItemResult, type Role } from '@banzu/core';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { centerWhen, evaluationSchema, scoreCall, type QaContext } from './evaluations';
import { loadForm, notFound } from './forms';
import { queueItem, type QueueCallRow } from './sampling';

/** Who may be invited to calibrate: QA and the floor's leads, who hear every team's calls and have a queue. */
const calibrators: ReadonlySet<Role> = new Set(['qa', 'supervisor', 'manager', 'admin']);
/** Who may close any session, not only the own: the floor's leads. An inspector closes only a session they opened. */
const leads: ReadonlySet<Role> = new Set(['supervisor', 'manager', 'admin']);

export const sessionSchema = z.object({
  callId: z.string({ message: 'qa.calibration_call_required' }).min(1, { message: 'qa.calibration_call_required' }).max(200, { message: 'qa.calibration_call_long' }),
  formId: z.string({ message: 'qa.calibration_form_required' }).min(1, { message: 'qa.calibration_form_required' }).max(64, { message: 'qa.calibration_form_long' }),
  /** An older version only when asked; the newest otherwise. */
  formVersion: z.number({ message: 'qa.calibration_form_version' }).int({ message: 'qa.calibration_form_version' }).min(1, { message: 'qa.calibration_form_version' }).optional(),
  inspectorIds: z
    .array(z.string({ message: 'qa.calibration_invitee_id' }).min(1, { message: 'qa.calibration_invitee_id' }).max(100, { message: 'qa.calibration_invitee_id' }), {
      message: 'qa.calibration_invitees',
    })
    .min(2, { message: 'qa.calibration_invitees_few' })
    .max(20, { message: 'qa.calibration_invitees_many' }),
  note: z.string({ message: 'qa.note_text' }).trim().max(500, { message: 'qa.note_long' }).default(''),
});

/** An invitee's sheet: the answers and comments; the call and the sheet are the session's. */
export const sessionSheetSchema = evaluationSchema.pick({ answers: true, comments: true });

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/**
 * A QA lead opens a calibration session: a call, a sheet version, the invited inspectors (at least
 * 2, each QA or a floor lead, none who handled the call). The call then waits in each invitee's
 * queue marked 校准. Audited.
 */
export async function openSession(tx: Queryable, actor: Actor, body: z.infer<typeof sessionSchema>, now: number): Promise<QaCalibrationSession> {
  const [call] = await tx.query<{ agent_id: string | null; agents: string[] | null }>(
    `SELECT agent_id, ARRAY(SELECT jsonb_array_elements_text(record -> 'agents')) AS agents FROM call_records WHERE call_id = $1`,
    [body.callId],
  );
  if (!call) throw notFound('call', body.callId);
  if (!call.agent_id) throw new BadRequestError(words('qa.calibration_no_agent', { call: body.callId }));
  const form = await loadForm(tx, body.formId, body.formVersion);
  const ids = [...new Set(body.inspectorIds)];
  if (ids.length < 2) throw new BadRequestError(words('qa.calibration_two_distinct'));
  const people = await tx.query<{ id: string; name: string; role: Role }>('SELECT id, display_name AS name, role FROM users WHERE id = ANY($1::text[]) AND NOT disabled', [ids]);
  const handledBy = new Set([call.agent_id, ...(call.agents ?? [])]);
  for (const id of ids) {
    const person = people.find((p) => p.id === id);
    if (!person) throw notFound('inspector', id);
    if (!calibrators.has(person.role)) throw new BadRequestError(words('qa.calibration_not_calibrator', { name: person.name }));
    if (handledBy.has(id)) throw new BadRequestError(words('qa.calibration_handled', { name: person.name }));
  }
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO qa_calibration_sessions (call_id, form_id, form_version, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [body.callId, form.id, form.version, body.note, actor.userId, new Date(now).toISOString()],
  );
  const id = row!.id;
  await tx.query('INSERT INTO qa_calibration_invites (session_id, inspector_id) SELECT $1, unnest($2::text[])', [id, ids]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_calibration_open',
    subject: 'qa_calibration_sessions',
    rowCount: 1,
    detail: { sessionId: id, callId: body.callId, formId: form.id, formVersion: form.version, inspectorIds: ids },
  });
  return loadSession(tx, actor, id);
}

/**
 * An invitee scores the session's call on its sheet version (a calibration sheet: it counts nowhere
 * else); 403 for someone not invited, 409 for a second sheet.
 */
export async function scoreSession(tx: Queryable, actor: Actor, id: string, body: z.infer<typeof sessionSheetSchema>, ctx: QaContext): Promise<QaEvaluation> {
  // Locked: a sheet and the session's close do not cross.
  const session = await sessionRow(tx, id, true);
  if (session.closed_at)
    throw new BadRequestError(words('qa.calibration_closed_at', { at: centerWhen(session.closed_at.getTime(), ctx.timeZone) }), { code: 'calibration_closed' });
  const [invite] = await tx.query<{ evaluation_id: string | null }>('SELECT evaluation_id FROM qa_calibration_invites WHERE session_id = $1 AND inspector_id = $2 FOR UPDATE', [
    id,
    actor.userId,
  ]);
  if (!invite) throw new ForbiddenError(words('qa.calibration_not_invited'));
  if (invite.evaluation_id) throw new ConflictError(words('qa.calibration_scored_already'));
  const sheet = await scoreCall(
    tx,
    actor,
    { callId: session.call_id, formId: session.form_id, formVersion: session.form_version, answers: body.answers, comments: body.comments, purpose: 'calibration' },
    ctx,
  );
  await tx.query('UPDATE qa_calibration_invites SET evaluation_id = $3 WHERE session_id = $1 AND inspector_id = $2', [id, actor.userId, sheet.id]);
  return sheet;
}

/**
 * The creator or a floor lead closes a session: it takes no more sheets, its spread and kappa are
 * final, and the invitations nobody scored leave the queues. 403 for anyone else, 409 once closed.
 * Audited with the final kappa and who never scored.
 */
export async function closeSession(tx: Queryable, actor: Actor, id: string, now: number): Promise<QaCalibrationSession> {
  const session = await sessionRow(tx, id, true);
  if (session.closed_at) throw new ConflictError(words('qa.calibration_closed'));
  if (session.created_by !== actor.userId && !leads.has(actor.role)) throw new ForbiddenError(words('qa.calibration_close_forbidden'));
  await tx.query('UPDATE qa_calibration_sessions SET closed_at = $2, closed_by = $3 WHERE id = $1', [id, new Date(now).toISOString(), actor.userId]);
  const closed = await loadSession(tx, actor, id);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_calibration_close',
    subject: 'qa_calibration_sessions',
    rowCount: 1,
    detail: {
      sessionId: id,
      callId: session.call_id,
      kappa: closed.result?.kappa ?? null,
      scored: closed.invitees.filter((i) => i.scored).map((i) => i.id),
      unscored: closed.invitees.filter((i) => !i.scored).map((i) => i.id),
    },
  });
  return closed;
}

interface SessionRow {
  id: string;
  call_id: string;
  form_id: string;
  form_version: number;
  note: string;
  created_by: string;
  creator: string;
  created_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  closer: string | null;
  definition: FormVersion;
  call_started_at: Date | null;
  agent_name: string | null;
}

const selectSessions = `
  SELECT s.id, s.call_id, s.form_id, s.form_version, s.note, s.created_by, c.display_name AS creator, s.created_at,
         s.closed_at, s.closed_by, k.display_name AS closer, v.definition, r.started_at AS call_started_at, a.display_name AS agent_name
  FROM qa_calibration_sessions s
  JOIN users c ON c.id = s.created_by
  LEFT JOIN users k ON k.id = s.closed_by
  JOIN qa_form_versions v ON v.form_id = s.form_id AND v.version = s.form_version
  LEFT JOIN call_records r ON r.call_id = s.call_id
  LEFT JOIN users a ON a.id = r.agent_id`;

async function sessionRow(db: Queryable, id: string, lock = false): Promise<SessionRow> {
  if (!isUuid(id)) throw notFound('calibration', id);
  const [row] = await db.query<SessionRow>(`${selectSessions} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
  if (!row) throw notFound('calibration', id);
  return row;
}

interface InviteRow {
  session_id: string;
  inspector_id: string;
  name: string;
  evaluation_id: string | null;
  score: number | null;
  items: ItemResult[] | null;
}

async function invitesOf(db: Queryable, sessionIds: string[]): Promise<InviteRow[]> {
  return db.query<InviteRow>(
    `SELECT i.session_id, i.inspector_id, u.display_name AS name, i.evaluation_id, e.score, e.items
     FROM qa_calibration_invites i JOIN users u ON u.id = i.inspector_id LEFT JOIN qa_evaluations e ON e.id = i.evaluation_id
     WHERE i.session_id = ANY($1::uuid[]) ORDER BY e.scored_at NULLS LAST, u.display_name`,
    [sessionIds],
  );
}

/** The result of sheets of one call on one sheet version: each inspector's score, the spread per item, Fleiss' kappa. */
function result(
  callId: string,
  formId: string,
  formVersion: number,
  definition: FormVersion,
  sheets: { id: string; name: string; score: number; items: ItemResult[] }[],
): QaCalibration {
  const { kappa, items } = calibrate(sheets.map((s) => s.items));
  const text = new Map(definition.sections.flatMap((s) => s.items).map((i) => [i.key, i.text]));
  return {
    callId,
    formId,
    formVersion,
    inspectors: sheets.map((s) => ({ id: s.id, name: s.name, score: s.score })),
    kappa,
    items: items.map((i) => ({ ...i, text: text.get(i.key) ?? i.key })),
  };
}

function toSession(actor: Actor, s: SessionRow, invites: InviteRow[]): QaCalibrationSession {
  const own = invites.filter((i) => i.session_id === s.id);
  // A closed session takes no more sheets: whoever did not score may now see the others'.
  const blind = !s.closed_at && own.some((i) => i.inspector_id === actor.userId && i.evaluation_id === null);
  const sheets = own.filter((i) => i.evaluation_id !== null).map((i) => ({ id: i.inspector_id, name: i.name, score: i.score!, items: i.items! }));
  return {
    id: s.id,
    callId: s.call_id,
    formId: s.form_id,
    formName: s.definition.name,
    formVersion: s.form_version,
    note: s.note,
    createdBy: { id: s.created_by, name: s.creator },
    createdAt: s.created_at.toISOString(),
    closed: s.closed_at ? { at: s.closed_at.toISOString(), by: { id: s.closed_by!, name: s.closer ?? '' } } : null,
    mayClose: !s.closed_at && (s.created_by === actor.userId || leads.has(actor.role)),
    callStartedAt: s.call_started_at?.toISOString() ?? null,
    agentName: s.agent_name,
    invitees: own.map((i) => ({ id: i.inspector_id, name: i.name, scored: i.evaluation_id !== null })),
    blind,
    result: blind || sheets.length === 0 ? null : result(s.call_id, s.form_id, s.form_version, s.definition, sheets),
  };
}

export async function loadSession(db: Queryable, actor: Actor, id: string): Promise<QaCalibrationSession> {
  const row = await sessionRow(db, id);
  return toSession(actor, row, await invitesOf(db, [row.id]));
}

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'qa.calibration_month' });
export const sessionListSchema = z.object({ month: monthSchema.optional() });

/** The local month as instants. */
function monthSpan(month: string, timeZone: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [fromLocal(y, m, 1, 0, 0, timeZone), fromLocal(y, m + 1, 1, 0, 0, timeZone)];
}

/** The sessions opened in a local month (the latest 200 when none is named), newest first. */
export async function listSessions(db: Queryable, actor: Actor, month: string | undefined, timeZone: string): Promise<QaCalibrationSession[]> {
  const params: unknown[] = [];
  let where = 'true';
  if (month) {
    const [from, to] = monthSpan(month, timeZone);
    where = `s.created_at >= $${params.push(new Date(from).toISOString())} AND s.created_at < $${params.push(new Date(to).toISOString())}`;
  }
  const rows = await db.query<SessionRow>(`${selectSessions} WHERE ${where} ORDER BY s.created_at DESC, s.id LIMIT 200`, params);
  const invites = await invitesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSession(actor, r, invites));
}

/**
 * Agreement per item over the sessions opened in a local month: each session is a subject, its
 * inspectors' answers to the item the ratings (full, part, none, N/A), so an item the inspectors
 * read differently shows a low kappa across calls, not only on one.
 */
export async function calibrationMonth(db: Queryable, month: string, timeZone: string): Promise<QaCalibrationMonth> {
  const [from, to] = monthSpan(month, timeZone);
  const rows = await db.query<{ session_id: string; form_id: string; definition: FormVersion; items: ItemResult[] }>(
    `SELECT s.id AS session_id, s.form_id, v.definition, e.items
     FROM qa_calibration_sessions s JOIN qa_form_versions v ON v.form_id = s.form_id AND v.version = s.form_version
     JOIN qa_calibration_invites i ON i.session_id = s.id JOIN qa_evaluations e ON e.id = i.evaluation_id
     WHERE s.created_at >= $1 AND s.created_at < $2 ORDER BY s.created_at, s.id`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  // Per form and item: per session the answers (as categories) and the points given.
  const items = new Map<
    string,
    { formId: string; formName: string; key: string; text: string; points: number; sessions: Map<string, { categories: string[]; points: number[] }> }
  >();
  for (const r of rows) {
    for (const defined of r.definition.sections.flatMap((s) => s.items)) {
      const answer = r.items.find((i) => i.key === defined.key);
      if (!answer) continue;
      const id = `${r.form_id}/${defined.key}`;
      // The newest version's wording and points name the item.
      const item = items.get(id) ?? { formId: r.form_id, formName: r.definition.name, key: defined.key, text: defined.text, points: defined.points, sessions: new Map() };
      Object.assign(item, { formName: r.definition.name, text: defined.text, points: defined.points });
      const session = item.sessions.get(r.session_id) ?? { categories: [], points: [] };
      session.categories.push(answerCategory(answer));
      if (!answer.na) session.points.push(answer.earned);
      item.sessions.set(r.session_id, session);
      items.set(id, item);
    }
  }
  return {
    month,
    sessions: new Set(rows.map((r) => r.session_id)).size,
    items: [...items.values()]
      .map(({ sessions, ...item }) => {
        const rated = [...sessions.values()].filter((s) => s.categories.length >= 2);
        const gaps = rated.map((s) => (s.points.length ? Math.max(...s.points) - Math.min(...s.points) : 0));
        return {
          ...item,
          sessions: rated.length,
          kappa: fleissKappa(rated.map((s) => s.categories)),
          meanGap: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0,
          disagreements: rated.filter((s) => new Set(s.categories).size > 1).length,
        };
      })
      .filter((i) => i.sessions > 0)
      // The least agreed first: those are the items to discuss.
      .sort((a, b) => (a.kappa ?? 1) - (b.kappa ?? 1) || b.disagreements - a.disagreements || a.key.localeCompare(b.key)),
  };
}

/** Calls of the open sessions the caller is invited to and has not scored yet: their calibration sheets stay hidden. */
async function blindCalls(db: Queryable, userId: string): Promise<Set<string>> {
  const rows = await db.query<{ call_id: string }>(
    `SELECT DISTINCT s.call_id FROM qa_calibration_invites i JOIN qa_calibration_sessions s ON s.id = i.session_id
     WHERE i.inspector_id = $1 AND i.evaluation_id IS NULL AND s.closed_at IS NULL`,
    [userId],
  );
  return new Set(rows.map((r) => r.call_id));
}

const notYet = () => new ForbiddenError(words('qa.calibration_blind'));

/** The calibration sheets an invitee may not see yet are left out (`GET /qa/evaluations?purpose=calibration`). */
export async function withoutBlindSheets(db: Queryable, actor: Actor, list: QaEvaluation[]): Promise<QaEvaluation[]> {
  if (!list.some((e) => e.purpose === 'calibration')) return list;
  const blind = await blindCalls(db, actor.userId);
  return list.filter((e) => e.purpose !== 'calibration' || !blind.has(e.callId));
}

/** 403 for an invitee's look at another's calibration sheet before the own is in. */
export async function checkNotBlind(db: Queryable, actor: Actor, evaluation: QaEvaluation): Promise<QaEvaluation> {
  if (evaluation.purpose === 'calibration' && evaluation.inspectorId !== actor.userId && (await blindCalls(db, actor.userId)).has(evaluation.callId)) throw notYet();
  return evaluation;
}

/**
 * Every calibration sheet of a call (sessions or not) on the newest sheet version scored: each
 * inspector's score, the spread per item and Fleiss' kappa. Hidden from an invitee who has not
 * scored the call yet.
 */
export async function calibration(db: Queryable, actor: Actor, callId: string): Promise<QaCalibration> {
  if ((await blindCalls(db, actor.userId)).has(callId)) throw notYet();
  const rows = await db.query<{ form_id: string; form_version: number; inspector_id: string; name: string; score: number; items: ItemResult[]; definition: FormVersion }>(
    `SELECT e.form_id, e.form_version, e.inspector_id, u.display_name AS name, e.score, e.items, v.definition
     FROM qa_evaluations e JOIN users u ON u.id = e.inspector_id JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
     WHERE e.call_id = $1 AND e.purpose = 'calibration' ORDER BY e.form_id, e.form_version DESC, e.scored_at`,
    [callId],
  );
  const first = rows[0];
  if (!first) throw new NotFoundError(words('qa.no_calibration_scores', { id: callId }));
  const sheets = rows.filter((r) => r.form_id === first.form_id && r.form_version === first.form_version);
  return result(
    callId,
    first.form_id,
    first.form_version,
    first.definition,
    sheets.map((s) => ({ id: s.inspector_id, name: s.name, score: s.score, items: s.items })),
  );
}

/**
 * The calibration calls in an inspector's queue (or everyone's, for `null`), marked with their
 * session: open invitations, or all of them when `open` is false. An invitation nobody scored
 * before its session closed is no work any more: it is in neither.
 */
export async function calibrationQueue(db: Queryable, actor: Actor, inspectorId: string | null, open: boolean): Promise<QaQueueItem[]> {
  const params: unknown[] = [];
  const where = [open ? 'i.evaluation_id IS NULL AND s.closed_at IS NULL' : '(i.evaluation_id IS NOT NULL OR s.closed_at IS NULL)'];
  if (inspectorId) where.push(`i.inspector_id = $${params.push(inspectorId)}`);
  const rows = await db.query<QueueCallRow & { session_id: string; created_at: Date }>(
    `SELECT s.id AS session_id, s.call_id, c.agent_id, u.display_name AS agent_name, a.employee_no, i.inspector_id, s.created_at, c.started_at,
            (c.record->>'talkMs')::float8 AS talk_ms, c.queue_id, c.from_number, i.evaluation_id
     FROM qa_calibration_invites i JOIN qa_calibration_sessions s ON s.id = i.session_id JOIN call_records c ON c.call_id = s.call_id
     JOIN users u ON u.id = c.agent_id LEFT JOIN agents a ON a.user_id = c.agent_id
     WHERE ${where.join(' AND ')} ORDER BY i.evaluation_id IS NOT NULL, s.created_at, s.id LIMIT 500`,
    params,
  );
  return rows.map((r) => ({ ...queueItem(actor, r, [], r.created_at), calibrationSessionId: r.session_id }));
}
