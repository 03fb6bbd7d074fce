/**
 * The center calendar: which dates are working days, holidays or make-up working days (调休), and
 * the working hours of a working day. Dates are local calendar dates (`YYYY-MM-DD`) and times local
 * wall-clock times (`YYYY-MM-DDTHH:MM`) in the center's time zone: the calendar needs no zone, since
 * China has no daylight saving and a working hour is a wall-clock hour.
 *
 * @example
 * const calendar = centerCalendar({ days: { '2026-10-01': 'holiday', '2026-10-02': 'holiday', '2026-10-10': 'workday' } });
 * dayKind(calendar, '2026-10-10'); // 'makeup': a Saturday worked in exchange for a holiday
 * addWorkingHours(calendar, '2026-09-30T17:00', 2); // '2026-10-05T10:00' (09:00-18:00; Thursday, Friday and the weekend off)
 */

/** What the manager sets on one date: a holiday, or a working day on what would be a rest day. */
export type CalendarDayOverride = 'holiday' | 'workday';

/**
 * What a date is: an ordinary working day, a weekly rest day, a holiday (its own day type: the
 * forecast does not mix it with Sundays), or a make-up working day (调休) on a weekly rest day.
 */
export type DayKind = 'workday' | 'restday' | 'holiday' | 'makeup';

/** A window of working time within a day, `HH:MM` to `HH:MM`, end after start. */
export interface WorkingWindow {
  start: string;
  end: string;
}

export interface CenterCalendarInput {
  /** The dates the manager set, `YYYY-MM-DD` → holiday or workday. */
  days?: Readonly<Record<string, CalendarDayOverride>>;
  /** Weekly rest days, 0 = Sunday … 6 = Saturday; default Saturday and Sunday. */
  restWeekdays?: readonly number[];
  /** Working time on a working day; default 09:00-18:00 in one window. */
  hours?: readonly WorkingWindow[];
}

export interface CenterCalendar {
  days: ReadonlyMap<string, CalendarDayOverride>;
  restWeekdays: ReadonlySet<number>;
  /** Working windows in minutes after midnight, sorted and not overlapping. */
  windows: readonly { start: number; end: number }[];
}

/** A calendar input that cannot be used (a bad date, time or window): nothing was built. */
export class CalendarInputError extends Error {
  override readonly name = 'CalendarInputError';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?$/;
const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar date; throws CalendarInputError for anything but a real date.
 *
 * @example
 * dayNumber('1970-01-02'); // 1
 */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new CalendarInputError(`not a date (YYYY-MM-DD): "${date}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dateOfDay(ms / DAY_MS) !== date) throw new CalendarInputError(`no such date: "${date}"`);
  return ms / DAY_MS;
}

/** The calendar date of a day number (the inverse of dayNumber). */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Minutes after midnight of `HH:MM` (24:00 allowed, as the end of a day). */
export function minuteOfDay(time: string): number {
  const m = TIME.exec(time);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new CalendarInputError(`not a time of day (HH:MM): "${time}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` of minutes after midnight (0 … 1440). */
export function timeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A local date-time, `YYYY-MM-DDTHH:MM[:SS]` (or with a space), as its date and seconds after midnight. */
export function parseLocalDateTime(value: string): { date: string; seconds: number } {
  const m = DATE_TIME.exec(value);
  if (!m) throw new CalendarInputError(`not a local date-time (YYYY-MM-DDTHH:MM): "${value}"`);
  dayNumber(m[1]!);
  return { date: m[1]!, seconds: Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0) };
}

/** `YYYY-MM-DDTHH:MM` of a date and minutes after its midnight (1440 rolls to the next day). */
export function localDateTime(date: string, minutes: number): string {
  const day = dayNumber(date) + Math.floor(minutes / 1440);
  return `${dateOfDay(day)}T${timeOfDay(((minutes % 1440) + 1440) % 1440)}`;
}

/** Builds a calendar, checking every date, weekday and window. */
export function centerCalendar(input: CenterCalendarInput = {}): CenterCalendar {
  const days = new Map<string, CalendarDayOverride>();
  for (const [date, kind] of Object.entries(input.days ?? {})) {
    dayNumber(date);
    if (kind !== 'holiday' && kind !== 'workday') throw new CalendarInputError(`${date}: a day is "holiday" or "workday", got "${kind}"`);
    days.set(date, kind);
  }
  const restWeekdays = input.restWeekdays ?? [0, 6];
  for (const d of restWeekdays) if (!Number.isInteger(d) || d < 0 || d > 6) throw new CalendarInputError(`a weekday is 0 (Sunday) to 6 (Saturday), got ${d}`);
  const windows = (input.hours ?? [{ start: '09:00', end: '18:00' }]).map((w) => ({ start: minuteOfDay(w.start), end: minuteOfDay(w.end) })).sort((a, b) => a.start - b.start);
  windows.forEach((w, i) => {
    if (w.end <= w.start) throw new CalendarInputError(`working hours ${timeOfDay(w.start)}-${timeOfDay(w.end)} end before they start`);
    if (i > 0 && w.start < windows[i - 1]!.end) throw new CalendarInputError(`working hours ${timeOfDay(w.start)}-${timeOfDay(w.end)} overlap the window before`);
  });
  return { days, restWeekdays: new Set(restWeekdays), windows };
}

/** What `date` is in this calendar: a set date wins over the weekly rest days. */
export function dayKind(calendar: CenterCalendar, date: string): DayKind {
  const set = calendar.days.get(date);
  const rest = calendar.restWeekdays.has(weekday(date));
  if (set === 'holiday') return 'holiday';
  if (set === 'workday') return rest ? 'makeup' : 'workday';
  return rest ? 'restday' : 'workday';
}

/** Whether people work on `date`: an ordinary or a make-up working day. */
export function isWorkingDay(calendar: CenterCalendar, date: string): boolean {
  const kind = dayKind(calendar, date);
  return kind === 'workday' || kind === 'makeup';
}

/** Working days are at most a year of holidays apart: beyond that the calendar has no working day at all. */
const MAX_DAYS_WITHOUT_WORK = 400;

/**
 * The local date-time `hours` working hours after `from` (a ticket due "in 8 working hours"): time
 * counts only inside the working windows of working days. From outside working time the count starts
 * at the next window; a deadline that falls exactly on a window's end stays there.
 */
export function addWorkingHours(calendar: CenterCalendar, from: string, hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) throw new CalendarInputError(`hours must be a number of at least 0, got ${hours}`);
  const start = parseLocalDateTime(from);
  let left = Math.round(hours * 60);
  let date = start.date;
  let minute = Math.ceil(start.seconds / 60);
  for (let idle = 0; idle <= MAX_DAYS_WITHOUT_WORK; ) {
    if (isWorkingDay(calendar, date)) {
      idle = 0;
      for (const w of calendar.windows) {
        const begin = Math.max(minute, w.start);
        if (begin >= w.end) continue;
        if (begin + left <= w.end) return localDateTime(date, begin + left);
        left -= w.end - begin;
      }
    } else idle++;
    date = addDays(date, 1);
    minute = 0;
  }
  throw new CalendarInputError(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${from}`);
}

/** Working minutes between two local date-times (0 when `to` is not after `from`). */
export function workingMinutesBetween(calendar: CenterCalendar, from: string, to: string): number {
  const a = parseLocalDateTime(from);
  const b = parseLocalDateTime(to);
  let total = 0;
  for (let day = dayNumber(a.date); day <= dayNumber(b.date); day++) {
    const date = dateOfDay(day);
    if (!isWorkingDay(calendar, date)) continue;
    const lo = date === a.date ? a.seconds / 60 : 0;
    const hi = date === b.date ? b.seconds / 60 : 1440;
    for (const w of calendar.windows) total += Math.max(0, Math.min(hi, w.end) - Math.max(lo, w.start));
  }
  return Math.round(total);
}
