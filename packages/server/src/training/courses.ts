import type { Actor } from '@banzu/core';
import type { LinkedLibraryCall, TrainingCourse, TrainingMaterial } from '@banzu/contract';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { BadRequestError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';

const materialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000) }),
  z.object({ kind: z.literal('link'), title: z.string().trim().min(1).max(200), body: z.url({ protocol: /^https?$/ }).max(2000) }),
  z.object({ kind: z.literal('library'), title: z.string().trim().min(1).max(200), libraryId: z.uuid() }),
]);

export const courseSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  materials: z.array(materialSchema).max(100).default([]),
});
export type CourseInput = z.infer<typeof courseSchema>;

interface CourseRow {
  id: string;
  title: string;
  description: string;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

interface MaterialRow {
  id: string;
  course_id: string;
  kind: TrainingMaterial['kind'];
  title: string;
  body: string;
  library_id: string | null;
  call_id: string | null;
  library_kind: 'good' | 'bad' | null;
  category: string | null;
  note: string | null;
  agent_name: string | null;
}

/** Courses with their materials; a library material shows the call as the library has it now. */
export async function listCourses(db: Queryable, id?: string): Promise<TrainingCourse[]> {
  const courses = await db.query<CourseRow>(
    `SELECT c.id, c.title, c.description, cu.display_name AS created_by, c.created_at, uu.display_name AS updated_by, c.updated_at
     FROM training_courses c JOIN users cu ON cu.id = c.created_by JOIN users uu ON uu.id = c.updated_by
     WHERE $1::uuid IS NULL OR c.id = $1::uuid ORDER BY c.updated_at DESC, c.id`,
    [id ?? null],
  );
  if (courses.length === 0) return [];
  const materials = await db.query<MaterialRow>(
    `SELECT m.id, m.course_id, m.kind, m.title, m.body, l.id AS library_id, l.call_id, l.kind AS library_kind, l.category, l.note, u.display_name AS agent_name
     FROM training_materials m LEFT JOIN qa_library l ON l.id = m.library_id
       LEFT JOIN call_records r ON r.call_id = l.call_id LEFT JOIN users u ON u.id = r.agent_id
     WHERE m.course_id = ANY($1::uuid[]) ORDER BY m.course_id, m.position`,
    [courses.map((c) => c.id)],
  );
  return courses.map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    createdBy: c.created_by,
    createdAt: c.created_at.toISOString(),
    updatedBy: c.updated_by,
    updatedAt: c.updated_at.toISOString(),
    materials: materials
      .filter((m) => m.course_id === c.id)
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        title: m.title,
        body: m.body,
        library: m.library_id
          ? ({ id: m.library_id, callId: m.call_id!, kind: m.library_kind!, category: m.category!, note: m.note!, agentName: m.agent_name } satisfies LinkedLibraryCall)
          : null,
      })),
  }));
}

export async function loadCourse(db: Queryable, id: string): Promise<TrainingCourse> {
  const [course] = z.uuid().safeParse(id).success ? await listCourses(db, id) : [];
  if (!course) throw new NotFoundError(missing('course', id));
  return course;
}

async function writeMaterials(tx: Queryable, courseId: string, materials: CourseInput['materials']): Promise<void> {
  const libraryIds = materials.flatMap((m) => (m.kind === 'library' ? [m.libraryId] : []));
  if (libraryIds.length > 0) {
    const found = await tx.query<{ id: string }>('SELECT id FROM qa_library WHERE id = ANY($1::uuid[])', [libraryIds]);
    const unknown = libraryIds.filter((l) => !found.some((f) => f.id === l));
    if (unknown.length > 0) throw new BadRequestError(words('training.no_library_call', { ids: unknown.join('、') }), { field: 'materials' });
  }
  await tx.query('DELETE FROM training_materials WHERE course_id = $1', [courseId]);
  for (const [position, m] of materials.entries()) {
    await tx.query('INSERT INTO training_materials (course_id, position, kind, title, body, library_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      courseId,
      position,
      m.kind,
      m.title,
      m.kind === 'library' ? '' : m.body,
      m.kind === 'library' ? m.libraryId : null,
    ]);
  }
}

/** A trainer's new course; materials link to the QA library's calls rather than copy them. */
export async function createCourse(tx: Queryable, actor: Actor, input: CourseInput, now: number): Promise<TrainingCourse> {
  const at = new Date(now).toISOString();
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO training_courses (title, description, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $3, $4) RETURNING id',
    [input.title, input.description, actor.userId, at],
  );
  await writeMaterials(tx, row!.id, input.materials);
  await writeAudit(tx, { userId: actor.userId, action: 'create', subject: 'training_courses', rowCount: 1, detail: { id: row!.id, title: input.title } });
  return loadCourse(tx, row!.id);
}

/** Replaces a course's title, description and materials; the edit is audited with what it was before. */
export async function updateCourse(tx: Queryable, actor: Actor, id: string, input: CourseInput, now: number): Promise<TrainingCourse> {
  const before = await loadCourse(tx, id);
  await tx.query('UPDATE training_courses SET title = $2, description = $3, updated_by = $4, updated_at = $5 WHERE id = $1', [
    id,
    input.title,
    input.description,
    actor.userId,
    new Date(now).toISOString(),
  ]);
  await writeMaterials(tx, id, input.materials);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'update',
    subject: 'training_courses',
    rowCount: 1,
    detail: { id, before: { title: before.title, description: before.description, materials: before.materials.length } },
  });
  return loadCourse(tx, id);
}
