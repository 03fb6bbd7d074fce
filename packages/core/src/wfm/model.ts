import { atLeastZero, positive, wholeNumber } from './errors';

/** One queue in one interval, as the Erlang formulas see it. */
export interface ErlangInput {
  /** Offered traffic in Erlangs: calls per second × average handle time (see `offeredTraffic`). */
  traffic: number;
  /** Agents answering the queue, a whole number. */
  agents: number;
  /** Average handle time, seconds: sets the time scale of waits. */
  ahtSeconds: number;
  /** Service-level threshold: a call answered within this many seconds is answered in time. */
  thresholdSeconds: number;
}

/** Erlang A's extra input: the mean of the callers' exponential patience, seconds. */
export interface ErlangAInput extends ErlangInput {
  patienceSeconds: number;
}

/**
 * What the Erlang formulas predict for a queue. Service level is answered within the threshold ÷
 * offered (the metric dictionary's `serviceLevel`); ASA is the mean wait of answered calls, those
 * answered at once included (the dictionary's `averageSpeedOfAnswer`).
 */
export interface ErlangResult {
  model: 'erlang-c' | 'erlang-a';
  traffic: number;
  agents: number;
  /** Probability that a call finds every agent busy and has to wait. */
  probWait: number;
  serviceLevel: number;
  /** Seconds; null when no call is ever answered in the long run (Erlang C overloaded, or no agents). */
  asa: number | null;
  /** Busy share of the agents' time: carried traffic ÷ agents (0 without agents). */
  occupancy: number;
  /** Erlang A only: share of offered calls that hang up before an answer. */
  probAbandon?: number;
  /** Erlang C only, when agents ≤ traffic: the queue grows without end. */
  unstable?: true;
}

/** Checks the queue's figures (not the agents), naming the first bad one. */
export function checkQueue(input: Omit<ErlangInput, 'agents'> & { patienceSeconds?: number }): void {
  atLeastZero('traffic', input.traffic);
  positive('ahtSeconds', input.ahtSeconds);
  atLeastZero('thresholdSeconds', input.thresholdSeconds);
  if (input.patienceSeconds !== undefined) positive('patienceSeconds', input.patienceSeconds);
}

export function checkInput(input: ErlangInput & { patienceSeconds?: number }): void {
  checkQueue(input);
  wholeNumber('agents', input.agents);
}

/**
 * Offered traffic in Erlangs from a volume per interval and the average handle time.
 *
 * @example
 * offeredTraffic(1000, 1800, 210); // 116.67 Erlangs: seed 002's Monday morning
 */
export function offeredTraffic(volume: number, intervalSeconds: number, ahtSeconds: number): number {
  atLeastZero('volume', volume);
  positive('intervalSeconds', intervalSeconds);
  positive('ahtSeconds', ahtSeconds);
  return (volume * ahtSeconds) / intervalSeconds;
}

/** No calls: nobody waits, every (non-existent) call counts as answered in time; the limit as traffic → 0. */
export function idle(model: ErlangResult['model'], agents: number): ErlangResult {
  return { model, traffic: 0, agents, probWait: 0, serviceLevel: 1, asa: 0, occupancy: 0, ...(model === 'erlang-a' ? { probAbandon: 0 } : {}) };
}
