import type { CallTally } from './tally';

/** How an inbound call ended, from the caller's point of view. */
export type TalliedOutcome = 'answered' | 'abandoned' | 'blocked' | 'overflowed' | 'forwarded' | 'callback';

/**
 * What the metrics need to know about one inbound call at one queue: the call detail record
 * projection provides it. Times in seconds.
 */
export interface CallFacts {
  outcome: TalliedOutcome;
  /** Seconds in the queue until answered, abandoned, overflowed or turned into a callback. */
  waitSeconds: number;
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
  const answered = call.outcome === 'answered';
  const abandoned = call.outcome === 'abandoned';
  return {
    offered: 1,
    answered: answered ? 1 : 0,
    answeredWithinThreshold: answered && call.waitSeconds <= thresholds.serviceLevelSeconds ? 1 : 0,
    abandoned: abandoned ? 1 : 0,
    abandonedShort: abandoned && call.waitSeconds <= thresholds.shortAbandonSeconds ? 1 : 0,
    blocked: call.outcome === 'blocked' ? 1 : 0,
    overflowed: call.outcome === 'overflowed' ? 1 : 0,
    forwarded: call.outcome === 'forwarded' ? 1 : 0,
    callbacksRequested: call.outcome === 'callback' ? 1 : 0,
    callbacksCompleted: call.outcome === 'callback' && call.callbackCompleted ? 1 : 0,
    queued: call.waitSeconds > 0 ? 1 : 0,
    answerWaitSeconds: answered ? call.waitSeconds : 0,
    abandonWaitSeconds: abandoned ? call.waitSeconds : 0,
    queueSeconds: call.waitSeconds,
    ringSeconds: call.ringSeconds,
    talkSeconds: call.talkSeconds,
    holdSeconds: call.holdSeconds,
    wrapUpSeconds: call.wrapUpSeconds,
    transferred: call.transferred ? 1 : 0,
    resolutionKnown: answered && call.resolvedFirstContact !== null ? 1 : 0,
    resolvedFirstContact: answered && call.resolvedFirstContact === true ? 1 : 0,
  };
}
