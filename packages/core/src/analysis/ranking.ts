export interface Ranked<T> {
  item: T;
  value: number | null;
  /** 1 is best; rows without data are not ranked. */
  rank: number | null;
  /** The best 10% and the worst 30% (rounded up, at least one each when there is data); a tie takes the band of its rank. */
  band: 'top' | 'bottom' | 'middle' | null;
}

/** Equal figures: the same ratio summed in another order may differ in its last bits. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

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
  // Equal values share a rank (the best place of the tie), and the band follows the rank: a tie is
  // never split between bands by sort order, nor placed first and in the bottom band at once.
  let shared = 0;
  const out: Ranked<T>[] = ranked.map((r, i) => {
    if (i === 0 || !same(r.value!, ranked[i - 1]!.value!)) shared = i + 1;
    return { ...r, rank: shared, band: shared <= top ? 'top' : shared > n - bottom ? 'bottom' : 'middle' };
  });
  return [...out, ...withData.filter((r) => r.value === null).map((r) => ({ ...r, rank: null, band: null }))];
}
