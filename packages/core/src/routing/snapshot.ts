import type { AgentState } from '../agents/index';
import type { CallDirection, CallStatus, MonitorMode, OfferPurpose } from '../calls/index';
import type { TimerKind } from './timers';

/**
 * Everything a router holds, as plain JSON. A server stores one now and then together with the
 * inputs handled since; after a restart `Router.restore(config, snapshot)` and re-handling those
 * inputs at their times give back exactly the same state (the router is deterministic).
 */
export interface RouterSnapshot {
  version: 1;
  now: number;
  today: string;
  dayEndsAt: number;
  seq: number;
  readySeq: number;
  /** How many numbers the strategies drew from the Random: a restored router skips as many. */
  randomDraws: number;
  agents: {
    agentId: string;
    state: AgentState;
    callsToday: number;
    talkMsToday: number;
    wrapUpToken: number;
    readySeq: number;
    handleStart: number | null;
    handleQueueId: string | null;
  }[];
  queues: { queueId: string; lastOffered: number; ahtMs: number; wakeAt: number; wakeToken: number }[];
  calls: {
    id: string;
    direction: CallDirection;
    from: string | null;
    vipLevel: number;
    startedAt: number;
    status: CallStatus;
    queueId: string | null;
    placeAt: number;
    seq: number;
    waitingNow: boolean;
    enteredQueueAt: number;
    maxWaitToken: number;
    ringToken: number;
    overflowDue: boolean;
    answered: boolean;
    announceToken: number;
    offer: { agentIds: string[]; purpose: OfferPurpose; token: number } | null;
    agentIds: string[];
    held: boolean;
    consult: { agentId: string; targetAgentId: string; connected: boolean } | null;
    callbackNumber: string | null;
    recorded: boolean;
    monitors: [string, MonitorMode][];
  }[];
  /** Pending deadlines in firing order. */
  timers: { at: number; kind: TimerKind; id: string; token: number }[];
}
