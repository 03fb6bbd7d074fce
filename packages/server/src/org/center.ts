import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Center, Hours } from '@banzu/contract';
import { isMonth, monthSpan, monthsBetween, orgAdminRoles } from '@banzu/core';
import { BadRequestError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { settingsRoutes } from './settings';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'org.clock_time');

/** Opening hours per weekday as [open, close) pairs in the center's time zone; a missing day is closed. */
export const hoursSchema = z.partialRecord(
  z.enum(weekdays),
  z.array(z.tuple([clockTime, clockTime]).refine(([a, b]) => a < b, 'org.opens_before_closes')).max(6),
) satisfies z.ZodType<Hours>;

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'org.time_zone');

const centerBody = z.object({
  name: z.string().trim().min(1).max(100),
  timeZone,
  hours: hoursSchema,
  holidays: z.array(z.iso.date()).max(400),
  announceMonitoring: z.boolean(),
});

export async function loadCenter(db: Queryable): Promise<Center> {
  const [center] = await db.query<Center>(
    'SELECT id, name, time_zone AS "timeZone", hours, holidays, announce_monitoring AS "announceMonitoring" FROM centers ORDER BY created_at LIMIT 1',
  );
  if (!center) throw new NotFoundError(words('org.no_center'));
  return center;
}

/** The center's time zone: its days, weeks and months are the ones on its wall clock. */
export async function centerTimeZone(db: Queryable): Promise<string> {
  const [center] = await db.query<{ time_zone: string }>('SELECT time_zone FROM centers ORDER BY created_at LIMIT 1');
  return center?.time_zone ?? 'Asia/Shanghai';
}

/** A month `YYYY-MM` in a request's schema. */
export const monthSchema = z.string().refine(isMonth, 'org.month_format');

/** A month `YYYY-MM` from a request, or a 400 naming the field and the value. */
export function checkMonth(value: string, field = 'month'): string {
  if (!isMonth(value)) throw new BadRequestError(words('org.month_value', { value }), { field, value });
  return value;
}

/**
 * A month's instants [from, to) on the center's clock, with the zone, for queries by month.
 *
 * @example
 * const { from, to } = await centerMonth(store, '2026-01'); // 2025-12-31T16:00Z … 2026-01-31T16:00Z in Shanghai
 */
export async function centerMonth(db: Queryable, month: string): Promise<{ from: Date; to: Date; timeZone: string }> {
  checkMonth(month);
  const timeZone = await centerTimeZone(db);
  const span = monthSpan(month, timeZone);
  return { from: new Date(span.start), to: new Date(span.end), timeZone };
}

/** The months a report runs over, `from` to `to` both included, at most `most` of them; 400 otherwise. */
export function reportMonths(from: string, to: string, most = 36): string[] {
  checkMonth(from, 'from');
  checkMonth(to, 'to');
  if (from > to) throw new BadRequestError(words('org.months_reversed', { from, to }), { field: 'to' });
  const months = monthsBetween(from, to);
  if (months.length > most) throw new BadRequestError(words('org.months_too_many', { most }), { field: 'to' });
  return months;
}

export async function createCenter(db: Queryable, center: Center): Promise<void> {
  await db.query('INSERT INTO centers (id, name, time_zone, hours, holidays) VALUES ($1, $2, $3, $4, $5)', [
    center.id,
    center.name,
    center.timeZone,
    JSON.stringify(center.hours),
    JSON.stringify(center.holidays),
  ]);
}

export async function centerRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;
  await app.register(settingsRoutes);

  routes.get('/api/v1/center', { config: { roles: 'any' }, schema: { tags: ['center'], summary: 'The center: time zone, opening hours, holidays' } }, () => loadCenter(store));

  routes.patch(
    '/api/v1/center',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['center'], summary: 'Change the center', body: centerBody.partial() },
    },
    async (request) => {
      const next = { ...(await loadCenter(store)), ...request.body };
      await store.query('UPDATE centers SET name = $2, time_zone = $3, hours = $4, holidays = $5, announce_monitoring = $6 WHERE id = $1', [
        next.id,
        next.name,
        next.timeZone,
        JSON.stringify(next.hours),
        JSON.stringify([...new Set(next.holidays)].sort()),
        next.announceMonitoring ?? false,
      ]);
      await app.floor?.reload();
      return loadCenter(store);
    },
  );
}
