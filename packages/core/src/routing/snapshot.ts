import type { AgentState } from '../agents/index';
import type { CallDirection, CallStatus, MonitorMode, OfferPurpose } from '../calls/index';
import { RoutingError } from './errors';
import type { AgentRec, CallRec, QueueRec } from './records';
import type { Timer, TimerKind, TimerQueue } from './timers';

type TimerOwner = AgentRec | CallRec | QueueRec;

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
    /** Absent in snapshots from before dispositions could be required. */
    dispositionDue?: boolean;
    disposedCallId?: string | null;
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

type Scalars = Pick<RouterSnapshot, 'now' | 'today' | 'dayEndsAt' | 'seq' | 'readySeq' | 'randomDraws'>;

export function encodeSnapshot(
  scalars: Scalars,
  agents: Map<string, AgentRec>,
  queues: Map<string, QueueRec>,
  calls: Map<string, CallRec>,
  timers: Timer<TimerOwner>[],
): RouterSnapshot {
  const id = (a: AgentRec) => a.agentId;
  return structuredClone({
    version: 1,
    ...scalars,
    agents: [...agents.values()].map((a) => ({
      agentId: a.agentId,
      state: a.state,
      callsToday: a.callsToday,
      talkMsToday: a.talkMsToday,
      wrapUpToken: a.wrapUpToken,
      readySeq: a.readySeq,
      handleStart: a.handleStart,
      handleQueueId: a.handleQueue?.cfg.id ?? null,
      dispositionDue: a.dispositionDue,
      disposedCallId: a.disposedCallId,
    })),
    queues: [...queues.values()].map((q) => ({ queueId: q.cfg.id, lastOffered: q.lastOffered, ahtMs: q.ahtMs, wakeAt: q.wakeAt, wakeToken: q.wakeToken })),
    calls: [...calls.values()].map((c) => ({
      id: c.id,
      direction: c.direction,
      from: c.from,
      vipLevel: c.vipLevel,
      startedAt: c.startedAt,
      status: c.status,
      queueId: c.queue?.cfg.id ?? null,
      placeAt: c.entry.placeAt,
      seq: c.entry.seq,
      waitingNow: c.waitingNow,
      maxWaitToken: c.maxWaitToken,
      ringToken: c.ringToken,
      overflowDue: c.overflowDue,
      answered: c.answered,
      announceToken: c.announceToken,
      offer: c.offer && { agentIds: c.offer.agents.map(id), purpose: c.offer.purpose, token: c.offer.token },
      agentIds: c.agents.map(id),
      held: c.held,
      consult: c.consult && { agentId: c.consult.agent.agentId, targetAgentId: c.consult.target.agentId, connected: c.consult.connected },
      callbackNumber: c.callbackNumber,
      recorded: c.recorded,
      monitors: c.monitors ? [...c.monitors] : [],
    })),
    timers: timers.map(({ at, kind, owner, token }) => ({ at, kind, id: ownerId(kind, owner), token })),
  } satisfies RouterSnapshot);
}

/**
 * Fills a freshly configured router's records from a snapshot. Ready lists are rebuilt in the order
 * agents became ready, waiting calls by their places, deadlines in firing order.
 */
export function decodeSnapshot(
  snapshot: RouterSnapshot,
  agents: Map<string, AgentRec>,
  queues: Map<string, QueueRec>,
  calls: Map<string, CallRec>,
  timers: TimerQueue<TimerOwner>,
): void {
  const agent = (agentId: string) => {
    const a = agents.get(agentId);
    if (!a) throw new RoutingError('invalid_config', `the snapshot has agent ${agentId}, the configuration does not`);
    return a;
  };
  const queue = (queueId: string) => {
    const q = queues.get(queueId);
    if (!q) throw new RoutingError('invalid_config', `the snapshot has queue ${queueId}, the configuration does not`);
    return q;
  };
  for (const s of snapshot.queues) Object.assign(queue(s.queueId), { lastOffered: s.lastOffered, ahtMs: s.ahtMs, wakeAt: s.wakeAt, wakeToken: s.wakeToken });
  const ready: AgentRec[] = [];
  for (const s of snapshot.agents) {
    const a = agent(s.agentId);
    Object.assign(a, {
      // A copy: the router changes it in place, and the snapshot is the caller's.
      state: { ...s.state },
      callsToday: s.callsToday,
      talkMsToday: s.talkMsToday,
      wrapUpToken: s.wrapUpToken,
      readySeq: s.readySeq,
      handleStart: s.handleStart,
      handleQueue: s.handleQueueId === null ? null : queue(s.handleQueueId),
      dispositionDue: s.dispositionDue ?? false,
      disposedCallId: s.disposedCallId ?? null,
    });
    if (a.state.status !== 'logged_out') for (const m of a.memberships) m.queue.loggedIn++;
    if (a.state.status === 'ready') ready.push(a);
  }
  ready.sort((x, y) => x.readySeq - y.readySeq);
  for (const a of ready) {
    for (const m of a.memberships) {
      m.queue.ready[m.tier]!.push(m.node);
      m.queue.readyCount++;
    }
  }
  for (const s of snapshot.calls) {
    const call: CallRec = {
      id: s.id,
      direction: s.direction,
      from: s.from,
      vipLevel: s.vipLevel,
      startedAt: s.startedAt,
      status: s.status,
      queue: s.queueId === null ? null : queue(s.queueId),
      entry: { callId: s.id, vipLevel: s.vipLevel, placeAt: s.placeAt, seq: s.seq },
      waitingNow: s.waitingNow,
      maxWaitToken: s.maxWaitToken,
      ringToken: s.ringToken,
      overflowDue: s.overflowDue,
      answered: s.answered,
      announceToken: s.announceToken,
      offer: s.offer && { agents: s.offer.agentIds.map(agent), purpose: s.offer.purpose, token: s.offer.token },
      agents: s.agentIds.map(agent),
      held: s.held,
      consult: s.consult && { agent: agent(s.consult.agentId), target: agent(s.consult.targetAgentId), connected: s.consult.connected },
      callbackNumber: s.callbackNumber,
      recorded: s.recorded,
      monitors: s.monitors.length > 0 ? new Map(s.monitors) : null,
    };
    calls.set(call.id, call);
    if (call.waitingNow) call.queue!.waiting.insert(call.entry);
  }
  for (const t of snapshot.timers) {
    if (t.kind === 'wrap_up') timers.push(t.at, t.kind, agent(t.id), t.token);
    else if (t.kind === 'widen') timers.push(t.at, t.kind, queue(t.id), t.token);
    else {
      // A deadline of a call the snapshot does not hold could never fire.
      const call = calls.get(t.id);
      if (call) timers.push(t.at, t.kind, call, t.token);
    }
  }
}

/** Deadlines are stored by their owner's id: a call, an agent (wrap-up) or a queue (widening). */
function ownerId(kind: TimerKind, owner: TimerOwner): string {
  if (kind === 'wrap_up') return (owner as AgentRec).agentId;
  if (kind === 'widen') return (owner as QueueRec).cfg.id;
  return (owner as CallRec).id;
}
