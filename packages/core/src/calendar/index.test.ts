import { describe, expect, it } from 'vitest';
import { addDays, addWorkingHours, CalendarInputError, centerCalendar, dayKind, dayNumber, isWorkingDay, parseLocalDateTime, weekday, workingMinutesBetween } from './index';

/** National Day 2026 as a center would set it: 1-7 October off, Saturday 10 October worked (调休). */
const nationalDay = centerCalendar({
  days: Object.fromEntries([...Array.from({ length: 7 }, (_, i) => [`2026-10-0${i + 1}`, 'holiday' as const]), ['2026-10-10', 'workday' as const]]),
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
});

describe('center calendar', () => {
  it('tells working days, rest days, holidays and make-up working days apart', () => {
    expect(weekday('2026-10-10')).toBe(6);
    expect(dayKind(nationalDay, '2026-09-30')).toBe('workday');
    expect(dayKind(nationalDay, '2026-10-03')).toBe('holiday');
    expect(dayKind(nationalDay, '2026-10-10')).toBe('makeup');
    expect(dayKind(nationalDay, '2026-10-11')).toBe('restday');
    expect(isWorkingDay(nationalDay, '2026-10-10')).toBe(true);
    expect(isWorkingDay(nationalDay, '2026-10-05')).toBe(false);
    // A "workday" on an ordinary weekday is just a working day.
    expect(dayKind(centerCalendar({ days: { '2026-09-30': 'workday' } }), '2026-09-30')).toBe('workday');
  });

  it('adds working hours across lunch, nights, the holiday week and the make-up Saturday', () => {
    expect(addWorkingHours(nationalDay, '2026-09-29T11:00', 2)).toBe('2026-09-29T14:30');
    expect(addWorkingHours(nationalDay, '2026-09-29T20:00', 1)).toBe('2026-09-30T10:00');
    // 30 September 17:00: one hour left that day, then 1-7 October off, 8 and 9 October Thursday and Friday.
    expect(addWorkingHours(nationalDay, '2026-09-30T17:00', 1 + 7.5 + 7.5 + 2)).toBe('2026-10-10T11:00');
    expect(addWorkingHours(nationalDay, '2026-09-30T12:00', 0)).toBe('2026-09-30T13:30');
    expect(addWorkingHours(nationalDay, '2026-09-30T11:00', 1)).toBe('2026-09-30T12:00');
    expect(workingMinutesBetween(nationalDay, '2026-09-30T17:00', '2026-10-10T11:00')).toBe(18 * 60);
    expect(workingMinutesBetween(nationalDay, '2026-10-10T11:00', '2026-09-30T17:00')).toBe(0);
  });

  it('refuses dates, times and windows that are not real', () => {
    expect(() => dayNumber('2026-02-30')).toThrow(CalendarInputError);
    expect(() => parseLocalDateTime('2026-10-01 25:00')).toThrow('not a local date-time');
    expect(() => centerCalendar({ days: { '2026-10-01': 'party' as 'holiday' } })).toThrow('"holiday" or "workday"');
    expect(() => centerCalendar({ hours: [{ start: '18:00', end: '09:00' }] })).toThrow('end before they start');
    expect(() => centerCalendar({ restWeekdays: [7] })).toThrow('0 (Sunday) to 6');
    expect(() => addWorkingHours(centerCalendar({ restWeekdays: [0, 1, 2, 3, 4, 5, 6] }), '2026-10-01T09:00', 1)).toThrow('no working day');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
