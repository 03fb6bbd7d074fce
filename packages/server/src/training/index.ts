import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { trainingRoutes } from './routes';

/**
 * Training and exams (培训与考试) on the server: courses with materials (texts, links, calls of QA's
 * model-call library), exams a trainer writes and publishes to teams or agents for a window, agents'
 * answer sheets marked on hand-in, 每月考试成绩 and pass rates per cohort. The rules are core's
 * (`packages/core/src/training`).
 *
 * @example
 * await app.register(trainingPlugin);
 * const exam = await monthlyExamScores(store, '2026-01', agentIds); // Map agentId → mean percentage
 */
export const trainingPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(trainingRoutes);
  },
  { name: 'training' },
);

export { monthlyExamScores } from './scores';
