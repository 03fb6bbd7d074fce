import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { assigneeRoutes } from './assignees';
import { ticketRoutes } from './routes';

/**
 * Tickets (工单) from 受理 to 回访: types with their SLA, first-contact ownership, assignment,
 * supervision (reminders and escalations on the server's clock), the leader's lists, export,
 * reports and notifications. Access: agents their own, team leaders their team's.
 *
 * @example
 * await app.register(ticketsPlugin);
 */
export const ticketsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(ticketRoutes);
    await app.register(assigneeRoutes);
  },
  { name: 'tickets' },
);

export { createTicket, listTickets, loadTicket, superviseTickets, ticketNo } from './service';
