import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, calendarDayType, forecastCalls, type IntervalCount, localDate, localParts, requiredAgents } from '@banzu/core';
import { ApiError } from '../http/errors';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';

/** Who plans staffing: team leaders and the people above them. */
export const planningRoles = ['team_leader', 'supervisor', 'manager', 'admin'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A queue's offered calls and AHT per interval from the reports' tallies, on the center's wall
 * clock: the days from `from` (included) to `to` (excluded). AHT = (talk + hold + wrap-up) ÷ answered.
 *
 * @example
 * await queueHistory(store, 'q-general', '2026-01-01', '2026-03-01', 'Asia/Shanghai', 30);
 */
export async function queueHistory(db: Queryable, queueId: string, from: string, to: string, timeZone: string, intervalMinutes: number): Promise<IntervalCount[]> {
  // A day's margin either side: the zone's offset moves local midnight off UTC's.
  const rows = await db.query<{ at: Date; offered: number; answered: number; handled: number }>(
    `SELECT interval_start AS at, SUM(offered)::float8 AS offered, SUM(answered)::float8 AS answered,
            SUM(talk_seconds + hold_seconds + wrap_up_seconds)::float8 AS handled
       FROM interval_tallies WHERE queue_id = $1 AND interval_start >= $2 AND interval_start < $3
      GROUP BY interval_start ORDER BY interval_start`,
    [queueId, new Date(`${addDays(from, -1)}T00:00:00Z`), new Date(`${addDays(to, 1)}T00:00:00Z`)],
  );
  const buckets = new Map<string, { calls: number; answered: number; handled: number }>();
  for (const r of rows) {
    const p = localParts(new Date(r.at).getTime(), timeZone);
    const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    if (date < from || date >= to) continue;
    const minute = Math.floor((p.hour * 60 + p.minute) / intervalMinutes) * intervalMinutes;
    const start = `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
    const b = buckets.get(start) ?? { calls: 0, answered: 0, handled: 0 };
    b.calls += r.offered;
    b.answered += r.answered;
    b.handled += r.handled;
    buckets.set(start, b);
  }
  return [...buckets].map(([start, b]) => (b.answered > 0 ? { start, calls: b.calls, aht: b.handled / b.answered } : { start, calls: b.calls }));
}

export const forecastQuery = z.object({
  queueId: z.string().min(1),
  /** Days to forecast from tomorrow. */
  horizonDays: z.coerce.number().int().min(1).max(62).default(31),
  /** Days of history before today to learn from. */
  historyDays: z.coerce.number().int().min(7).max(400).default(91),
  intervalMinutes: z.coerce
    .number()
    .int()
    .refine((m) => [15, 30, 60].includes(m), '15, 30 or 60')
    .default(30),
  method: z.enum(['auto', 'naive', 'profile', 'hw']).default('auto'),
  /** Callers' mean patience in seconds: given, staff by Erlang A; absent, by Erlang C. */
  patienceSeconds: z.coerce.number().min(1).max(3600).optional(),
  shrinkage: z.coerce.number().min(0).lt(1).default(0.3),
  maxOccupancy: z.coerce.number().gt(0).max(1).default(0.9),
});

export type ForecastQuery = z.output<typeof forecastQuery>;

/**
 * A queue's forecast from tomorrow on, each interval with the agents it requires: what the forecast
 * page shows and what a roster covers.
 *
 * @example
 * const forecast = await queueForecast(store, clock.now(), { ...defaults, queueId });
 */
export async function queueForecast(store: Queryable, now: number, q: ForecastQuery) {
  const [queue] = await store.query<{ id: string; name: string; threshold: number; target: string }>(
    'SELECT id, name, sl_threshold_seconds AS threshold, sl_target AS target FROM queues WHERE id = $1',
    [q.queueId],
  );
  if (!queue) throw new ApiError(404, 'not_found', `没有队列“${q.queueId}”`);
  const { calendar, timeZone } = await loadCenterCalendar(store);
  const today = localDate(now, timeZone);
  const history = await queueHistory(store, queue.id, addDays(today, -q.historyDays), today, timeZone, q.intervalMinutes);
  if (history.length === 0) throw new ApiError(409, 'no_history', `队列“${queue.name}”最近 ${q.historyDays} 天没有来电记录，无法预测`);
  // The history ends with the last day that had calls; the forecast starts tomorrow.
  const lastDay = history.at(-1)!.start.slice(0, 10);
  const skip = Math.round((Date.parse(today) - Date.parse(lastDay)) / 86_400_000);
  const result = forecastCalls(history, { intervalSeconds: q.intervalMinutes * 60, horizonDays: skip + q.horizonDays, method: q.method, dayType: calendarDayType(calendar) });
  const target = Number(queue.target);
  const intervals = result.intervals
    .filter((i) => i.start.slice(0, 10) > today)
    .map((i) => {
      const ahtSeconds = i.aht && i.aht > 0 ? i.aht : 180;
      const staffing = requiredAgents({
        traffic: (i.calls * ahtSeconds) / (q.intervalMinutes * 60),
        ahtSeconds,
        thresholdSeconds: queue.threshold,
        patienceSeconds: q.patienceSeconds,
        target: Math.min(target, 0.999),
        maxOccupancy: q.maxOccupancy,
        shrinkage: q.shrinkage,
      });
      return { start: i.start, calls: i.calls, aht: Math.round(ahtSeconds), agents: staffing.agents, scheduled: staffing.scheduled, serviceLevel: staffing.serviceLevel };
    });
  return { queueId: queue.id, timeZone, intervalMinutes: q.intervalMinutes, method: result.method, backtest: result.backtest, intervals };
}

export async function forecastRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get(
    '/api/v1/wfm/forecast',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "A queue's calls and AHT per interval for the coming days, forecast from its own call history (holidays by the center calendar), with the agents required for the queue's service-level target (Erlang C, or A with patienceSeconds) and to schedule for shrinkage",
        querystring: forecastQuery,
      },
    },
    (request) => queueForecast(store, clock.now(), request.query),
  );
}
