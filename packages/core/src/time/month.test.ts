import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMonth, monthDates, monthOf, monthSpan, monthsBetween } from './month';

const HOUR = 3_600_000;
const anyMonth = fc.tuple(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

describe('months on the center clock', () => {
  it('reads the month on the wall clock of the zone, not UTC', () => {
    const lastHourOfJanuaryInShanghai = Date.parse('2026-01-31T15:30:00Z');
    expect(monthOf(lastHourOfJanuaryInShanghai, 'Asia/Shanghai')).toBe('2026-01');
    expect(monthOf(lastHourOfJanuaryInShanghai + HOUR, 'Asia/Shanghai')).toBe('2026-02');
  });

  it('spans a month from its first local midnight to the next, across the year end', () => {
    expect(monthSpan('2026-12', 'Asia/Shanghai')).toEqual({ start: Date.parse('2026-11-30T16:00:00Z'), end: Date.parse('2026-12-31T16:00:00Z') });
    expect(() => monthSpan('2026-13', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('knows the last day of February in leap and common years', () => {
    expect(monthDates('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthDates('2026-02').last).toBe('2026-02-28');
    expect(monthDates('2100-02').last).toBe('2100-02-28');
  });

  it('tells months from other texts', () => {
    expect(['2026-01', '1999-12'].every(isMonth)).toBe(true);
    expect(['2026-1', '2026-00', '2026-13', '2026-01-01', ''].some(isMonth)).toBe(false);
  });

  it('lists consecutive months that each begin where the last ended', () => {
    fc.assert(
      fc.property(anyMonth, fc.integer({ min: 0, max: 40 }), (from, extra) => {
        const to = monthsBetween(from, '2200-12')[extra] as string;
        const months = monthsBetween(from, to);
        expect(months).toHaveLength(extra + 1);
        expect(months[0]).toBe(from);
        for (let i = 1; i < months.length; i++) {
          expect(monthSpan(months[i] as string, 'Asia/Shanghai').start).toBe(monthSpan(months[i - 1] as string, 'Asia/Shanghai').end);
        }
        expect(monthsBetween(to, from)).toHaveLength(extra === 0 ? 1 : 0);
      }),
    );
  });
});
