import { atLeastZero, wholeNumber } from './errors';

/**
 * Past this 1/B the blocking probability is below 1e-300, zero in double precision: every figure built
 * on it sits at its limit, so the recursion stops there instead of running on to huge agent counts.
 */
const NEGLIGIBLE = 1e300;

/**
 * 1/B(n, A) for n = 0, 1, 2 … by the recursion 1/B(n) = 1 + (n/A)·1/B(n−1): positive terms only, so no
 * cancellation, no factorials, no powers, O(n); computed once per traffic and reused while a staffing
 * search steps through agent counts. Infinity once blocking is negligible (and for every n ≥ 1 at A = 0).
 */
export class InverseBlocking {
  /** A plain array: cheaper to create than a typed one for the short tables most queues need. */
  private values: number[] = [1];
  private infiniteFrom = Number.POSITIVE_INFINITY;

  constructor(readonly traffic: number) {}

  at(n: number): number {
    if (n >= this.infiniteFrom) return Number.POSITIVE_INFINITY;
    const values = this.values;
    while (values.length <= n) {
      const next = nextInverseBlocking(values.length, this.traffic, values[values.length - 1]!);
      if (next === Number.POSITIVE_INFINITY) {
        this.infiniteFrom = values.length;
        return next;
      }
      values.push(next);
    }
    return values[n]!;
  }
}

/** 1/B(n, A) from 1/B(n − 1, A): one step of the recursion, Infinity once blocking is negligible. */
export function nextInverseBlocking(n: number, traffic: number, previous: number): number {
  const next = 1 + (n / traffic) * previous;
  return next < NEGLIGIBLE ? next : Number.POSITIVE_INFINITY;
}

/** 1/B(agents, A) without keeping the table: for one evaluation. */
export function inverseBlocking(agents: number, traffic: number): number {
  let inverse = 1;
  for (let n = 1; n <= agents && inverse < NEGLIGIBLE; n++) inverse = nextInverseBlocking(n, traffic, inverse);
  return inverse;
}

/**
 * Erlang B: the probability that a call finds all `agents` busy and is lost, when `traffic` Erlangs
 * are offered and nobody waits (M/M/N/N). Numerically stable for any traffic.
 *
 * @example
 * erlangB(10, 5); // 0.0184: ten lines carry five Erlangs losing 1.8% of the calls
 */
export function erlangB(agents: number, traffic: number): number {
  wholeNumber('agents', agents);
  atLeastZero('traffic', traffic);
  return 1 / inverseBlocking(agents, traffic);
}
