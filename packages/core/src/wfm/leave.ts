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
