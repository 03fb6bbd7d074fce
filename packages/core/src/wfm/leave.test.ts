import { describe, expect, it } from 'vitest';
import { centerCalendar } from '../calendar/index';
import { halfDayShift, leaveDaysBetween } from './leave';

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

  describe('half-day leave (半天假): the half of the shift the agent still works', () => {
    const t = (hhmm: string) => Date.UTC(2026, 0, 5, Number(hhmm.slice(0, 2)) - 8, Number(hhmm.slice(3)));
    const lunch = { name: '午休', start: t('12:00'), end: t('13:00') };
    const early = { start: t('08:30'), end: t('17:30'), breaks: [lunch] };

    it('splits at lunch: 上午 off starts when lunch ends, 下午 off leaves when it begins; lunch goes', () => {
      expect(halfDayShift(early, 'am')).toEqual({ start: t('13:00'), end: t('17:30'), breaks: [] });
      expect(halfDayShift(early, 'pm')).toEqual({ start: t('08:30'), end: t('12:00'), breaks: [] });
    });

    it('splits at the longest break, keeping the short rest in the half worked', () => {
      const rest = { name: '小休', start: t('15:00'), end: t('15:15') };
      expect(halfDayShift({ ...early, breaks: [lunch, rest] }, 'am')).toEqual({ start: t('13:00'), end: t('17:30'), breaks: [rest] });
      expect(halfDayShift({ ...early, breaks: [lunch, rest] }, 'pm').breaks).toEqual([]);
    });

    it('without breaks, splits at the middle on the quarter-hour', () => {
      expect(halfDayShift({ start: t('09:00'), end: t('13:30'), breaks: [] }, 'am')).toEqual({ start: t('11:15'), end: t('13:30'), breaks: [] });
      expect(halfDayShift({ start: t('09:00'), end: t('13:30'), breaks: [] }, 'pm')).toEqual({ start: t('09:00'), end: t('11:15'), breaks: [] });
    });
  });
});
