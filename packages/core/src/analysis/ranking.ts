export interface Ranked<T> {
  item: T;
  value: number | null;
  /** 1 is best; rows without data are not ranked. */
  rank: number | null;
  /** The best 10% and the worst 30% (rounded up, at least one each when there is data). */
  band: 'top' | 'bottom' | 'middle' | null;
}

/**
 * Ranks agents or teams by one metric, best first, and marks the top 10% and bottom 30% that
 * team-leader reviews single out for praise and coaching.
 *
 * @example
 * rank(agents, (a) => a.metrics.serviceLevel, 'higher');
 */
export function rank<T>(items: readonly T[], value: (item: T) => number | null | undefined, better: 'higher' | 'lower'): Ranked<T>[] {
  const withData = items.map((item) => ({ item, value: value(item) ?? null }));
  const ranked = withData.filter((r) => r.value !== null).sort((a, b) => (better === 'higher' ? b.value! - a.value! : a.value! - b.value!));
  const n = ranked.length;
  const top = n > 0 ? Math.max(1, Math.ceil(n * 0.1)) : 0;
  const bottom = n > 1 ? Math.max(1, Math.ceil(n * 0.3)) : 0;
  const out: Ranked<T>[] = ranked.map((r, i) => ({
    ...r,
    // Equal values share a rank, so a tie is never split between bands by order alone.
    rank: i > 0 && r.value === ranked[i - 1]!.value ? 0 : i + 1,
    band: i < top ? 'top' : i >= n - bottom ? 'bottom' : 'middle',
  }));
  for (let i = 1; i < out.length; i++) if (out[i]!.rank === 0) out[i]!.rank = out[i - 1]!.rank;
  return [...out, ...withData.filter((r) => r.value === null).map((r) => ({ ...r, rank: null, band: null }))];
}
