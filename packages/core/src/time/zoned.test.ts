import { describe, expect, it } from 'vitest';
import { fromLocal, intervalStart, localDate, localParts, utcOffset, wallClock } from './zoned';

const iso = (ms: number) => new Date(ms).toISOString();

describe('time zones', () => {
  it('reads Shanghai wall-clock time and weekday', () => {
    expect(localParts(Date.UTC(2026, 0, 4, 16, 30), 'Asia/Shanghai')).toMatchObject({ year: 2026, month: 1, day: 5, hour: 0, minute: 30, weekday: 1 });
    expect(utcOffset(Date.UTC(2026, 0, 5), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(localDate(Date.UTC(2026, 0, 4, 16, 30), 'Asia/Shanghai')).toBe('2026-01-05');
  });

  it('writes the wall clock as screens and exports do, midnight as 00', () => {
    expect(wallClock(Date.UTC(2026, 0, 4, 16, 0, 7), 'Asia/Shanghai')).toBe('2026-01-05 00:00');
    expect(wallClock(Date.UTC(2026, 0, 4, 16, 0, 7), 'Asia/Shanghai', { seconds: true })).toBe('2026-01-05 00:00:07');
    expect(wallClock(Date.UTC(2026, 6, 1, 23, 59, 59), 'Europe/London', { seconds: true })).toBe('2026-07-02 00:59:59');
  });

  it('buckets into 15/30/60-minute, day, week (Monday) and month intervals on the local clock', () => {
    const t = Date.UTC(2026, 0, 7, 2, 44); // Wed 10:44 in Shanghai
    const tz = 'Asia/Shanghai';
    expect(iso(intervalStart(t, 15, tz))).toBe('2026-01-07T02:30:00.000Z');
    expect(iso(intervalStart(t, 30, tz))).toBe('2026-01-07T02:30:00.000Z');
    expect(iso(intervalStart(t, 60, tz))).toBe('2026-01-07T02:00:00.000Z');
    expect(iso(intervalStart(t, 'day', tz))).toBe('2026-01-06T16:00:00.000Z');
    expect(iso(intervalStart(t, 'week', tz))).toBe('2026-01-04T16:00:00.000Z');
    expect(iso(intervalStart(t, 'month', tz))).toBe('2025-12-31T16:00:00.000Z');
  });

  it('keeps local boundaries across a DST change: a 23-hour day in spring', () => {
    const tz = 'America/New_York';
    const dayStart = intervalStart(Date.UTC(2026, 2, 8, 15), 'day', tz);
    const nextDay = intervalStart(dayStart + 30 * 3_600_000, 'day', tz);
    expect(nextDay - dayStart).toBe(23 * 3_600_000);
    const quarterHours = new Set<number>();
    for (let t = dayStart; t < nextDay; t += 60_000) quarterHours.add(intervalStart(t, 15, tz));
    expect(quarterHours.size).toBe(92);
    // 02:30 does not exist that day; it maps to the instant after the gap (03:30 EDT = 07:30Z).
    expect(iso(fromLocal(2026, 3, 8, 2, 30, tz))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('counts 100 quarter-hours on the 25-hour autumn day and handles half-hour zones', () => {
    const tz = 'America/New_York';
    const dayStart = intervalStart(Date.UTC(2026, 10, 1, 15), 'day', tz);
    const nextDay = intervalStart(dayStart + 26 * 3_600_000, 'day', tz);
    expect(nextDay - dayStart).toBe(25 * 3_600_000);
    const quarterHours = new Set<number>();
    for (let t = dayStart; t < nextDay; t += 60_000) quarterHours.add(intervalStart(t, 15, tz));
    expect(quarterHours.size).toBe(100);
    expect(iso(intervalStart(Date.UTC(2026, 0, 5, 4, 50), 60, 'Asia/Kolkata'))).toBe('2026-01-05T04:30:00.000Z');
  });
});
