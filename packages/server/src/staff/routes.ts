import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { interviewOrganizers, staffEditors, staffViewers } from '@banzu/contract';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { ForbiddenError } from '../http/errors';
import { words } from '../http/messages';
import { sendWorkbook } from '../reports/index';
import { exportLanguage } from '../spreadsheet/index';
import { rankingWorkbook } from './export';
import { listRounds, listRubrics, loadRound, openRound, roundSchema, rubricSchema, saveRubric, saveScores, scoresSchema, submitSheet } from './interviews';
import { listStaff, loadStaff, saveStaff, staffRecordPatchSchema } from './records';
import { turnoverQuerySchema, turnoverReport } from './turnover';

const tags = ['staff'];
const agentParams = z.object({ agentId: z.string().min(1) });
const idParams = z.object({ id: z.string().min(1) });
/** Interviewers are named per round: whoever is on a panel may open it, the service checks the panel. */
const panelRoles = ['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] as const;

/** Staff records (员工档案), turnover (流动率), promotion interviews (面试评分规则). */
export async function staffRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get(
    '/api/v1/staff/records',
    {
      config: { roles: staffViewers },
      schema: {
        tags,
        summary: 'Agents with hire date, probation, tenure and leaving; a team leader sees the own team',
        querystring: z.object({ teamId: z.string().min(1).optional() }),
      },
    },
    async (request) => ({ items: await listStaff(store, actorOf(request), request.query, clock.now()) }),
  );

  routes.get(
    '/api/v1/staff/records/:agentId',
    { config: { roles: staffViewers }, schema: { tags, summary: "One agent's record with every edit (who, when, before and after) and the team moves", params: agentParams } },
    (request) => loadStaff(store, actorOf(request), request.params.agentId, clock.now()),
  );

  routes.put(
    '/api/v1/staff/records/:agentId',
    {
      config: { roles: staffEditors },
      schema: {
        tags,
        summary: 'Create or change a record: hire date, probation end and outcome, leaving date and reason; every edit is kept',
        params: agentParams,
        body: staffRecordPatchSchema,
      },
    },
    (request) => saveStaff(store, actorOf(request), request.params.agentId, request.body, clock.now()),
  );

  routes.get(
    '/api/v1/staff/turnover',
    { config: { roles: staffViewers }, schema: { tags, summary: 'Turnover (流动率) per month and team, with the leavers by reason', querystring: turnoverQuerySchema } },
    (request) => turnoverReport(store, actorOf(request), request.query),
  );

  routes.get(
    '/api/v1/interviews/rubrics',
    { config: { roles: interviewOrganizers }, schema: { tags, summary: 'Interview rubrics: seed 000’s built-ins and the center’s own' } },
    () => listRubrics(store),
  );

  routes.post(
    '/api/v1/interviews/rubrics',
    { config: { roles: interviewOrganizers }, schema: { tags, summary: 'A new rubric (questions, scoring bands, key points, reference answers)', body: rubricSchema } },
    async (request, reply) => reply.status(201).send(await saveRubric(store, actorOf(request), request.body, undefined, clock.now())),
  );

  routes.put(
    '/api/v1/interviews/rubrics/:id',
    {
      config: { roles: interviewOrganizers },
      schema: { tags, summary: 'Change one of the center’s rubrics (built-ins are copied instead)', params: idParams, body: rubricSchema },
    },
    (request) => saveRubric(store, actorOf(request), request.body, request.params.id, clock.now()),
  );

  routes.get(
    '/api/v1/interviews/rounds',
    { config: { roles: panelRoles }, schema: { tags, summary: 'Interview rounds: all for organizers, the own panels for interviewers' } },
    (request) => listRounds(store, actorOf(request)),
  );

  routes.post(
    '/api/v1/interviews/rounds',
    { config: { roles: interviewOrganizers }, schema: { tags, summary: 'Open a round: rubric, questions asked, candidates (agents), interviewers', body: roundSchema } },
    async (request, reply) => reply.status(201).send(await openRound(store, actorOf(request), request.body, clock.now())),
  );

  routes.get(
    '/api/v1/interviews/rounds/:id',
    {
      config: { roles: panelRoles },
      schema: { tags, summary: 'A round: the own score sheet, and the ranking for organizers and for interviewers who submitted', params: idParams },
    },
    (request) => loadRound(store, actorOf(request), request.params.id),
  );

  routes.put(
    '/api/v1/interviews/rounds/:id/scores',
    { config: { roles: panelRoles }, schema: { tags, summary: "The caller's points per candidate and question (a draft until submitted)", params: idParams, body: scoresSchema } },
    (request) => saveScores(store, actorOf(request), request.params.id, request.body.scores, clock.now()),
  );

  routes.post(
    '/api/v1/interviews/rounds/:id/submit',
    { config: { roles: panelRoles }, schema: { tags, summary: "Hand in the caller's complete sheet: final, and it counts in the totals", params: idParams } },
    (request) => submitSheet(store, actorOf(request), request.params.id, clock.now()),
  );

  routes.get(
    '/api/v1/interviews/rounds/:id/ranking.xlsx',
    { config: { roles: interviewOrganizers }, schema: { tags, summary: 'The ranking as an Excel workbook (面试评分汇总)', params: idParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const round = await loadRound(store, actor, request.params.id);
      if (!round.ranking) throw new ForbiddenError(words('interview.ranking_after_submit'));
      const xlsx = await rankingWorkbook(round, exportLanguage(request));
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'interview_ranking', rowCount: round.ranking.length, detail: { roundId: round.id } });
      return sendWorkbook(reply, `interview-ranking-${round.heldOn}.xlsx`, xlsx);
    },
  );
}
