import type { AgentStatus, CallEvent, CallOutcome, DomainEvent, OverflowReason } from '../calls/index';
import { addCallTally, agentTimeField, computeMetrics, emptyTally, factsFromRecord, staysOutbound, type CallFactsSource, type Tally, type Thresholds } from '../metrics/index';

/** The caller's phase, as the call detail record counts it; `other` (dialling, waiting for a callback) is not tallied. */
const Phase = { None: 0, Queue: 1, Ring: 2, Talk: 3, Hold: 4, Other: 5 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const none: readonly never[] = [];

/**
 * A call's record folded only as far as its metric facts need (`CallFactsSource`), with the same
 * phase rules as the call detail record (calls/cdr.ts): a simulated day keeps hundreds of
 * thousands of calls open for minutes each, and full records (legs, queues, agents) would be most
 * of what the garbage collector copies.
 */
class LeanCall implements CallFactsSource {
  direction: 'inbound' | 'outbound' = 'inbound';
  endedAt: number | null = null;
  outcome: CallOutcome | null = null;
  firstQueueId: string | null = null;
  firstOfferedAt: number | null = null;
  queueMs = 0;
  ringMs = 0;
  talkMs = 0;
  holdMs = 0;
  readonly wrapUpMs = 0;
  answeredAt: number | null = null;
  answeredBy: string | null = null;
  abandonedAfterMs: number | null = null;
  overflows: readonly { reason: OverflowReason }[] = none;
  transfers: readonly unknown[] = none;
  callback: { connected: boolean | null } | null = null;
  readonly resolved = null;
  readonly repeatedBy = null;
  phase: Phase = Phase.None;
  phaseSince: number;

  constructor(public startedAt: number) {
    this.phaseSince = startedAt;
  }

  enter(phase: Phase, at: number): void {
    const spent = at - this.phaseSince;
    if (this.phase === Phase.Queue) this.queueMs += spent;
    else if (this.phase === Phase.Ring) this.ringMs += spent;
    else if (this.phase === Phase.Talk) this.talkMs += spent;
    else if (this.phase === Phase.Hold) this.holdMs += spent;
    this.phase = phase;
    this.phaseSince = at;
  }

  apply(e: CallEvent): void {
    const at = e.at;
    switch (e.type) {
      case 'call.arrived':
        this.direction = 'inbound';
        this.startedAt = at;
        break;
      case 'call.dialed':
        this.direction = 'outbound';
        this.startedAt = at;
        this.enter(Phase.Other, at);
        break;
      case 'call.queued':
        if (this.firstQueueId === null) this.firstQueueId = e.payload.queueId;
        this.enter(e.payload.callback ? Phase.Other : Phase.Queue, at);
        break;
      case 'call.offered':
        if (e.payload.purpose === 'queue' && this.firstOfferedAt === null) this.firstOfferedAt = at;
        if (e.payload.purpose === 'queue' || e.payload.purpose === 'transfer') this.enter(Phase.Ring, at);
        break;
      case 'call.after_hours':
        this.firstQueueId ??= e.payload.queueId;
        break;
      case 'call.answered':
        if (this.answeredAt === null) {
          this.answeredAt = at;
          this.answeredBy = e.payload.agentId;
        }
        this.enter(e.payload.purpose === 'callback' ? Phase.Other : Phase.Talk, at);
        break;
      case 'call.connected':
      case 'call.retrieved':
      case 'call.conferenced':
      case 'call.consult_cancelled':
        this.enter(Phase.Talk, at);
        break;
      case 'call.held':
      case 'call.consult_started':
        this.enter(Phase.Hold, at);
        break;
      case 'call.transferred':
        this.transfers = [...this.transfers, e.payload];
        if (e.payload.mode === 'consult') this.enter(Phase.Talk, at);
        break;
      case 'call.overflowed':
        this.overflows = [...this.overflows, e.payload];
        break;
      case 'call.callback_requested':
        this.callback = { connected: null };
        this.enter(Phase.Other, at);
        break;
      case 'call.abandoned':
        this.abandonedAfterMs = e.payload.waitedMs;
        break;
      case 'call.ended':
        this.enter(Phase.None, at);
        this.endedAt = at;
        this.outcome = e.payload.outcome;
        if (this.callback) this.callback.connected = e.payload.connected;
        break;
      default:
        break;
    }
  }
}

/**
 * The figures of a simulated run, tallied as events stream by, with the same definitions as the
 * reports: call facts from each call's record when it ends, agent time from state changes.
 *
 * @example
 * const summary = new SimulationTally({ serviceLevelSeconds: 20, shortAbandonSeconds: 0 });
 * runSimulation(router, center, until, (events) => summary.add(events));
 * computeMetrics(summary.finish(until)).serviceLevel;
 */
export class SimulationTally {
  private readonly open = new Map<string, LeanCall>();
  private readonly agents = new Map<string, { status: AgentStatus; since: number; outbound: boolean }>();
  private readonly tally: Tally = emptyTally();
  private readonly queues = new Map<string, Tally>();

  /** `queueThresholds`: a queue's own service level threshold, for its calls (by the queue they entered first). */
  constructor(
    private readonly thresholds: Thresholds,
    private readonly queueThresholds: ReadonlyMap<string, Thresholds> = new Map(),
  ) {}

  add(events: readonly DomainEvent[]): void {
    let lastStream: string | null = null;
    let lastRecord: LeanCall | undefined;
    for (const e of events) {
      if (e.type === 'agent.state_changed') {
        const was = this.agents.get(e.stream);
        if (was) {
          this.spend(was, e.at);
          was.outbound = staysOutbound(e.payload.to, was.outbound);
          was.status = e.payload.to;
          was.since = e.at;
        } else {
          this.agents.set(e.stream, { status: e.payload.to, since: e.at, outbound: staysOutbound(e.payload.to, false) });
        }
      } else if (e.type === 'call.wrapped_up') {
        this.tally.wrapUpSeconds += e.payload.wrapUpMs / 1000;
      } else if (e.type.startsWith('call.')) {
        // A step's events mostly follow one call: look its record up once.
        let record = e.stream === lastStream ? lastRecord! : this.open.get(e.stream);
        if (!record) this.open.set(e.stream, (record = new LeanCall(e.at)));
        lastStream = e.stream;
        lastRecord = record;
        record.apply(e as CallEvent);
        if (e.type === 'call.ended') {
          const at = factsFromRecord(record);
          if (at) {
            const queueId = record.firstQueueId;
            const thresholds = (queueId !== null && this.queueThresholds.get(queueId)) || this.thresholds;
            addCallTally(this.tally, at.facts, thresholds);
            if (queueId !== null) {
              let q = this.queues.get(queueId);
              if (!q) this.queues.set(queueId, (q = emptyTally()));
              addCallTally(q, at.facts, thresholds);
            }
          }
          this.open.delete(e.stream);
          lastStream = null;
        }
      }
    }
  }

  /** Closes every agent's current state at `until` and returns the tally of the run. */
  finish(until: number): Tally {
    for (const agent of this.agents.values()) {
      this.spend(agent, until);
      agent.since = until;
    }
    return { ...this.tally };
  }

  /** The call figures of each queue, by the queue each call entered first (agent time is not split by queue). */
  byQueue(): Map<string, Tally> {
    return new Map([...this.queues].map(([id, t]) => [id, { ...t }]));
  }

  private spend(agent: { status: AgentStatus; since: number; outbound: boolean }, until: number): void {
    const field = agentTimeField(agent.status, agent.outbound);
    if (!field || until <= agent.since) return;
    const seconds = (until - agent.since) / 1000;
    this.tally[field] += seconds;
    this.tally.loggedInSeconds += seconds;
  }
}

/** A run's headline figures, as `banzu simulate` prints them. */
export interface SimulationFigures {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asa: number | null;
  occupancy: number | null;
  abandonRate: number | null;
}

/**
 * The headline figures of a tally, by the metric dictionary (the reports' definitions).
 *
 * @example
 * simulationFigures(tally.finish(until)).serviceLevel;
 */
export function simulationFigures(t: Tally): SimulationFigures {
  const m = computeMetrics(t);
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    serviceLevel: m.serviceLevel ?? null,
    asa: m.averageSpeedOfAnswer ?? null,
    occupancy: m.occupancy ?? null,
    abandonRate: m.abandonmentRate ?? null,
  };
}
