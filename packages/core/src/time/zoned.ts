/** Wall-clock parts of an instant in a time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday (ISO, as Chinese calendars count). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The wall-clock time of an instant in a time zone.
 *
 * @example
 * localParts(Date.UTC(2026, 0, 5, 1, 30), 'Asia/Shanghai'); // { year: 2026, month: 1, day: 5, hour: 9, minute: 30, … }
 */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday!]!,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function utcOffset(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time occurs in a zone. A time skipped by a DST change maps to the
 * instant after the gap; a repeated time to its first occurrence.
 */
export function fromLocal(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day before and after bracket any transition near this wall time.
  const before = wall - utcOffset(wall - 86_400_000, timeZone);
  const after = wall - utcOffset(wall + 86_400_000, timeZone);
  const valid = (instant: number) => utcOffset(instant, timeZone) === wall - instant;
  if (valid(before) && valid(after)) return Math.min(before, after);
  if (valid(after)) return after;
  // Valid, or inside a spring-forward gap: the pre-transition offset lands after the gap.
  return before;
}

/** The local calendar date, `YYYY-MM-DD`. */
export function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * An instant as the center's wall clock reads it, the way screens and exports write times:
 * `YYYY-MM-DD HH:mm`, with `:ss` when `seconds`.
 *
 * @example
 * wallClock(Date.UTC(2026, 0, 5, 1, 30, 12), 'Asia/Shanghai', { seconds: true }); // '2026-01-05 09:30:12'
 */
export function wallClock(epochMs: number, timeZone: string, { seconds = false } = {}): string {
  const p = localParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}${seconds ? `:${two(p.second)}` : ''}`;
}

export type Granularity = 15 | 30 | 60 | 'day' | 'week' | 'month';

/**
 * The start of the reporting interval holding an instant, on the center's wall clock: intervals
 * follow local time across DST changes (a 23- or 25-hour day has 92 or 100 quarter-hours).
 *
 * @example
 * intervalStart(Date.UTC(2026, 0, 5, 1, 40), 30, 'Asia/Shanghai'); // 09:30 local, as epoch ms
 */
export function intervalStart(epochMs: number, granularity: Granularity, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  switch (granularity) {
    case 'day':
      return fromLocal(p.year, p.month, p.day, 0, 0, timeZone);
    case 'week': {
      const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - (p.weekday - 1)));
      return fromLocal(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, timeZone);
    }
    case 'month':
      return fromLocal(p.year, p.month, 1, 0, 0, timeZone);
    default: {
      // Whole-hour offsets and the :30/:45 zones all align to the quarter-hour in UTC too,
      // so flooring the instant keeps both clocks' boundaries and handles repeated hours.
      const size = granularity * 60_000;
      const offset = utcOffset(epochMs, timeZone);
      return Math.floor((epochMs + offset) / size) * size - offset;
    }
  }
}
