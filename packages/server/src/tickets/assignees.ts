import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ticketDispatchers, type TicketAssigneeNames } from '@banzu/contract';
import type { Queryable } from '../store/index';

/**
 * The departments and field teams tickets were assigned to before, the most used first: the assign
 * dialog offers them, so the same department is not typed two ways. They are names, not records:
 * a new one comes into use with its first assignment.
 */
export async function assigneeNames(db: Queryable): Promise<TicketAssigneeNames> {
  const rows = await db.query<{ kind: string; name: string }>(
    `SELECT detail->'to'->>'kind' AS kind, detail->'to'->>'name' AS name FROM ticket_steps
     WHERE action = 'assign' AND detail->'to'->>'kind' IN ('department', 'field_team')
     GROUP BY 1, 2 ORDER BY count(*) DESC, 2`,
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.name);
  return { departments: of('department'), fieldTeams: of('field_team') };
}

/** `GET /api/v1/ticket-assignees`: the names the assign dialog offers for departments and field teams. */
export async function assigneeRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/v1/ticket-assignees',
    { config: { roles: ticketDispatchers }, schema: { tags: ['tickets'], summary: 'Departments and field teams assigned to before, the most used first' } },
    () => assigneeNames(app.banzu.store),
  );
}
