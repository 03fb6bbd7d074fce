import { z } from 'zod';
import type { Actor } from '@banzu/core';
import type { TicketReport, TicketReportRow } from '@banzu/contract';
import { reportTeam } from '../access/index';
import type { Queryable } from '../store/index';

export const reportQuerySchema = z.object({
  by: z.enum(['type', 'team', 'assignee', 'month', 'customer']).default('type'),
  /** Tickets accepted from this date (inclusive) to that date (exclusive), in the center's zone. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  teamId: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  register: z.enum(['true', 'false']).optional(),
});

/** The key and label of each grouping; the month and dates are the center's. */
const groupings: Record<TicketReport['by'], { key: string; label: string }> = {
  type: { key: 't.type', label: 'max(tt.name)' },
  team: { key: "coalesce(t.team_id, '')", label: "coalesce(max(tm.name), '')" },
  assignee: { key: "coalesce(t.assignee_kind || ':' || t.assignee_id, '')", label: "coalesce(max(t.assignee_name), '')" },
  month: { key: "to_char(t.created_at AT TIME ZONE ce.time_zone, 'YYYY-MM')", label: "to_char(t.created_at AT TIME ZONE ce.time_zone, 'YYYY-MM')" },
  customer: { key: "coalesce(t.customer_id::text, '')", label: "coalesce(max(cu.name), '')" },
};

/**
 * Ticket figures per group: how many, closed, on-time rate (closed by the deadline), average
 * handling hours (acceptance to closing), reopen rate, bounces and the callbacks' satisfaction.
 * A team leader's are the own team's.
 *
 * @example
 * await ticketReport(store, leader, { by: 'month' });
 */
export async function ticketReport(db: Queryable, actor: Actor, q: z.infer<typeof reportQuerySchema>): Promise<TicketReport> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  const teamId = reportTeam(actor, q.teamId);
  if (teamId) add('t.team_id = ?', teamId);
  if (q.from) add('t.created_at >= (?::date::timestamp AT TIME ZONE ce.time_zone)', q.from);
  if (q.to) add('t.created_at < (?::date::timestamp AT TIME ZONE ce.time_zone)', q.to);
  if (q.type) add('t.type = ?', q.type);
  if (q.register) add('tt.register = ?', q.register === 'true');
  const g = groupings[q.by]!;
  const rows = await db.query<{
    key: string;
    label: string;
    tickets: number;
    closed: number;
    on_time: number;
    handling_hours: number | null;
    reopened: number;
    bounces: number;
    satisfaction: number | null;
  }>(
    `SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS tickets, count(t.closed_at)::int AS closed,
       count(*) FILTER (WHERE t.closed_at <= t.due_at)::int AS on_time,
       (avg(extract(epoch FROM t.closed_at - t.created_at)) / 3600)::float8 AS handling_hours,
       count(*) FILTER (WHERE t.reopens > 0)::int AS reopened, sum(t.bounces)::int AS bounces,
       avg((t.callback ->> 'satisfaction')::int)::float8 AS satisfaction
     FROM tickets t JOIN ticket_types tt ON tt.code = t.type CROSS JOIN (SELECT time_zone FROM centers ORDER BY created_at LIMIT 1) ce
       LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN customers cu ON cu.id = t.customer_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    by: q.by,
    rows: rows.map(
      (r): TicketReportRow => ({
        key: r.key,
        label: r.label,
        tickets: r.tickets,
        closed: r.closed,
        onTimeRate: ratio(r.on_time, r.closed),
        averageHandlingHours: r.handling_hours,
        reopenRate: ratio(r.reopened, r.tickets),
        bounces: r.bounces,
        satisfaction: r.satisfaction,
      }),
    ),
  };
}
