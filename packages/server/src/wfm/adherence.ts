import { fromLocal, type ScheduledShift, type Span, type WorkingQuarter } from '@banzu/core';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { loadRoster } from './roster';

const QUARTER_HOUR = 15 * 60_000;

/** A local `YYYY-MM-DDTHH:MM` in the center's time zone as epoch ms. */
export function instantOf(local: string, timeZone: string): number {
  const [y, mo, d, h, mi] = local.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  return fromLocal(y, mo, d, h, mi, timeZone);
}

/** A roster entry's breaks when the roster has them (午休 placed in its window). */
const breaksOf = (entry: object): { name: string; start: string; end: string }[] => (entry as { breaks?: { name: string; start: string; end: string }[] }).breaks ?? [];

/**
 * The published shifts with their breaks, per agent, of the rosters that have a shift overlapping
 * [from, to) (epoch ms), optionally of one team: what adherence is measured against.
 *
 * @example
 * const schedules = await publishedSchedules(store, dayStart, dayStart + 86_400_000);
 * schedules.get(agentId); // [{ start, end, breaks: [{ name: '午休', start, end }] }]
 */
export async function publishedSchedules(db: Queryable, from: number, to: number, teamId?: string): Promise<Map<string, (ScheduledShift & { date: string; shift: string })[]>> {
  const rosters = await db.query<{ teamId: string; month: string }>(
    `SELECT DISTINCT r.team_id AS "teamId", r.month FROM wfm_rosters r JOIN wfm_roster_shifts s ON s.team_id = r.team_id AND s.month = r.month
      WHERE r.status = 'published' AND s.starts_at < $2 AND s.ends_at > $1 AND ($3::text IS NULL OR r.team_id = $3)`,
    [new Date(from), new Date(to), teamId ?? null],
  );
  const out = new Map<string, (ScheduledShift & { date: string; shift: string })[]>();
  if (rosters.length === 0) return out;
  const { timeZone } = await loadCenterCalendar(db);
  for (const r of rosters) {
    const roster = await loadRoster(db, r.teamId, r.month);
    for (const s of roster.shifts) {
      const start = instantOf(s.start, timeZone);
      const end = instantOf(s.end, timeZone);
      if (start >= to || end <= from) continue;
      const breaks = breaksOf(s).map((b) => ({ name: b.name, start: instantOf(b.start, timeZone), end: instantOf(b.end, timeZone) }));
      out.set(
        s.userId,
        [...(out.get(s.userId) ?? []), { date: s.date, shift: s.shift, start, end, breaks }].sort((a, b) => a.start - b.start),
      );
    }
  }
  return out;
}

/**
 * Agents' quarter-hours in [from, to): logged-in and working (logged in less 未就绪) seconds, from the
 * reports, with the state under way (the reports count a state once it ends) up to `now`.
 */
export async function agentQuarters(
  db: Queryable,
  agentIds: readonly string[],
  from: number,
  to: number,
  now: number,
): Promise<Map<string, (WorkingQuarter & { loggedInSeconds: number })[]>> {
  const rows = await db.query<{ agentId: string; at: Date; loggedIn: number; notReady: number }>(
    `SELECT agent_id AS "agentId", interval_start AS at, SUM(logged_in_seconds)::float8 AS "loggedIn", SUM(not_ready_seconds)::float8 AS "notReady"
       FROM interval_tallies WHERE agent_id = ANY($1::text[]) AND interval_start >= $2 AND interval_start < $3 AND logged_in_seconds > 0
      GROUP BY agent_id, interval_start`,
    [agentIds, new Date(from), new Date(to)],
  );
  const byKey = new Map<string, { agentId: string; start: number; loggedInSeconds: number; notReadySeconds: number }>();
  const add = (agentId: string, start: number, loggedIn: number, notReady: number) => {
    const key = `${agentId} ${start}`;
    const q = byKey.get(key) ?? { agentId, start, loggedInSeconds: 0, notReadySeconds: 0 };
    q.loggedInSeconds += loggedIn;
    q.notReadySeconds += notReady;
    byKey.set(key, q);
  };
  for (const r of rows) add(r.agentId, new Date(r.at).getTime(), r.loggedIn, r.notReady);
  const current = await db.query<{ agentId: string; status: string; since: Date }>(
    `SELECT agent_id AS "agentId", status, since FROM agent_status_current WHERE agent_id = ANY($1::text[]) AND status <> 'logged_out'`,
    [agentIds],
  );
  for (const c of current) {
    const until = Math.min(now, to);
    for (let t = Math.max(new Date(c.since).getTime(), from); t < until; ) {
      const start = t - (((t % QUARTER_HOUR) + QUARTER_HOUR) % QUARTER_HOUR);
      const end = Math.min(start + QUARTER_HOUR, until);
      add(c.agentId, start, (end - t) / 1000, c.status === 'not_ready' ? (end - t) / 1000 : 0);
      t = end;
    }
  }
  const out = new Map<string, (WorkingQuarter & { loggedInSeconds: number })[]>();
  for (const q of [...byKey.values()].sort((a, b) => a.start - b.start)) {
    const list = out.get(q.agentId) ?? [];
    list.push({ start: q.start, loggedInSeconds: q.loggedInSeconds, workingSeconds: Math.max(0, q.loggedInSeconds - q.notReadySeconds) });
    out.set(q.agentId, list);
  }
  return out;
}

/**
 * Logged-in spans from quarter-hours in order: a quarter logged in from its start continues the span
 * before; a part of a quarter at a span's start is its end, at a span's end its beginning. Exact
 * while an agent logs in or out at most once a quarter.
 */
export function spansOf(quarters: readonly { start: number; loggedInSeconds: number }[]): Span[] {
  const spans: Span[] = [];
  for (const q of quarters) {
    const ms = Math.min(QUARTER_HOUR, q.loggedInSeconds * 1000);
    const last = spans.at(-1);
    if (last && last.end === q.start) last.end = q.start + ms;
    else spans.push({ start: q.start + QUARTER_HOUR - ms, end: q.start + QUARTER_HOUR });
  }
  return spans;
}
