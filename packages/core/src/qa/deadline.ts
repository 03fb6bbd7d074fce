import { isWorkingDay, type CenterCalendar } from '../calendar/index';
import { fromLocal, localDate, localParts } from '../time/index';

/**
 * The instant `days` working days after `at`, at the same local time, by the center's calendar:
 * rest days and holidays are skipped, make-up working days (调休) count. The agent's deadline to
 * acknowledge or dispute.
 *
 * @example
 * addWorkingDays(fridayNoon, 3, 'Asia/Shanghai', centerCalendar()); // Wednesday noon
 */
export function addWorkingDays(at: number, days: number, timeZone: string, calendar: CenterCalendar): number {
  const start = localParts(at, timeZone);
  let day = 0;
  let left = days;
  let instant = at;
  while (left > 0) {
    day += 1;
    instant = fromLocal(start.year, start.month, start.day + day, start.hour, start.minute, timeZone);
    if (isWorkingDay(calendar, localDate(instant, timeZone))) left -= 1;
  }
  return instant;
}
