import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/index';
import { loadCenter } from '../org/index';
import type { Queryable } from '../store/index';
import {
  acknowledge,
  confirmOverdue,
  dispute,
  evaluationSchema,
  listEvaluations,
  loadEvaluation,
  resolutionSchema,
  resolveDispute,
  resolvers,
  scoreCall,
  scorers,
  type QaContext,
} from './evaluations';
import { checkedForm, createForm, formSchema, formVersions, listForms, loadForm, loadQaSettings, reviseForm, saveQaSettings, settingsSchema } from './forms';

const tags = ['qa'];
/** Who writes the scoring standard: QA sets it (seed 003), supervisors and managers own it. */
const formEditors = ['qa', 'supervisor', 'manager', 'admin'] as const;
/** Who reads the forms: everyone who scores, and trainers who teach from them. */
const formReaders = [...scorers, 'trainer'] as const;
const idParams = z.object({ id: z.string().min(1) });

/**
 * Quality assurance over HTTP: scoring sheets and their versions, evaluations of calls, the agent's
 * acknowledgement (签字) or dispute and the QA lead's decision, and the center's QA settings.
 */
export const qaPlugin = fastifyPlugin(
  async function qaRoutes(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const { store, log, clock } = app.banzu;

    /** A transaction with the QA context, after confirming what passed its deadline meanwhile. */
    const withQa = <T>(work: (tx: Queryable, ctx: QaContext) => Promise<T>) =>
      store.transaction(async (tx) => {
        const center = await loadCenter(tx);
        const ctx: QaContext = { log, now: clock.now(), timeZone: center.timeZone, holidays: center.holidays, settings: await loadQaSettings(tx) };
        await confirmOverdue(tx, ctx);
        return work(tx, ctx);
      });

    routes.get('/api/v1/qa/forms', { config: { roles: formReaders }, schema: { tags, summary: 'The scoring sheets in use, each at its newest version' } }, () => listForms(store));

    routes.post(
      '/api/v1/qa/forms',
      {
        config: { roles: formEditors },
        schema: { tags, summary: 'Create a scoring sheet: sections of weighted items, N/A and fatal (致命项) items; it is version 1', body: formSchema },
      },
      async (request, reply) => {
        const form = checkedForm(request.body);
        return reply.status(201).send(await store.transaction((tx) => createForm(tx, actorOf(request).userId, form)));
      },
    );

    routes.get(
      '/api/v1/qa/forms/:id',
      {
        config: { roles: formReaders },
        schema: {
          tags,
          summary: 'A scoring sheet at its newest or a given version',
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        },
      },
      (request) => loadForm(store, request.params.id, request.query.version),
    );

    routes.get(
      '/api/v1/qa/forms/:id/versions',
      { config: { roles: formReaders }, schema: { tags, summary: 'Every version of a scoring sheet, newest first', params: idParams } },
      (request) => formVersions(store, request.params.id),
    );

    routes.put(
      '/api/v1/qa/forms/:id',
      { config: { roles: formEditors }, schema: { tags, summary: 'Edit a scoring sheet: makes its next version; evaluations keep theirs', params: idParams, body: formSchema } },
      async (request) => {
        const form = checkedForm(request.body);
        return store.transaction((tx) => reviseForm(tx, actorOf(request).userId, request.params.id, form));
      },
    );

    routes.post(
      '/api/v1/qa/evaluations',
      {
        // Agents reach the handler only to be told they may not score (their own call is a 400, as the contract says).
        config: { roles: [...scorers, 'agent'] },
        schema: { tags, summary: 'Score a call on a scoring sheet: 0-100, fatal when a 致命项 failed; the agent is asked to sign or dispute', body: evaluationSchema },
      },
      async (request, reply) => reply.status(201).send(await withQa((tx, ctx) => scoreCall(tx, actorOf(request), request.body, ctx))),
    );

    routes.get(
      '/api/v1/qa/evaluations',
      {
        config: { roles: 'any' },
        schema: {
          tags,
          summary: 'Evaluations newest first: an agent sees the own, a team leader the team’s',
          querystring: z.object({
            agentId: z.string().min(1).optional(),
            teamId: z.string().min(1).optional(),
            inspectorId: z.string().min(1).optional(),
            callId: z.string().min(1).optional(),
            status: z.enum(['pending', 'disputed', 'confirmed']).optional(),
            purpose: z.enum(['evaluation', 'calibration']).optional(),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
        },
      },
      (request) => withQa((tx) => listEvaluations(tx, actorOf(request), request.query)),
    );

    routes.get('/api/v1/qa/evaluations/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One evaluation with its items and comments', params: idParams } }, (request) =>
      withQa((tx) => loadEvaluation(tx, actorOf(request), request.params.id)),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/acknowledge',
      { config: { roles: ['agent'] }, schema: { tags, summary: 'The agent signs (签字) the evaluation after hearing the recording', params: idParams } },
      (request) => withQa((tx, ctx) => acknowledge(tx, actorOf(request), request.params.id, ctx)),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/dispute',
      {
        config: { roles: ['agent'] },
        schema: {
          tags,
          summary: 'The agent disputes the evaluation before the deadline, with the reason',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        },
      },
      (request) => withQa((tx, ctx) => dispute(tx, actorOf(request), request.params.id, request.body.reason, ctx)),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/resolve',
      {
        config: { roles: resolvers },
        schema: { tags, summary: 'A QA lead upholds or changes a disputed score, with the reason', params: idParams, body: resolutionSchema },
      },
      (request) => withQa((tx, ctx) => resolveDispute(tx, actorOf(request), request.params.id, request.body, ctx)),
    );

    routes.get('/api/v1/qa/settings', { config: { roles: 'any' }, schema: { tags, summary: 'The center’s QA settings: deadline, penalty ladder, sampling plan, QA star' } }, () =>
      loadQaSettings(store),
    );

    routes.patch(
      '/api/v1/qa/settings',
      { config: { roles: formEditors }, schema: { tags, summary: 'Change the QA settings it names', body: settingsSchema.partial() } },
      (request) => store.transaction((tx) => saveQaSettings(tx, request.body)),
    );
  },
  { name: 'qa', dependencies: [] },
);
