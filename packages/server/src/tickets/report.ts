import { z } from 'zod';
import { addTicketTallies, computeTicketMetrics, ticketMetricDictionary, type Actor, type TicketTally } from '@banzu/core';
import type { TicketFigures, TicketReport, TicketReportRow } from '@banzu/contract';
import { reportTeam } from '../access/index';
import { tableWorkbook, type SheetColumn } from '../reports/excel';
import { inLanguage, type ExportLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';

export const reportQuerySchema = z
  .object({
    by: z.enum(['type', 'team', 'assignee', 'month', 'customer'], { message: 'tickets.report_by' }).default('type'),
    /** Tickets accepted from this date (inclusive) to that date (exclusive), in the center's zone. */
    from: z.iso.date({ message: 'tickets.report_from' }).optional(),
    to: z.iso.date({ message: 'tickets.report_to' }).optional(),
    teamId: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    register: z.enum(['true', 'false'], { message: 'tickets.register_filter' }).optional(),
    format: z.enum(['json', 'xlsx'], { message: 'tickets.report_format' }).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'tickets.report_reversed', path: ['to'] });
export type TicketReportQuery = z.infer<typeof reportQuerySchema>;

/** The key and label of each grouping; the month and dates are the center's. */
const groupings: Record<TicketReport['by'], { key: string; label: string }> = {
  type: { key: 't.type', label: 'max(tt.name)' },
  team: { key: "coalesce(t.team_id, '')", label: "coalesce(max(tm.name), '')" },
  assignee: { key: "coalesce(t.assignee_kind || ':' || t.assignee_id, '')", label: "coalesce(max(t.assignee_name), '')" },
  month: { key: "to_char(t.created_at AT TIME ZONE ce.time_zone, 'YYYY-MM')", label: "to_char(t.created_at AT TIME ZONE ce.time_zone, 'YYYY-MM')" },
  customer: { key: "coalesce(t.customer_id::text, '')", label: "coalesce(max(cu.name), '')" },
};

/** A group's figures, each by its definition in the ticket metric dictionary (core metrics/tickets). */
function figuresOf(tally: TicketTally): TicketFigures {
  const m = computeTicketMetrics(tally);
  return {
    tickets: tally.tickets,
    closed: tally.closed,
    onTimeRate: m.ticketOnTimeRate ?? null,
    averageHandlingHours: m.ticketHandlingHours ?? null,
    reopenRate: m.ticketReopenRate ?? null,
    bounces: tally.bounces,
    satisfaction: m.callbackSatisfaction ?? null,
  };
}

/**
 * Ticket figures per group, every ticket accepted in the period in exactly one row (none: the row
 * keyed ''), and their total: how many, closed, on-time rate, handling hours, reopen rate, bounces,
 * callback satisfaction, and tickets per customer on file (seed 002 P11). A team leader's are the
 * own team's. Definitions: the ticket metrics of docs/metrics.md.
 *
 * @example
 * await ticketReport(store, leader, { by: 'month', type: 'complaint', format: 'json' });
 */
export async function ticketReport(db: Queryable, actor: Actor, q: Omit<TicketReportQuery, 'format'>): Promise<TicketReport> {
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
  const g = groupings[q.by];
  const center = '(SELECT time_zone FROM centers ORDER BY created_at LIMIT 1) ce';
  const rows = await db.query<{
    key: string;
    label: string;
    tickets: number;
    closed: number;
    closed_on_time: number;
    handling_seconds: number;
    reopened: number;
    bounces: number;
    satisfaction_sum: number;
    satisfaction_answers: number;
  }>(
    `SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS tickets, count(t.closed_at)::int AS closed,
       count(*) FILTER (WHERE t.closed_at <= t.due_at)::int AS closed_on_time,
       coalesce(sum(extract(epoch FROM t.closed_at - t.created_at)), 0)::float8 AS handling_seconds,
       count(*) FILTER (WHERE t.reopens > 0)::int AS reopened, coalesce(sum(t.bounces), 0)::int AS bounces,
       coalesce(sum((t.callback ->> 'satisfaction')::int), 0)::int AS satisfaction_sum, count(t.callback ->> 'satisfaction')::int AS satisfaction_answers
     FROM tickets t JOIN ticket_types tt ON tt.code = t.type CROSS JOIN ${center}
       LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN customers cu ON cu.id = t.customer_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const tallies = rows.map((r) => ({
    key: r.key,
    label: r.label,
    tally: {
      tickets: r.tickets,
      closed: r.closed,
      closedOnTime: r.closed_on_time,
      handlingSeconds: r.handling_seconds,
      reopened: r.reopened,
      bounces: r.bounces,
      satisfactionSum: r.satisfaction_sum,
      satisfactionAnswers: r.satisfaction_answers,
    },
  }));
  const total = addTicketTallies(...tallies.map((r) => r.tally));
  // Customers on file when the period ended: those created before its end, or all of them.
  const [customers] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers c CROSS JOIN ${center} ${q.to ? 'WHERE c.created_at < ($1::date::timestamp AT TIME ZONE ce.time_zone)' : ''}`,
    q.to ? [q.to] : [],
  );
  const onFile = customers?.n ?? 0;
  return {
    by: q.by,
    rows: tallies.map((r): TicketReportRow => ({ key: r.key, label: r.label, ...figuresOf(r.tally) })),
    total: figuresOf(total),
    customers: onFile,
    ticketsPerCustomer: computeTicketMetrics(total, { customers: onFile }).ticketsPerCustomer ?? null,
  };
}

const groupingNames: Record<TicketReport['by'], [string, string]> = {
  type: ['类型', 'Type'],
  team: ['班组', 'Team'],
  assignee: ['承办', 'Assignee'],
  month: ['月份', 'Month'],
  customer: ['客户', 'Customer'],
};

/** Each figure's Excel format by its unit: ratios as percentages, hours and ratings to a tenth. */
const formats: Record<string, string | undefined> = { ratio: '0.0%', hours: '0.0', rating: '0.0' };
const figureOf: Record<string, keyof TicketFigures> = {
  tickets: 'tickets',
  ticketsClosed: 'closed',
  ticketOnTimeRate: 'onTimeRate',
  ticketHandlingHours: 'averageHandlingHours',
  ticketReopenRate: 'reopenRate',
  ticketBounces: 'bounces',
  callbackSatisfaction: 'satisfaction',
};

/**
 * The ticket report as a workbook with the numbers of the page: one row per group, the total, and
 * tickets per customer under the title with the period and the filter; in the user's language.
 *
 * @example
 * sendWorkbook(reply, 'banzu-tickets-type.xlsx', await ticketReportWorkbook(report, query, '投诉', 'zh'));
 */
export function ticketReportWorkbook(report: TicketReport, q: Omit<TicketReportQuery, 'format'>, typeName: string | null, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const shown = ticketMetricDictionary.filter((m) => m.id in figureOf);
  const columns: SheetColumn[] = [
    { title: say(...groupingNames[report.by]), width: 18 },
    ...shown.map((m) => ({ title: say(m.zh, m.en), width: 14, ...(formats[m.unit] ? { numFmt: formats[m.unit] } : {}) })),
  ];
  const cells = (label: string, f: TicketFigures) => [label, ...shown.map((m) => f[figureOf[m.id]!] as number | null)];
  // The last day in it: `to` is the first day after.
  const last = q.to ? new Date(Date.parse(q.to) - 86_400_000).toISOString().slice(0, 10) : null;
  const period = q.from || last ? `${q.from ?? '…'} – ${last ?? '…'}` : say('全部日期', 'all dates');
  const scope = q.type
    ? (typeName ?? q.type)
    : q.register === 'true'
      ? say('登记簿（市长专线等）', 'registers (mayor’s hotline …)')
      : q.register === 'false'
        ? say('登记簿以外', 'not registers')
        : say('全部类型', 'all types');
  const perCustomer = report.ticketsPerCustomer === null ? '—' : report.ticketsPerCustomer.toFixed(3);
  return tableWorkbook(
    `${say('工单统计', 'Ticket figures')} · ${say(...groupingNames[report.by])} · ${period}`,
    columns,
    [...report.rows.map((r) => cells(r.label || say('未分配', 'Unassigned'), r)), cells(say('合计', 'Total'), report.total)],
    [
      `${say('范围', 'Scope')}: ${scope}`,
      say(
        `平均每名顾客提交工单：${perCustomer}（工单 ${report.total.tickets} 张，客户 ${report.customers} 名）`,
        `Tickets per customer: ${perCustomer} (${report.total.tickets} tickets, ${report.customers} customers)`,
      ),
    ],
  );
}
