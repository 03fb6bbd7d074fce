import { describe, expect, it } from 'vitest';
import { addDays, centerCalendar, weekday } from '../calendar/index';
import { WfmInputError } from './errors';
import { calendarDayType, forecastCalls, type IntervalCount } from './index';

/** Monday 2 March 2026. */
const monday = '2026-03-02';

/** Weekday rows from `monday` for `weeks` weeks: `perDay(week, weekday)` gives each open interval's calls. */
function weekdays(weeks: number, times: string[], perDay: (week: number, day: number, time: string) => number): IntervalCount[] {
  const rows: IntervalCount[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const date = addDays(monday, d);
    const w = weekday(date);
    if (w === 0 || w === 6) continue;
    for (const time of times) rows.push({ start: `${date}T${time}`, calls: perDay(Math.floor(d / 7), w, time) });
  }
  return rows;
}

describe('forecastCalls', () => {
  it('seasonal naive repeats last week, and its backtest has the WAPE and MASE worked by hand', () => {
    // One interval a day, 10 calls in even weeks and 20 in odd ones: last week is always 10 off.
    const rows = weekdays(6, ['09:00'], (week) => (week % 2 ? 20 : 10));
    const result = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 7, method: 'naive' });
    expect(result.method).toBe('naive');
    // Weekends and every other hour had no rows: closed, not forecast.
    expect(result.intervals).toEqual(['2026-04-13', '2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17'].map((date) => ({ start: `${date}T09:00`, calls: 20 })));
    // Held out: the two last weeks (10s, then 20s), each forecast 10 off; Σ|e| = 100 over Σ actual = 150.
    expect(result.backtest.wape).toBeCloseTo(2 / 3, 4);
    // Seasonal naive's own in-sample error is 10 too.
    expect(result.backtest.mase).toBe(1);
  });

  it('the profile takes the median of recent weeks, so one unusual day does not move it', () => {
    const rows = weekdays(8, ['09:00', '09:30'], (week, day, time) => (week === 7 && day === 2 ? 500 : time === '09:00' ? 40 : 60));
    // From Saturday: the weekend is closed.
    const result = forecastCalls(rows, { intervalSeconds: 1800, horizonDays: 5, method: 'profile' });
    expect(result.intervals).toEqual([
      { start: '2026-04-27T09:00', calls: 40 },
      { start: '2026-04-27T09:30', calls: 60 },
      { start: '2026-04-28T09:00', calls: 40 },
      { start: '2026-04-28T09:30', calls: 60 },
      { start: '2026-04-29T09:00', calls: 40 },
      { start: '2026-04-29T09:30', calls: 60 },
    ]);
    // Seasonal naive copies last Tuesday's 500s.
    const naive = forecastCalls(rows, { intervalSeconds: 1800, horizonDays: 4, method: 'naive' });
    expect(naive.intervals.at(-1)).toEqual({ start: '2026-04-28T09:30', calls: 500 });
  });

  it('double-seasonal smoothing reproduces an exact weekly pattern, and auto finds a perfect backtest', () => {
    const rows = weekdays(6, ['08:00', '09:00', '10:00'], (_week, day, time) => day * 10 + Number(time.slice(0, 2)));
    const hw = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 7, method: 'hw' });
    expect(hw.intervals).toHaveLength(15);
    for (const i of hw.intervals) expect(i.calls).toBeCloseTo(weekday(i.start.slice(0, 10)) * 10 + Number(i.start.slice(11, 13)), 6);
    expect(hw.backtest).toEqual({ wape: 0, mase: null });
    const auto = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 7 });
    expect(auto.backtest.wape).toBe(0);
  });

  it('smoothing follows a step in the level that the median of past weeks ignores', () => {
    const rows = weekdays(10, ['09:00', '10:00'], (week, day, time) => (week >= 7 ? 150 : 100) + (time === '09:00' ? 0 : 30) + day);
    const hw = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 3, method: 'hw' });
    const profile = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 3, method: 'profile' });
    expect(hw.backtest.wape!).toBeLessThan(profile.backtest.wape! / 2);
    // Monday's 09:00 is 150 + 1 now.
    expect(hw.intervals[0]!.calls).toBeCloseTo(151, -1);
  });

  it('sums finer rows into the interval and forecasts the calls-weighted AHT', () => {
    const rows = weekdays(4, ['09:00', '09:10', '09:20'], (_w, _d, time) => (time === '09:00' ? 10 : 5)).map((r) => ({ ...r, aht: r.start.endsWith('09:00') ? 200 : 100 }));
    const result = forecastCalls(rows, { intervalSeconds: 1800, horizonDays: 3, method: 'naive' });
    // 10 calls at 200 s and 10 at 100 s: 20 calls, 150 s.
    expect(result.intervals).toEqual([{ start: '2026-03-30T09:00', calls: 20, aht: 150 }]);
    // Four weeks leave too little to learn from once a week is held out.
    expect(result.backtest).toEqual({ wape: null, mase: null });
  });

  it('with the center calendar a holiday is its own day type, forecast from past holidays', () => {
    const calendar = centerCalendar({ days: { '2026-03-18': 'holiday', '2026-04-01': 'holiday' } });
    // Holidays are quiet (5 calls), ordinary days busy (50).
    const rows = weekdays(4, ['10:00'], () => 50).map((r) => (r.start.startsWith('2026-03-18') ? { ...r, calls: 5 } : r));
    const result = forecastCalls(rows, { intervalSeconds: 3600, horizonDays: 7, method: 'naive', dayType: calendarDayType(calendar) });
    expect(result.intervals.map((i) => [i.start.slice(0, 10), i.calls])).toEqual([
      ['2026-03-30', 50],
      ['2026-03-31', 50],
      ['2026-04-01', 5],
      ['2026-04-02', 50],
      ['2026-04-03', 50],
    ]);
  });

  it('says which row or option is wrong', () => {
    const ok = { intervalSeconds: 1800, horizonDays: 7 };
    expect(() => forecastCalls([], ok)).toThrow('history has no rows');
    expect(() => forecastCalls([{ start: '2026-03-02 9:00', calls: 1 }], ok)).toThrow('row 1: not a local date-time');
    expect(() => forecastCalls([{ start: '2026-03-02T09:00', calls: -1 }], ok)).toThrow('row 1: calls must be a number of at least 0');
    const twice = [
      { start: '2026-03-02T09:00', calls: 1 },
      { start: '2026-03-02T09:00', calls: 1 },
    ];
    expect(() => forecastCalls(twice, ok)).toThrow('row 2: 2026-03-02T09:00 appears twice');
    const hourly = [
      { start: '2026-03-02T09:00', calls: 1 },
      { start: '2026-03-02T10:00', calls: 1 },
    ];
    expect(() => forecastCalls(hourly, ok)).toThrow('rows are 3600 s apart, coarser than the 1800-second interval');
    expect(() => forecastCalls(hourly, { ...ok, intervalSeconds: 1000 })).toThrow(WfmInputError);
    expect(() => forecastCalls(hourly, { ...ok, horizonDays: 0 })).toThrow('horizonDays must be a whole number from 1 to 366');
  });

  it('with too little history to hold any out, it forecasts by the profile and reports no backtest', () => {
    const result = forecastCalls(
      weekdays(2, ['09:00'], () => 7),
      { intervalSeconds: 3600, horizonDays: 3 },
    );
    expect(result).toEqual({ method: 'profile', intervals: [{ start: '2026-03-16T09:00', calls: 7 }], backtest: { wape: null, mase: null } });
  });
});
