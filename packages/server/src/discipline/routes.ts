import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { disciplineCatalogueEditors, disciplineDeciders, disciplineRecorders } from '@banzu/contract';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import { centerTimeZone } from '../org/index';
import { sendWorkbook } from '../reports/excel';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import { disciplineWorkbook } from './export';
import {
  actOnPoint,
  chooseModel,
  decideProposal,
  findProposals,
  listModels,
  listPoints,
  listPraise,
  listRules,
  listSchema,
  modelSchema,
  praiseSchema,
  putRule,
  recordPoint,
  recordSchema,
  recordPraise,
  ruleCode,
  ruleSchema,
} from './service';

const tags = ['discipline'];
const idParams = z.object({ id: z.string().min(1) });
const note = z.object({ note: z.string().trim().max(2000).default('') }).default({ note: '' });

/** Discipline points (扣分), their catalogue, contests, the system's proposals, praise and the model agent of the week. */
export async function disciplineRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get('/api/v1/discipline/rules', { config: { roles: 'any' }, schema: { tags, summary: 'The catalogue (扣分细则): code, rule, points, category, active' } }, () =>
    listRules(store),
  );

  routes.put(
    '/api/v1/discipline/rules/:code',
    {
      config: { roles: disciplineCatalogueEditors },
      schema: { tags, summary: 'Add or change a rule of the catalogue (audited with before and after)', params: z.object({ code: z.string() }), body: ruleSchema },
    },
    (request) => {
      const code = ruleCode.safeParse(request.params.code);
      if (!code.success) throw new BadRequestError(words('discipline.rule_code'), { field: 'code' });
      return putRule(store, actorOf(request), code.data, request.body, clock.now());
    },
  );

  routes.post(
    '/api/v1/discipline/points',
    { config: { roles: disciplineRecorders }, schema: { tags, summary: 'Record an item (扣分) for an agent of your team', body: recordSchema } },
    async (request, reply) => reply.status(201).send(await recordPoint(store, actorOf(request), request.body, clock.now())),
  );

  routes.get(
    '/api/v1/discipline/points',
    {
      config: { roles: 'any' },
      schema: { tags, summary: "A month's items with each agent's total: an agent the own, a team leader the team's", querystring: listSchema },
    },
    (request) => listPoints(store, actorOf(request), request.query, clock.now()),
  );

  routes.get(
    '/api/v1/discipline/points/export.xlsx',
    { config: { roles: disciplineDeciders }, schema: { tags, summary: "The month's items and totals as an Excel workbook", querystring: listSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const page = await listPoints(store, actor, request.query, clock.now());
      const teamId = request.query.teamId ?? actor.teamId;
      const [team] = teamId ? await store.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [teamId]) : [];
      const language = exportLanguage(request);
      const xlsx = await disciplineWorkbook(page, team?.name ?? inLanguage(language, '全部班组', 'All teams'), await centerTimeZone(store), language);
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'discipline_points', rowCount: page.items.length, detail: { query: request.query } });
      return sendWorkbook(reply, `discipline-${page.month}.xlsx`, xlsx);
    },
  );

  routes.post(
    '/api/v1/discipline/points/:id/contest',
    {
      config: { roles: 'any' },
      schema: { tags, summary: 'The agent contests the own item (申诉), with a reason', params: idParams, body: z.object({ reason: z.string().max(2000).default('') }) },
    },
    (request) => actOnPoint(store, actorOf(request), request.params.id, { type: 'contest', reason: request.body.reason }, clock.now()),
  );

  for (const decision of ['uphold', 'withdraw'] as const) {
    routes.post(
      `/api/v1/discipline/points/:id/${decision}`,
      {
        config: { roles: disciplineDeciders },
        schema: { tags, summary: decision === 'uphold' ? 'Uphold a contested item (维持)' : 'Withdraw an item (撤销): it no longer counts', params: idParams, body: note },
      },
      (request) => actOnPoint(store, actorOf(request), request.params.id, { type: decision, note: request.body.note }, clock.now()),
    );
  }

  routes.get(
    '/api/v1/discipline/proposals',
    {
      config: { roles: disciplineDeciders },
      schema: {
        tags,
        summary: "Items the system proposes from its data for the team's month (not-ready without a reason, late login)",
        querystring: listSchema.omit({ agentId: true }),
      },
    },
    async (request) => ({ items: await findProposals(store, actorOf(request), request.query, clock.now()) }),
  );

  for (const decision of ['accept', 'dismiss'] as const) {
    routes.post(
      `/api/v1/discipline/proposals/:id/${decision}`,
      {
        config: { roles: disciplineDeciders },
        schema: { tags, summary: decision === 'accept' ? 'Accept a proposal: it is recorded as an item' : 'Dismiss a proposal', params: idParams, body: note },
      },
      (request) => decideProposal(store, actorOf(request), request.params.id, decision, request.body.note, clock.now()),
    );
  }

  routes.post(
    '/api/v1/discipline/praise',
    { config: { roles: disciplineRecorders }, schema: { tags, summary: 'Record praise (表扬) for an agent of your team', body: praiseSchema } },
    async (request, reply) => reply.status(201).send(await recordPraise(store, actorOf(request), request.body, clock.now())),
  );

  routes.get(
    '/api/v1/discipline/praise',
    { config: { roles: 'any' }, schema: { tags, summary: "A month's praise: an agent the own, a team leader the team's", querystring: listSchema } },
    async (request) => ({ items: await listPraise(store, actorOf(request), request.query, clock.now()) }),
  );

  routes.put(
    '/api/v1/discipline/model-agent',
    { config: { roles: disciplineDeciders }, schema: { tags, summary: "Pick the team's model agent of the week (树标杆); the week defaults to this one", body: modelSchema } },
    (request) => chooseModel(store, actorOf(request), request.body, clock.now()),
  );

  routes.get(
    '/api/v1/discipline/model-agent',
    {
      config: { roles: 'any' },
      schema: { tags, summary: "The team's model agents, newest week first: the whole team sees them", querystring: z.object({ teamId: z.string().min(1).optional() }) },
    },
    async (request) => ({ items: await listModels(store, actorOf(request), request.query.teamId) }),
  );
}
