import { addDays, type CenterCalendar, dayNumber, isWorkingDay } from '../calendar/index';

/** The kinds of leave (请假) a center grants; sick and personal leave cost attendance bonus (seed 003). */
export const leaveKinds = ['sick', 'personal', 'annual', 'marriage', 'maternity', 'bereavement'] as const;
export type LeaveKind = (typeof leaveKinds)[number];

export const leaveKindNames: Record<LeaveKind, { zh: string; en: string }> = {
  sick: { zh: '病假', en: 'Sick leave' },
  personal: { zh: '事假', en: 'Personal leave' },
  annual: { zh: '年假', en: 'Annual leave' },
  marriage: { zh: '婚假', en: 'Marriage leave' },
  maternity: { zh: '产假', en: 'Maternity leave' },
  bereavement: { zh: '丧假', en: 'Bereavement leave' },
};

/** A leave's local dates, inclusive; half a day only when it is one day. */
export interface LeaveDates {
  startDate: string;
  endDate: string;
  halfDay: boolean;
}

/** Leave days per kind, every kind present (0 when none). */
export type LeaveTally = Record<LeaveKind, number>;

export const emptyLeaveTally = (): LeaveTally => Object.fromEntries(leaveKinds.map((k) => [k, 0])) as LeaveTally;

/** At most a year in one request: a longer absence is not leave but a staff record. */
export const MAX_LEAVE_SPAN_DAYS = 366;

/**
 * The days a leave costs within `from`..`to` (inclusive local dates): its working days on the center
 * calendar, so a weekend or a holiday inside a week's leave is not a day of leave; half a day counts 0.5.
 *
 * @example
 * leaveDaysBetween(centerCalendar(), { startDate: '2026-01-09', endDate: '2026-01-12', halfDay: false }, '2026-01-01', '2026-01-31'); // 2 (Friday and Monday)
 */
export function leaveDaysBetween(calendar: CenterCalendar, leave: LeaveDates, from: string, to: string): number {
  const first = Math.max(dayNumber(leave.startDate), dayNumber(from));
  const last = Math.min(dayNumber(leave.endDate), dayNumber(to));
  let days = 0;
  for (let day = first, date = addDays(from, first - dayNumber(from)); day <= last; day++, date = addDays(date, 1)) {
    if (isWorkingDay(calendar, date)) days++;
  }
  return leave.halfDay ? days / 2 : days;
}

/** Which half of the day a half-day leave (半天假) takes: 上午 or 下午. */
export type LeaveHalf = 'am' | 'pm';

export const leaveHalfNames: Record<LeaveHalf, { zh: string; en: string }> = { am: { zh: '上午', en: 'morning' }, pm: { zh: '下午', en: 'afternoon' } };

/** A shift as instants (epoch ms) with its breaks. */
export interface TimedShift {
  start: number;
  end: number;
  breaks: readonly { name: string; start: number; end: number }[];
}

const QUARTER_MS = 15 * 60_000;

/**
 * The part of a shift the agent still works on a half-day leave. The day splits at the shift's
 * lunch (its longest break; the one nearest the middle when two are as long): 上午 off, the agent
 * starts when lunch ends; 下午 off, the agent leaves when it begins. A shift without breaks splits
 * at its middle, on the quarter-hour. Breaks in the half taken off go with it.
 *
 * @example
 * // 早班 08:30-17:30 with 午休 12:00-13:00: 上午 off works 13:00-17:30, 下午 off 08:30-12:00.
 * halfDayShift({ start: t('08:30'), end: t('17:30'), breaks: [{ name: '午休', start: t('12:00'), end: t('13:00') }] }, 'am'); // { start: t('13:00'), end: t('17:30'), breaks: [] }
 */
export function halfDayShift(shift: TimedShift, half: LeaveHalf): TimedShift {
  const middle = (shift.start + shift.end) / 2;
  const inside = shift.breaks.filter((b) => b.start > shift.start && b.end < shift.end);
  const lunch = [...inside].sort((a, b) => b.end - b.start - (a.end - a.start) || Math.abs((a.start + a.end) / 2 - middle) - Math.abs((b.start + b.end) / 2 - middle))[0];
  const halfway = shift.start + Math.floor((middle - shift.start) / QUARTER_MS) * QUARTER_MS;
  const [morningEnd, afternoonStart] = lunch ? [lunch.start, lunch.end] : [halfway, halfway];
  return half === 'am'
    ? { start: afternoonStart, end: shift.end, breaks: shift.breaks.filter((b) => b.start >= afternoonStart) }
    : { start: shift.start, end: morningEnd, breaks: shift.breaks.filter((b) => b.end <= morningEnd) };
}
