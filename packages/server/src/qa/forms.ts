import type { QaForm, QaSettings } from '@banzu/contract';
import { defaultPenaltyLadder, defaultSamplingPlan, formItems, formProblems, samplingSchedules, type FormVersion, type QaProblem } from '@banzu/core';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { BadRequestError, NotFoundError } from '../http/errors';
import { words, type MessageKey } from '../http/messages';
import type { Queryable } from '../store/index';

/** What a QA request can name that may not exist. */
type QaThing = 'form' | 'call' | 'evaluation' | 'calibration' | 'inspector' | 'library_entry';

/**
 * A 404 naming what is missing in the user's language.
 *
 * @example
 * throw notFound('form', formId); // 找不到评分表 … / scoring sheet … not found
 */
export const notFound = (thing: QaThing, id: string) => new NotFoundError(words('qa.not_found', { thing: words(`qa.thing.${thing}`), id }));

/** Text the user must fill in, up to `max` characters: `<key>_required` when blank, `<key>_long` (with `{maximum}`) when too long. */
const text = (key: string, max: number) => {
  const required = `${key}_required` as MessageKey;
  return z
    .string({ message: required })
    .trim()
    .min(1, { message: required })
    .max(max, { message: `${key}_long` as MessageKey });
};

export const itemSchema = z.object({
  key: text('qa.item_key', 50),
  text: text('qa.item_text', 500),
  points: z.number({ message: 'qa.item_points' }).positive({ message: 'qa.item_points' }).max(1000, { message: 'qa.item_points' }),
  type: z.enum(['yes_no', 'scale', 'points'], { message: 'qa.item_type' }).default('points'),
  allowNA: z.boolean({ message: 'qa.item_na' }).default(false),
  fatal: z.boolean({ message: 'qa.item_fatal' }).default(false),
});

export const formSchema = z.object({
  name: text('qa.form_name', 100),
  fatalScope: z.enum(['evaluation', 'section'], { message: 'qa.form_fatal_scope' }).default('evaluation'),
  sections: z
    .array(
      z.object({
        name: text('qa.section_name', 100),
        items: z.array(itemSchema, { message: 'qa.section_items' }).min(1, { message: 'qa.section_items_few' }).max(100, { message: 'qa.section_items_many' }),
      }),
      { message: 'qa.form_sections' },
    )
    .min(1, { message: 'qa.form_sections_few' })
    .max(30, { message: 'qa.form_sections_many' }),
});

/**
 * A 400 for core's problems with a sheet or an answer sheet: the first said in the user's language
 * (core words it in Chinese only), all of them in the details. `answered` are the keys answered, for
 * how many items are left unscored.
 *
 * @example
 * refuseProblems(form, answerProblems(form, answers), answers.map((a) => a.key)); // 评分项 privacy 还未评 / item privacy is not scored yet
 */
export function refuseProblems(form: FormVersion, problems: QaProblem[], answered: readonly string[] = []): void {
  const [first] = problems;
  if (!first) return;
  const item = formItems(form).find((i) => i.key === first.key);
  const key = first.key ?? '';
  const said = (() => {
    switch (first.code) {
      case 'bad_points':
        return words(item?.type === 'scale' && item.points > 0 ? 'qa.problem.bad_points_scale' : 'qa.problem.bad_points', { key });
      case 'earned_not_allowed':
        return words(item?.type === 'scale' ? 'qa.problem.earned_scale' : 'qa.problem.earned_yes_no', { key, points: item?.points ?? 0 });
      case 'earned_out_of_range':
        return words('qa.problem.earned_out_of_range', { key, points: item?.points ?? 0 });
      case 'unanswered': {
        const more = formItems(form).filter((i) => !answered.includes(i.key)).length - 1;
        return more > 0 ? words('qa.problem.unanswered_more', { key, more }) : words('qa.problem.unanswered', { key });
      }
      case 'no_name':
      case 'no_items':
      case 'duplicate_key':
      case 'unknown_item':
      case 'duplicate_answer':
      case 'na_not_allowed':
      case 'na_with_score':
      case 'all_na':
        return words(`qa.problem.${first.code}`, { key });
      default:
        // A problem core learnt since: its own words.
        return first.message;
    }
  })();
  throw new BadRequestError(said, problems);
}

/** A form's definition as the routes accept it, after core's checks: 400 naming each problem. */
export function checkedForm(body: z.infer<typeof formSchema>): FormVersion {
  const form: FormVersion = { name: body.name, fatalScope: body.fatalScope, sections: body.sections };
  refuseProblems(form, formProblems(form));
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
  if (!row) throw notFound('form', formId);
  const version = row.current_version + 1;
  await tx.query('INSERT INTO qa_form_versions (form_id, version, definition, created_by) VALUES ($1, $2, $3, $4)', [formId, version, JSON.stringify(form), userId]);
  await tx.query('UPDATE qa_forms SET current_version = $2, name = $3 WHERE id = $1', [formId, version, form.name]);
  return loadForm(tx, formId, version);
}

const uuid = z.uuid();

/** A form at a version (the newest when left out); 404 when there is none. */
export async function loadForm(db: Queryable, formId: string, version?: number): Promise<QaForm> {
  if (!uuid.safeParse(formId).success) throw notFound('form', formId);
  const [row] = await db.query<VersionRow>(
    `SELECT f.id, v.version, v.definition, f.archived, v.created_at FROM qa_forms f JOIN qa_form_versions v ON v.form_id = f.id AND v.version = coalesce($2, f.current_version) WHERE f.id = $1`,
    [formId, version ?? null],
  );
  if (!row) throw version ? new NotFoundError(words('qa.no_form_version', { id: formId, version })) : notFound('form', formId);
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
  if (form.archived) throw new BadRequestError(words('qa.form_archived', { name: form.name }), { code: 'form_archived', formId: form.id });
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

/** A whole number in a range, refused with one sentence naming the setting and its range (`key`'s): `每位座席抽检数应为 0 到 500 的整数`. */
const count = (key: MessageKey, min: number, max: number) => z.number({ message: key }).int({ message: key }).min(min, { message: key }).max(max, { message: key });

/** A number in a range, refused like `count`: `优等座席抽检倍数应为 0 到 1 之间的数`. */
const between = (key: MessageKey, min: number, max: number) => z.number({ message: key }).min(min, { message: key }).max(max, { message: key });

/** The steps, codes each once: the evaluation keeps the step it reached by its code. */
const ladderSteps = z
  .array(
    z.object({
      code: text('qa.settings.ladder_code', 50),
      zh: text('qa.settings.ladder_zh', 50),
      en: text('qa.settings.ladder_en', 50),
      slip: z.boolean({ message: 'qa.settings.ladder_slip' }),
    }),
    { message: 'qa.settings.ladder_steps' },
  )
  .min(1, { message: 'qa.settings.ladder_few' })
  .max(20, { message: 'qa.settings.ladder_many' })
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'qa.settings.ladder_code_twice', params: { code: s.code } });
      seen.add(s.code);
    });
  });

/** Seed 004's 优/中等/差; left out (by a client older than it), the defaults. */
const tiersSchema = z
  .object({
    enabled: z.boolean({ message: 'qa.settings.tiers_enabled' }),
    lookbackDays: count('qa.settings.tiers_lookback', 1, 366),
    minEvaluations: count('qa.settings.tiers_min_evaluations', 1, 100),
    goodFrom: between('qa.settings.tiers_good_from', 0, 100),
    poorBelow: between('qa.settings.tiers_poor_below', 0, 100),
    goodWeight: between('qa.settings.tiers_good_weight', 0, 1),
    poorWeight: between('qa.settings.tiers_poor_weight', 1, 10),
  })
  .refine((t) => t.poorBelow < t.goodFrom, { path: ['poorBelow'], message: 'qa.settings.tiers_reversed' })
  .default(defaultSamplingPlan.tiers);

const samplingPlan = z
  .object({
    perAgent: count('qa.settings.per_agent', 0, 500),
    period: z.enum(['day', 'week', 'month'], { message: 'qa.settings.period' }),
    longTalkSeconds: count('qa.settings.long_talk', 1, 86_400),
    shortTalkSeconds: count('qa.settings.short_talk', 0, 86_400),
    longHoldSeconds: count('qa.settings.long_hold', 1, 86_400),
    repeatHours: z.union([z.literal(24), z.literal(48)], { message: 'qa.settings.repeat_hours' }),
    complaintQueueIds: z
      .array(z.string({ message: 'qa.settings.complaint_queue_empty' }).min(1, { message: 'qa.settings.complaint_queue_empty' }), { message: 'qa.settings.complaint_queues' })
      .max(100, { message: 'qa.settings.complaint_queues_many' }),
    lowSatisfaction: count('qa.settings.low_satisfaction', 0, 5),
    newAgentWeight: between('qa.settings.new_agent_weight', 1, 10),
    tiers: tiersSchema,
    // Left out (by a client older than it), sampling is by hand.
    schedule: z.enum(samplingSchedules, { message: 'qa.settings.schedule' }).default('manual'),
  })
  .refine((p) => p.shortTalkSeconds < p.longTalkSeconds, { path: ['shortTalkSeconds'], message: 'qa.settings.short_not_below_long' });

const speechRule = z.object({
  id: text('qa.settings.speech_id', 50),
  kind: z.enum(['banned', 'required', 'keyword'], { message: 'qa.settings.speech_kind' }),
  phrases: z
    .array(text('qa.settings.speech_phrase', 100), { message: 'qa.settings.speech_phrases' })
    .min(1, { message: 'qa.settings.speech_phrases_few' })
    .max(100, { message: 'qa.settings.speech_phrases_many' }),
  speaker: z.enum(['agent', 'customer', 'any'], { message: 'qa.settings.speech_speaker' }),
  itemKey: text('qa.settings.speech_item', 50).optional(),
});

/**
 * What `PATCH /qa/settings` takes: each part whole, each refusal a sentence of the catalogue naming
 * the setting, in the user's language (the page shows it as the server says it).
 */
export const settingsSchema = z.object({
  requireAcknowledgement: z.boolean({ message: 'qa.settings.require_ack' }),
  acknowledgementDays: count('qa.settings.ack_days', 0, 30),
  ladder: z.object({
    steps: ladderSteps,
    windowDays: count('qa.settings.ladder_window', 1, 3660),
    countBy: z.enum(['same_item', 'any_fatal'], { message: 'qa.settings.ladder_count_by' }),
  }),
  sampling: samplingPlan,
  starMinimum: z.object({ day: count('qa.settings.star_day', 1, 100), month: count('qa.settings.star_month', 1, 1000) }),
  speechRules: z
    .array(speechRule, { message: 'qa.settings.speech_rules' })
    .max(200, { message: 'qa.settings.speech_rules_many' })
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'qa.settings.speech_id_twice', params: { id: r.id } });
        seen.add(r.id);
      });
    }),
  dailyTarget: count('qa.settings.daily_target', 0, 1000),
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
    if (missing) throw new BadRequestError(words('qa.settings.no_complaint_queue', { queue: missing }), { field: 'sampling.complaintQueueIds', queueId: missing });
  }
  const linked = (patch.speechRules ?? []).flatMap((r, i) => (r.itemKey ? [{ i, itemKey: r.itemKey }] : []));
  if (linked.length > 0) {
    // A rule answers the item by its key on whichever sheet is scored: the key must be on one in use.
    const keys = new Set((await listForms(tx)).flatMap((f) => f.sections.flatMap((s) => s.items.map((it) => it.key))));
    const stray = linked.find((l) => !keys.has(l.itemKey));
    if (stray) {
      throw new BadRequestError(words('qa.settings.speech_item_unknown', { rule: stray.i + 1, item: stray.itemKey }), {
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
