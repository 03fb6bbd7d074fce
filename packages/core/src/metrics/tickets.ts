import { ratio, type MetricDefinition } from './dictionary';

/**
 * Additive counters of tickets (工单), over the tickets accepted (受理) in a period and a group
 * (type, team, assignee, month, customer). Kept apart from the call `Tally`: they come from the
 * tickets themselves, as they stand when the report is read.
 */
export interface TicketTally {
  /** Tickets accepted. */
  tickets: number;
  /** Of them, closed (办结) now: a ticket reopened and not closed again is not. */
  closed: number;
  /** Of the closed, those closed by the deadline of the SLA clock running when they closed. */
  closedOnTime: number;
  /** Clock seconds from acceptance to the last closing, summed over the closed. */
  handlingSeconds: number;
  /** Tickets reopened at least once. */
  reopened: number;
  /** 退单 steps: the handler sent the ticket back to the dispatcher. */
  bounces: number;
  /** Satisfaction (1-5) of each ticket's last callback (回访), summed over those the customer rated. */
  satisfactionSum: number;
  /** Tickets whose last callback has a rating. */
  satisfactionAnswers: number;
}

export const emptyTicketTally = (): TicketTally => ({
  tickets: 0,
  closed: 0,
  closedOnTime: 0,
  handlingSeconds: 0,
  reopened: 0,
  bounces: 0,
  satisfactionSum: 0,
  satisfactionAnswers: 0,
});

const ticketFields = Object.keys(emptyTicketTally()) as (keyof TicketTally)[];

/** Adds ticket tallies field by field (into a new tally). */
export function addTicketTallies(...tallies: Partial<TicketTally>[]): TicketTally {
  const sum = emptyTicketTally();
  for (const t of tallies) for (const f of ticketFields) sum[f] += t[f] ?? 0;
  return sum;
}

/** What a ticket figure needs besides the tally. */
export interface TicketMetricParameters {
  /** Customers on file (客户档案) at the end of the period: tickets per customer's denominator. */
  customers?: number;
}

/** Tickets and bounces are counted in their own units, satisfaction on the callback's 1-5 scale. */
export type TicketMetricUnit = 'ratio' | 'hours' | 'tickets' | 'times' | 'rating' | 'per customer';

/** Defined like the call metrics, computed from the ticket tally. */
export interface TicketMetricDefinition extends Omit<MetricDefinition, 'compute' | 'unit' | 'group' | 'lacksInput'> {
  unit: TicketMetricUnit;
  compute(t: TicketTally, p: TicketMetricParameters): number | null;
}

const issue18 = 'issue 18 ticket reports';
const fromTickets = { from: 'tickets (工单): acceptance, deadline and closing times, bounce and reopen counts', available: true };

/**
 * The ticket figures of the ticket report (`/api/v1/tickets/report`), computed once here from
 * summed `TicketTally`s; docs/metrics.md lists them after the adherence ones.
 *
 * @example
 * computeTicketMetrics({ ...emptyTicketTally(), tickets: 4, closed: 2, closedOnTime: 1 }).ticketOnTimeRate; // 0.5
 */
export const ticketMetricDictionary: readonly TicketMetricDefinition[] = [
  {
    id: 'tickets',
    zh: '工单数',
    en: 'Tickets',
    unit: 'tickets',
    dataSource: fromTickets,
    better: null,
    formula: 'tickets',
    note: 'Tickets accepted (受理) in the period, on the center’s calendar, whatever became of them.',
    source: issue18,
    compute: (t) => t.tickets,
  },
  {
    id: 'ticketsClosed',
    zh: '已办结',
    en: 'Closed tickets',
    unit: 'tickets',
    dataSource: fromTickets,
    better: null,
    formula: 'closed',
    note: 'Of the tickets accepted in the period, those closed (办结) now; one reopened and not closed again is not.',
    source: issue18,
    compute: (t) => t.closed,
  },
  {
    id: 'ticketOnTimeRate',
    zh: '按时办结率',
    en: 'Ticket on-time rate',
    unit: 'ratio',
    dataSource: fromTickets,
    better: 'higher',
    formula: 'closedOnTime / closed',
    note: 'Closed tickets closed by their deadline, over the closed tickets accepted in the period. The deadline is that of the SLA clock running when the ticket closed, on its type’s basis (clock or working hours): a reopened ticket starts a fresh clock and is judged against it. Open tickets are not in it, however late (the 已超时 list shows them).',
    source: `${issue18}; seed 004: 投诉 48 小时之内必须做出处理`,
    compute: (t) => ratio(t.closedOnTime, t.closed),
  },
  {
    id: 'ticketHandlingHours',
    zh: '平均处理时长（自然小时）',
    en: 'Average ticket handling time (clock hours)',
    unit: 'hours',
    dataSource: fromTickets,
    better: 'lower',
    formula: 'handlingSeconds / 3600 / closed',
    note: 'Clock hours (自然小时) from acceptance to the last closing, nights, weekends and holidays included, over the closed tickets accepted in the period; a reopened ticket’s time runs from its acceptance through the reopening. Clock hours for every type, also those whose SLA counts working hours: it is the wait the customer lived, the same for every type, while the on-time rate judges each ticket on its own SLA’s basis.',
    source: issue18,
    compute: (t) => ratio(t.handlingSeconds / 3600, t.closed),
  },
  {
    id: 'ticketReopenRate',
    zh: '重开率',
    en: 'Ticket reopen rate',
    unit: 'ratio',
    dataSource: fromTickets,
    better: 'lower',
    formula: 'reopened / tickets',
    note: 'Tickets reopened at least once (a callback that found the problem not solved, or by hand) over the tickets accepted in the period; a ticket reopened twice counts once.',
    source: `${issue18}; seed 004: 回访`,
    compute: (t) => ratio(t.reopened, t.tickets),
  },
  {
    id: 'ticketBounces',
    zh: '退单次数',
    en: 'Tickets sent back (bounces)',
    unit: 'times',
    dataSource: fromTickets,
    better: 'lower',
    formula: 'bounces',
    note: 'Every 退单 (the handler sent the ticket back to the dispatcher) on the tickets accepted in the period, each time counted; three on one ticket escalate it to the team leader.',
    source: issue18,
    compute: (t) => t.bounces,
  },
  {
    id: 'callbackSatisfaction',
    zh: '回访满意度',
    en: 'Callback satisfaction',
    unit: 'rating',
    dataSource: { from: 'the callbacks (回访) of tickets: the last answer of each ticket', available: true },
    better: 'higher',
    formula: 'satisfactionSum / satisfactionAnswers',
    note: 'Mean of the satisfaction (1-5) the customer gave at each ticket’s last callback, over the tickets accepted in the period whose last callback has a rating. A callback that found the problem not solved counts while the reopened ticket is open; closing it again waits for the next callback, which replaces it. Tickets not called back yet and callbacks without a rating are not in it.',
    source: `${issue18}; seed 004: 后期客户满意度调查`,
    compute: (t) => ratio(t.satisfactionSum, t.satisfactionAnswers),
  },
  {
    id: 'ticketsPerCustomer',
    zh: '平均每名顾客提交工单',
    en: 'Tickets per customer',
    unit: 'per customer',
    dataSource: { from: 'tickets (工单) and the customers on file (客户档案)', available: true },
    better: 'lower',
    formula: 'tickets / customers',
    note: 'Tickets accepted in the period over the customers on file at its end (every customer in the CRM created before it ended, with tickets or not). Filtered to complaints over a quarter it is seed 002’s 平均每名顾客(投诉)提交工单 (0.021 in its example). A team leader’s report counts the team’s tickets over the whole customer base; its groups’ figures add up to the total’s.',
    source: 'seed 002 P11 (KPI table: 平均每名顾客(投诉)提交工单)',
    compute: (t, p) => (p.customers === undefined ? null : ratio(t.tickets, p.customers)),
  },
];

/** Every ticket metric's value for a tally; null where there is no data. */
export function computeTicketMetrics(tally: TicketTally, parameters: TicketMetricParameters = {}): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const m of ticketMetricDictionary) values[m.id] = m.compute(tally, parameters);
  return values;
}
