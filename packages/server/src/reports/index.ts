import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MetricInfo, ReportDimension } from '@banzu/contract';
import { metric, metricDictionary, offeredOutcomes, withVisibleNumbers } from '@banzu/core';
import { scopedFigures } from '../access/index';
import { actorOf } from '../auth/index';
import { BadRequestError } from '../http/errors';
import { words, type Wording } from '../http/messages';
import { loadCenter } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { exportLanguage } from '../spreadsheet/index';
import { callsWorkbook, dimensionLabels, reportWorkbook, sendWorkbook } from './excel';
import { callRecords, metricsReport } from './queries';
import { analysisRoutes } from './analysis';

export { reportsProjection } from './projection';
export { metricsReport, callRecords, type ReportQuery } from './queries';
export { callsWorkbook, dimensionLabels, metricHeader, reportWorkbook, sendWorkbook, tableWorkbook } from './excel';

const range = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((r) => r.from <= r.to, { message: 'reports.range_reversed', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, { message: 'reports.range_long', path: ['to'] });

const dimension = z.enum(['interval', 'day', 'week', 'month', 'agent', 'team', 'site', 'queue']);
const intervalMinutes = z.coerce.number().refine((n) => n === 15 || n === 30 || n === 60, 'reports.interval_minutes');

/** What a row's key looks like by dimension: a local interval start, day, week's Monday or month, or an id ('' unassigned). */
const rowKeyFormat: Record<ReportDimension, string | Wording> = {
  interval: 'YYYY-MM-DD HH:MM',
  day: 'YYYY-MM-DD',
  week: 'YYYY-MM-DD',
  month: 'YYYY-MM',
  agent: words('reports.row_key.agent'),
  team: words('reports.row_key.team'),
  site: words('reports.row_key.site'),
  queue: words('reports.row_key.queue'),
};
const rowKeyPattern: Record<ReportDimension, RegExp> = {
  interval: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
  week: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  agent: /^.{0,200}$/,
  team: /^.{0,200}$/,
  site: /^.{0,200}$/,
  queue: /^.{0,200}$/,
};

const metricIds = new Set(metricDictionary.map((m) => m.id));
/** The Excel's columns as the page chose them, in its order: metric ids separated by commas. */
const columnList = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .refine((ids) => ids.length > 0, 'reports.no_columns')
  .superRefine((ids, ctx) => {
    const unknown = ids.filter((id) => !metricIds.has(id));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: 'reports.unknown_columns', params: { ids: unknown } });
  });

const filters = z.object({
  queueId: z.string().min(1).optional(),
  teamId: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
});

export async function reportRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;
  await app.register(analysisRoutes);

  routes.get('/api/v1/metrics', { config: { roles: 'any' }, schema: { tags: ['reports'], summary: 'The metric dictionary: every KPI with its formula' } }, (): MetricInfo[] =>
    metricDictionary.map(({ compute: _compute, ...definition }) => definition),
  );

  routes.get(
    '/api/v1/reports/metrics',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['reports'],
        summary: 'Every metric by interval, day, week, month, agent, team or queue, with the total',
        querystring: range.and(filters).and(
          z.object({
            by: dimension,
            interval: intervalMinutes.optional(),
            direction: z.enum(['inbound', 'outbound']).optional(),
            format: z.enum(['json', 'xlsx']).default('json'),
            columns: columnList.optional(),
          }),
        ),
      },
    },
    async (request, reply) => {
      const { interval, format, columns, ...query } = scopedFigures(actorOf(request), request.query);
      if (interval && query.by !== 'interval') throw new BadRequestError(words('reports.interval_only'));
      const [center, settings] = await Promise.all([loadCenter(store), loadCenterSettings(store)]);
      const report = await metricsReport(store, {
        ...query,
        intervalMinutes: interval as 15 | 30 | 60 | undefined,
        timeZone: center.timeZone,
        parameters: metricParameters(settings),
      });
      if (format === 'json') return report;
      const period = query.from === query.to ? query.from : `${query.from} – ${query.to}`;
      const language = exportLanguage(request);
      const xlsx = await reportWorkbook(report, query.by, await dimensionLabels(store, query.by, language), period, language, columns?.map(metric));
      return sendWorkbook(reply, `banzu-report-${query.by}-${query.from}-${query.to}.xlsx`, xlsx);
    },
  );

  routes.get(
    '/api/v1/reports/calls',
    {
      config: { roles: ['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin', 'agent'] },
      schema: {
        tags: ['reports'],
        summary: "The calls behind a figure: exactly the calls a report row counts (by and key name the row); format=xlsx for the sheet in the user's language",
        querystring: range.and(filters).and(
          z.object({
            outcome: z.enum(offeredOutcomes).optional(),
            direction: z.enum(['inbound', 'outbound']).optional(),
            by: dimension.optional(),
            key: z.string().optional(),
            interval: intervalMinutes.optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { by, key, interval, format, ...query } = scopedFigures(actor, request.query);
      if ((by === undefined) !== (key === undefined)) throw new BadRequestError(words('reports.row_by_and_key'));
      if (interval && by !== 'interval') throw new BadRequestError(words('reports.interval_only'));
      if (by && key !== undefined && !rowKeyPattern[by].test(key)) throw new BadRequestError(words('reports.row_key', { key, by, format: rowKeyFormat[by] }));
      const center = await loadCenter(store);
      const row = by && key !== undefined ? { by, key, intervalMinutes: interval as 15 | 30 | 60 | undefined } : undefined;
      const calls = (await callRecords(store, { ...query, row, timeZone: center.timeZone })).map((call) =>
        withVisibleNumbers(actor, { ...call, record: withVisibleNumbers(actor, call.record) }),
      );
      if (format === 'json') return calls;
      const language = exportLanguage(request);
      const [agents, queues] = await Promise.all([dimensionLabels(store, 'agent', language), dimensionLabels(store, 'queue', language)]);
      const period = query.from === query.to ? query.from : `${query.from} – ${query.to}`;
      // The row as the page names it: an agent, team, site or queue by name; a time by its key.
      const rowLabels = row ? (row.by === 'agent' ? agents : row.by === 'queue' ? queues : await dimensionLabels(store, row.by, language)) : null;
      const title = row ? { period, row: { by: row.by, label: rowLabels!.get(row.key) ?? row.key } } : { period };
      const xlsx = await callsWorkbook(calls, title, { agents, queues }, center.timeZone, language);
      return sendWorkbook(reply, `banzu-calls-${query.from}-${query.to}.xlsx`, xlsx);
    },
  );
}
