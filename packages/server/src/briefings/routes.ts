import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { briefingHolders } from '@banzu/contract';
import { localDate } from '@banzu/core';
import { actorOf } from '../auth/index';
import { loadCenter } from '../org/index';
import {
  briefingTeam,
  checkDate,
  confirmBriefing,
  decideProblem,
  decideProblemSchema,
  loadBriefing,
  loadDebrief,
  markAttendance,
  raiseProblem,
  raiseProblemSchema,
  saveBriefing,
  saveBriefingSchema,
} from './service';

const tags = ['briefings'];
const idParams = z.object({ id: z.string().min(1).max(100) });
/** The team (the caller's own when absent) and the local date (today when absent); the date is checked with a Chinese message. */
const dayQuery = z.object({ team: z.string().min(1).max(100).optional(), date: z.string().max(40).optional() });

/** 班前会 (the prepared agenda, the goal, publishing, attendance and confirmations) and 班后会 (problems raised and decided). */
export async function briefingRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;
  const day = async (date: string | undefined) => (date === undefined ? localDate(clock.now(), (await loadCenter(store)).timeZone) : checkDate(date));

  routes.get(
    '/api/v1/briefings',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary:
          "A team's briefing of a day: the agenda prepared from yesterday's figures, QA, the knowledge base, the roster and unsolved debrief problems; agents see it once published",
        querystring: dayQuery,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const date = await day(request.query.date);
      return loadBriefing(store, actor, await briefingTeam(store, actor, request.query.team), date);
    },
  );

  routes.post(
    '/api/v1/briefings',
    {
      config: { roles: briefingHolders },
      schema: { tags, summary: "Save the day's goal and points (team and date), and publish with publish: true", body: saveBriefingSchema },
    },
    async (request, reply) => reply.status(200).send(await saveBriefing(store, actorOf(request), request.body, clock.now())),
  );

  routes.post(
    '/api/v1/briefings/:id/attendance',
    {
      config: { roles: briefingHolders },
      schema: {
        tags,
        summary: 'Mark an agent present at the meeting (with the time), or take the mark back',
        params: idParams,
        body: z.object({ agentId: z.string().min(1).max(100), attended: z.boolean().default(true) }),
      },
    },
    (request) => markAttendance(store, actorOf(request), request.params.id, request.body.agentId, request.body.attended, clock.now()),
  );

  routes.post(
    '/api/v1/briefings/:id/confirm',
    { config: { roles: ['agent'] }, schema: { tags, summary: "An agent confirms having read the own team's published briefing", params: idParams } },
    (request) => confirmBriefing(store, actorOf(request), request.params.id, clock.now()),
  );

  routes.get(
    '/api/v1/debriefs',
    {
      config: { roles: 'any' },
      schema: { tags, summary: "A team's debrief of a day: problems raised then, and earlier ones not solved (an agent sees the own)", querystring: dayQuery },
    },
    async (request) => {
      const actor = actorOf(request);
      const date = await day(request.query.date);
      const team = await briefingTeam(store, actor, request.query.team);
      return loadDebrief(store, actor, team.id, date);
    },
  );

  routes.post(
    '/api/v1/debriefs/problems',
    {
      config: { roles: ['agent', ...briefingHolders] },
      schema: { tags, summary: "Raise a problem at the team's debrief (today unless a date is given)", body: raiseProblemSchema },
    },
    async (request, reply) => reply.status(201).send(await raiseProblem(store, actorOf(request), request.body, clock.now())),
  );

  routes.post(
    '/api/v1/debriefs/problems/:id/decision',
    {
      config: { roles: briefingHolders },
      schema: { tags, summary: 'Mark a problem solved with the answer, or not solved: it then carries over to the next briefing', params: idParams, body: decideProblemSchema },
    },
    (request) => decideProblem(store, actorOf(request), request.params.id, request.body, clock.now()),
  );
}
