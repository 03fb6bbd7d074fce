/**
 * Hours of operation in the center's time zone, the same shape the server stores for a center:
 * per weekday a list of [open, close) times "HH:MM", and holidays as ISO dates (closed all day).
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface OpeningHours {
  timeZone: string;
  hours: Partial<Record<Weekday, [string, string][]>>;
  holidays: string[];
}

interface LocalMinute {
  date: string;
  weekday: Weekday;
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Local date, weekday and minute; cached per minute and zone since every call arrival asks. */
const cache = new Map<string, { minute: number; local: LocalMinute }>();

export function localMinute(timeZone: string, at: number): LocalMinute {
  const minute = Math.floor(at / 60_000);
  const hit = cache.get(timeZone);
  if (hit && hit.minute === minute) return hit.local;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(minute * 60_000)) parts[p.type] = p.value;
  const local: LocalMinute = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays[parts.weekday ?? ''] ?? 'mon',
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
  cache.set(timeZone, { minute, local });
  return local;
}

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Whether the center is open at an instant.
 *
 * @example
 * isOpen({ timeZone: 'Asia/Shanghai', hours: { mon: [['08:30', '17:30']] }, holidays: [] }, Date.parse('2026-01-05T02:00:00Z')); // true, 10:00 Monday
 */
export function isOpen(hours: OpeningHours, at: number): boolean {
  const local = localMinute(hours.timeZone, at);
  if (hours.holidays.includes(local.date)) return false;
  return (hours.hours[local.weekday] ?? []).some(([open, close]) => local.minuteOfDay >= toMinutes(open) && local.minuteOfDay < toMinutes(close));
}
