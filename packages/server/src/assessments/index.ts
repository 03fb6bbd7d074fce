import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { assessmentRoutes } from './routes';

/**
 * 月度考核: each agent's monthly sheet from the system's own data (KPIs against target from the
 * reports, QA score, attendance and leave from WFM, discipline points, exam scores), weighted by the
 * center, ranked in team and center, with seed 003's bonus; the leader's comment, the agent's
 * confirmation that freezes the figures, and the paper form as Excel. Access: agents their own
 * sheet, team leaders their team's.
 *
 * @example
 * await app.register(assessmentsPlugin);
 * const items = await monthAssessments(store, '2026-01', clock.now());
 */
export const assessmentsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(assessmentRoutes);
  },
  { name: 'assessments' },
);

export { loadAssessmentRules, monthAssessments, type AssessmentItem } from './service';
