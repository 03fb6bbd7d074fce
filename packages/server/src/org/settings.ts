import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { centerSettings, defaultMetricParameters, orgAdminRoles, systemNotReadyReasons, type CenterSettings, type MetricParameters } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import type { Queryable } from '../store/index';

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a code: lower-case letters, digits and _');
const seconds = z.number().int().min(1).max(86_400);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间应写成 HH:MM，如 09:00');

/** 后台办公时间: one to six windows of a working day, each starting before it ends, none overlapping another. */
const officeHours = z
  .array(z.strictObject({ start: clockTime, end: clockTime }))
  .min(1, '至少要有一个办公时段')
  .max(6, '办公时段最多 6 个')
  .superRefine((windows, ctx) => {
    const sorted = [...windows].sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((w, i) => {
      const before = sorted[i - 1];
      if (w.end <= w.start) ctx.addIssue({ code: 'custom', message: `办公时段 ${w.start}-${w.end} 的开始时间应早于结束时间` });
      else if (before && w.start < before.end) ctx.addIssue({ code: 'custom', message: `办公时段 ${w.start}-${w.end} 与 ${before.start}-${before.end} 重叠` });
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
  dispositions: z
    .array(z.strictObject({ code, zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }))
    .min(1)
    .max(100)
    .refine((list) => new Set(list.map((d) => d.code)).size === list.length, '同一代码出现了两次')
    .optional(),
  notReadyReasons: z
    .array(code)
    .min(1)
    .max(50)
    .refine((list) => new Set(list).size === list.length, '同一原因出现了两次')
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
      const reserved = change.notReadyReasons?.filter((r) => systemNotReadyReasons.has(r)) ?? [];
      if (reserved.length > 0) throw new BadRequestError(`notReadyReasons: ${reserved.join(', ')} 是系统保留的原因，不能手动选择`, { field: 'notReadyReasons' });
      await store.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string; settings: Partial<CenterSettings> }>('SELECT id, settings FROM centers ORDER BY created_at LIMIT 1 FOR UPDATE');
        if (!row) throw new BadRequestError('还没有呼叫中心');
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
