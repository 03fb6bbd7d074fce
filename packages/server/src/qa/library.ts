import type { QaLibraryEntry } from '@banzu/contract';
import type { Actor } from '@banzu/core';
import { z } from 'zod';
import { maySeeRecordedCall } from '../access/index';
import { writeAudit } from '../crm/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { notFound } from './forms';

/** Who keeps the library in order: they may change or remove any entry; other librarians only their own. */
const keepers: ReadonlySet<string> = new Set(['qa', 'supervisor', 'manager', 'admin']);

/** The one rule for changing or removing an entry: the page shows its buttons by it, the server refuses by it. */
const mayChange = (actor: Actor, createdBy: string) => keepers.has(actor.role) || createdBy === actor.userId;

export const libraryEntrySchema = z.object({
  callId: z.string().min(1).max(200),
  kind: z.enum(['good', 'bad']),
  category: z.string().trim().min(1).max(50),
  note: z.string().trim().max(2000).default(''),
  evaluationId: z.uuid().optional(),
});

/** 优秀录音 / 差录音: a call goes to the library trainers and leaders play in training (seed 004's two folders). */
export async function addToLibrary(tx: Queryable, actor: Actor, entry: z.infer<typeof libraryEntrySchema>, now: number): Promise<QaLibraryEntry> {
  const [call] = await tx.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE call_id = $1', [entry.callId]);
  if (!call) throw notFound('call', entry.callId);
  // A leader files the own team's calls only, as for scoring them.
  if (!(await maySeeRecordedCall(tx, actor, entry.callId))) throw new ForbiddenError(words('qa.library_not_your_team'));
  if (entry.evaluationId) {
    const [evaluation] = await tx.query<{ call_id: string }>('SELECT call_id FROM qa_evaluations WHERE id = $1', [entry.evaluationId]);
    if (!evaluation) throw new NotFoundError(words('qa.no_evaluation', { id: entry.evaluationId }));
    if (evaluation.call_id !== entry.callId) {
      throw new BadRequestError(words('qa.library_other_call', { id: entry.evaluationId, scored: evaluation.call_id, call: entry.callId }), { code: 'other_call' });
    }
  }
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO qa_library (call_id, kind, category, note, evaluation_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [entry.callId, entry.kind, entry.category, entry.note, entry.evaluationId ?? null, actor.userId, new Date(now).toISOString()],
  );
  await writeAudit(tx, { userId: actor.userId, action: 'qa_library_add', subject: 'qa_library', rowCount: 1, detail: { callId: entry.callId, kind: entry.kind } });
  return (await library(tx, actor, { id: row!.id }))[0]!;
}

/** The library newest first, each entry saying whether the actor may change or remove it. */
export async function library(db: Queryable, actor: Actor, f: { id?: string; kind?: 'good' | 'bad'; category?: string }): Promise<QaLibraryEntry[]> {
  const params: unknown[] = [];
  const where = ['true'];
  if (f.id) where.push(`l.id = $${params.push(f.id)}`);
  if (f.kind) where.push(`l.kind = $${params.push(f.kind)}`);
  if (f.category) where.push(`l.category = $${params.push(f.category)}`);
  const rows = await db.query<Omit<QaLibraryEntry, 'createdAt' | 'mayEdit'> & { createdAt: Date; createdById: string }>(
    `SELECT l.id, l.call_id AS "callId", l.kind, l.category, l.note, l.evaluation_id AS "evaluationId", u.display_name AS "agentName",
            c.display_name AS "createdBy", l.created_by AS "createdById", l.created_at AS "createdAt"
     FROM qa_library l LEFT JOIN call_records r ON r.call_id = l.call_id LEFT JOIN users u ON u.id = r.agent_id JOIN users c ON c.id = l.created_by
     WHERE ${where.join(' AND ')} ORDER BY l.created_at DESC, l.id LIMIT 500`,
    params,
  );
  return rows.map(({ createdById, ...r }) => ({ ...r, createdAt: r.createdAt.toISOString(), mayEdit: mayChange(actor, createdById) }));
}

export const libraryChangeSchema = z
  .object({
    kind: z.enum(['good', 'bad'], { message: 'qa.library_kind' }).optional(),
    category: z.string({ message: 'qa.library_category' }).trim().min(1, { message: 'qa.library_category' }).max(50, { message: 'qa.library_category_long' }).optional(),
    note: z.string({ message: 'qa.note_text' }).trim().max(2000, { message: 'qa.note_long' }).optional(),
  })
  .refine((c) => c.kind !== undefined || c.category !== undefined || c.note !== undefined, { message: 'qa.library_nothing' });

interface EntryRow {
  id: string;
  call_id: string;
  kind: 'good' | 'bad';
  category: string;
  created_by: string;
}

const uuid = z.uuid();

/** The entry the actor may change: 404 when there is none, 403 when it is another librarian's and the actor keeps no library. */
async function ownEntry(tx: Queryable, actor: Actor, id: string): Promise<EntryRow> {
  if (!uuid.safeParse(id).success) throw notFound('library_entry', id);
  const [row] = await tx.query<EntryRow>('SELECT id, call_id, kind, category, created_by FROM qa_library WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound('library_entry', id);
  if (!mayChange(actor, row.created_by)) throw new ForbiddenError(words('qa.library_not_own'));
  return row;
}

/** Re-categorises an entry (its kind, category or note); a call is once good and once bad at most (409). Audited with what it was. */
export async function changeLibraryEntry(tx: Queryable, actor: Actor, id: string, change: z.infer<typeof libraryChangeSchema>): Promise<QaLibraryEntry> {
  const row = await ownEntry(tx, actor, id);
  if (change.kind && change.kind !== row.kind) {
    const [twin] = await tx.query('SELECT 1 FROM qa_library WHERE call_id = $1 AND kind = $2', [row.call_id, change.kind]);
    if (twin) throw new ConflictError(words(change.kind === 'good' ? 'qa.library_in_good' : 'qa.library_in_bad'));
  }
  await tx.query('UPDATE qa_library SET kind = coalesce($2, kind), category = coalesce($3, category), note = coalesce($4, note) WHERE id = $1', [
    id,
    change.kind ?? null,
    change.category ?? null,
    change.note ?? null,
  ]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_library_update',
    subject: 'qa_library',
    rowCount: 1,
    detail: { id, callId: row.call_id, before: { kind: row.kind, category: row.category }, ...change },
  });
  return (await library(tx, actor, { id }))[0]!;
}

/** Takes an entry out of the library (training materials that showed it lose the link). Audited with what it was. */
export async function removeLibraryEntry(tx: Queryable, actor: Actor, id: string): Promise<void> {
  const row = await ownEntry(tx, actor, id);
  await tx.query('DELETE FROM qa_library WHERE id = $1', [id]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'qa_library_remove',
    subject: 'qa_library',
    rowCount: 1,
    detail: { id, callId: row.call_id, kind: row.kind, category: row.category },
  });
}

/** The library's categories with how many calls each holds, for the filter and for re-categorising. */
export async function libraryCategories(db: Queryable): Promise<{ category: string; count: number }[]> {
  return db.query<{ category: string; count: number }>('SELECT category, count(*)::int AS count FROM qa_library GROUP BY category ORDER BY count(*) DESC, category');
}
