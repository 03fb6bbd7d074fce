import type { CallDetailRecord, CallOutcome } from '../calls/index';
import type { CallFacts, TalliedOutcome } from './call-facts';

/** Where a call's tally belongs: the queue it entered and the agent who answered it. */
export interface CallFactsAt {
  queueId: string;
  agentId: string | null;
  /** The call counts in the interval it arrived in. */
  offeredAt: number;
  facts: CallFacts;
}

/**
 * The parts of a call's record its metric facts come from: a whole record, or a leaner fold that
 * keeps only these (a long simulation, where full records would cost more than the routing).
 */
export type CallFactsSource = Pick<
  CallDetailRecord,
  | 'direction'
  | 'endedAt'
  | 'outcome'
  | 'firstQueueId'
  | 'firstOfferedAt'
  | 'queueMs'
  | 'ringMs'
  | 'talkMs'
  | 'holdMs'
  | 'wrapUpMs'
  | 'answeredAt'
  | 'answeredBy'
  | 'resolved'
  | 'repeatedBy'
  | 'repeatOfTicket'
  | 'startedAt'
  | 'abandonedAfterMs'
> & {
  overflows: readonly Pick<CallDetailRecord['overflows'][number], 'reason'>[];
  transfers: readonly unknown[];
  callback: Pick<NonNullable<CallDetailRecord['callback']>, 'connected'> | null;
};

/**
 * The outcomes of the calls the figures count: an ended inbound call that reached a queue (or, after
 * hours, was meant for one) counts when it ended in one of these. A report's drill-down lists calls
 * by the same rule.
 */
export const offeredOutcomes = ['answered', 'abandoned', 'overflowed', 'callback', 'forwarded_after_hours', 'after_hours_message'] as const satisfies readonly CallOutcome[];
type OfferedOutcome = (typeof offeredOutcomes)[number];
const isOffered = (outcome: CallOutcome | null): outcome is OfferedOutcome => (offeredOutcomes as readonly (CallOutcome | null)[]).includes(outcome);

/**
 * The metric facts of an ended inbound call that reached a queue, or arrived for one after hours;
 * null for outbound calls and calls still in progress.
 *
 * @example
 * const at = factsFromRecord(cdr);
 * if (at) tallyCall(at.facts, thresholdsOf(at.queueId));
 */
export function factsFromRecord(cdr: CallFactsSource): CallFactsAt | null {
  if (cdr.direction !== 'inbound' || cdr.endedAt === null || !isOffered(cdr.outcome) || cdr.firstQueueId === null) return null;
  let outcome: TalliedOutcome;
  switch (cdr.outcome) {
    case 'answered':
    case 'abandoned':
    case 'callback':
      outcome = cdr.outcome;
      break;
    case 'forwarded_after_hours':
      outcome = 'forwarded';
      break;
    case 'after_hours_message':
      outcome = 'closed';
      break;
    case 'overflowed': {
      // Refused on arrival (queue full, nobody logged in) is what the caller hears as busy.
      const first = cdr.overflows[0];
      outcome = first && first.reason !== 'max_wait' && cdr.queueMs === 0 ? 'blocked' : 'overflowed';
      break;
    }
  }
  const waitMs =
    outcome === 'abandoned' && cdr.abandonedAfterMs !== null
      ? cdr.abandonedAfterMs
      : outcome === 'answered' && cdr.answeredAt !== null
        ? cdr.answeredAt - cdr.startedAt
        : cdr.queueMs + cdr.ringMs;
  // Placed in queue when no agent was free on arrival: the first offer came later (or never).
  const queueMs = cdr.firstOfferedAt === null ? cdr.queueMs : Math.max(0, cdr.firstOfferedAt - cdr.startedAt);
  return {
    queueId: cdr.firstQueueId,
    agentId: cdr.answeredBy,
    offeredAt: cdr.startedAt,
    facts: {
      outcome,
      waitSeconds: Math.max(0, waitMs) / 1000,
      placedInQueue: queueMs > 0,
      queueSeconds: queueMs / 1000,
      ringSeconds: cdr.ringMs / 1000,
      talkSeconds: cdr.talkMs / 1000,
      holdSeconds: cdr.holdMs / 1000,
      wrapUpSeconds: cdr.wrapUpMs / 1000,
      transferred: cdr.transfers.length > 0,
      // A repeat call within the window, or about the same open ticket, says the first one did not resolve it,
      // whatever the wrap-up said; and a repeat call about an open ticket is no first contact itself.
      resolvedFirstContact: cdr.repeatedBy || cdr.repeatOfTicket ? false : (cdr.resolved ?? null),
      ...(outcome === 'callback' ? { callbackCompleted: cdr.callback?.connected === true } : {}),
    },
  };
}
