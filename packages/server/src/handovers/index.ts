import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { handoverRoutes } from './routes';

/**
 * 交接班 (shift handover, seed 000) and the system fault log (seed 003): the outgoing leader writes the
 * five items pre-filled from what is open (tickets and callbacks near their deadline, agents away or
 * late, faults not over, QA disputes, unusual call volume), hands them to a named incoming leader who
 * acknowledges, and only then closes the shift. Leaders of the floor only; a team leader the own team.
 *
 * @example
 * await app.register(handoversPlugin);
 * const open = await openMatters(store, teamId, clock.now(), 'Asia/Shanghai'); // what a handover would list now
 */
export const handoversPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(handoverRoutes);
  },
  { name: 'handovers' },
);

export { openFaults } from './faults';
export { openMatters } from './open-matters';
