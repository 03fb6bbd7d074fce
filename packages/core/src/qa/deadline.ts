import { fromLocal, localDate, localParts } from '../time/index';

/**
 * The instant `days` working days after `at`, at the same local time: Saturdays, Sundays and the
 * center's holidays (`YYYY-MM-DD`) are skipped. The agent's deadline to acknowledge or dispute.
 *
 * @example
 * addWorkingDays(fridayNoon, 3, 'Asia/Shanghai', []); // Wednesday noon
 */
export function addWorkingDays(at: number, days: number, timeZone: string, holidays: readonly string[]): number {
  const start = localParts(at, timeZone);
  let day = 0;
  let left = days;
  let instant = at;
  while (left > 0) {
    day += 1;
    instant = fromLocal(start.year, start.month, start.day + day, start.hour, start.minute, timeZone);
    const p = localParts(instant, timeZone);
    if (p.weekday <= 5 && !holidays.includes(localDate(instant, timeZone))) left -= 1;
  }
  return instant;
}
