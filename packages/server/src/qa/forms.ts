import type { QaForm, QaSettings } from '@banzu/contract';
import { defaultPenaltyLadder, defaultSamplingPlan, formProblems, type FormVersion } from '@banzu/core';
import { z } from 'zod';
import { ApiError, BadRequestError } from '../http/errors';
import type { Queryable } from '../store/index';

/** A 404 in the users' language: `找不到评分表 …`. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `找不到${what}`);

export const itemSchema = z.object({
  key: z.string().trim().min(1).max(50),
  text: z.string().trim().min(1).max(500),
  points: z.number().positive().max(1000),
  type: z.enum(['yes_no', 'scale', 'points']).default('points'),
  allowNA: z.boolean().default(false),
  fatal: z.boolean().default(false),
});

export const formSchema = z.object({
  name: z.string().trim().min(1).max(100),
  fatalScope: z.enum(['evaluation', 'section']).default('evaluation'),
  sections: z
    .array(z.object({ name: z.string().trim().min(1).max(100), items: z.array(itemSchema).min(1).max(100) }))
    .min(1)
    .max(30),
});

/** A form's definition as the routes accept it, after core's checks: 400 naming each problem. */
export function checkedForm(body: z.infer<typeof formSchema>): FormVersion {
  const form: FormVersion = { name: body.name, fatalScope: body.fatalScope, sections: body.sections };
  const problems = formProblems(form);
  if (problems.length > 0) throw new BadRequestError(problems[0]!.message, problems);
  return form;
}

interface VersionRow {
  id: string;
  version: number;
  definition: FormVersion;
  created_at: Date;
}

const toForm = (r: VersionRow): QaForm => ({
  id: r.id,
  name: r.definition.name,
  version: r.version,
  fatalScope: r.definition.fatalScope,
  sections: r.definition.sections,
  points: r.definition.sections.flatMap((s) => s.items).reduce((sum, i) => sum + i.points, 0),
  createdAt: r.created_at.toISOString(),
});

/** Creates a form: its version 1, usable at once. */
export async function createForm(tx: Queryable, userId: string, form: FormVersion): Promise<QaForm> {
  const [row] = await tx.query<{ id: string }>('INSERT INTO qa_forms (name, created_by) VALUES ($1, $2) RETURNING id', [form.name, userId]);
  await tx.query('INSERT INTO qa_form_versions (form_id, version, definition, created_by) VALUES ($1, 1, $2, $3)', [row!.id, JSON.stringify(form), userId]);
  return loadForm(tx, row!.id);
}

/** Editing a form adds its next version: evaluations keep the version they were scored on. */
export async function reviseForm(tx: Queryable, userId: string, formId: string, form: FormVersion): Promise<QaForm> {
  const [row] = await tx.query<{ current_version: number }>('SELECT current_version FROM qa_forms WHERE id = $1 FOR UPDATE', [formId]);
  if (!row) throw notFound(`评分表 ${formId}`);
  const version = row.current_version + 1;
  await tx.query('INSERT INTO qa_form_versions (form_id, version, definition, created_by) VALUES ($1, $2, $3, $4)', [formId, version, JSON.stringify(form), userId]);
  await tx.query('UPDATE qa_forms SET current_version = $2, name = $3 WHERE id = $1', [formId, version, form.name]);
  return loadForm(tx, formId, version);
}

const uuid = z.uuid();

/** A form at a version (the newest when left out); 404 when there is none. */
export async function loadForm(db: Queryable, formId: string, version?: number): Promise<QaForm> {
  if (!uuid.safeParse(formId).success) throw notFound(`评分表 ${formId}`);
  const [row] = await db.query<VersionRow>(
    `SELECT f.id, v.version, v.definition, v.created_at FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = coalesce($2, f.current_version) WHERE f.id = $1`,
    [formId, version ?? null],
  );
  if (!row) throw notFound(version ? `评分表 ${formId} 第 ${version} 版` : `评分表 ${formId}`);
  return toForm(row);
}

/** The forms in use, each at its newest version. */
export async function listForms(db: Queryable): Promise<QaForm[]> {
  const rows = await db.query<VersionRow>(
    `SELECT f.id, v.version, v.definition, v.created_at FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = f.current_version
     WHERE NOT f.archived ORDER BY f.created_at`,
  );
  return rows.map(toForm);
}

/** Every version of a form, newest first. */
export async function formVersions(db: Queryable, formId: string): Promise<QaForm[]> {
  await loadForm(db, formId);
  const rows = await db.query<VersionRow>('SELECT form_id AS id, version, definition, created_at FROM qa_form_versions WHERE form_id = $1 ORDER BY version DESC', [formId]);
  return rows.map(toForm);
}

export const defaultQaSettings: QaSettings = {
  requireAcknowledgement: true,
  acknowledgementDays: 3,
  ladder: defaultPenaltyLadder,
  sampling: defaultSamplingPlan,
  starMinimum: { day: 3, month: 10 },
  speechRules: [],
};

export const settingsSchema = z.object({
  requireAcknowledgement: z.boolean(),
  acknowledgementDays: z.number().int().min(0).max(30),
  ladder: z.object({
    steps: z
      .array(z.object({ code: z.string().min(1).max(50), zh: z.string().min(1).max(50), en: z.string().min(1).max(50), slip: z.boolean() }))
      .min(1)
      .max(20),
    windowDays: z.number().int().min(1).max(3660),
    countBy: z.enum(['same_item', 'any_fatal']),
  }),
  sampling: z.object({
    perAgent: z.number().int().min(0).max(500),
    period: z.enum(['day', 'week', 'month']),
    longTalkSeconds: z.number().int().min(1),
    shortTalkSeconds: z.number().int().min(0),
    longHoldSeconds: z.number().int().min(1),
    repeatHours: z.union([z.literal(24), z.literal(48)]),
    complaintQueueIds: z.array(z.string().min(1)).max(100),
    lowSatisfaction: z.number().int().min(0).max(5),
    newAgentWeight: z.number().min(1).max(10),
  }),
  starMinimum: z.object({ day: z.number().int().min(1).max(100), month: z.number().int().min(1).max(1000) }),
  speechRules: z
    .array(
      z.object({
        id: z.string().min(1).max(50),
        kind: z.enum(['banned', 'required', 'keyword']),
        phrases: z.array(z.string().trim().min(1).max(100)).min(1).max(100),
        speaker: z.enum(['agent', 'customer', 'any']),
        itemKey: z.string().min(1).max(50).optional(),
      }),
    )
    .max(200),
});

/** The center's QA settings: what it saved over core's defaults. */
export async function loadQaSettings(db: Queryable): Promise<QaSettings> {
  const [row] = await db.query<{ settings: Partial<QaSettings> }>(`SELECT settings FROM qa_settings WHERE id = 'default'`);
  return { ...defaultQaSettings, ...(row?.settings ?? {}) };
}

export async function saveQaSettings(db: Queryable, patch: Partial<QaSettings>): Promise<QaSettings> {
  const settings = { ...(await loadQaSettings(db)), ...patch };
  await db.query(`INSERT INTO qa_settings (id, settings) VALUES ('default', $1) ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings`, [JSON.stringify(settings)]);
  return settings;
}
