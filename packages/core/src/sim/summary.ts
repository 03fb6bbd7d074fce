import { foldInto, type AgentStatus, type CallDetailRecord, type DomainEvent } from '../calls/index';
import { agentTimeField, emptyTally, factsFromRecord, staysOutbound, tallyCall, type CallTally, type Tally, type Thresholds } from '../metrics/index';

/**
 * The figures of a simulated run, tallied as events stream by, with the same definitions as the
 * reports: call facts from each call's record when it ends, agent time from state changes.
 *
 * @example
 * const summary = new SimulationTally({ serviceLevelSeconds: 20, shortAbandonSeconds: 0 });
 * runSimulation(router, center, until, ({ events }) => summary.add(events));
 * computeMetrics(summary.finish(until)).serviceLevel;
 */
/** The fields a call's tally sets; the agent-time fields come from state changes. */
const callFields = Object.keys(tallyCall(
  { outcome: 'answered', waitSeconds: 0, ringSeconds: 0, talkSeconds: 0, holdSeconds: 0, wrapUpSeconds: 0, transferred: false, resolvedFirstContact: null },
  { serviceLevelSeconds: 0, shortAbandonSeconds: 0 },
)) as (keyof CallTally)[];

export class SimulationTally {
  private readonly open = new Map<string, CallDetailRecord>();
  private readonly agents = new Map<string, { status: AgentStatus; since: number; outbound: boolean }>();
  private readonly tally: Tally = emptyTally();

  constructor(private readonly thresholds: Thresholds) {}

  add(events: readonly DomainEvent[]): void {
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
      } else {
        const record = foldInto(this.open, e);
        if (e.type === 'call.ended' && record) {
          const at = factsFromRecord(record);
          if (at) {
            const t = tallyCall(at.facts, this.thresholds);
            for (const field of callFields) this.tally[field] += t[field]!;
          }
          this.open.delete(e.stream);
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

  private spend(agent: { status: AgentStatus; since: number; outbound: boolean }, until: number): void {
    const field = agentTimeField(agent.status, agent.outbound);
    if (!field || until <= agent.since) return;
    const seconds = (until - agent.since) / 1000;
    this.tally[field] += seconds;
    this.tally.loggedInSeconds += seconds;
  }
}
