import { fromLocal, localParts } from './zoned';

/**
 * Months as the center counts them (`YYYY-MM` on its wall clock): the period of an assessment, of
 * discipline totals, leave tallies, rosters and exam scores.
 *
 * @example
 * monthOf(Date.parse('2026-01-31T16:30:00Z'), 'Asia/Shanghai'); // '2026-02'
 * monthDates('2026-02'); // { first: '2026-02-01', last: '2026-02-28' }
 * monthsBetween('2025-11', '2026-02'); // ['2025-11', '2025-12', '2026-01', '2026-02']
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a text is a month `YYYY-MM` (01-12). */
export const isMonth = (text: string): boolean => MONTH.test(text);

function parts(month: string): [year: number, month: number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): "${month}"`);
  return [Number(m[1]), Number(m[2])];
}

/** The month an instant falls in on the center's wall clock. */
export function monthOf(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** A month's first instant and the next month's, in the center's time zone: [start, end). */
export function monthSpan(month: string, timeZone: string): { start: number; end: number } {
  const [year, mon] = parts(month);
  return { start: fromLocal(year, mon, 1, 0, 0, timeZone), end: mon === 12 ? fromLocal(year + 1, 1, 1, 0, 0, timeZone) : fromLocal(year, mon + 1, 1, 0, 0, timeZone) };
}

/** A month's first and last dates (YYYY-MM-DD). */
export function monthDates(month: string): { first: string; last: string } {
  const [year, mon] = parts(month);
  // Day 0 of the next month is this month's last day.
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/** The months from one to another, both included, in order; none when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const [fromYear, fromMon] = parts(from);
  const [toYear, toMon] = parts(to);
  const months: string[] = [];
  for (let count = fromYear * 12 + fromMon - 1; count <= toYear * 12 + toMon - 1; count++) {
    months.push(`${Math.floor(count / 12)}-${String((count % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}
