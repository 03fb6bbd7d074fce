import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_GRACE_MINUTES, shiftAttendance, type Span } from '@banzu/core';
import { actorOf } from '../auth/index';
import { ForbiddenError } from '../http/errors';
import type { Queryable } from '../store/index';
import { planningRoles } from './forecast';
import { loadRoster } from './roster';

const QUARTER_HOUR = 15 * 60_000;

/**
 * An agent's logged-in spans from the reports' quarter-hours (logged_in_seconds of the agent's rows):
 * a quarter logged in from its start continues the span before; a part of a quarter at a span's
 * start is its end, at a span's end its beginning. Exact while an agent logs in or out at most once a quarter.
 */
export async function loggedInSpans(db: Queryable, agentId: string, from: Date, to: Date): Promise<Span[]> {
  const rows = await db.query<{ at: Date; seconds: number }>(
    `SELECT interval_start AS at, SUM(logged_in_seconds)::float8 AS seconds FROM interval_tallies
      WHERE agent_id = $1 AND interval_start >= $2 AND interval_start < $3 AND logged_in_seconds > 0 GROUP BY interval_start ORDER BY interval_start`,
    [agentId, from, to],
  );
  const spans: Span[] = [];
  for (const r of rows) {
    const at = new Date(r.at).getTime();
    const ms = Math.min(QUARTER_HOUR, r.seconds * 1000);
    const last = spans.at(-1);
    if (last && last.end === at) last.end = at + ms;
    else spans.push({ start: at + QUARTER_HOUR - ms, end: at + QUARTER_HOUR });
  }
  return spans;
}

/**
 * A team's month of attendance (考勤) against its roster: each agent's shifts with late, early leave or
 * absence judged by `now`, and per agent the counts and 出勤率. 404 when the month has no roster.
 *
 * @example
 * const { status, agents } = await teamAttendance(store, teamId, '2026-01', clock.now());
 */
export async function teamAttendance(db: Queryable, teamId: string, month: string, now: number, graceMinutes = DEFAULT_GRACE_MINUTES) {
  const roster = await loadRoster(db, teamId, month);
  const rows = await db.query<{ userId: string; date: string; startsAt: Date; endsAt: Date }>(
    `SELECT user_id AS "userId", to_char(date, 'YYYY-MM-DD') AS date, starts_at AS "startsAt", ends_at AS "endsAt" FROM wfm_roster_shifts WHERE team_id = $1 AND month = $2 ORDER BY date`,
    [teamId, month],
  );
  const agents = [];
  for (const agent of roster.agents) {
    const mine = rows.filter((r) => r.userId === agent.userId);
    const spans =
      mine.length === 0
        ? []
        : await loggedInSpans(db, agent.userId, new Date(new Date(mine[0]!.startsAt).getTime() - 86_400_000), new Date(new Date(mine.at(-1)!.endsAt).getTime() + 86_400_000));
    const shifts = mine.map((r) => {
      const shift = { start: new Date(r.startsAt).getTime(), end: new Date(r.endsAt).getTime() };
      return { date: r.date, ...shiftAttendance(shift, spans, now, graceMinutes), scheduledMinutes: Math.round((shift.end - shift.start) / 60_000) };
    });
    const due = shifts.filter((s) => s.status !== 'upcoming');
    const scheduled = due.reduce((sum, s) => sum + s.scheduledMinutes, 0);
    agents.push({
      ...agent,
      late: due.filter((s) => s.status === 'late' || s.status === 'late_and_early').length,
      earlyLeave: due.filter((s) => s.status === 'early_leave' || s.status === 'late_and_early').length,
      absent: due.filter((s) => s.status === 'absent').length,
      attendanceRate: scheduled > 0 ? due.reduce((sum, s) => sum + s.workedMinutes, 0) / scheduled : null,
      shifts,
    });
  }
  return { status: roster.status, agents };
}

export async function attendanceRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get(
    '/api/v1/wfm/attendance/:teamId/:month',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "考勤: each agent's published shifts of the month with late, early leave or absence (login against the shift, a grace period), and per agent the counts and 出勤率",
        params: z.object({ teamId: z.string().min(1), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
        querystring: z.object({ graceMinutes: z.coerce.number().int().min(0).max(60).default(DEFAULT_GRACE_MINUTES) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { teamId, month } = request.params;
      if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError('只能查看本班组的考勤');
      const { status, agents } = await teamAttendance(store, teamId, month, clock.now(), request.query.graceMinutes);
      return { teamId, month, status, graceMinutes: request.query.graceMinutes, agents };
    },
  );
}
