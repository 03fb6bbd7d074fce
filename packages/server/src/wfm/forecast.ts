import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, calendarDayType, CsvReader, forecastCalls, fromLocal, type IntervalCount, localDate, localParts, parseLocalDateTime, requiredAgents } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { ApiError, BadRequestError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
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
  // History imported from the system before Banzu fills the days Banzu has no calls for.
  const imported = await db.query<{ at: Date; calls: number; aht: number | null }>(
    'SELECT interval_start AS at, calls, aht FROM wfm_history WHERE queue_id = $1 AND interval_start >= $2 AND interval_start < $3 ORDER BY interval_start',
    [queueId, new Date(`${addDays(from, -1)}T00:00:00Z`), new Date(`${addDays(to, 1)}T00:00:00Z`)],
  );
  const buckets = new Map<string, { calls: number; answered: number; handled: number }>();
  const own = new Set<string>();
  const add = (at: Date, calls: number, answered: number, handled: number, imported: boolean) => {
    const p = localParts(new Date(at).getTime(), timeZone);
    const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    if (date < from || date >= to || (imported && own.has(date))) return;
    if (!imported) own.add(date);
    const minute = Math.floor((p.hour * 60 + p.minute) / intervalMinutes) * intervalMinutes;
    const start = `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
    const b = buckets.get(start) ?? { calls: 0, answered: 0, handled: 0 };
    b.calls += calls;
    b.answered += answered;
    b.handled += handled;
    buckets.set(start, b);
  };
  for (const r of rows) add(r.at, r.offered, r.answered, r.handled, false);
  for (const r of imported) add(r.at, r.calls, r.aht === null ? 0 : r.calls, r.aht === null ? 0 : r.calls * r.aht, true);
  return [...buckets]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, b]) => (b.answered > 0 ? { start, calls: b.calls, aht: b.handled / b.answered } : { start, calls: b.calls }));
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
    .refine((m) => [15, 30, 60].includes(m), 'wfm.interval_minutes')
    .default(30),
  method: z.enum(['auto', 'naive', 'profile', 'hw']).default('auto'),
  /** Callers' mean patience in seconds: given, staff by Erlang A; absent, by Erlang C. */
  patienceSeconds: z.coerce.number().min(1).max(3600).optional(),
  /** Staff by Erlang A with the callers' patience estimated from the queue's own history (ignored when patienceSeconds is given). */
  patienceFromHistory: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean())
    .default(false),
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
  if (!queue) throw new NotFoundError(missing('queue', q.queueId));
  const { calendar, timeZone } = await loadCenterCalendar(store);
  const today = localDate(now, timeZone);
  const history = await queueHistory(store, queue.id, addDays(today, -q.historyDays), today, timeZone, q.intervalMinutes);
  if (history.length === 0) throw new ApiError(409, 'no_history', words('wfm.no_history', { queue: queue.name, days: q.historyDays }));
  // The history ends with the last day that had calls; the forecast starts tomorrow.
  const lastDay = history.at(-1)!.start.slice(0, 10);
  const skip = Math.round((Date.parse(today) - Date.parse(lastDay)) / 86_400_000);
  const result = forecastCalls(history, { intervalSeconds: q.intervalMinutes * 60, horizonDays: skip + q.horizonDays, method: q.method, dayType: calendarDayType(calendar) });
  const target = Number(queue.target);
  const patienceSeconds = q.patienceSeconds ?? (q.patienceFromHistory ? ((await historyPatience(store, queue.id, addDays(today, -q.historyDays), today)) ?? undefined) : undefined);
  // A planner's overrides replace the forecast's calls (and AHT) of their intervals.
  const overrides = new Map(
    (
      await store.query<{ at: Date; calls: number; aht: number | null }>(
        'SELECT interval_start AS at, calls, aht FROM wfm_forecast_overrides WHERE queue_id = $1 AND interval_minutes = $2 AND interval_start > $3',
        [queue.id, q.intervalMinutes, new Date(now - 86_400_000)],
      )
    ).map((o) => {
      const p = localParts(new Date(o.at).getTime(), timeZone);
      const start: string = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
      return [start, o] as const;
    }),
  );
  const intervals = result.intervals
    .filter((i) => i.start.slice(0, 10) > today)
    .map((forecast) => {
      const override = overrides.get(forecast.start);
      const i = override ? { start: forecast.start, calls: override.calls, aht: override.aht ?? forecast.aht } : forecast;
      const ahtSeconds = i.aht && i.aht > 0 ? i.aht : 180;
      const staffing = requiredAgents({
        traffic: (i.calls * ahtSeconds) / (q.intervalMinutes * 60),
        ahtSeconds,
        thresholdSeconds: queue.threshold,
        patienceSeconds,
        target: Math.min(target, 0.999),
        maxOccupancy: q.maxOccupancy,
        shrinkage: q.shrinkage,
      });
      return {
        start: i.start,
        calls: i.calls,
        aht: Math.round(ahtSeconds),
        agents: staffing.agents,
        scheduled: staffing.scheduled,
        serviceLevel: staffing.serviceLevel,
        ...(override ? { overridden: true as const } : {}),
      };
    });
  return {
    queueId: queue.id,
    timeZone,
    intervalMinutes: q.intervalMinutes,
    method: result.method,
    backtest: result.backtest,
    model: patienceSeconds === undefined ? ('erlang-c' as const) : ('erlang-a' as const),
    ...(patienceSeconds === undefined ? {} : { patienceSeconds: Math.round(patienceSeconds) }),
    intervals,
  };
}

/**
 * The callers' mean patience from a queue's history, for Erlang A: with exponential patience the
 * maximum-likelihood estimate is the time all callers spent waiting (answered callers' waits are
 * patience not yet run out) ÷ the callers who hung up (Zeltyn & Mandelbaum). Null without abandons.
 *
 * @example
 * await historyPatience(store, 'q-general', '2026-01-01', '2026-03-01'); // 214.5
 */
export async function historyPatience(db: Queryable, queueId: string, from: string, to: string): Promise<number | null> {
  const [row] = await db.query<{ waited: number; abandoned: number }>(
    `SELECT COALESCE(SUM(answer_wait_seconds + abandon_wait_seconds), 0)::float8 AS waited, COALESCE(SUM(abandoned), 0)::float8 AS abandoned
       FROM interval_tallies WHERE queue_id = $1 AND interval_start >= $2 AND interval_start < $3`,
    [queueId, new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)],
  );
  return row && row.abandoned > 0 ? row.waited / row.abandoned : null;
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

  const overrideKey = z.object({
    queueId: z.string().min(1),
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { message: 'wfm.interval_start_format' }),
    intervalMinutes: z.coerce
      .number()
      .int()
      .refine((m) => [15, 30, 60].includes(m), 'wfm.interval_minutes')
      .default(30),
  });
  /** The override's instant, checked: a real local time on the interval's boundary, after today. */
  const overrideAt = async (key: z.output<typeof overrideKey>) => {
    const [queue] = await store.query<{ id: string }>('SELECT id FROM queues WHERE id = $1', [key.queueId]);
    if (!queue) throw new NotFoundError(missing('queue', key.queueId));
    let parsed: { date: string; seconds: number };
    try {
      parsed = parseLocalDateTime(key.start);
    } catch {
      throw new BadRequestError(words('wfm.no_such_time', { start: key.start }), { field: 'start' });
    }
    if ((parsed.seconds / 60) % key.intervalMinutes !== 0) throw new BadRequestError(words('wfm.interval_start', { minutes: key.intervalMinutes }), { field: 'start' });
    const { timeZone } = await loadCenterCalendar(store);
    if (parsed.date <= localDate(clock.now(), timeZone)) throw new BadRequestError(words('wfm.adjust_future_only'), { field: 'start' });
    const [y, m, d] = parsed.date.split('-').map(Number) as [number, number, number];
    return new Date(fromLocal(y, m, d, Math.floor(parsed.seconds / 3600), Math.floor((parsed.seconds % 3600) / 60), timeZone));
  };

  routes.put(
    '/api/v1/wfm/forecast/overrides',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "A planner sets one interval's calls (and AHT) by hand instead of the forecast's: the forecast, its staffing and rosters generated after use it; audited with the value before",
        body: overrideKey.extend({
          calls: z.number().min(0).max(100_000),
          aht: z.number().min(1).max(7200).optional(),
          note: z.string().trim().max(500, { message: 'wfm.note_long' }).default(''),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      const at = await overrideAt(body);
      await store.transaction(async (tx) => {
        const [before] = await tx.query<{ calls: number; aht: number | null }>(
          'SELECT calls, aht FROM wfm_forecast_overrides WHERE queue_id = $1 AND interval_start = $2 AND interval_minutes = $3',
          [body.queueId, at, body.intervalMinutes],
        );
        await tx.query(
          `INSERT INTO wfm_forecast_overrides (queue_id, interval_start, interval_minutes, calls, aht, note, set_at, set_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (queue_id, interval_start, interval_minutes) DO UPDATE SET calls = EXCLUDED.calls, aht = EXCLUDED.aht, note = EXCLUDED.note, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by`,
          [body.queueId, at, body.intervalMinutes, body.calls, body.aht ?? null, body.note, new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'forecast.override',
          subject: 'queue',
          rowCount: 1,
          detail: {
            queueId: body.queueId,
            start: body.start,
            intervalMinutes: body.intervalMinutes,
            before: before ?? null,
            calls: body.calls,
            aht: body.aht ?? null,
            note: body.note,
          },
        });
      });
      return { queueId: body.queueId, start: body.start, intervalMinutes: body.intervalMinutes, calls: body.calls, aht: body.aht ?? null };
    },
  );

  routes.delete(
    '/api/v1/wfm/forecast/overrides',
    {
      config: { roles: planningRoles },
      schema: { tags: ['wfm'], summary: "Take a planner's override back: the interval follows the forecast again; audited", querystring: overrideKey },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = request.query;
      const at = await overrideAt(key);
      await store.transaction(async (tx) => {
        const gone = await tx.query<{ calls: number }>('DELETE FROM wfm_forecast_overrides WHERE queue_id = $1 AND interval_start = $2 AND interval_minutes = $3 RETURNING calls', [
          key.queueId,
          at,
          key.intervalMinutes,
        ]);
        if (gone.length === 0) throw new NotFoundError(words('wfm.no_adjustment', { start: key.start }));
        await writeAudit(tx, { userId: actor.userId, action: 'forecast.override_clear', subject: 'queue', rowCount: 1, detail: { ...key, before: gone[0] } });
      });
      return reply.status(204).send();
    },
  );

  routes.post(
    '/api/v1/wfm/history/:queueId',
    {
      config: { roles: planningRoles },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['wfm'],
        summary:
          "Import a queue's call history from a CSV (columns start, calls and optionally aht: the local start of each interval, the calls offered, the average handle time in seconds), for the forecast of days Banzu has no calls for; rows at the same start replace earlier ones; audited",
        params: z.object({ queueId: z.string().min(1) }),
        body: z.strictObject({ csv: z.string().min(1, { message: 'wfm.csv_empty' }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [queue] = await store.query<{ id: string }>('SELECT id FROM queues WHERE id = $1', [request.params.queueId]);
      if (!queue) throw new NotFoundError(missing('queue', request.params.queueId));
      const rows = parseHistory(request.body.csv);
      const { timeZone } = await loadCenterCalendar(store);
      await store.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 500) {
          const batch = rows.slice(i, i + 500).map((r) => {
            const { date, seconds } = parseLocalDateTime(r.start);
            const [y, m, d] = date.split('-').map(Number) as [number, number, number];
            return { at: new Date(fromLocal(y, m, d, Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), timeZone)).toISOString(), calls: r.calls, aht: r.aht };
          });
          await tx.query(
            `INSERT INTO wfm_history (queue_id, interval_start, calls, aht)
             SELECT $1, (r->>'at')::timestamptz, (r->>'calls')::float8, (r->>'aht')::float8 FROM jsonb_array_elements($2::jsonb) r
             ON CONFLICT (queue_id, interval_start) DO UPDATE SET calls = EXCLUDED.calls, aht = EXCLUDED.aht`,
            [queue.id, JSON.stringify(batch)],
          );
        }
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'history.import',
          subject: 'queue',
          rowCount: rows.length,
          detail: { queueId: queue.id, from: rows[0]!.start, to: rows.at(-1)!.start },
        });
      });
      return { queueId: queue.id, rows: rows.length, from: rows[0]!.start, to: rows.at(-1)!.start };
    },
  );
}

/**
 * The rows of a history CSV, sorted by start; a bad row is a 400 naming its row and column in Chinese.
 *
 * @example
 * parseHistory('start,calls,aht\n2026-03-02T09:00,41,182'); // [{ start: '2026-03-02T09:00', calls: 41, aht: 182 }]
 */
export function parseHistory(text: string): { start: string; calls: number; aht: number | null }[] {
  const csv = new CsvReader();
  const records = [...csv.push(text), ...csv.end()];
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  for (const column of ['start', 'calls']) if (!header.includes(column)) throw new BadRequestError(words('wfm.csv_column_missing', { column }));
  const at = (name: string) => header.indexOf(name);
  const rows: { start: string; calls: number; aht: number | null }[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const row = i + 2;
    const start = (record[at('start')] ?? '').trim().replace(' ', 'T').slice(0, 16);
    try {
      parseLocalDateTime(start);
    } catch {
      throw new BadRequestError(words('wfm.csv_start', { row, value: record[at('start')] ?? '' }));
    }
    const number = (column: string, cell: string) => {
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value) || value < 0) throw new BadRequestError(words('wfm.csv_number', { row, column, value: cell }));
      return value;
    };
    const ahtCell = at('aht') >= 0 ? (record[at('aht')] ?? '').trim() : '';
    rows.push({ start, calls: number('calls', (record[at('calls')] ?? '').trim()), aht: ahtCell === '' ? null : number('aht', ahtCell) });
  });
  if (rows.length === 0) throw new BadRequestError(words('wfm.csv_no_rows'));
  if (rows.length > 200_000) throw new BadRequestError(words('wfm.csv_too_many_rows', { most: '200,000' }));
  return rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
