import { inverseBlocking } from './erlang-b';
import { checkInput, idle, type ErlangInput, type ErlangResult } from './model';

/**
 * Erlang C at `agents` from 1/B(agents, traffic). Every call is answered in the end, so the service
 * level is P(wait ≤ threshold) = 1 − C·e^{−(N−A)·t/AHT} and ASA the mean wait of all calls.
 */
export function erlangCFrom(traffic: number, agents: number, ahtSeconds: number, thresholdSeconds: number, inverseBlocking: number): ErlangResult {
  if (traffic === 0) return idle('erlang-c', agents);
  if (agents <= traffic) {
    return { model: 'erlang-c', traffic, agents, probWait: 1, serviceLevel: 0, asa: null, occupancy: agents > 0 ? 1 : 0, unstable: true };
  }
  // C = N·B / (N − A(1 − B)), written with 1/B so a negligible B (1/B = ∞) gives exactly 0.
  const probWait = agents / (traffic + inverseBlocking * (agents - traffic));
  return {
    model: 'erlang-c',
    traffic,
    agents,
    probWait,
    serviceLevel: 1 - probWait * Math.exp((-(agents - traffic) * thresholdSeconds) / ahtSeconds),
    asa: (probWait * ahtSeconds) / (agents - traffic),
    occupancy: traffic / agents,
  };
}

/**
 * Erlang C (M/M/N, callers wait as long as it takes): P(wait), service level, ASA, occupancy.
 * Stable up to and beyond 100,000 Erlangs. With agents ≤ traffic the queue grows without end:
 * probWait 1, serviceLevel 0, asa null and `unstable: true`.
 *
 * @example
 * erlangC({ traffic: 1000 * 210 / 1800, agents: 121, ahtSeconds: 210, thresholdSeconds: 20 }).serviceLevel; // 0.608
 */
export function erlangC(input: ErlangInput): ErlangResult {
  checkInput(input);
  const { traffic, agents } = input;
  // Overloaded or idle, the blocking probability does not enter: skip the recursion.
  const inverse = agents > traffic && traffic > 0 ? inverseBlocking(agents, traffic) : 1;
  return erlangCFrom(traffic, agents, input.ahtSeconds, input.thresholdSeconds, inverse);
}
