import { addDays } from '../calendar/index';
import { daysInclusive } from './records';

/**
 * The days a report row covers, for average headcount (headcountDays / days): a day row 1, a week
 * row the days of that week (its Monday as key) and a month row the days of that month, each
 * within the report's range; every other row (an agent, a team, the total) the whole range.
 *
 * @example
 * rowDays('month', '2026-02', '2026-01-15', '2026-03-31'); // 28
 * rowDays('team', 't1', '2026-02-01', '2026-02-28');       // 28
 */
export function rowDays(by: string, key: string, from: string, to: string): number {
  const within = (first: string, last: string) => Math.max(0, daysInclusive(first > from ? first : from, last < to ? last : to));
  switch (by) {
    case 'day':
      return 1;
    case 'week':
      return within(key, addDays(key, 6));
    case 'month': {
      const [y, m] = key.split('-').map(Number) as [number, number];
      return within(`${key}-01`, new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
    }
    default:
      return daysInclusive(from, to);
  }
}
