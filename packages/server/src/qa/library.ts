import type { QaLibraryEntry } from '@banzu/contract';
import type { Actor } from '@banzu/core';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { ConflictError, ForbiddenError } from '../http/errors';
import type { Queryable } from '../store/index';
import { notFound } from './forms';
import { library } from './insights';

/** Who keeps the library in order: they may change or remove any entry; other librarians only their own. */
const keepers: ReadonlySet<string> = new Set(['qa', 'supervisor', 'manager', 'admin']);

export const libraryChangeSchema = z
  .object({
    kind: z.enum(['good', 'bad'], { message: '录音类别应为优秀录音或差录音（good、bad）' }).optional(),
    category: z.string({ message: '请填写分类' }).trim().min(1, { message: '请填写分类' }).max(50, { message: '分类最多 50 字' }).optional(),
    note: z.string({ message: '说明应为文字' }).trim().max(2000, { message: '说明最多 2000 字' }).optional(),
  })
  .refine((c) => c.kind !== undefined || c.category !== undefined || c.note !== undefined, { message: '请说明要修改的类别、分类或说明' });

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
  if (!uuid.safeParse(id).success) throw notFound(`录音库条目 ${id}`);
  const [row] = await tx.query<EntryRow>('SELECT id, call_id, kind, category, created_by FROM qa_library WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound(`录音库条目 ${id}`);
  if (!keepers.has(actor.role) && row.created_by !== actor.userId) throw new ForbiddenError('只能修改自己加入录音库的录音');
  return row;
}

/** Re-categorises an entry (its kind, category or note); a call is once good and once bad at most (409). Audited with what it was. */
export async function changeLibraryEntry(tx: Queryable, actor: Actor, id: string, change: z.infer<typeof libraryChangeSchema>): Promise<QaLibraryEntry> {
  const row = await ownEntry(tx, actor, id);
  if (change.kind && change.kind !== row.kind) {
    const [twin] = await tx.query('SELECT 1 FROM qa_library WHERE call_id = $1 AND kind = $2', [row.call_id, change.kind]);
    if (twin) throw new ConflictError(change.kind === 'good' ? '这通电话已在优秀录音中' : '这通电话已在差录音中');
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
  return (await library(tx, { id }))[0]!;
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
