/**
 * The router's working records. Agents, queues and calls point at each other directly (no id
 * lookups on the decision path); `snapshot.ts` turns them into plain JSON and back.
 */
import type { AgentState } from '../agents/index';
import type { CallDirection, CallStatus, MonitorMode, OfferPurpose } from '../calls/index';
import type { ResolvedQueue } from './config';
import type { ReadyList, ReadyNode } from './ready';
import type { WaitingCalls, WaitingEntry } from './waiting';

/** Skill tiers 0-5: how many levels below the queue's requirement an agent is. */
export const tiers = 6;

export interface Membership {
  queue: QueueRec;
  tier: number;
  node: ReadyNode<AgentRec>;
}

export interface AgentRec {
  agentId: string;
  state: AgentState;
  memberships: Membership[];
  callsToday: number;
  talkMsToday: number;
  wrapUpToken: number;
  /** Order of becoming ready: the ready lists are in this order, so a snapshot can rebuild them. */
  readySeq: number;
  /** When the agent started handling the current call, and for which queue: feeds the queue's AHT. */
  handleStart: number | null;
  handleQueue: QueueRec | null;
  /** In wrap-up with the disposition the center requires not yet saved. */
  dispositionDue: boolean;
  /** The last call the agent saved a disposition for (it may be saved while still talking). */
  disposedCallId: string | null;
}

export interface QueueRec {
  cfg: ResolvedQueue;
  waiting: WaitingCalls;
  /** Ready members by tier, each in the order they became ready. */
  ready: ReadyList<AgentRec>[];
  readyCount: number;
  memberIndex: Map<string, number>;
  loggedIn: number;
  lastOffered: number;
  /** Average handle time (talk + hold + wrap-up), a moving average seeded by the configuration. */
  ahtMs: number;
  wakeAt: number;
  wakeToken: number;
  /** In the router's list of queues to match. */
  dirty: boolean;
}

export interface Offer {
  agents: AgentRec[];
  purpose: OfferPurpose;
  token: number;
}

export interface CallRec {
  id: string;
  direction: CallDirection;
  from: string | null;
  vipLevel: number;
  startedAt: number;
  status: CallStatus;
  /** The queue the call is in, or last was in: a failed transfer or ring-no-answer returns it there. */
  queue: QueueRec | null;
  entry: WaitingEntry;
  waitingNow: boolean;
  maxWaitToken: number;
  ringToken: number;
  overflowDue: boolean;
  /** An agent has talked with the caller: hanging up later is not an abandon. */
  answered: boolean;
  announceToken: number;
  offer: Offer | null;
  agents: AgentRec[];
  held: boolean;
  consult: { agent: AgentRec; target: AgentRec; connected: boolean } | null;
  callbackNumber: string | null;
  recorded: boolean;
  /** Supervisors listening, whispering or barging; null until the first (most calls have none). */
  monitors: Map<string, MonitorMode> | null;
}
