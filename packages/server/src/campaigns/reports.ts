import { addOutboundTallies, computeOutboundMetrics, dailyQuota, defaultQuotaPolicy, localDate, quotaProgress, type OutboundTally, type QuotaProgress } from '@banzu/core';
import type { Queryable } from '../store/index';

export interface AgentDayRow {
  agentId: string;
  employeeNo: string;
  name: string;
  teamId: string | null;
  /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month. */
  period: string;
  tally: OutboundTally;
  metrics: Record<string, number | null>;
}

export interface AgentReportQuery {
  from: string;
  to: string;
  by: 'day' | 'month';
  campaignId?: string;
  /** null: every team. */
  teamId: string | null;
  agentId?: string;
  timeZone: string;
  /** Epoch ms now: follow-ups due count callbacks due by the end of each day that are still waiting. */
  now: number;
}

/**
 * Per agent per day (or month): dials, connects, effective calls, successes, refusals, talk and
 * work time summed in SQL from the dial records, what each result counts as read from the
 * campaign's own dispositions; quotas per agent-day; metrics from the outbound dictionary.
 *
 * @example
 * await agentReport(store, { from: '2026-01-05', to: '2026-01-05', by: 'day', teamId: null, timeZone, now });
 */
export async function agentReport(db: Queryable, q: AgentReportQuery): Promise<{ rows: AgentDayRow[]; total: { tally: OutboundTally; metrics: Record<string, number | null> } }> {
  const params: unknown[] = [q.from, q.to];
  const where = ['a.local_date BETWEEN $1::date AND $2::date'];
  if (q.campaignId) where.push(`a.campaign_id = $${params.push(q.campaignId)}`);
  if (q.teamId) where.push(`u.team_id = $${params.push(q.teamId)}`);
  if (q.agentId) where.push(`a.agent_id = $${params.push(q.agentId)}`);
  const rows = await db.query<{
    agent_id: string;
    day: string;
    dials: number;
    connects: number;
    effective: number;
    successes: number;
    refusals: number;
    talk: number;
    work: number;
  }>(
    `WITH d AS (
       SELECT c.id AS campaign_id, e->>'code' AS code, (e->>'connect')::boolean AS connect, (e->>'effective')::boolean AS effective,
              (e->>'success')::boolean AS success, (e->>'refusal')::boolean AS refusal
       FROM campaigns c CROSS JOIN LATERAL jsonb_array_elements(c.rules->'dispositions') e)
     SELECT a.agent_id, to_char(a.local_date, 'YYYY-MM-DD') AS day, count(*)::int AS dials,
       count(*) FILTER (WHERE d.connect)::int AS connects,
       count(*) FILTER (WHERE d.effective)::int AS effective,
       count(*) FILTER (WHERE d.success)::int AS successes,
       count(*) FILTER (WHERE d.refusal)::int AS refusals,
       coalesce(sum(a.talk_seconds), 0)::int AS talk,
       coalesce(sum(CASE WHEN a.recorded_at IS NULL THEN 0 ELSE greatest(0, round(extract(epoch FROM a.recorded_at - a.started_at))) END), 0)::int AS work
     FROM campaign_attempts a
     JOIN users u ON u.id = a.agent_id
     LEFT JOIN d ON d.campaign_id = a.campaign_id AND d.code = a.result
     WHERE ${where.join(' AND ')}
     GROUP BY a.agent_id, a.local_date`,
    params,
  );
  const people = await agentInfo(db, [...new Set(rows.map((r) => r.agent_id))]);
  const due = await followUpsDue(db, q, [...people.keys()]);
  const groups = new Map<string, AgentDayRow>();
  for (const r of rows) {
    const person = people.get(r.agent_id)!;
    const period = q.by === 'day' ? r.day : r.day.slice(0, 7);
    const key = `${r.agent_id}|${period}`;
    const tally: Partial<OutboundTally> = {
      dials: r.dials,
      connects: r.connects,
      effectiveCalls: r.effective,
      successes: r.successes,
      refusals: r.refusals,
      talkSeconds: r.talk,
      workSeconds: r.work,
      quotaTarget: dailyQuota(defaultQuotaPolicy, person.employedSince, r.day, person.quota),
      followUpsDue: q.by === 'day' ? (due.get(`${r.agent_id}|${r.day}`) ?? 0) : 0,
    };
    const row = groups.get(key) ?? {
      agentId: r.agent_id,
      employeeNo: person.employeeNo,
      name: person.name,
      teamId: person.teamId,
      period,
      tally: addOutboundTallies(),
      metrics: {},
    };
    row.tally = addOutboundTallies(row.tally, tally);
    groups.set(key, row);
  }
  if (q.by === 'month') for (const row of groups.values()) row.tally.followUpsDue = due.get(`${row.agentId}|${row.period}`) ?? 0;
  const list = [...groups.values()].sort((a, b) => a.period.localeCompare(b.period) || a.employeeNo.localeCompare(b.employeeNo));
  for (const row of list) row.metrics = computeOutboundMetrics(row.tally);
  const total = addOutboundTallies(...list.map((r) => r.tally));
  return { rows: list, total: { tally: total, metrics: computeOutboundMetrics(total) } };
}

interface Person {
  employeeNo: string;
  name: string;
  teamId: string | null;
  employedSince: string;
  quota: number | null;
}

/** Name, 工号, team and quota terms of agents; without a quota row, employed since the account was made. */
async function agentInfo(db: Queryable, agentIds: string[]): Promise<Map<string, Person>> {
  const rows = await db.query<{ id: string; employee_no: string; name: string; team_id: string | null; since: string; quota: number | null }>(
    `SELECT u.id, a.employee_no, u.display_name AS name, u.team_id,
       to_char(coalesce(q.employed_since, (u.created_at AT TIME ZONE (SELECT time_zone FROM centers LIMIT 1))::date), 'YYYY-MM-DD') AS since,
       q.daily_effective_calls AS quota
     FROM users u JOIN agents a ON a.user_id = u.id LEFT JOIN quotas q ON q.agent_id = u.id WHERE u.id = ANY($1::text[])`,
    [agentIds],
  );
  return new Map(rows.map((r) => [r.id, { employeeNo: r.employee_no, name: r.name, teamId: r.team_id, employedSince: r.since, quota: r.quota }]));
}

/**
 * Callbacks still waiting whose time falls before the end of each day (or month) of the report,
 * per agent: a callback for anyone counts for the agent whose list holds the customer.
 */
async function followUpsDue(db: Queryable, q: AgentReportQuery, agentIds: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ agent: string; at: Date }>(
    `SELECT coalesce(cc.callback_agent_id, cc.assigned_agent_id) AS agent, cc.next_attempt_at AS at
     FROM campaign_customers cc JOIN campaigns c ON c.id = cc.campaign_id
     WHERE cc.status = 'callback' AND c.status IN ('running', 'paused') AND coalesce(cc.callback_agent_id, cc.assigned_agent_id) = ANY($1::text[])
       ${q.campaignId ? 'AND cc.campaign_id = $2' : ''}`,
    q.campaignId ? [agentIds, q.campaignId] : [agentIds],
  );
  const due = new Map<string, number>();
  for (const r of rows) {
    const day = localDate(new Date(r.at).getTime(), q.timeZone);
    // Due on its day and every later day of the report until it is made.
    for (const period of periodsFrom(day, q)) due.set(`${r.agent}|${period}`, (due.get(`${r.agent}|${period}`) ?? 0) + 1);
  }
  return due;
}

function periodsFrom(day: string, q: AgentReportQuery): string[] {
  const today = localDate(q.now, q.timeZone);
  const out: string[] = [];
  // biome-ignore lint/complexity/useMathMinMax: dates as YYYY-MM-DD strings, compared as text
  const last = q.to < today ? q.to : today;
  let d = day < q.from ? q.from : day;
  while (d <= last) {
    out.push(q.by === 'day' ? d : d.slice(0, 7));
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    d = new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
  }
  return [...new Set(out)];
}

export interface TeamViewRow {
  agentId: string;
  employeeNo: string;
  name: string;
  teamId: string | null;
  tally: OutboundTally;
  metrics: Record<string, number | null>;
  quota: QuotaProgress;
  /** The customer the agent is working now, if any. */
  working: { campaignId: string; customerName: string } | null;
}

/**
 * The team leader's view of a day: every agent of the scope who works a campaign, with the day's
 * figures and quota progress ("32 / 50"), those still at 0 included.
 */
export async function teamView(db: Queryable, q: { date: string; teamId: string | null; agentId?: string; timeZone: string; now: number }): Promise<TeamViewRow[]> {
  const params: unknown[] = [];
  const where = ["c.status IN ('running', 'paused')"];
  if (q.teamId) where.push(`u.team_id = $${params.push(q.teamId)}`);
  if (q.agentId) where.push(`u.id = $${params.push(q.agentId)}`);
  const agents = await db.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM campaign_agents ca JOIN campaigns c ON c.id = ca.campaign_id JOIN users u ON u.id = ca.agent_id WHERE ${where.join(' AND ')}`,
    params,
  );
  const report = await agentReport(db, { from: q.date, to: q.date, by: 'day', teamId: q.teamId, agentId: q.agentId, timeZone: q.timeZone, now: q.now });
  const ids = [...new Set([...agents.map((a) => a.id), ...report.rows.map((r) => r.agentId)])];
  const people = await agentInfo(db, ids);
  const due = await followUpsDue(db, { from: q.date, to: q.date, by: 'day', teamId: q.teamId, timeZone: q.timeZone, now: q.now }, ids);
  const working = new Map(
    (
      await db.query<{ locked_by: string; campaign_id: string; name: string }>(
        `SELECT cc.locked_by, cc.campaign_id, cu.name FROM campaign_customers cc JOIN customers cu ON cu.id = cc.customer_id WHERE cc.locked_by = ANY($1::text[])`,
        [ids],
      )
    ).map((r) => [r.locked_by, { campaignId: r.campaign_id, customerName: r.name }]),
  );
  return ids
    .map((id) => {
      const person = people.get(id)!;
      const row = report.rows.find((r) => r.agentId === id);
      const target = dailyQuota(defaultQuotaPolicy, person.employedSince, q.date, person.quota);
      const tally = row?.tally ?? addOutboundTallies({ quotaTarget: target, followUpsDue: due.get(`${id}|${q.date}`) ?? 0 });
      return {
        agentId: id,
        employeeNo: person.employeeNo,
        name: person.name,
        teamId: person.teamId,
        tally,
        metrics: computeOutboundMetrics(tally),
        quota: quotaProgress(target, tally.effectiveCalls),
        working: working.get(id) ?? null,
      };
    })
    .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
}

export interface NumberRow {
  customerId: string;
  customerName: string;
  number: string;
  attempts: number;
  talkSeconds: number;
  status: string;
  lastResult: string | null;
  lastDialAt: string | null;
  assignedAgentId: string | null;
  nextAttemptAt: string | null;
}

/** Dial detail per number: each number dialled or to dial, with its dials, talk time and where it stands. */
export async function numberDetail(db: Queryable, campaignId: string): Promise<NumberRow[]> {
  const rows = await db.query<{
    customer_id: string;
    name: string;
    number: string;
    attempts: number;
    talk: number;
    status: string;
    last_result: string | null;
    last_dial: Date | null;
    assigned: string | null;
    next_at: Date | null;
  }>(
    `SELECT cc.customer_id, cu.name, coalesce(a.number_e164, cc.phones[cc.phone_index + 1]) AS number,
       count(a.id)::int AS attempts, coalesce(sum(a.talk_seconds), 0)::int AS talk, cc.status,
       (array_agg(a.result ORDER BY a.started_at DESC))[1] AS last_result, max(a.started_at) AS last_dial,
       cc.assigned_agent_id AS assigned, cc.next_attempt_at AS next_at
     FROM campaign_customers cc JOIN customers cu ON cu.id = cc.customer_id
     LEFT JOIN campaign_attempts a ON a.campaign_id = cc.campaign_id AND a.customer_id = cc.customer_id
     WHERE cc.campaign_id = $1
     GROUP BY cc.customer_id, cu.name, coalesce(a.number_e164, cc.phones[cc.phone_index + 1]), cc.status, cc.assigned_agent_id, cc.next_attempt_at, cc.position
     ORDER BY cc.position, number`,
    [campaignId],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    customerName: r.name,
    number: r.number,
    attempts: r.attempts,
    talkSeconds: r.talk,
    status: r.status,
    lastResult: r.last_result,
    lastDialAt: r.last_dial ? new Date(r.last_dial).toISOString() : null,
    assignedAgentId: r.assigned,
    nextAttemptAt: r.next_at ? new Date(r.next_at).toISOString() : null,
  }));
}
