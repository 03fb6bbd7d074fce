import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakMinute, defaultBreaks, placeBreaks } from './breaks';
import { rosterCoverage } from './coverage';
import { erlangC } from './erlang-c';

describe('breaks placed inside their windows', () => {
  it('a day shift gets an hour of lunch three hours in; a short shift none', () => {
    expect(defaultBreaks('08:30', '17:30')).toEqual([{ name: '午休', minutes: 60, earliest: '11:30', latest: '15:30' }]);
    expect(defaultBreaks('18:00', '22:00')).toEqual([]);
  });

  it('a night shift over midnight has its break in the small hours of its second day', () => {
    const breaks = defaultBreaks('23:00', '08:00');
    expect(breaks).toEqual([{ name: '午休', minutes: 60, earliest: '02:00', latest: '06:00' }]);
    expect(placeBreaks([{ start: '2026-03-02T23:00', end: '2026-03-03T08:00', breaks }], new Map(), 30)).toEqual([
      [{ name: '午休', start: '2026-03-03T02:00', end: '2026-03-03T03:00' }],
    ]);
  });

  it('staggers the lunches of agents on the same shift instead of emptying the floor at noon', () => {
    const shift = { start: '2026-03-02T08:30', end: '2026-03-02T17:30', breaks: [{ name: '午休', minutes: 60, earliest: '11:00', latest: '14:00' }] };
    const placed = placeBreaks([shift, shift, shift], new Map(), 30);
    expect(placed.map((b) => b[0]!.start)).toEqual(['2026-03-02T11:00', '2026-03-02T12:00', '2026-03-02T13:00']);
  });

  it('keeps agents on the phones where the requirement peaks', () => {
    const shift = { start: '2026-03-02T08:30', end: '2026-03-02T17:30', breaks: [{ name: '午休', minutes: 60, earliest: '11:00', latest: '14:00' }] };
    // The peak is 11:00-13:00: the lunch goes after it.
    const required = new Map(
      [breakMinute('2026-03-02T11:00'), breakMinute('2026-03-02T11:30'), breakMinute('2026-03-02T12:00'), breakMinute('2026-03-02T12:30')].map((m) => [m, 1]),
    );
    expect(placeBreaks([shift], required, 30)[0]).toEqual([{ name: '午休', start: '2026-03-02T13:00', end: '2026-03-02T14:00' }]);
  });

  it('every break lies inside its window and its shift (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ startQ: fc.integer({ min: 0, max: 60 }), lengthQ: fc.integer({ min: 24, max: 48 }), windowQ: fc.integer({ min: 4, max: 16 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (specs) => {
          const hhmm = (q: number) => `${String(Math.floor((q * 15) / 60) % 24).padStart(2, '0')}:${String((q * 15) % 60).padStart(2, '0')}`;
          const shifts = specs.map((s) => {
            const start = s.startQ * 15;
            const end = start + s.lengthQ * 15;
            const day = (m: number) => (m >= 1440 ? '2026-03-03' : '2026-03-02');
            const earliestQ = s.startQ + 8;
            return {
              start: `2026-03-02T${hhmm(s.startQ)}`,
              end: `${day(end)}T${hhmm(s.startQ + s.lengthQ)}`,
              breaks: [
                {
                  name: 'b',
                  minutes: 60,
                  earliest: hhmm(earliestQ),
                  latest: hhmm(Math.min(earliestQ + s.windowQ, 96)) === '00:00' ? '24:00' : hhmm(Math.min(earliestQ + s.windowQ, 96)),
                },
              ],
            };
          });
          placeBreaks(shifts, new Map(), 30).forEach((placed, i) => {
            for (const b of placed) {
              expect(breakMinute(b.start)).toBeGreaterThanOrEqual(breakMinute(shifts[i]!.start));
              expect(breakMinute(b.end)).toBeLessThanOrEqual(breakMinute(shifts[i]!.end));
              expect(breakMinute(b.end) - breakMinute(b.start)).toBe(60);
            }
          });
        },
      ),
    );
  });
});

describe('required against scheduled agents', () => {
  const plan = {
    intervalMinutes: 30,
    shrinkage: 0,
    thresholdSeconds: 20,
    intervals: [
      { start: '2026-03-02T09:00', calls: 60, aht: 180, required: 8 },
      { start: '2026-03-02T12:00', calls: 0, aht: 180, required: 0 },
    ],
  };
  it('counts agents scheduled for the whole interval and not on a break, with the service level they predict', () => {
    const working = Array.from({ length: 8 }, () => ({ start: '2026-03-02T08:30', end: '2026-03-02T17:30' }));
    const points = rosterCoverage(plan, working, [{ start: '2026-03-02T12:00', end: '2026-03-02T13:00' }]);
    expect(points.map((p) => [p.scheduled, p.required])).toEqual([
      [8, 8],
      [7, 0],
    ]);
    expect(points[0]!.serviceLevel).toBe(erlangC({ traffic: 6, agents: 8, ahtSeconds: 180, thresholdSeconds: 20 }).serviceLevel);
    expect(points[1]!.serviceLevel).toBe(1);
    // Fewer agents, worse service: 6 agents carry 6 Erlangs no longer.
    expect(rosterCoverage(plan, working.slice(0, 6))[0]!.serviceLevel).toBe(0);
  });
});
