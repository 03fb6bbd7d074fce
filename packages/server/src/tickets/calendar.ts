import { centerCalendar, type SlaCalendar } from '@banzu/core';
import { loadCenter } from '../org/index';
import type { Queryable } from '../store/index';

/**
 * The calendar a ticket's working-hours SLA counts on: the center's time zone and the days the
 * manager set (holidays, make-up working days 调休), Monday to Friday 09:00-18:00 otherwise: the
 * back office's hours, not the hotline's (which may run around the clock).
 */
export async function loadSlaCalendar(db: Queryable): Promise<SlaCalendar> {
  const center = await loadCenter(db);
  const days: Record<string, 'holiday' | 'workday'> = Object.fromEntries(center.holidays.map((date) => [date, 'holiday']));
  return { calendar: centerCalendar({ days }), timeZone: center.timeZone };
}
