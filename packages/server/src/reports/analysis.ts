import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PeakReport, RankedRow, RankingReport, Scorecard, TargetNote, TargetReport } from '@banzu/contract';
import {
  canSeeAgentFigures,
  canSeeTeam,
  metric,
  metricDictionary,
  monthDates,
  orgAdminRoles,
  peakWindows,
  rank,
  scorecard,
  serviceLevelLabel,
  targetTable,
  type MetricTarget,
} from '@banzu/core';
import { scopedFigures } from '../access/index';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { loadCenter, monthSchema, reportMonths } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { exportLanguage, inLanguage, type ExportLanguage } from '../spreadsheet/index';
import { dimensionLabels, metricHeader, sendWorkbook, tableWorkbook } from './excel';
import { metricsReport } from './queries';

const metricIds = metricDictionary.map((m) => m.id) as [string, ...string[]];
const range = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((r) => r.from <= r.to, { message: 'reports.range_reversed', path: ['to'] });

/** The rows of named agents, teams or queues: without the unassigned row (key ''). */
const named = <Row extends { key: string }>(rows: readonly Row[]) => rows.filter((r) => r.key !== '');

/** Peak analysis, rankings, targets: reading the figures the way team leaders report them. */
export async function analysisRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;
  const tags = ['reports'];
  const targets = () => store.query<MetricTarget>('SELECT metric_id AS "metricId", scope, scope_id AS "scopeId", target FROM metric_targets ORDER BY metric_id, scope, scope_id');
  /** The center's metric settings, and the service-level variant as every export names it. */
  const figures = async () => {
    const parameters = metricParameters(await loadCenterSettings(store));
    const label = serviceLevelLabel(parameters.serviceLevel);
    return { parameters, serviceLevel: { ...parameters.serviceLevel, ...label }, variantNote: (language: ExportLanguage) => inLanguage(language, label.zh, label.en) };
  };
  const rankable = metricDictionary.filter((m) => m.better !== null) as { id: string; zh: string; en: string; unit: string; better: 'higher' | 'lower' }[];

  routes.get(
    '/api/v1/reports/peaks',
    {
      config: { roles: ['team_leader', 'supervisor', 'manager', 'admin', 'qa', 'trainer'] },
      schema: {
        tags,
        summary: 'Weekday × hour heatmap of offered calls (average per day) and the peak windows',
        querystring: range.and(z.object({ queueId: z.string().min(1).optional(), format: z.enum(['json', 'xlsx']).default('json') })),
      },
    },
    async (request, reply) => {
      const { from, to, queueId, format } = request.query;
      const { timeZone } = await loadCenter(store);
      const params: unknown[] = [from, to, timeZone];
      const rows = await store.query<{ weekday: number; hour: number; offered: number }>(
        `SELECT extract(isodow FROM interval_start AT TIME ZONE $3)::int AS weekday, extract(hour FROM interval_start AT TIME ZONE $3)::int AS hour,
                sum(offered)::float8 AS offered
         FROM interval_tallies
         WHERE interval_start >= ($1::date)::timestamp AT TIME ZONE $3 AND interval_start < ($2::date + 1)::timestamp AT TIME ZONE $3
           ${queueId ? `AND queue_id = $${params.push(queueId)}` : ''}
         GROUP BY 1, 2`,
        params,
      );
      // Average per calendar day of each weekday in the range, so a range of 10 days is not skewed.
      const days = new Array<number>(8).fill(0);
      for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) days[((new Date(t).getUTCDay() + 6) % 7) + 1]!++;
      const matrix = rows.map((r) => ({ weekday: r.weekday, hour: r.hour, averageCalls: r.offered / Math.max(1, days[r.weekday]!) }));
      const totalDays = days.reduce((a, b) => a + b, 0);
      const hourly = Array.from({ length: 24 }, (_, h) => rows.filter((r) => r.hour === h).reduce((a, r) => a + r.offered, 0) / Math.max(1, totalDays));
      const windows = peakWindows(hourly);
      if (format === 'json') return { matrix, hourly, windows } satisfies PeakReport;
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const weekdays = language === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
      const cell = (weekday: number, hour: number) => matrix.find((c) => c.weekday === weekday && c.hour === hour)?.averageCalls ?? 0;
      const xlsx = await tableWorkbook(
        `${say('高峰分析', 'Peak analysis')} · ${from} – ${to}`,
        [{ title: say('时段', 'Hour'), width: 10 }, ...weekdays.map((title) => ({ title, numFmt: '0.0', width: 10 })), { title: say('平均', 'Average'), numFmt: '0.0', width: 10 }],
        hourly.map((average, hour) => [`${hour}:00`, ...weekdays.map((_, d) => cell(d + 1, hour)), average]),
        [`${say('高峰时段', 'Peak windows')}: ${windows.map((w) => `${w.fromHour}:00–${w.toHour}:00`).join(', ') || '—'}`],
      );
      return sendWorkbook(reply, `banzu-peaks-${from}-${to}.xlsx`, xlsx);
    },
  );

  routes.get(
    '/api/v1/reports/ranking',
    {
      config: { roles: ['team_leader', 'supervisor', 'manager', 'admin', 'qa', 'trainer'] },
      schema: {
        tags,
        summary: 'Agents or teams ranked by one metric, with the top 10% and bottom 30% marked',
        querystring: range.and(z.object({ by: z.enum(['agent', 'team']), metric: z.enum(metricIds), format: z.enum(['json', 'xlsx']).default('json') })),
      },
    },
    async (request, reply) => {
      const { by, metric: metricId, from, to, format } = request.query;
      const query = scopedFigures(actorOf(request), { from, to } as { from: string; to: string; teamId?: string; agentId?: string });
      const definition = metric(metricId);
      if (!definition.better) throw new BadRequestError(words('reports.volume_ranked', { metric: metricId }));
      const { timeZone } = await loadCenter(store);
      const { parameters, serviceLevel, variantNote } = await figures();
      const report = await metricsReport(store, { ...query, by, timeZone, parameters });
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const labels = await dimensionLabels(store, by, language);
      // Only named agents or teams are ranked: the unassigned row (calls nobody answered) is nobody's.
      const ranked = rank(named(report.rows), (r) => r.metrics[metricId], definition.better).map(
        (r): RankedRow => ({
          key: r.item.key,
          label: labels.get(r.item.key) ?? r.item.key,
          value: r.value,
          rank: r.rank,
          band: r.band,
        }),
      );
      if (format === 'json') return { rows: ranked, serviceLevel } satisfies RankingReport;
      const bands = { top: say('前10%', 'top 10%'), bottom: say('后30%', 'bottom 30%'), middle: '' };
      const xlsx = await tableWorkbook(
        `${say('排名', 'Ranking')} · ${say(definition.zh, definition.en)} · ${from} – ${to}`,
        [
          { title: say('名次', 'Rank'), width: 8 },
          { title: by === 'agent' ? say('座席', 'Agent') : say('班组', 'Team'), width: 22 },
          { title: metricHeader(definition, language), numFmt: definition.unit === 'ratio' ? '0.0%' : '0.0' },
          { title: '', width: 18 },
        ],
        ranked.map((r) => [r.rank, r.label, r.value, r.band ? bands[r.band] : '']),
        [variantNote(language)],
      );
      return sendWorkbook(reply, `banzu-ranking-${metricId}-${from}-${to}.xlsx`, xlsx);
    },
  );

  routes.get('/api/v1/targets', { config: { roles: 'any' }, schema: { tags, summary: 'Targets per metric for the center, teams and queues' } }, () => targets());

  routes.put(
    '/api/v1/targets',
    {
      config: { roles: orgAdminRoles },
      schema: {
        tags,
        summary: 'Set a target',
        body: z.object({ metricId: z.enum(metricIds), scope: z.enum(['center', 'team', 'queue', 'agent']), scopeId: z.string().default(''), target: z.number().finite() }),
      },
    },
    async (request) => {
      const { metricId, scope, scopeId, target } = request.body;
      if (scope !== 'center' && !scopeId) throw new BadRequestError(words('reports.target_scope_id', { scope: words(`thing.${scope}`) }));
      if (metric(metricId).unit === 'ratio' && (target < 0 || target > 1)) throw new BadRequestError(words('reports.ratio_target'));
      await store.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO metric_targets (metric_id, scope, scope_id, target) VALUES ($1, $2, $3, $4)
           ON CONFLICT (metric_id, scope, scope_id) DO UPDATE SET target = EXCLUDED.target, updated_at = now()`,
          [metricId, scope, scope === 'center' ? '' : scopeId, target],
        );
        await writeAudit(tx, { userId: actorOf(request).userId, action: 'update', subject: 'metric_targets', rowCount: 1, detail: { metricId, scope, scopeId, target } });
      });
      return { metricId, scope, scopeId: scope === 'center' ? '' : scopeId, target };
    },
  );

  routes.delete(
    '/api/v1/targets',
    {
      config: { roles: orgAdminRoles },
      schema: {
        tags,
        summary: 'Remove a target: a team, queue or agent then falls back to the center target',
        querystring: z.object({ metricId: z.enum(metricIds), scope: z.enum(['center', 'team', 'queue', 'agent']), scopeId: z.string().default('') }),
      },
    },
    async (request, reply) => {
      const { metricId, scope, scopeId } = request.query;
      await store.transaction(async (tx) => {
        const removed = await tx.query('DELETE FROM metric_targets WHERE metric_id = $1 AND scope = $2 AND scope_id = $3 RETURNING metric_id', [
          metricId,
          scope,
          scope === 'center' ? '' : scopeId,
        ]);
        if (removed.length === 0) throw new NotFoundError(words('reports.no_target', { target: `${metricId} ${scope} ${scopeId}`.trim() }));
        await writeAudit(tx, { userId: actorOf(request).userId, action: 'delete', subject: 'metric_targets', rowCount: 1, detail: { metricId, scope, scopeId } });
      });
      return reply.status(204).send();
    },
  );

  routes.put(
    '/api/v1/targets/notes',
    {
      config: { roles: ['team_leader', 'supervisor', 'manager', 'admin'] },
      schema: {
        tags,
        summary: "A team's reason (原因) and improvement plan (改善计划) for a month against a metric's target; a team leader writes the own team's",
        body: z.object({
          metricId: z.enum(metricIds),
          teamId: z.string().min(1),
          month: monthSchema,
          reason: z.string().trim().max(2000),
          plan: z.string().trim().max(2000),
        }),
      },
    },
    async (request): Promise<TargetNote> => {
      const actor = actorOf(request);
      const { metricId, teamId, month: yyyyMm, reason, plan } = request.body;
      const [team] = await store.query<{ id: string }>('SELECT id FROM teams WHERE id = $1', [teamId]);
      if (!team) throw new NotFoundError(missing('team', teamId));
      if (!canSeeTeam(actor, teamId)) throw new ForbiddenError(words('reports.notes_own_team'));
      await store.query(
        `INSERT INTO target_notes (metric_id, team_id, month, reason, plan, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (metric_id, team_id, month) DO UPDATE SET reason = EXCLUDED.reason, plan = EXCLUDED.plan, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [metricId, teamId, yyyyMm, reason, plan, actor.userId],
      );
      return { metricId, teamId, month: yyyyMm, reason, plan };
    },
  );

  routes.get(
    '/api/v1/reports/targets',
    {
      config: { roles: ['team_leader', 'supervisor', 'manager', 'admin', 'qa', 'trainer'] },
      schema: {
        tags,
        summary: 'Groups × months against the target, with the outcome in words (中文 and English)',
        querystring: z.object({
          metric: z.enum(metricIds),
          from: monthSchema,
          to: monthSchema,
          by: z.enum(['team', 'queue']),
          target: z.coerce.number().optional(),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
      },
    },
    async (request, reply) => {
      const { metric: metricId, from, to, by } = request.query;
      if (from > to) throw new BadRequestError(words('reports.months_reversed', { from, to }));
      const definition = metric(metricId);
      if (!definition.better) throw new BadRequestError(words('reports.volume_target', { metric: metricId }));
      let target = request.query.target;
      if (target === undefined) {
        const [row] = await store.query<{ target: number }>(`SELECT target FROM metric_targets WHERE metric_id = $1 AND scope = 'center'`, [metricId]);
        if (!row) throw new BadRequestError(words('reports.no_center_target', { metric: metricId }));
        target = row.target;
      }
      const actor = actorOf(request);
      const { timeZone } = await loadCenter(store);
      const { parameters, serviceLevel, variantNote } = await figures();
      const months = reportMonths(from, to);
      const labels = await dimensionLabels(store, by, exportLanguage(request));
      const byMonth = await Promise.all(
        months.map((m) => metricsReport(store, { ...scopedFigures(actor, {} as { teamId?: string }), from: `${m}-01`, to: monthDates(m).last, by, timeZone, parameters })),
      );
      const keys = [...new Set(byMonth.flatMap((r) => named(r.rows).map((row) => row.key)))].sort((a, b) => (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b, 'zh'));
      const rows = keys.map((key) => ({
        name: labels.get(key) ?? key,
        values: byMonth.map((r) => r.rows.find((row) => row.key === key)?.metrics[metricId] ?? null),
      }));
      const table = targetTable(rows, months, { target, better: definition.better, metric: { zh: definition.zh, en: definition.en } });
      // A team's note shows even in a month without calls: that may be what it explains.
      const notes =
        by === 'team'
          ? (
              await store.query<TargetNote>(
                `SELECT metric_id AS "metricId", team_id AS "teamId", month, reason, plan FROM target_notes
                 WHERE metric_id = $1 AND month >= $2 AND month <= $3 ORDER BY month, team_id`,
                [metricId, from, to],
              )
            ).filter((n) => canSeeTeam(actor, n.teamId))
          : [];
      if (request.query.format === 'json')
        return { metric: { id: metricId, zh: definition.zh, en: definition.en, unit: definition.unit }, target, ...table, serviceLevel, notes } satisfies TargetReport;
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const noteLines = notes.flatMap((n) => {
        const team = labels.get(n.teamId) ?? n.teamId;
        return [
          ...(n.reason ? [`${say('原因', 'Reason')} · ${team} · ${n.month}: ${n.reason}`] : []),
          ...(n.plan ? [`${say('改善计划', 'Improvement plan')} · ${team} · ${n.month}: ${n.plan}`] : []),
        ];
      });
      const numFmt = definition.unit === 'ratio' ? '0.0%' : '0.0';
      const xlsx = await tableWorkbook(
        `${metricHeader(definition, language)} · ${say('目标', 'target')} ${target}`,
        [
          { title: by === 'team' ? say('班组', 'Team') : say('队列', 'Queue'), width: 22 },
          ...months.flatMap((m) => [
            { title: m, numFmt },
            { title: say('达标', 'Met'), width: 8 },
          ]),
        ],
        table.rows.map((r) => [r.name, ...r.cells.flatMap((c) => [c.value, c.met === null ? '' : c.met ? '✓' : '✗'])]),
        [say(table.narrative.zh, table.narrative.en), ...noteLines, variantNote(language)],
      );
      return sendWorkbook(reply, `banzu-targets-${metricId}-${from}-${to}.xlsx`, xlsx);
    },
  );
  routes.get(
    '/api/v1/reports/scorecard',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: "An agent's scorecard: each metric against the team, the center and the target, with the place in the team",
        querystring: range.and(z.object({ agentId: z.string().min(1).optional(), format: z.enum(['json', 'xlsx']).default('json') })),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { from, to, format } = request.query;
      const agentId = request.query.agentId ?? actor.userId;
      if (actor.role === 'agent' && agentId !== actor.userId) throw new ForbiddenError(words('reports.own_scorecard'));
      const [agent] = await store.query<{ name: string; teamId: string | null; employeeNo: string }>(
        `SELECT u.display_name AS name, u.team_id AS "teamId", a.employee_no AS "employeeNo" FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1`,
        [agentId],
      );
      if (!agent) throw new NotFoundError(missing('agent', agentId));
      if (!canSeeAgentFigures(actor, { userId: agentId, teamId: agent.teamId })) throw new ForbiddenError(words('reports.agent_not_in_team', { agent: agentId }));
      const { timeZone } = await loadCenter(store);
      const { parameters, serviceLevel, variantNote } = await figures();
      const period = { from, to, timeZone, parameters };
      const [teamAgents, center] = await Promise.all([
        agent.teamId ? metricsReport(store, { ...period, by: 'agent', teamId: agent.teamId }) : metricsReport(store, { ...period, by: 'agent', agentId }),
        metricsReport(store, { ...period, by: 'month' }),
      ]);
      const lines = scorecard({
        agentId,
        teamId: agent.teamId,
        metrics: rankable,
        teamAgents: named(teamAgents.rows),
        team: teamAgents.total.metrics,
        center: center.total.metrics,
        targets: await targets(),
      });
      if (format === 'json') return { agent: { id: agentId, ...agent }, from, to, lines, serviceLevel } satisfies Scorecard;
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const xlsx = await tableWorkbook(
        `${say('成绩单', 'Scorecard')} · ${agent.employeeNo} ${agent.name} · ${from} – ${to}`,
        [
          { title: say('指标', 'Metric'), width: 30 },
          { title: say('本人', 'Agent') },
          { title: say('班组', 'Team') },
          { title: say('中心', 'Center') },
          { title: say('目标', 'Target') },
          { title: say('达标', 'Met'), width: 8 },
          { title: say('组内名次', 'Rank in team'), width: 14 },
        ],
        lines.map((l) => {
          const d = metric(l.metricId);
          const numFmt = d.unit === 'ratio' ? '0.0%' : '0.0';
          const figure = (value: number | null) => ({ value, numFmt });
          return [
            metricHeader(d, language),
            figure(l.value),
            figure(l.team),
            figure(l.center),
            figure(l.target),
            l.met === null ? '' : l.met ? '✓' : '✗',
            l.rank === null ? '' : `${l.rank} / ${l.rankedOf}`,
          ];
        }),
        [variantNote(language)],
      );
      return sendWorkbook(reply, `banzu-scorecard-${agent.employeeNo}-${from}-${to}.xlsx`, xlsx);
    },
  );
}
