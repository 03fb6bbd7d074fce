import type { Random } from '../random/index';

/** Expected calls in one interval of the day. */
export interface IntervalRate {
  /** Start, epoch milliseconds. */
  start: number;
  seconds: number;
  /** Expected calls in the interval (the Poisson mean), not necessarily whole. */
  calls: number;
}

/**
 * Arrival times of a Poisson process whose rate is constant within each interval.
 * Restarting the exponential gaps at each interval boundary is exact, the process being memoryless.
 *
 * @example
 * poissonArrivals([{ start: 0, seconds: 1800, calls: 1000 }], seededRandom(7)); // ~1000 sorted times
 */
export function poissonArrivals(intervals: readonly IntervalRate[], random: Random): number[] {
  const times: number[] = [];
  for (const interval of intervals) {
    if (!(interval.calls > 0)) continue;
    const meanGapMs = (interval.seconds * 1000) / interval.calls;
    const end = interval.start + interval.seconds * 1000;
    let t = interval.start - meanGapMs * Math.log(1 - random.next());
    while (t < end) {
      times.push(t);
      t -= meanGapMs * Math.log(1 - random.next());
    }
  }
  return times;
}

/**
 * Spreads a day's expected calls over equal intervals by their shares (which need not sum to 1).
 *
 * @example
 * dayProfile(Date.UTC(2026, 0, 5), 2000, weekdayShares); // 96 quarter-hours
 */
export function dayProfile(dayStart: number, callsPerDay: number, shares: readonly number[]): IntervalRate[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const seconds = 86_400 / shares.length;
  return shares.map((share, i) => ({ start: dayStart + i * seconds * 1000, seconds, calls: (callsPerDay * share) / total }));
}
