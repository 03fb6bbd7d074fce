import type { QaForm, QaSettings } from '@banzu/contract';
import { defaultPenaltyLadder, defaultSamplingPlan, formProblems, samplingSchedules, type FormVersion } from '@banzu/core';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { ApiError, BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

/** A 404 naming what is missing, `找不到评分表 …`: the catalogue's not_found with the name as its thing (a plain string would be read as the bare catalogue entry). */
export const notFound = (what: string) => new ApiError(404, 'not_found', words('not_found', { thing: what }));

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
  archived: boolean;
  created_at: Date;
}

const toForm = (r: VersionRow): QaForm => ({
  id: r.id,
  name: r.definition.name,
  version: r.version,
  fatalScope: r.definition.fatalScope,
  sections: r.definition.sections,
  points: r.definition.sections.flatMap((s) => s.items).reduce((sum, i) => sum + i.points, 0),
  archived: r.archived,
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
    `SELECT f.id, v.version, v.definition, f.archived, v.created_at FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = coalesce($2, f.current_version) WHERE f.id = $1`,
    [formId, version ?? null],
  );
  if (!row) throw notFound(version ? `评分表 ${formId} 第 ${version} 版` : `评分表 ${formId}`);
  return toForm(row);
}

/** The forms in use (or the archived ones), each at its newest version. */
export async function listForms(db: Queryable, archived = false): Promise<QaForm[]> {
  const rows = await db.query<VersionRow>(
    `SELECT f.id, v.version, v.definition, f.archived, v.created_at FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = f.current_version
     WHERE f.archived = $1 ORDER BY f.created_at`,
    [archived],
  );
  return rows.map(toForm);
}

/**
 * Archives a form (停用) or brings it back: an archived form takes no new evaluations, while the
 * evaluations scored on it keep it, their disputes included. Audited.
 */
export async function setFormArchived(tx: Queryable, userId: string, formId: string, archived: boolean): Promise<QaForm> {
  const form = await loadForm(tx, formId);
  await tx.query('UPDATE qa_forms SET archived = $2 WHERE id = $1', [formId, archived]);
  await writeAudit(tx, { userId, action: archived ? 'qa_form_archive' : 'qa_form_restore', subject: 'qa_forms', rowCount: 1, detail: { formId, name: form.name } });
  return { ...form, archived };
}

/** A form new evaluations may use: 400 when it is archived. */
export function usableForm(form: QaForm): QaForm {
  if (form.archived) throw new BadRequestError(`评分表“${form.name}”已停用，不能用于新的评分`, { code: 'form_archived', formId: form.id });
  return form;
}

/** Every version of a form, newest first. */
export async function formVersions(db: Queryable, formId: string): Promise<QaForm[]> {
  await loadForm(db, formId);
  const rows = await db.query<VersionRow>(
    'SELECT v.form_id AS id, v.version, v.definition, f.archived, v.created_at FROM qa_form_versions v JOIN qa_forms f ON f.id = v.form_id WHERE v.form_id = $1 ORDER BY v.version DESC',
    [formId],
  );
  return rows.map(toForm);
}

export const defaultQaSettings: QaSettings = {
  requireAcknowledgement: true,
  acknowledgementDays: 3,
  ladder: defaultPenaltyLadder,
  sampling: defaultSamplingPlan,
  starMinimum: { day: 3, month: 10 },
  speechRules: [],
  dailyTarget: 60,
};

/** A whole number in a range, refused in Chinese naming the setting: `每位座席抽检数应为 0 到 500 的整数`. */
const count = (field: string, min: number, max: number) => {
  const said = `${field}应为 ${min} 到 ${max} 的整数`;
  return z.number({ message: said }).int({ message: said }).min(min, { message: said }).max(max, { message: said });
};
const text = (field: string, max: number) =>
  z
    .string({ message: `请填写${field}` })
    .trim()
    .min(1, { message: `请填写${field}` })
    .max(max, { message: `${field}最多 ${max} 字` });

/** The steps, codes each once: the evaluation keeps the step it reached by its code. */
const ladderSteps = z
  .array(z.object({ code: text('阶梯代码', 50), zh: text('阶梯的中文名称', 50), en: text('阶梯的英文名称', 50), slip: z.boolean({ message: '“签质检提醒单”应为是或否' }) }), {
    message: '处理阶梯应为一组步骤',
  })
  .min(1, { message: '处理阶梯至少要有 1 级' })
  .max(20, { message: '处理阶梯最多 20 级' })
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `阶梯代码“${s.code}”重复了` });
      seen.add(s.code);
    });
  });

/** A number in a range, refused in Chinese naming the setting: `优等座席抽检倍数应为 0 到 1 之间的数`. */
const between = (field: string, min: number, max: number) => {
  const said = `${field}应为 ${min} 到 ${max} 之间的数`;
  return z.number({ message: said }).min(min, { message: said }).max(max, { message: said });
};

/** Seed 004's 优/中等/差; left out (by a client older than it), the defaults. */
const tiersSchema = z
  .object({
    enabled: z.boolean({ message: '“按优、中、差分级抽检”应为是或否' }),
    lookbackDays: count('分级参考的天数', 1, 366),
    minEvaluations: count('分级所需的最少评分数', 1, 100),
    goodFrom: between('“优”的分数线', 0, 100),
    poorBelow: between('“差”的分数线', 0, 100),
    goodWeight: between('优等座席抽检倍数', 0, 1),
    poorWeight: between('差等座席抽检倍数', 1, 10),
  })
  .refine((t) => t.poorBelow < t.goodFrom, { path: ['poorBelow'], message: '“差”的分数线应低于“优”的分数线' })
  .default(defaultSamplingPlan.tiers);

const samplingPlan = z
  .object({
    perAgent: count('每位座席抽检数', 0, 500),
    period: z.enum(['day', 'week', 'month'], { message: '抽检周期应为每天、每周或每月（day、week、month）' }),
    longTalkSeconds: count('长通话阈值（秒）', 1, 86_400),
    shortTalkSeconds: count('短通话阈值（秒）', 0, 86_400),
    longHoldSeconds: count('长保持阈值（秒）', 1, 86_400),
    repeatHours: z.union([z.literal(24), z.literal(48)], { message: '重复来电时间窗应为 24 或 48 小时' }),
    complaintQueueIds: z.array(z.string().min(1, { message: '投诉队列不能为空' }), { message: '投诉队列应为队列列表' }).max(100, { message: '投诉队列最多 100 个' }),
    lowSatisfaction: count('低满意度阈值', 0, 5),
    newAgentWeight: z
      .number({ message: '新员工抽检倍数应为 1 到 10 之间的数' })
      .min(1, { message: '新员工抽检倍数应为 1 到 10 之间的数' })
      .max(10, { message: '新员工抽检倍数应为 1 到 10 之间的数' }),
    tiers: tiersSchema,
    // Left out (by a client older than it), sampling is by hand.
    schedule: z.enum(samplingSchedules, { message: '自动抽检应为手动、每晚或每小时（manual、nightly、hourly）' }).default('manual'),
  })
  .refine((p) => p.shortTalkSeconds < p.longTalkSeconds, { path: ['shortTalkSeconds'], message: '短通话阈值应小于长通话阈值' });

const speechRule = z.object({
  id: text('语音规则编号', 50),
  kind: z.enum(['banned', 'required', 'keyword'], { message: '语音规则类型应为禁语、必说话术或关键词（banned、required、keyword）' }),
  phrases: z
    .array(text('语音规则的词语', 100), { message: '语音规则的词语应为一组词' })
    .min(1, { message: '每条语音规则至少要有 1 个词语' })
    .max(100, { message: '每条语音规则最多 100 个词语' }),
  speaker: z.enum(['agent', 'customer', 'any'], { message: '说话人应为座席、客户或任意一方（agent、customer、any）' }),
  itemKey: text('关联评分项', 50).optional(),
});

/**
 * What `PATCH /qa/settings` takes: each part whole, each refusal a Chinese sentence naming the
 * setting (the page shows it as the server says it).
 */
export const settingsSchema = z.object({
  requireAcknowledgement: z.boolean({ message: '“需要座席签字确认”应为是或否' }),
  acknowledgementDays: count('签字期限（工作日）', 0, 30),
  ladder: z.object({
    steps: ladderSteps,
    windowDays: count('处理阶梯的累计天数', 1, 3660),
    countBy: z.enum(['same_item', 'any_fatal'], { message: '升级方式应为同一致命项再犯或任一致命项（same_item、any_fatal）' }),
  }),
  sampling: samplingPlan,
  starMinimum: z.object({ day: count('每日质检明星的最少评分数', 1, 100), month: count('每月质检明星的最少评分数', 1, 1000) }),
  speechRules: z
    .array(speechRule, { message: '语音规则应为规则列表' })
    .max(200, { message: '语音规则最多 200 条' })
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `语音规则编号“${r.id}”重复了` });
        seen.add(r.id);
      });
    }),
  dailyTarget: count('每位质检员每日监听目标', 0, 1000),
});

/** The center's QA settings: what it saved over core's defaults. */
export async function loadQaSettings(db: Queryable): Promise<QaSettings> {
  const [row] = await db.query<{ settings: Partial<QaSettings> }>(`SELECT settings FROM qa_settings WHERE id = 'default'`);
  const saved = row?.settings ?? {};
  // A plan saved before a field of it existed takes that field's default.
  return { ...defaultQaSettings, ...saved, sampling: { ...defaultSamplingPlan, ...saved.sampling } };
}

/**
 * Saves the settings the patch names over the others, after checking what the schema cannot (the
 * complaint queues exist, a speech rule's item is on a sheet in use: 400 naming the one that is not);
 * audited with what changed.
 */
export async function saveQaSettings(tx: Queryable, userId: string, patch: Partial<QaSettings>): Promise<QaSettings> {
  const queueIds = patch.sampling?.complaintQueueIds ?? [];
  if (queueIds.length > 0) {
    const found = new Set((await tx.query<{ id: string }>('SELECT id FROM queues WHERE id = ANY($1::text[])', [queueIds])).map((q) => q.id));
    const missing = queueIds.find((id) => !found.has(id));
    if (missing) throw new BadRequestError(`投诉队列中没有这个队列：${missing}`, { field: 'sampling.complaintQueueIds', queueId: missing });
  }
  const linked = (patch.speechRules ?? []).flatMap((r, i) => (r.itemKey ? [{ i, itemKey: r.itemKey }] : []));
  if (linked.length > 0) {
    // A rule answers the item by its key on whichever sheet is scored: the key must be on one in use.
    const keys = new Set((await listForms(tx)).flatMap((f) => f.sections.flatMap((s) => s.items.map((it) => it.key))));
    const stray = linked.find((l) => !keys.has(l.itemKey));
    if (stray) {
      throw new BadRequestError(`语音规则 ${stray.i + 1} 的关联评分项“${stray.itemKey}”不在任何在用的评分表中`, {
        field: `speechRules.${stray.i}.itemKey`,
        itemKey: stray.itemKey,
      });
    }
  }
  const before = await loadQaSettings(tx);
  const settings = { ...before, ...patch };
  await tx.query(`INSERT INTO qa_settings (id, settings) VALUES ('default', $1) ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings`, [JSON.stringify(settings)]);
  const changed = (Object.keys(patch) as (keyof QaSettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(settings[k]));
  await writeAudit(tx, { userId, action: 'qa_settings', subject: 'qa_settings', rowCount: 1, detail: { changed, ...Object.fromEntries(changed.map((k) => [k, settings[k]])) } });
  return settings;
}
