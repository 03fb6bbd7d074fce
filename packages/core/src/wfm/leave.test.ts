import { describe, expect, it } from 'vitest';
import { centerCalendar } from '../calendar/index';
import { leaveDaysBetween } from './leave';

describe('leave days on the center calendar', () => {
  const calendar = centerCalendar({ days: { '2026-01-30': 'holiday', '2026-01-31': 'workday' } });
  const leave = (startDate: string, endDate: string, halfDay = false) => ({ startDate, endDate, halfDay });

  it('counts working days only: weekends and holidays inside a leave are not days of leave, a make-up Saturday is', () => {
    // Mon 26 – Sun 1 Feb: 26-29 workdays, 30 holiday, 31 make-up working Saturday, 1 Sunday.
    expect(leaveDaysBetween(calendar, leave('2026-01-26', '2026-02-01'), '2026-01-01', '2026-01-31')).toBe(5);
  });

  it('counts only the days inside the period asked, and half a day as 0.5', () => {
    expect(leaveDaysBetween(calendar, leave('2026-01-29', '2026-02-03'), '2026-02-01', '2026-02-28')).toBe(2);
    expect(leaveDaysBetween(calendar, leave('2026-01-29', '2026-02-03'), '2026-03-01', '2026-03-31')).toBe(0);
    expect(leaveDaysBetween(calendar, leave('2026-01-29', '2026-01-29', true), '2026-01-01', '2026-01-31')).toBe(0.5);
    expect(leaveDaysBetween(calendar, leave('2026-02-01', '2026-02-01', true), '2026-02-01', '2026-02-28')).toBe(0);
  });
});
