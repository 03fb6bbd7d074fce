import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  canSeeTeam,
  computeOutboundMetrics,
  dailyQuota,
  defaultQuotaPolicy,
  defaultRules,
  exportsFullNumbers,
  localDate,
  outboundMetricDictionary,
  quotaProgress,
  seesFullNumbers,
  showPhone,
  type Actor,
  type CampaignRules,
} from '@banzu/core';
import { reportTeam } from '../access/index';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { NotFoundError } from '../http/errors';
import { missing } from '../http/messages';
import { loadCenter } from '../org/index';
import { sendWorkbook, tableWorkbook } from '../reports/index';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import { numbersSheet, outboundMetricColumns } from './export';
import { CampaignDesk, type HandedTask } from './desk';
import { assertCampaignInScope, campaignCounts, createCampaign, deleteDraft, distributeCampaign, editDraft, previewCampaign, setCampaignStatus } from './manage';
import { agentReport, numberDetail, teamView } from './reports';
import { agentCampaigns, agentOpenDial, listCampaigns, loadCampaign, type Campaign } from './store';

const leaders = ['team_leader', 'supervisor', 'manager', 'admin'] as const;
const agentOnly = ['agent'] as const;
const tags = ['campaigns'];
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'org.clock_time');
const day = z.array(z.tuple([hhmm, hhmm])).max(6);

const rulesSchema = z.strictObject({
  dialingMode: z.enum(['preview', 'progressive']).default(defaultRules.dialingMode),
  distribution: z.enum(['equal', 'owner', 'skill']).default(defaultRules.distribution),
  skillId: z.string().min(1).optional(),
  callingHours: z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }).partial().default(defaultRules.callingHours),
  holidays: z.array(z.iso.date()).max(400).default([]),
  maxAttempts: z.number().int().min(1).max(50).default(defaultRules.maxAttempts),
  retryMinutes: z.record(z.string().min(1).max(50), z.number().int().min(1).max(10_080)).default(defaultRules.retryMinutes),
  callbackTo: z.enum(['same_agent', 'anyone']).default(defaultRules.callbackTo),
  dispositions: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'campaign.disposition_code'),
        zh: z.string().trim().min(1).max(50),
        en: z.string().trim().min(1).max(50),
        effect: z.enum(['final', 'callback', 'next_number', 'retry']),
        connect: z.boolean(),
        effective: z.boolean(),
        success: z.boolean(),
        refusal: z.boolean(),
      }),
    )
    .min(1)
    .max(30)
    .default(defaultRules.dispositions),
  doNotCall: z.array(z.string().trim().min(3).max(32)).max(100_000).default([]),
});

const campaignBody = z.object({
  name: z.string().trim().min(1).max(100),
  script: z.string().max(20_000).default(''),
  teamId: z.string().min(1).nullable().default(null),
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('filter'), classCodes: z.array(z.string().min(1).max(32)).max(50).default([]), tags: z.array(z.string().min(1).max(50)).max(50).default([]) }),
    z.strictObject({ kind: z.literal('import'), importId: z.string().min(1).max(64) }),
  ]),
  agentIds: z.array(z.string().min(1)).min(1).max(2000).optional(),
  rules: rulesSchema.default(rulesSchema.parse({})),
});

const idParams = z.object({ id: z.string().min(1) });
const task = z.object({ campaignId: z.string().min(1), customerId: z.uuid() });
const dateRange = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((r) => r.from <= r.to, { message: 'campaign.date_range_reversed', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, { message: 'campaign.date_range_long', path: ['to'] });
const format = z.enum(['json', 'xlsx']).default('json');

/**
 * Telemarketing campaigns over HTTP: leaders create, start, pause and distribute campaigns of
 * their scope and read progress and reports (Excel exports audited); agents take their next
 * customer, dial through the router, and save each dial's result.
 */
export const campaignPlugin = fastifyPlugin(
  async function campaignRoutes(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const { store, log, clock } = app.banzu;
    const { floor } = app;
    const engine = floor?.engine ?? null;
    const { timeZone } = await loadCenter(store);
    const now = () => engine?.now() ?? clock.now();
    const desk = new CampaignDesk(store, log, engine, timeZone, now);
    app.decorate('campaignDesk', desk);

    async function scoped(actor: Actor, id: string): Promise<Campaign> {
      const campaign = await loadCampaign(store, id);
      assertCampaignInScope(actor, campaign);
      return campaign;
    }

    async function audited(actor: Actor, subject: string, rows: number, detail: Record<string, unknown>) {
      await writeAudit(store, { userId: actor.userId, action: 'export', subject, rowCount: rows, detail });
    }

    routes.get('/api/v1/campaigns', { config: { roles: leaders }, schema: { tags, summary: 'The campaigns of your scope, with their customers by state' } }, async (request) => {
      const actor = actorOf(request);
      const campaigns = (await listCampaigns(store)).filter((c) => canSeeTeam(actor, c.teamId));
      return Promise.all(campaigns.map(async (c) => ({ ...c, counts: await campaignCounts(store, c.id) })));
    });

    routes.post(
      '/api/v1/campaigns',
      { config: { roles: leaders }, schema: { tags, summary: 'Create a campaign from a customer filter (classes, tags) or an import', body: campaignBody } },
      async (request, reply) => {
        const actor = actorOf(request);
        const { rules, ...rest } = request.body;
        const created = await store.transaction((tx) => createCampaign(tx, actor, { ...rest, rules: rules as CampaignRules }));
        return reply.status(201).send(created);
      },
    );

    routes.post(
      '/api/v1/campaigns/preview',
      { config: { roles: leaders }, schema: { tags, summary: 'How many customers the campaign would hold, without creating it', body: campaignBody } },
      (request) => {
        const { rules, ...rest } = request.body;
        return previewCampaign(store, actorOf(request), { ...rest, rules: rules as CampaignRules });
      },
    );

    routes.patch(
      '/api/v1/campaigns/:id',
      {
        config: { roles: leaders },
        schema: {
          tags,
          summary: "A draft's name, script or rules (rules replace the draft's as a whole)",
          params: idParams,
          body: z.object({ name: campaignBody.shape.name, script: z.string().max(20_000), rules: rulesSchema }).partial(),
        },
      },
      async (request) => {
        await scoped(actorOf(request), request.params.id);
        const { rules, ...rest } = request.body;
        const campaign = await store.transaction((tx) => editDraft(tx, request.params.id, { ...rest, ...(rules && { rules: rules as CampaignRules }) }));
        return { ...campaign, counts: await campaignCounts(store, campaign.id) };
      },
    );

    routes.delete('/api/v1/campaigns/:id', { config: { roles: leaders }, schema: { tags, summary: 'Delete a draft campaign', params: idParams } }, async (request, reply) => {
      const actor = actorOf(request);
      await scoped(actor, request.params.id);
      await store.transaction(async (tx) => {
        const campaign = await deleteDraft(tx, request.params.id);
        await writeAudit(tx, { userId: actor.userId, action: 'delete', subject: 'campaigns', rowCount: 1, detail: { campaignId: campaign.id, name: campaign.name } });
      });
      return reply.status(204).send();
    });

    routes.get('/api/v1/campaigns/:id', { config: { roles: leaders }, schema: { tags, summary: 'A campaign with its customers by state', params: idParams } }, async (request) => {
      const campaign = await scoped(actorOf(request), request.params.id);
      return { ...campaign, counts: await campaignCounts(store, campaign.id) };
    });

    routes.post(
      '/api/v1/campaigns/:id/status',
      {
        config: { roles: leaders },
        schema: {
          tags,
          summary: 'Start (dealing the list out), pause or finish a campaign',
          params: idParams,
          body: z.object({ status: z.enum(['running', 'paused', 'finished']) }),
        },
      },
      async (request) => {
        await scoped(actorOf(request), request.params.id);
        return store.transaction((tx) => setCampaignStatus(tx, request.params.id, request.body.status));
      },
    );

    routes.post(
      '/api/v1/campaigns/:id/distribute',
      { config: { roles: leaders }, schema: { tags, summary: 'Deal the open customers out again (agents who left the campaign give theirs up)', params: idParams } },
      async (request) => {
        await scoped(actorOf(request), request.params.id);
        return { moved: await store.transaction((tx) => distributeCampaign(tx, request.params.id)) };
      },
    );

    routes.get(
      '/api/v1/campaigns/:id/numbers',
      { config: { roles: leaders }, schema: { tags, summary: 'Dial detail per number: dials, talk time, status', params: idParams, querystring: z.object({ format }) } },
      async (request, reply) => {
        const actor = actorOf(request);
        const campaign = await scoped(actor, request.params.id);
        const rows = await numberDetail(store, campaign.id);
        if (request.query.format === 'json') return rows.map((r) => ({ ...r, number: showPhone(r.number, seesFullNumbers(actor)) }));
        const full = exportsFullNumbers(actor);
        const language = exportLanguage(request);
        const sheet = numbersSheet(rows, campaign.rules, { language, timeZone, number: (n) => showPhone(n, full) });
        const xlsx = await tableWorkbook(`${inLanguage(language, '拨打明细', 'Dial detail')} · ${campaign.name}`, sheet.columns, sheet.rows);
        await audited(actor, 'campaign_numbers', rows.length, { campaignId: campaign.id, fullNumbers: full });
        return sendWorkbook(reply, `banzu-campaign-numbers-${campaign.id}.xlsx`, xlsx);
      },
    );

    routes.get(
      '/api/v1/campaigns/reports/agents',
      {
        config: { roles: leaders },
        schema: {
          tags,
          summary: 'Daily or monthly report per agent: dials, connects, effective calls, successes, refusal rate, work time, follow-ups due',
          querystring: dateRange.and(
            z.object({ by: z.enum(['day', 'month']).default('day'), campaignId: z.string().min(1).optional(), teamId: z.string().min(1).optional(), format }),
          ),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { from, to, by, campaignId, format: as } = request.query;
        const teamId = reportTeam(actor, request.query.teamId);
        if (campaignId) await loadCampaign(store, campaignId);
        const report = await agentReport(store, { from, to, by, campaignId, teamId, timeZone, now: now() });
        if (as === 'json') return { ...report, metrics: outboundMetricDictionary.map(({ compute: _c, ...m }) => m) };
        const language = exportLanguage(request);
        const say = (zh: string, en: string) => inLanguage(language, zh, en);
        const title = by === 'day' ? say('外呼日报', 'Daily outbound report') : say('外呼月报', 'Monthly outbound report');
        const xlsx = await tableWorkbook(
          `${title} · ${from === to ? from : `${from} – ${to}`}`,
          [{ title: by === 'day' ? say('日期', 'Day') : say('月份', 'Month') }, { title: say('座席', 'Agent'), width: 18 }, ...outboundMetricColumns(language)],
          [
            ...report.rows.map((r) => [r.period, `${r.employeeNo} ${r.name}`, ...outboundMetricDictionary.map((m) => r.metrics[m.id] ?? null)]),
            [say('合计', 'Total'), '', ...outboundMetricDictionary.map((m) => report.total.metrics[m.id] ?? null)],
          ],
        );
        await audited(actor, 'campaign_agent_report', report.rows.length, { from, to, by, campaignId: campaignId ?? null, teamId });
        return sendWorkbook(reply, `banzu-outbound-${by}-${from}-${to}.xlsx`, xlsx);
      },
    );

    routes.get(
      '/api/v1/campaigns/reports/team',
      {
        config: { roles: leaders },
        schema: {
          tags,
          summary: 'The team view of a day: each agent’s figures and quota progress',
          querystring: z.object({ date: z.iso.date().optional(), teamId: z.string().min(1).optional(), format }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const date = request.query.date ?? localDate(now(), timeZone);
        const teamId = reportTeam(actor, request.query.teamId);
        const rows = await teamView(store, { date, teamId, timeZone, now: now() });
        if (request.query.format === 'json') return { date, rows };
        const language = exportLanguage(request);
        const say = (zh: string, en: string) => inLanguage(language, zh, en);
        const xlsx = await tableWorkbook(
          `${say('班组外呼进度', 'Team outbound progress')} · ${date}`,
          [{ title: say('座席', 'Agent'), width: 18 }, { title: say('定额', 'Quota') }, ...outboundMetricColumns(language)],
          rows.map((r) => [`${r.employeeNo} ${r.name}`, r.quota.target, ...outboundMetricDictionary.map((m) => r.metrics[m.id] ?? null)]),
        );
        await audited(actor, 'campaign_team_view', rows.length, { date, teamId });
        return sendWorkbook(reply, `banzu-outbound-team-${date}.xlsx`, xlsx);
      },
    );

    routes.put(
      '/api/v1/campaigns/quotas/:agentId',
      {
        config: { roles: leaders },
        schema: {
          tags,
          summary: 'An agent’s quota terms: employed since (the first two weeks ask 30 effective calls a day), or an own daily figure',
          params: z.object({ agentId: z.string().min(1) }),
          body: z.object({ employedSince: z.iso.date(), dailyEffectiveCalls: z.number().int().min(0).max(1000).nullable().default(null) }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const [agent] = await store.query<{ team_id: string }>('SELECT u.team_id FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1', [request.params.agentId]);
        if (!agent) throw new NotFoundError(missing('agent', request.params.agentId));
        reportTeam(actor, agent.team_id);
        const { employedSince, dailyEffectiveCalls } = request.body;
        await store.query(
          `INSERT INTO quotas (agent_id, employed_since, daily_effective_calls) VALUES ($1, $2, $3)
         ON CONFLICT (agent_id) DO UPDATE SET employed_since = $2, daily_effective_calls = $3, updated_at = now()`,
          [request.params.agentId, employedSince, dailyEffectiveCalls],
        );
        const today = localDate(now(), timeZone);
        return { agentId: request.params.agentId, employedSince, dailyEffectiveCalls, today: dailyQuota(defaultQuotaPolicy, employedSince, today, dailyEffectiveCalls) };
      },
    );

    // ---- the agent's desk -----------------------------------------------------------------------

    /** A person at the desk: from now on the switch leaves this agent to them, as on the floor. */
    function person(actor: Actor): string {
      floor?.personAtDesk(actor.userId);
      return actor.userId;
    }

    /**
     * The agent's day: quota progress and figures, how many running campaigns the agent works (none:
     * no task panel), and whether a dial's result is due (the panel opens its customer at once).
     */
    async function myProgress(agentId: string) {
      const date = localDate(now(), timeZone);
      const campaigns = (await agentCampaigns(store, agentId)).length;
      const resultDue = (await agentOpenDial(store, agentId)) !== null;
      const [row] = await teamView(store, { date, teamId: null, agentId, timeZone, now: now() });
      if (row) return { date, campaigns, resultDue, quota: row.quota, metrics: row.metrics };
      const report = await agentReport(store, { from: date, to: date, by: 'day', teamId: null, agentId, timeZone, now: now() });
      const tally = report.total.tally;
      return { date, campaigns, resultDue, quota: quotaProgress(0, tally.effectiveCalls), metrics: computeOutboundMetrics(tally) };
    }

    async function taskView(actor: Actor, handed: HandedTask) {
      const [customer] = await store.query<{
        id: string;
        name: string;
        class_code: string;
        name_zh: string;
        name_en: string;
        vip_level: number | null;
        tags: string[];
        notes: string;
      }>(
        `SELECT c.id, c.name, c.class_code, k.name_zh, k.name_en, c.vip_level, c.tags, c.notes
       FROM customers c JOIN customer_classes k ON k.code = c.class_code WHERE c.id = $1`,
        [handed.task.customerId],
      );
      if (!customer) throw new NotFoundError(missing('customer', handed.task.customerId));
      const visits = await store.query(
        `SELECT visited_at AS "visitedAt", remote, opinion, intention, expected_date::text AS "expectedDate", next_step AS "nextStep"
       FROM field_visits WHERE customer_id = $1 ORDER BY visited_at DESC LIMIT 3`,
        [customer.id],
      );
      const history = await store.query(
        `SELECT started_at AS "startedAt", result, note, talk_seconds AS "talkSeconds", u.display_name AS "agentName"
       FROM campaign_attempts a JOIN users u ON u.id = a.agent_id WHERE a.campaign_id = $1 AND a.customer_id = $2 ORDER BY started_at DESC LIMIT 10`,
        [handed.campaign.id, customer.id],
      );
      const full = seesFullNumbers(actor);
      const { rules } = handed.campaign;
      return {
        campaign: { id: handed.campaign.id, name: handed.campaign.name, script: handed.campaign.script, dialingMode: rules.dialingMode, dispositions: rules.dispositions },
        customer: {
          id: customer.id,
          name: customer.name,
          classCode: customer.class_code,
          className: { zh: customer.name_zh, en: customer.name_en },
          vipLevel: customer.vip_level,
          tags: customer.tags,
          notes: customer.notes,
          visits,
        },
        number: showPhone(handed.number, full),
        attempts: handed.task.attempts,
        maxAttempts: rules.maxAttempts,
        why: handed.why,
        nextAttemptAt: handed.task.nextAttemptAt,
        callId: handed.callId,
        dial: handed.dial,
        history,
      };
    }

    routes.post(
      '/api/v1/campaigns/tasks/next',
      {
        config: { roles: agentOnly },
        schema: { tags, summary: 'Your next customer (claimed for you), with the profile and the script; first the customer of a dial whose result is due, with the dial' },
      },
      async (request) => {
        const actor = actorOf(request);
        const handed = await desk.next(person(actor));
        const progress = await myProgress(actor.userId);
        if ('none' in handed) return { task: null, reason: handed.none.reason, nextAt: handed.none.nextAt, progress };
        return { task: await taskView(actor, handed), progress };
      },
    );

    routes.post(
      '/api/v1/campaigns/tasks/dial',
      { config: { roles: agentOnly }, schema: { tags, summary: 'Dial the customer in your hands, through the router', body: task } },
      async (request) => {
        const actor = actorOf(request);
        return { callId: await desk.dial(person(actor), request.body.campaignId, request.body.customerId) };
      },
    );

    routes.post(
      '/api/v1/campaigns/tasks/result',
      {
        config: { roles: agentOnly },
        schema: {
          tags,
          summary: 'Save the result of the last dial (a callback with its time); optionally finish wrap-up',
          body: task.extend({
            code: z.string().min(1).max(50),
            callbackAt: z.iso.datetime({ offset: true }).optional(),
            note: z.string().max(2000).optional(),
            finish: z.boolean().default(false),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { callbackAt, finish, ...saved } = request.body;
        const at = callbackAt === undefined ? undefined : Date.parse(callbackAt);
        const next = await desk.record(person(actor), { ...saved, ...(at === undefined ? {} : { callbackAt: at }) }, finish);
        return { status: next.status, attempts: next.attempts, nextAttemptAt: next.nextAttemptAt, progress: await myProgress(actor.userId) };
      },
    );

    routes.post(
      '/api/v1/campaigns/tasks/release',
      { config: { roles: agentOnly }, schema: { tags, summary: 'Give the customer in your hands back without dialling', body: task } },
      async (request) => {
        await desk.release(person(actorOf(request)), request.body.campaignId, request.body.customerId);
        return { ok: true };
      },
    );

    routes.get(
      '/api/v1/campaigns/my/progress',
      { config: { roles: agentOnly }, schema: { tags, summary: 'Your quota progress today ("32 / 50 effective calls") and figures' } },
      async (request) => myProgress(actorOf(request).userId),
    );
  },
  { name: 'campaigns', dependencies: ['floor'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    campaignDesk?: CampaignDesk;
  }
}
