import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '@banzu/core';
import { actorOf } from '../auth/index';
import type { Queryable } from '../store/index';
import { calibrationMonth, closeSession, listSessions, loadSession, openSession, scoreSession, sessionListSchema, sessionSchema, sessionSheetSchema } from './calibration';
import type { QaContext } from './evaluations';
import { bookFine, doneSchema, fineSchema, markPenaltyDone, penaltyKeepers, penaltyStandings, standingQuerySchema } from './penalties';

const tags = ['qa'];
const idParams = z.object({ id: z.string().min(1) });
/** Who runs calibration sessions and is invited to them: QA and the floor's leads. */
const calibrators = ['qa', 'supervisor', 'manager', 'admin'] as const;

type WithQa = <T>(work: (tx: Queryable, ctx: QaContext) => Promise<T>) => Promise<T>;

/**
 * What QA leads and team leaders run on top of the evaluations: calibration sessions (校准) with
 * invited inspectors, and the penalty ladder's follow-through. `withQa` is the QA plugin's
 * transaction with its context.
 */
export function leadsRoutes(app: FastifyInstance, withQa: WithQa): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.post(
    '/api/v1/qa/calibration-sessions',
    {
      config: { roles: calibrators },
      schema: { tags, summary: 'Open a calibration session: a call, a sheet version and the inspectors invited to score it blind', body: sessionSchema },
    },
    async (request, reply) => reply.status(201).send(await store.transaction((tx) => openSession(tx, actorOf(request), request.body, clock.now()))),
  );

  routes.get(
    '/api/v1/qa/calibration-sessions',
    {
      config: { roles: calibrators },
      schema: { tags, summary: 'Calibration sessions of a month (the latest when none is named) with their spread and Fleiss’ kappa', querystring: sessionListSchema },
    },
    (request) => withQa((tx, ctx) => listSessions(tx, actorOf(request), request.query.month, ctx.timeZone)),
  );

  routes.get(
    '/api/v1/qa/calibration-sessions/:id',
    {
      config: { roles: calibrators },
      schema: { tags, summary: 'One calibration session: an invitee who has not scored sees who has, not their sheets', params: idParams },
    },
    (request) => loadSession(store, actorOf(request), request.params.id),
  );

  routes.post(
    '/api/v1/qa/calibration-sessions/:id/sheets',
    {
      config: { roles: calibrators },
      schema: { tags, summary: 'An invitee scores the session’s call on its sheet (a calibration sheet: it counts nowhere else)', params: idParams, body: sessionSheetSchema },
    },
    async (request, reply) => reply.status(201).send(await withQa((tx, ctx) => scoreSession(tx, actorOf(request), request.params.id, request.body, ctx))),
  );

  routes.post(
    '/api/v1/qa/calibration-sessions/:id/close',
    {
      config: { roles: calibrators },
      schema: {
        tags,
        summary: 'Close a calibration session (its creator or a floor lead): no more sheets, the kappa is final, unscored invitations leave the queues; audited',
        params: idParams,
      },
    },
    (request) => store.transaction((tx) => closeSession(tx, actorOf(request), request.params.id, clock.now())),
  );

  routes.get(
    '/api/v1/qa/calibration-items',
    {
      config: { roles: calibrators },
      schema: {
        tags,
        summary: 'Agreement per item (Fleiss’ kappa) over a month’s calibration sessions, the least agreed first',
        querystring: z.object({ month: sessionListSchema.shape.month }),
      },
    },
    (request) => withQa((tx, ctx) => calibrationMonth(tx, request.query.month ?? localDate(ctx.now, ctx.timeZone).slice(0, 7), ctx.timeZone)),
  );

  routes.get(
    '/api/v1/qa/penalties',
    {
      config: { roles: penaltyKeepers },
      schema: {
        tags,
        summary: 'Agents by their current penalty step with what is left to do (slip, fine, the step itself): a team leader the own team',
        querystring: standingQuerySchema,
      },
    },
    (request) => withQa((tx, ctx) => penaltyStandings(tx, actorOf(request), request.query, ctx)),
  );

  routes.post(
    '/api/v1/qa/penalties/:id/done',
    {
      config: { roles: penaltyKeepers },
      schema: {
        tags,
        summary: 'Record that an evaluation’s penalty step was carried out (warning given, interview held, slip signed on paper)',
        params: idParams,
        body: doneSchema,
      },
    },
    (request) => withQa((tx, ctx) => markPenaltyDone(tx, actorOf(request), request.params.id, request.body.note, ctx)),
  );

  routes.post(
    '/api/v1/qa/penalties/:id/fine',
    {
      config: { roles: penaltyKeepers },
      schema: { tags, summary: 'Book a fine step (经济扣罚) as a discipline item (扣分) linked to the evaluation', params: idParams, body: fineSchema },
    },
    (request) => withQa((tx, ctx) => bookFine(tx, actorOf(request), request.params.id, request.body, ctx)),
  );
}
