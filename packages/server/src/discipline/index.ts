import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { disciplineRoutes } from './routes';

/**
 * Discipline points (扣分) from seed 000's 工作现场管理规定 and recognition (表扬, 树标杆): the
 * center's catalogue, items the leader records or accepts from the system's proposals, the agent's
 * contest and the leader's decision, the month's totals for the assessment, praise and the team's
 * model agent of the week. Access: agents their own, team leaders their team's.
 *
 * @example
 * await app.register(disciplinePlugin);
 * const totals = await monthlyPointTotals(store, '2026-01', agentIds); // Map agentId → points
 */
export const disciplinePlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(disciplineRoutes);
  },
  { name: 'discipline' },
);

export { monthlyPointTotals } from './totals';
export { recordPointIn } from './service';
