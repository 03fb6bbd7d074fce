import type { Report, ReportCall, ReportDimension, ReportRow } from '@banzu/contract';
import {
  byDirection,
  computeMetrics,
  defaultMetricParameters,
  missingInputs,
  emptyTally,
  offeredOutcomes,
  serviceLevelLabel,
  tallyFields,
  type CallDirection,
  rowDays,
  type MetricParameters,
  type Tally,
} from '@banzu/core';
import type { Queryable } from '../store/index';
import { headcountSpells } from './headcount';

export interface ReportQuery {
  /** First and last local date, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  by: ReportDimension;
  /** Interval length in minutes when `by` is interval. */
  intervalMinutes?: 15 | 30 | 60;
  timeZone: string;
  queueId?: string;
  teamId?: string;
  agentId?: string;
  /** Only inbound or only outbound work; all work when absent. */
  direction?: CallDirection;
  /** The center's settings the metrics need (service-level variant, cost); the defaults when absent. */
  parameters?: MetricParameters;
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const sums = tallyFields.map((f) => `sum(${snake(f)})::float8 AS "${f}"`).join(', ');

/** The columns a report's rows are keyed by, in the tallies or in the call records. */
interface KeyColumns {
  /** The local wall-clock time (timestamp without time zone). */
  local: string;
  /** The local date. */
  day: string;
  agent: string;
  team: string;
  queue: string;
}

const tallyColumns: KeyColumns = { local: '(interval_start AT TIME ZONE $3)', day: 'day', agent: 'agent_id', team: 'team_id', queue: 'queue_id' };
// A call counts in the interval and on the local day it arrived; nobody's calls have no agent or team.
const callColumns: KeyColumns = {
  local: '(started_at AT TIME ZONE $3)',
  day: '(started_at AT TIME ZONE $3)::date',
  agent: "coalesce(agent_id, '')",
  team: "coalesce(team_id, '')",
  queue: "coalesce(queue_id, '')",
};

// Staff days (one row per agent and day employed, see headcountFacts): no queue, no time of day.
const staffColumns: KeyColumns = { local: 'g.day::timestamp', day: 'g.day', agent: 's.agent_id', team: "coalesce(s.team_id, '')", queue: "''" };

/**
 * Leavers and headcount days per row key, from the staff records: each day an agent was employed
 * counts in that day's row and team, a leaver on the leaving day. None by interval or for one queue:
 * people belong to teams, not to quarter-hours or queues.
 */
async function headcountFacts(db: Queryable, query: ReportQuery): Promise<Map<string, Pick<Tally, 'leavers' | 'headcountDays'>>> {
  if (query.by === 'interval' || query.queueId) return new Map();
  const spells = await headcountSpells(db, query);
  if (spells.length === 0) return new Map();
  const rows = await db.query<{ key: string; leavers: number; headcountDays: number }>(
    `SELECT ${keyExpression(query.by, 30, staffColumns)} AS key, count(*)::float8 AS "headcountDays",
            (count(*) FILTER (WHERE s.leaves AND g.day = s.last_day))::float8 AS leavers
     FROM jsonb_to_recordset($3::jsonb) AS s(agent_id text, team_id text, first_day date, last_day date, leaves boolean)
     CROSS JOIN LATERAL generate_series(greatest(s.first_day, $1::date), least(coalesce(s.last_day, $2::date), $2::date), interval '1 day') AS d(ts)
     CROSS JOIN LATERAL (SELECT d.ts::date AS day) g
     GROUP BY 1`,
    [query.from, query.to, JSON.stringify(spells.map((x) => ({ agent_id: x.agentId, team_id: x.teamId, first_day: x.firstDay, last_day: x.lastDay, leaves: x.leaves })))],
  );
  return new Map(rows.map((r) => [r.key, { leavers: r.leavers, headcountDays: r.headcountDays }]));
}

/** A row's key as SQL: the same expression groups the tallies and picks a row's calls, so the two agree. */
function keyExpression(by: ReportDimension, intervalMinutes: number, c: KeyColumns): string {
  switch (by) {
    case 'interval':
      return `to_char(date_trunc('hour', ${c.local}) + floor(extract(minute FROM ${c.local}) / ${intervalMinutes}) * interval '${intervalMinutes} minutes', 'YYYY-MM-DD HH24:MI')`;
    case 'day':
      return `to_char(${c.day}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', ${c.day}), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(${c.day}, 'YYYY-MM')`;
    case 'agent':
      return c.agent;
    case 'team':
      return c.team;
    case 'site':
      return `coalesce((SELECT site_id FROM teams WHERE teams.id = ${c.team}), '')`;
    case 'queue':
      return c.queue;
  }
}

/**
 * Sums interval tallies over local dates and a dimension, then computes every metric per group
 * and for the total: the figures add up because the tallies do. Every group is a row, the
 * unassigned one too (key `''`: calls nobody answered, by agent, team or site; agent time outside
 * any queue, by queue), so the rows of every dimension add up to the total.
 *
 * @example
 * await metricsReport(store, { from: '2026-01-05', to: '2026-01-05', by: 'interval', intervalMinutes: 30, timeZone: 'Asia/Shanghai' });
 */
export async function metricsReport(db: Queryable, query: ReportQuery): Promise<Report> {
  // Quarter-hours only for interval reports; everything else reads the daily rollup.
  const daily = query.by !== 'interval';
  const table = daily ? 'day_tallies' : 'interval_tallies';
  const params: unknown[] = daily ? [query.from, query.to] : [query.from, query.to, query.timeZone];
  const where = daily
    ? ['day >= $1::date', 'day <= $2::date']
    : [`interval_start >= ($1::date)::timestamp AT TIME ZONE $3`, `interval_start < ($2::date + 1)::timestamp AT TIME ZONE $3`];
  if (query.queueId) where.push(`queue_id = $${params.push(query.queueId)}`);
  if (query.teamId) where.push(`team_id = $${params.push(query.teamId)}`);
  if (query.agentId) where.push(`agent_id = $${params.push(query.agentId)}`);
  const group = keyExpression(query.by, query.intervalMinutes ?? 30, tallyColumns);
  const grouped = await db.query<Tally & { key: string }>(`SELECT ${group} AS key, ${sums} FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`, params);
  const [total] = await db.query<Tally>(`SELECT ${sums} FROM ${table} WHERE ${where.join(' AND ')}`, params);
  // Turnover's inputs come from the staff records, not the tallies: added to the same keys, and to the total.
  const headcount = await headcountFacts(db, query);
  for (const [key, facts] of headcount) {
    const row = grouped.find((r) => r.key === key) ?? grouped[grouped.push({ ...emptyTally(), key }) - 1]!;
    row.leavers = (row.leavers ?? 0) + facts.leavers;
    row.headcountDays = (row.headcountDays ?? 0) + facts.headcountDays;
    total!.leavers = (total!.leavers ?? 0) + facts.leavers;
    total!.headcountDays = (total!.headcountDays ?? 0) + facts.headcountDays;
  }
  if (headcount.size > 0) grouped.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parameters = query.parameters ?? defaultMetricParameters;
  const toRow = (key: string, t: Tally, days: number): ReportRow => {
    const summed = Object.fromEntries(tallyFields.map((f) => [f, t[f] ?? 0])) as unknown as Tally;
    const tally = query.direction ? byDirection(summed, query.direction) : summed;
    // People are counted by day, not by interval (headcountFacts): an interval report has no period for turnover.
    const rowParameters = { ...parameters, periodDays: query.by === 'interval' ? undefined : days };
    return { key, tally, metrics: computeMetrics(tally, rowParameters), missingInputs: missingInputs(tally, rowParameters) };
  };
  // The unassigned row (key '') comes last, after the named agents, teams, sites or queues.
  const rows = [...grouped.filter((r) => r.key !== ''), ...grouped.filter((r) => r.key === '')];
  return {
    // Average headcount is per day of what the row covers: its month, week or day, or the whole range.
    rows: rows.map((r) => toRow(r.key, r, rowDays(query.by, r.key, query.from, query.to))),
    total: toRow('total', total!, rowDays('total', '', query.from, query.to)),
    serviceLevel: { ...parameters.serviceLevel, ...serviceLevelLabel(parameters.serviceLevel) },
    direction: query.direction ?? null,
  };
}

export interface CallRecordQuery {
  from: string;
  to: string;
  timeZone: string;
  queueId?: string;
  agentId?: string;
  teamId?: string;
  outcome?: (typeof offeredOutcomes)[number];
  /** The direction of work the report shows: its figures count inbound calls, so a report of outbound work counts none. */
  direction?: CallDirection;
  /** One row of a report: its dimension and key (`''` for the unassigned row), and the interval length for `by: 'interval'`. */
  row?: { by: ReportDimension; key: string; intervalMinutes?: 15 | 30 | 60 };
  limit: number;
}

/**
 * The calls behind a figure: exactly the calls a report's tallies count (ended inbound calls that
 * reached a queue, by the metric dictionary's rule), in the range and filters, and in one row when
 * `row` is given; newest first. A row's list is as long as its offered calls.
 *
 * @example
 * await callRecords(store, { from: '2026-01-05', to: '2026-01-05', timeZone, row: { by: 'interval', key: '2026-01-05 21:30', intervalMinutes: 30 }, limit: 500 });
 */
export async function callRecords(db: Queryable, query: CallRecordQuery): Promise<ReportCall[]> {
  if (query.direction === 'outbound') return [];
  const params: unknown[] = [query.from, query.to, query.timeZone, [...offeredOutcomes]];
  const where = [
    `started_at >= ($1::date)::timestamp AT TIME ZONE $3`,
    `started_at < ($2::date + 1)::timestamp AT TIME ZONE $3`,
    // factsFromRecord's rule, so the list and the tallies count the same calls.
    `direction = 'inbound'`,
    'ended_at IS NOT NULL',
    'queue_id IS NOT NULL',
    'outcome = ANY($4::text[])',
  ];
  if (query.queueId) where.push(`queue_id = $${params.push(query.queueId)}`);
  if (query.agentId) where.push(`agent_id = $${params.push(query.agentId)}`);
  if (query.teamId) where.push(`team_id = $${params.push(query.teamId)}`);
  if (query.outcome) where.push(`outcome = $${params.push(query.outcome)}`);
  if (query.row) where.push(`${keyExpression(query.row.by, query.row.intervalMinutes ?? 30, callColumns)} = $${params.push(query.row.key)}`);
  const rows = await db.query<Omit<ReportCall, 'startedAt' | 'endedAt'> & { startedAt: Date; endedAt: Date | null }>(
    `SELECT call_id AS "callId", direction, started_at AS "startedAt", ended_at AS "endedAt", queue_id AS "queueId",
            agent_id AS "agentId", team_id AS "teamId", outcome, vip_level AS "vipLevel", from_number AS "from", record
     FROM call_records WHERE ${where.join(' AND ')} ORDER BY started_at DESC, call_id LIMIT ${query.limit}`,
    params,
  );
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null }));
}
