import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CenterCalendar, type CenterSettings, centerCalendar, centerSettings, dayKind, orgAdminRoles } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

interface CenterDays {
  id: string;
  timeZone: string;
  holidays: string[];
  workdays: string[];
  settings: Partial<CenterSettings> | null;
}

/** The days the manager set: holidays (centers.holidays, which routing and tickets read) and make-up working days; with the settings, for the office hours. */
async function setDays(db: Queryable): Promise<CenterDays> {
  const [center] = await db.query<CenterDays>('SELECT id, time_zone AS "timeZone", holidays, workdays, settings FROM centers ORDER BY created_at LIMIT 1');
  if (!center) throw new NotFoundError(words('org.no_center'));
  return center;
}

/**
 * The center calendar as core uses it, with the center's time zone: holidays and make-up working
 * days (调休) as the manager set them, Saturday and Sunday otherwise off; its working time is the
 * back office's hours (settings officeHours, 09:00-18:00 unless the manager changed them), which
 * working-time SLAs count, not the phones' opening hours.
 *
 * @example
 * const { calendar, timeZone } = await loadCenterCalendar(store);
 */
export async function loadCenterCalendar(db: Queryable): Promise<{ calendar: CenterCalendar; timeZone: string }> {
  const center = await setDays(db);
  const days: Record<string, 'holiday' | 'workday'> = {};
  for (const date of center.workdays) days[date] = 'workday';
  for (const date of center.holidays) days[date] = 'holiday';
  return { calendar: centerCalendar({ days, hours: centerSettings(center.settings).officeHours }), timeZone: center.timeZone };
}

const date = z.iso.date();

export async function calendarRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;

  routes.get(
    '/api/v1/calendar',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['calendar'],
        summary: 'The center calendar from one date to another (at most a year): each day a workday, restday, holiday or makeup (调休) working day',
        querystring: z.object({ from: date, to: date }).refine((q) => q.from <= q.to, 'wfm.from_after_to'),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const { calendar } = await loadCenterCalendar(store);
      const days: { date: string; kind: string }[] = [];
      for (let d = from, n = 0; d <= to; n++) {
        if (n >= 366) break;
        days.push({ date: d, kind: dayKind(calendar, d) });
        d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      }
      return { days };
    },
  );

  routes.put(
    '/api/v1/calendar/days/:date',
    {
      config: { roles: orgAdminRoles },
      schema: {
        tags: ['calendar'],
        summary: 'Set a date as a holiday, or as a working day (a make-up working day 调休 on a weekend); audited',
        params: z.object({ date }),
        body: z.strictObject({ kind: z.enum(['holiday', 'workday']) }),
      },
    },
    async (request) => {
      const { date: day } = request.params;
      const { kind } = request.body;
      const center = await setDays(store);
      const holidays = new Set(center.holidays);
      const workdays = new Set(center.workdays);
      (kind === 'holiday' ? holidays : workdays).add(day);
      (kind === 'holiday' ? workdays : holidays).delete(day);
      await saveDays(store, center.id, holidays, workdays);
      await writeAudit(store, { userId: actorOf(request).userId, action: 'calendar.set', subject: 'calendar', rowCount: 1, detail: { date: day, kind } });
      await app.floor?.reload();
      const { calendar } = await loadCenterCalendar(store);
      return { date: day, kind: dayKind(calendar, day) };
    },
  );

  routes.delete(
    '/api/v1/calendar/days/:date',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['calendar'], summary: 'Make a date an ordinary day of its weekday again; audited', params: z.object({ date }) },
    },
    async (request) => {
      const { date: day } = request.params;
      const center = await setDays(store);
      const holidays = new Set(center.holidays);
      const workdays = new Set(center.workdays);
      if (!holidays.delete(day) && !workdays.delete(day)) throw new NotFoundError(words('wfm.not_a_set_day', { day }));
      await saveDays(store, center.id, holidays, workdays);
      await writeAudit(store, { userId: actorOf(request).userId, action: 'calendar.clear', subject: 'calendar', rowCount: 1, detail: { date: day } });
      await app.floor?.reload();
      const { calendar } = await loadCenterCalendar(store);
      return { date: day, kind: dayKind(calendar, day) };
    },
  );
}

async function saveDays(db: Queryable, centerId: string, holidays: Set<string>, workdays: Set<string>): Promise<void> {
  await db.query('UPDATE centers SET holidays = $2, workdays = $3 WHERE id = $1', [centerId, JSON.stringify([...holidays].sort()), JSON.stringify([...workdays].sort())]);
}
