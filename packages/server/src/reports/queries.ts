import type { Report, ReportCall, ReportDimension, ReportRow } from '@banzu/contract';
import { computeMetrics, tallyFields, type Tally } from '@banzu/core';
import type { Queryable } from '../store/index';

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
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const sums = tallyFields.map((f) => `sum(${snake(f)})::float8 AS "${f}"`).join(', ');

function groupExpression(query: ReportQuery): string {
  const local = `(interval_start AT TIME ZONE $3)`;
  switch (query.by) {
    case 'interval': {
      const minutes = query.intervalMinutes ?? 30;
      return `to_char(date_trunc('hour', ${local}) + floor(extract(minute FROM ${local}) / ${minutes}) * interval '${minutes} minutes', 'YYYY-MM-DD HH24:MI')`;
    }
    case 'day':
      return `to_char(day, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', day), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(day, 'YYYY-MM')`;
    case 'agent':
      return 'agent_id';
    case 'team':
      return 'team_id';
    case 'site':
      return `coalesce((SELECT site_id FROM teams WHERE teams.id = team_id), '')`;
    case 'queue':
      return 'queue_id';
  }
}

/**
 * Sums interval tallies over local dates and a dimension, then computes every metric per group
 * and for the total: the figures add up because the tallies do.
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
  // Rows that belong to no agent, team or queue (e.g. unanswered calls by agent) form no group.
  const dimensionColumn = { agent: 'agent_id', team: 'team_id', site: 'team_id', queue: 'queue_id' }[query.by as 'agent'];
  const groupWhere = dimensionColumn ? [...where, `${dimensionColumn} <> ''`] : where;
  const group = groupExpression(query);
  const rows = await db.query<Tally & { key: string }>(`SELECT ${group} AS key, ${sums} FROM ${table} WHERE ${groupWhere.join(' AND ')} GROUP BY 1 ORDER BY 1`, params);
  const [total] = await db.query<Tally>(`SELECT ${sums} FROM ${table} WHERE ${where.join(' AND ')}`, params);
  const toRow = (key: string, t: Tally): ReportRow => {
    const tally = Object.fromEntries(tallyFields.map((f) => [f, t[f] ?? 0])) as unknown as Tally;
    return { key, tally, metrics: computeMetrics(tally) };
  };
  return { rows: rows.map((r) => toRow(r.key, r)), total: toRow('total', total!) };
}

export interface CallRecordQuery {
  from: string;
  to: string;
  timeZone: string;
  queueId?: string;
  agentId?: string;
  teamId?: string;
  outcome?: string;
  limit: number;
}

/** The calls behind a figure: call detail records, newest first. */
export async function callRecords(db: Queryable, query: CallRecordQuery): Promise<ReportCall[]> {
  const params: unknown[] = [query.from, query.to, query.timeZone];
  const where = [`started_at >= ($1::date)::timestamp AT TIME ZONE $3`, `started_at < ($2::date + 1)::timestamp AT TIME ZONE $3`];
  if (query.queueId) where.push(`queue_id = $${params.push(query.queueId)}`);
  if (query.agentId) where.push(`agent_id = $${params.push(query.agentId)}`);
  if (query.teamId) where.push(`team_id = $${params.push(query.teamId)}`);
  if (query.outcome) where.push(`outcome = $${params.push(query.outcome)}`);
  const rows = await db.query<Omit<ReportCall, 'startedAt' | 'endedAt'> & { startedAt: Date; endedAt: Date | null }>(
    `SELECT call_id AS "callId", direction, started_at AS "startedAt", ended_at AS "endedAt", queue_id AS "queueId",
            agent_id AS "agentId", team_id AS "teamId", outcome, vip_level AS "vipLevel", from_number AS "from", record
     FROM call_records WHERE ${where.join(' AND ')} ORDER BY started_at DESC LIMIT ${query.limit}`,
    params,
  );
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null }));
}
