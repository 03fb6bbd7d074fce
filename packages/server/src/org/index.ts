import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { centerRoutes } from './center';
import { queueRoutes } from './queues';
import { skillRoutes } from './skills';
import { teamRoutes } from './teams';
import { userRoutes } from './users';

/**
 * The organisation: center, sites, teams, users and agents, skills, queues.
 *
 * @example
 * await app.register(orgPlugin); // after floorPlugin: the floor takes organisation changes up
 */
export const orgPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(centerRoutes);
    await app.register(teamRoutes);
    await app.register(userRoutes);
    await app.register(skillRoutes);
    await app.register(queueRoutes);
  },
  { name: 'org', dependencies: ['floor'] },
);

export { centerMonth, centerTimeZone, checkMonth, createCenter, loadCenter, monthSchema, reportMonths } from './center';
export { createQueue, listQueues, loadQueue, queueOfNumber } from './queues';
export { createSkill } from './skills';
export { createSite, createTeam } from './teams';
export { listProfiles, loadProfile } from './profile';
export { createUser, type NewUser } from './users';
