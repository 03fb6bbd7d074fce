import { emptyCallTally, type CallTally } from './tally';

/**
 * How an inbound call ended, from the caller's point of view. `forwarded` (呼叫转移 to the duty phone)
 * and `closed` (the closed message) are calls that arrived outside the hours of operation.
 */
export type TalliedOutcome = 'answered' | 'abandoned' | 'blocked' | 'overflowed' | 'forwarded' | 'closed' | 'callback';

/**
 * What the metrics need to know about one inbound call at one queue: the call detail record
 * projection provides it. Times in seconds.
 */
export interface CallFacts {
  outcome: TalliedOutcome;
  /** Seconds from arrival until answered, abandoned, overflowed or turned into a callback: ring time included. */
  waitSeconds: number;
  /** Whether the call had to wait for an agent: none was free when it arrived (队列放置). */
  placedInQueue: boolean;
  /** Seconds in the queue before the first offer to an agent (the whole wait when never offered); ring time excluded. */
  queueSeconds: number;
  ringSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  transferred: boolean;
  /** Whether the issue was resolved on this contact; null when nobody recorded it. */
  resolvedFirstContact: boolean | null;
  /** For a callback: whether it was made and reached the customer. */
  callbackCompleted?: boolean;
}

/** Per-queue thresholds, in seconds. */
export interface Thresholds {
  serviceLevelSeconds: number;
  /** Abandons this quick are not held against the center; 0 counts every abandon. */
  shortAbandonSeconds: number;
}

/**
 * The tally of one call: the only place where a call's facts become counts.
 *
 * @example
 * tallyCall({ outcome: 'answered', waitSeconds: 12, … }, { serviceLevelSeconds: 20, shortAbandonSeconds: 5 });
 */
export function tallyCall(call: CallFacts, thresholds: Thresholds): Partial<CallTally> {
  const tally = emptyCallTally();
  addCallTally(tally, call, thresholds);
  return tally;
}

/**
 * Adds one call's tally (as `tallyCall` gives it) to `into`, field by field: a long simulation adds
 * hundreds of thousands of calls, and a loop over field names would look each one up by name.
 *
 * @example
 * addCallTally(runTally, facts, { serviceLevelSeconds: 20, shortAbandonSeconds: 0 });
 */
export function addCallTally(into: CallTally, call: CallFacts, thresholds: Thresholds): void {
  if (call.outcome === 'forwarded' || call.outcome === 'closed') {
    // Outside the hours of operation: in the total of calls, never offered to an agent.
    into.afterHours += 1;
    into.forwarded += call.outcome === 'forwarded' ? 1 : 0;
    return;
  }
  const answered = call.outcome === 'answered';
  const abandoned = call.outcome === 'abandoned';
  const withinThreshold = call.waitSeconds <= thresholds.serviceLevelSeconds;
  into.offered += 1;
  into.answered += answered ? 1 : 0;
  into.answeredWithinThreshold += answered && withinThreshold ? 1 : 0;
  into.abandoned += abandoned ? 1 : 0;
  into.abandonedShort += abandoned && call.waitSeconds <= thresholds.shortAbandonSeconds ? 1 : 0;
  into.abandonedWithinThreshold += abandoned && withinThreshold ? 1 : 0;
  into.blocked += call.outcome === 'blocked' ? 1 : 0;
  into.overflowed += call.outcome === 'overflowed' ? 1 : 0;
  into.callbacksRequested += call.outcome === 'callback' ? 1 : 0;
  into.callbacksCompleted += call.outcome === 'callback' && call.callbackCompleted ? 1 : 0;
  into.queued += call.placedInQueue ? 1 : 0;
  into.answerWaitSeconds += answered ? call.waitSeconds : 0;
  into.abandonWaitSeconds += abandoned ? call.waitSeconds : 0;
  into.queueSeconds += call.placedInQueue ? call.queueSeconds : 0;
  // Rings heard before an agent picked up: the answered calls' rings, over the answered calls.
  into.ringSeconds += answered ? call.ringSeconds : 0;
  into.talkSeconds += call.talkSeconds;
  into.holdSeconds += call.holdSeconds;
  into.wrapUpSeconds += call.wrapUpSeconds;
  into.transferred += call.transferred ? 1 : 0;
  into.resolutionKnown += answered && call.resolvedFirstContact !== null ? 1 : 0;
  into.resolvedFirstContact += answered && call.resolvedFirstContact === true ? 1 : 0;
}
