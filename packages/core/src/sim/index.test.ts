import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/index';
import { dayProfile, InvalidDistributionError, IntervalVolumeError, parseIntervalVolumes, poissonArrivals, sampler, weekdayShares } from './index';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('handling-time distributions', () => {
  it('match their mean, and lognormal its coefficient of variation', () => {
    const rng = seededRandom(3);
    expect(mean(draw(50_000, sampler({ kind: 'exponential', mean: 210 }, rng)))).toBeCloseTo(210, -1);
    const logn = draw(100_000, sampler({ kind: 'lognormal', mean: 300, cv: 0.6 }, rng));
    const m = mean(logn);
    const sd = Math.sqrt(mean(logn.map((x) => (x - m) ** 2)));
    expect(m).toBeGreaterThan(295);
    expect(m).toBeLessThan(305);
    expect(sd / m).toBeGreaterThan(0.57);
    expect(sd / m).toBeLessThan(0.63);
    expect(draw(10, sampler({ kind: 'fixed', value: 30 }, rng))).toEqual(new Array(10).fill(30));
    expect(new Set(draw(200, sampler({ kind: 'empirical', values: [10, 20, 30] }, rng)))).toEqual(new Set([10, 20, 30]));
  });

  it('reject impossible parameters with a message naming them', () => {
    const rng = seededRandom(1);
    expect(() => sampler({ kind: 'exponential', mean: 0 }, rng)).toThrow(InvalidDistributionError);
    expect(() => sampler({ kind: 'lognormal', mean: 100, cv: -1 }, rng)).toThrow(/cv/);
    expect(() => sampler({ kind: 'empirical', values: [] }, rng)).toThrow(/at least one/);
  });
});

describe('Poisson arrivals', () => {
  it('produce the expected count per interval, sorted, inside their intervals, and replay from the seed', () => {
    const intervals = [
      { start: 0, seconds: 1800, calls: 1000 },
      { start: 1_800_000, seconds: 1800, calls: 0 },
      { start: 3_600_000, seconds: 1800, calls: 50.5 },
    ];
    const counts = [0, 0, 0];
    for (let seed = 0; seed < 40; seed++) {
      const times = poissonArrivals(intervals, seededRandom(seed));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      for (const t of times) counts[Math.floor(t / 1_800_000)]!++;
    }
    expect(counts[0]! / 40).toBeGreaterThan(985);
    expect(counts[0]! / 40).toBeLessThan(1015);
    expect(counts[1]).toBe(0);
    expect(counts[2]! / 40).toBeGreaterThan(47);
    expect(counts[2]! / 40).toBeLessThan(54);
    expect(poissonArrivals(intervals, seededRandom(9))).toEqual(poissonArrivals(intervals, seededRandom(9)));
  });

  it('spread a day over the demo profile, busiest mid-morning and quietest at night', () => {
    const day = dayProfile(0, 2000, weekdayShares);
    expect(day).toHaveLength(96);
    expect(day.reduce((a, i) => a + i.calls, 0)).toBeCloseTo(2000, 6);
    const at = (hour: number) => day[hour * 4]!.calls;
    expect(at(10)).toBeGreaterThan(at(3) * 10);
  });
});

describe('interval volumes from CSV', () => {
  it('reads the real 2023 center export: 15-minute intervals with AHT', () => {
    const csv = readFileSync(new URL('../../../../examples/call-volumes/interval_volumes_2023-03.csv', import.meta.url), 'utf8');
    const volumes = parseIntervalVolumes(csv);
    expect(volumes).toHaveLength(2976);
    expect(volumes[0]).toEqual({ start: Date.UTC(2023, 2, 1), seconds: 900, calls: 15, ahtSeconds: expect.closeTo(413.87, 1) });
    expect(volumes.reduce((a, v) => a + v.calls, 0)).toBe(634_078);
  });

  it('reads the bank data: 5-minute intervals, local times with a Z', () => {
    const csv = readFileSync(new URL('../../../../examples/call-volumes/bank_calls.csv', import.meta.url), 'utf8');
    const volumes = parseIntervalVolumes(csv);
    expect(volumes).toHaveLength(27_716);
    expect(volumes[0]).toEqual({ start: Date.UTC(2003, 2, 3, 7, 0), seconds: 300, calls: 111 });
  });

  it('names the line and the problem in a bad file', () => {
    expect(() => parseIntervalVolumes('when,calls\n')).toThrow(IntervalVolumeError);
    expect(() => parseIntervalVolumes('when,calls\n2023-01-01 00:00,3\n')).toThrow(/no time column/);
    expect(() => parseIntervalVolumes('tc,calls\n2023-01-01 00:00,3\nyesterday,4\n')).toThrow(/line 3: "yesterday"/);
    expect(() => parseIntervalVolumes('tc,calls\n2023-01-01 00:00,3\n2023-01-01 00:15,-4\n')).toThrow(/line 3/);
  });
});
