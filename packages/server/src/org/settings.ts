import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { centerSettings, defaultMetricParameters, orgAdminRoles, repeatCallTopics, systemNotReadyReasons, type CenterSettings, type MetricParameters } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'org.code_characters');
const seconds = z.number().int().min(1).max(86_400);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'org.office_time');

/** 后台办公时间: one to six windows of a working day, each starting before it ends, none overlapping another. */
const officeHours = z
  .array(z.strictObject({ start: clockTime, end: clockTime }))
  .min(1, 'org.office_hours_none')
  .max(6, 'org.office_hours_many')
  .superRefine((windows, ctx) => {
    const sorted = [...windows].sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((w, i) => {
      const before = sorted[i - 1];
      if (w.end <= w.start) ctx.addIssue({ code: 'custom', message: 'org.office_hours_reversed', params: { window: `${w.start}-${w.end}` } });
      else if (before && w.start < before.end) {
        ctx.addIssue({ code: 'custom', message: 'org.office_hours_overlap', params: { window: `${w.start}-${w.end}`, other: `${before.start}-${before.end}` } });
      }
    });
  });

/** A change of the settings: every key optional; the nested objects may name only some of their keys. */
const settingsChange = z.strictObject({
  serviceLevel: z
    .strictObject({ variant: z.enum(['offered', 'answered_abandoned', 'abandon_met']), excludeShortAbandons: z.boolean() })
    .partial()
    .optional(),
  shortAbandonSeconds: z.number().int().min(0).max(600).optional(),
  costPerAgentHour: z.number().positive().max(100_000).nullable().optional(),
  overheadRate: z.number().min(0).max(10).optional(),
  repeatCallWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  repeatCallTopic: z.enum(repeatCallTopics).optional(),
  dispositions: z
    .array(z.strictObject({ code, zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }))
    .min(1)
    .max(100)
    .refine((list) => new Set(list.map((d) => d.code)).size === list.length, 'org.code_twice')
    .optional(),
  notReadyReasons: z
    .array(z.strictObject({ code, zh: z.string().trim().min(1, 'org.reason_name_zh').max(40), en: z.string().trim().min(1, 'org.reason_name_en').max(60) }))
    .min(1)
    .max(50)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const r of list) {
        if (seen.has(r.code)) ctx.addIssue({ code: 'custom', message: 'org.reason_twice', params: { code: r.code } });
        seen.add(r.code);
      }
    })
    .optional(),
  alertThresholds: z.strictObject({ notReadySeconds: seconds, wrapUpSeconds: seconds, ringingSeconds: seconds, waitSeconds: seconds, callSeconds: seconds }).partial().optional(),
  qaMayWhisperAndBarge: z.boolean().optional(),
  dispositionRequired: z.strictObject({ inbound: z.boolean(), outbound: z.boolean() }).partial().optional(),
  attendanceGraceMinutes: z.number().int().min(0).max(60).optional(),
  officeHours: officeHours.optional(),
});

/**
 * The center's settings, stored keys over the defaults.
 *
 * @example
 * (await loadCenterSettings(store)).serviceLevel.variant; // 'offered' until the center changes it
 */
export async function loadCenterSettings(db: Queryable): Promise<CenterSettings> {
  const [row] = await db.query<{ settings: Partial<CenterSettings> }>('SELECT settings FROM centers ORDER BY created_at LIMIT 1');
  return centerSettings(row?.settings);
}

/**
 * What the metric dictionary needs of the settings.
 *
 * @example
 * computeMetrics(tally, metricParameters(await loadCenterSettings(store)));
 */
export function metricParameters(settings: CenterSettings): MetricParameters {
  return {
    ...defaultMetricParameters,
    serviceLevel: settings.serviceLevel,
    overheadRate: settings.overheadRate,
    ...(settings.costPerAgentHour === null ? {} : { costPerAgentHour: settings.costPerAgentHour }),
  };
}

export async function settingsRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;

  routes.get(
    '/api/v1/center/settings',
    {
      config: { roles: 'any' },
      schema: { tags: ['center'], summary: 'The center’s settings: service-level variant, costs, repeat-call window, dispositions, not-ready reasons, alert thresholds' },
    },
    () => loadCenterSettings(store),
  );

  routes.patch(
    '/api/v1/center/settings',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['center'], summary: 'Change the settings it names; the others stay as they are', body: settingsChange },
    },
    async (request) => {
      const change = request.body;
      // The router still sets the system's own reasons (未接来电): the center may rename them, not drop them, or the wallboard could not name them.
      if (change.notReadyReasons) {
        const kept = new Set(change.notReadyReasons.map((r) => r.code));
        const dropped = (await loadCenterSettings(store)).notReadyReasons.filter((r) => systemNotReadyReasons.has(r.code) && !kept.has(r.code));
        if (dropped.length > 0) {
          throw new BadRequestError(words('org.reserved_reasons', { reasons: dropped.map((r) => `${r.zh}（${r.code}）`).join('、') }), { field: 'notReadyReasons' });
        }
      }
      await store.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string; settings: Partial<CenterSettings> }>('SELECT id, settings FROM centers ORDER BY created_at LIMIT 1 FOR UPDATE');
        if (!row) throw new BadRequestError(words('org.no_center'));
        const stored = row.settings;
        const next = {
          ...stored,
          ...change,
          ...(change.serviceLevel && { serviceLevel: { ...stored.serviceLevel, ...change.serviceLevel } }),
          ...(change.alertThresholds && { alertThresholds: { ...stored.alertThresholds, ...change.alertThresholds } }),
          ...(change.dispositionRequired && { dispositionRequired: { ...stored.dispositionRequired, ...change.dispositionRequired } }),
        };
        await tx.query('UPDATE centers SET settings = $2 WHERE id = $1', [row.id, JSON.stringify(next)]);
      });
      // The floor offers the not-ready reasons, shows the thresholds and holds wrap-ups for a disposition: it takes them up at once.
      await app.floor?.reload();
      return loadCenterSettings(store);
    },
  );
}
