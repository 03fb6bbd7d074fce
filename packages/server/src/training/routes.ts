import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { examResultReaders, trainers } from '@banzu/contract';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { sendWorkbook } from '../reports/excel';
import { courseSchema, createCourse, listCourses, loadCourse, updateCourse } from './courses';
import { examPaperFor, examSchema, createExam, listExams, loadExam, myExams, publishExam, publishSchema, submissionSchema, submitAnswers, updateExam } from './exams';
import { exportLanguage } from '../spreadsheet/index';
import { examScoresWorkbook } from './export';
import { examResults, monthlyScores } from './results';

const tags = ['training'];
const idParams = z.object({ id: z.string().min(1) });
const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'org.month_format'), team: z.string().min(1).optional() });
const agents = ['agent'] as const;

/** Courses, exams, the agent's papers and hand-ins, results, monthly scores and their export. */
export async function trainingRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get('/api/v1/training/courses', { config: { roles: 'any' }, schema: { tags, summary: 'Courses with their materials' } }, async () => ({
    items: await listCourses(store),
  }));
  routes.get('/api/v1/training/courses/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One course', params: idParams } }, (request) =>
    loadCourse(store, request.params.id),
  );
  routes.post('/api/v1/training/courses', { config: { roles: trainers }, schema: { tags, summary: 'A new course', body: courseSchema } }, async (request, reply) =>
    reply.status(201).send(await store.transaction((tx) => createCourse(tx, actorOf(request), request.body, clock.now()))),
  );
  routes.put(
    '/api/v1/training/courses/:id',
    { config: { roles: trainers }, schema: { tags, summary: 'Change a course and its materials', params: idParams, body: courseSchema } },
    (request) => store.transaction((tx) => updateCourse(tx, actorOf(request), request.params.id, request.body, clock.now())),
  );

  routes.get('/api/v1/training/exams', { config: { roles: examResultReaders }, schema: { tags, summary: 'Exams in your scope' } }, async (request) => ({
    items: await listExams(store, actorOf(request)),
  }));
  routes.post(
    '/api/v1/training/exams',
    { config: { roles: trainers }, schema: { tags, summary: 'A new exam (a draft) with its questions and pass mark', body: examSchema } },
    async (request, reply) => reply.status(201).send(await store.transaction((tx) => createExam(tx, actorOf(request), request.body, clock.now()))),
  );
  routes.get('/api/v1/training/exams/:id', { config: { roles: trainers }, schema: { tags, summary: 'An exam with its correct answers', params: idParams } }, (request) =>
    loadExam(store, request.params.id),
  );
  routes.put('/api/v1/training/exams/:id', { config: { roles: trainers }, schema: { tags, summary: 'Change a draft exam', params: idParams, body: examSchema } }, (request) =>
    store.transaction((tx) => updateExam(tx, actorOf(request), request.params.id, request.body, clock.now())),
  );
  routes.post(
    '/api/v1/training/exams/:id/publish',
    { config: { roles: trainers }, schema: { tags, summary: 'Publish a draft to teams or agents for a window', params: idParams, body: publishSchema } },
    (request) => store.transaction((tx) => publishExam(tx, actorOf(request), request.params.id, request.body, clock.now())),
  );
  routes.get(
    '/api/v1/training/exams/:id/results',
    { config: { roles: examResultReaders }, schema: { tags, summary: "Each taker's best sheet and the pass rate per team and hire month", params: idParams } },
    (request) => examResults(store, actorOf(request), request.params.id),
  );

  routes.get('/api/v1/training/my-exams', { config: { roles: agents }, schema: { tags, summary: 'The exams you take (我的考试)' } }, async (request) => ({
    items: await myExams(store, actorOf(request), clock.now()),
  }));
  routes.get(
    '/api/v1/training/my-exams/:id',
    { config: { roles: agents }, schema: { tags, summary: 'The paper without answers, your sheets, and the answers once the exam closed', params: idParams } },
    (request) => examPaperFor(store, actorOf(request), request.params.id, clock.now()),
  );
  routes.post(
    '/api/v1/training/my-exams/:id/submissions',
    { config: { roles: agents }, schema: { tags, summary: 'Hand in your answers: marked at once, once inside the window', params: idParams, body: submissionSchema } },
    async (request, reply) => reply.status(201).send(await store.transaction((tx) => submitAnswers(tx, actorOf(request), request.params.id, request.body.answers, clock.now()))),
  );

  routes.get(
    '/api/v1/training/scores',
    { config: { roles: 'any' }, schema: { tags, summary: '每月考试成绩: agents their own, leaders their team, the floor every team', querystring: monthQuery } },
    (request) => monthlyScores(store, actorOf(request), request.query.month, request.query.team),
  );
  routes.get(
    '/api/v1/training/scores/export.xlsx',
    { config: { roles: examResultReaders }, schema: { tags, summary: "The month's exam scores as an Excel workbook", querystring: monthQuery } },
    async (request, reply) => {
      const actor = actorOf(request);
      const scores = await monthlyScores(store, actor, request.query.month, request.query.team);
      const xlsx = await examScoresWorkbook(scores, exportLanguage(request));
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'exam_scores', rowCount: scores.items.length, detail: { query: request.query } });
      return sendWorkbook(reply, `exam-scores-${scores.month}.xlsx`, xlsx);
    },
  );
}
