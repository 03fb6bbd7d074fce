import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { briefingRoutes } from './routes';

/**
 * 班前会 and 班后会 (seed 002) on the server: the agenda prepared for the leader from the reports,
 * QA, the knowledge base, the roster and the unsolved debrief problems; the goal and publishing;
 * attendance marked at the meeting and confirmations from the desktop; problems raised at the
 * debrief and decided. Access: a leader and an agent their own team, the floor roles every team.
 *
 * @example
 * await app.register(briefingsPlugin);
 * await monthlyBriefingAttendance(store, '2026-01', agentIds); // [{ agentId, held, attended, confirmed, missed }]
 */
export const briefingsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(briefingRoutes);
  },
  { name: 'briefings' },
);

export { buildAgenda, monthlyBriefingAttendance } from './service';
