import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Center, Hours } from '@banzu/contract';
import { orgAdminRoles } from '@banzu/core';
import { NotFoundError } from '../http/errors';
import type { Queryable } from '../store/index';
import { settingsRoutes } from './settings';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');

/** Opening hours per weekday as [open, close) pairs in the center's time zone; a missing day is closed. */
export const hoursSchema = z.partialRecord(
  z.enum(weekdays),
  z.array(z.tuple([clockTime, clockTime]).refine(([a, b]) => a < b, 'opens before it closes')).max(6),
) satisfies z.ZodType<Hours>;

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

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
  if (!center) throw new NotFoundError('center');
  return center;
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
