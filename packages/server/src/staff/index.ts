import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { staffRoutes } from './routes';

/**
 * Staff records (员工档案: hire date, probation, team moves, leaving with its reason, every edit kept),
 * turnover (流动率) per month and team from the reports, and promotion interviews (面试评分规则:
 * rubrics, rounds, each interviewer's sheet, totals, ranking, Excel). A team leader sees the own team.
 *
 * @example
 * await app.register(staffPlugin);
 */
export const staffPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(staffRoutes);
  },
  { name: 'staff' },
);

export { listStaff, loadStaff, saveStaff } from './records';
export { turnoverReport } from './turnover';
export { loadRound, openRound } from './interviews';
