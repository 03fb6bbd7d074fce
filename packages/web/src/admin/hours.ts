import type { Hours } from '@banzu/contract';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** What is wrong with a line of the hours form, as a key under `adminConsole.center.problems` and the text it is about. */
export interface HoursProblem {
  problem: 'time' | 'order';
  text: string;
}

const clock = '([01]\\d|2[0-3]):[0-5]\\d|24:00';
const period = new RegExp(`^(${clock})\\s*[-–~至]\\s*(${clock})$`);

/**
 * One day's opening periods as people write them ("09:00-12:00, 13:30-18:00"); empty is closed.
 *
 * @example
 * parseDay('09:00-12:00，13:30-18:00'); // [['09:00', '12:00'], ['13:30', '18:00']]
 * parseDay('9点到6点');                  // { problem: 'time', text: '9点到6点' }
 */
export function parseDay(text: string): [string, string][] | HoursProblem {
  const periods: [string, string][] = [];
  for (const part of text.split(/[,，;；\n]/).map((p) => p.trim())) {
    if (!part) continue;
    const match = period.exec(part);
    if (!match) return { problem: 'time', text: part };
    const [from, to] = [match[1]!, match[3]!];
    if (from >= to) return { problem: 'order', text: part };
    periods.push([from, to]);
  }
  return periods;
}

export const formatDay = (periods: readonly (readonly [string, string])[] | undefined) => (periods ?? []).map(([a, b]) => `${a}-${b}`).join(', ');

/** The week's hours from the seven lines of the form; a closed day is left out, as the API keeps it. */
export function parseHours(days: Partial<Record<Weekday, string>>): Hours | HoursProblem {
  const hours: Hours = {};
  for (const day of weekdays) {
    const periods = parseDay(days[day] ?? '');
    if (!Array.isArray(periods)) return periods;
    if (periods.length > 0) hours[day] = periods;
  }
  return hours;
}
