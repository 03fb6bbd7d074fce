import type { RouterInput, SwitchDriver } from '../routing/index';
import type { Random } from '../random/index';
import type { SwitchCommand } from '../telephony/index';
import type { IntervalRate } from './arrivals';
import { poissonArrivals } from './arrivals';
import { sampler, type Distribution } from './distributions';
import { Schedule } from './schedule';

export interface SimulatedQueue {
  queueId: string;
  /** Share of the arrivals that go to this queue (shares need not sum to 1). */
  share: number;
  /** VIP level of its callers (a VIP line: 3-5; ordinary queues: 0). */
  vipLevel?: number;
  /** This queue's talk time, wrap-up and patience, where they differ from the center's. */
  talk?: Distribution;
  wrapUp?: Distribution;
  patience?: Distribution | null;
}

/** A kind of caller: a share of the arrivals, with a VIP level and, if given, a patience of its own. */
export interface CustomerClass {
  share: number;
  vipLevel: number;
  patience?: Distribution | null;
}

/**
 * What happens to a dialled call (an outbound call or a callback). The three chances need not sum
 * to 1: the rest fail (a wrong or dead number).
 */
export interface OutboundConfig {
  answer: number;
  busy: number;
  noAnswer: number;
  /** Seconds the customer's phone rings before they pick up. */
  ringSeconds: Distribution;
  /** Seconds the phone rings before the switch gives up on a customer who does not pick up (default 30). */
  noAnswerSeconds?: number;
}

/** A recorded call, reported when it ends: the recording runs from the record command to the hang-up. */
export interface RecordedCall {
  callId: string;
  startedAt: number;
  endedAt: number;
}

export interface SimulatedCenterConfig {
  random: Random;
  queues: SimulatedQueue[];
  /** Talk time of a call, seconds. */
  talk: Distribution;
  /** How long a caller waits before hanging up, seconds; null: callers never give up. */
  patience: Distribution | null;
  /** Seconds a simulated agent takes to pick up. */
  answerDelay: Distribution;
  /** Chance a simulated agent lets the phone ring out. */
  noAnswerProbability: number;
  /** Share of callers who ask for a callback instead of waiting on, when their patience runs out. */
  callbackShare?: number;
  /** A simulated agent takes a break (示忙 break) after this many seconds ready or busy, for `breakLength`. */
  breakEvery?: Distribution;
  breakLength?: Distribution;
  /** After-call work of a simulated agent, ended by going ready (default: the queue's own wrap-up timer). */
  wrapUp?: Distribution;
  /** Callers of each class; without it every caller has the queue's VIP level. */
  customerClasses?: CustomerClass[];
  /** Outbound and callback calls (default: 70% answer after 8 s, the rest ring out after 25 s). */
  outbound?: OutboundConfig;
  /** Told of each recorded call when it ends, so the switch can store its audio. */
  onRecorded?: (call: RecordedCall) => void;
  /** Numbers of known customers, who make `share` of the inbound calls (the demo's screen pop and VIP priority). */
  knownCallers?: { numbers: readonly string[]; share: number };
  /**
   * Disposition codes a simulated agent saves as its wrap-up begins, taking them in turn: a center
   * that requires a disposition ends no wrap-up without one.
   */
  dispositions?: readonly string[];
  /**
   * The id of an arriving call; default the prefix and a count (`sim-1`, `sim-2`…), the same on every
   * run. A live floor makes them unguessable: people see their own calls' ids and must not be able to
   * name another team's.
   */
  newCallId?: () => string;
}

/** What the world does later: a router input as it stands, or something that decides one when it is due. */
type Planned = RouterInput | WorldEvent;

type WorldEvent =
  | { kind: 'arrival'; queue: QueueModel }
  | { kind: 'patience'; callId: string }
  | { kind: 'talk_end'; callId: string; token: number }
  | { kind: 'wrap_end'; agent: WorldAgent; token: number }
  | { kind: 'dispose'; agent: WorldAgent; token: number; callId: string }
  | { kind: 'break_due'; agent: WorldAgent; token: number }
  | { kind: 'shift_start'; agent: WorldAgent }
  | { kind: 'shift_end'; agent: WorldAgent };

/** An agent as the simulated world knows it: one record, looked up once per switch command. */
interface WorldAgent {
  readonly id: string;
  /** Driven by the simulation now. */
  simulated: boolean;
  /** Handed over to a person at a desktop: never driven again. */
  human: boolean;
  onBreak: boolean;
  /** On a call, or wrapping up after one; a shift that ends meanwhile ends after it (`leaving`). */
  onCall: boolean;
  wrapping: boolean;
  leaving: boolean;
  /** The latest break and wrap-up: a stale break or wrap-up end does nothing. */
  breakToken: number;
  wrapToken: number;
}

interface LiveCall {
  /** A caller's call, rather than a dial (an outbound call or a callback): only these get a disposition here. */
  inbound: boolean;
  bridged: boolean;
  token: number;
  from: string;
  queue: QueueModel | null;
  /** Simulated agents on the call, who wrap up when it ends. */
  agents: readonly string[];
  /** People at desktops on the call: while there is one, the caller talks until a person hangs up. */
  people: number;
  /** When the switch began recording it; null: not recorded. */
  recordingSince: number | null;
}

/** A queue with its samplers. */
interface QueueModel {
  queue: SimulatedQueue;
  talk: () => number;
  wrapUp: (() => number) | null;
  patience: (() => number) | null;
}

const prefixes = ['138', '139', '150', '186', '135', '177', '189', '158'];
/** A call nobody has answered yet: shared, as most calls of a long run wait with nobody on them. */
const nobody: readonly string[] = [];

const defaultOutbound: OutboundConfig = { answer: 0.7, busy: 0, noAnswer: 0.3, ringSeconds: { kind: 'fixed', value: 8 }, noAnswerSeconds: 25 };
/** A simulated agent picks the disposition this long into the wrap-up. */
const disposeAfterMs = 3_000;
/** A busy line is known at once: the switch hears the busy tone after a couple of seconds. */
const busyAfterMs = 2_000;

/**
 * The simulated world around the router: callers arriving by a Poisson profile, each with a
 * patience, talking for a sampled time; simulated agents who pick up after a delay (or let it
 * ring), take breaks and come back. It turns the router's switch commands into the switch events
 * a real switch would report. Agents marked human are left to people at their desktops: their
 * callers talk until the person hangs up.
 *
 * Drive it with any clock: `runSimulation` advances it as fast as it can, the server's switch in
 * real time (or faster).
 *
 * @example
 * const center = new SimulatedCenter(config);
 * center.addArrivals(dayProfile(dayStart, 2000, weekdayShares));
 * center.forEachDue(now, (input, at) => center.execute(router.handle(input, at).commands, at));
 */
export class SimulatedCenter implements SwitchDriver {
  private readonly plan = new Schedule<Planned>();
  private readonly calls = new Map<string, LiveCall>();
  private readonly agents = new Map<string, WorldAgent>();
  /** Offers a simulated agent decided not to answer, as `callId|agentId`. */
  private readonly letRing = new Set<string>();
  private readonly talk: () => number;
  private readonly wrapUp: (() => number) | null;
  private readonly answerDelay: () => number;
  private readonly breakEvery: (() => number) | null;
  private readonly breakLength: (() => number) | null;
  private readonly queues: QueueModel[];
  private readonly byId = new Map<string, QueueModel>();
  private readonly classes: { share: number; vipLevel: number; patience: (() => number) | null | undefined }[];
  private readonly outbound: OutboundConfig;
  private readonly ring: () => number;
  private readonly shareTotal: number;
  private nextCallId = 1;
  private dispositionsSaved = 0;

  constructor(
    private readonly config: SimulatedCenterConfig,
    private readonly idPrefix = 'sim',
  ) {
    const r = config.random;
    this.talk = sampler(config.talk, r);
    const patience = config.patience ? sampler(config.patience, r) : null;
    const wrapUp = (this.wrapUp = config.wrapUp ? sampler(config.wrapUp, r) : null);
    this.answerDelay = sampler(config.answerDelay, r);
    this.breakEvery = config.breakEvery ? sampler(config.breakEvery, r) : null;
    this.breakLength = config.breakLength ? sampler(config.breakLength, r) : null;
    this.queues = config.queues.map((queue) => ({
      queue,
      talk: queue.talk ? sampler(queue.talk, r) : this.talk,
      wrapUp: queue.wrapUp ? sampler(queue.wrapUp, r) : wrapUp,
      patience: queue.patience === undefined ? patience : queue.patience ? sampler(queue.patience, r) : null,
    }));
    for (const q of this.queues) this.byId.set(q.queue.queueId, q);
    this.classes = (config.customerClasses ?? []).map((c) => ({
      share: c.share,
      vipLevel: c.vipLevel,
      patience: c.patience === undefined ? undefined : c.patience ? sampler(c.patience, r) : null,
    }));
    this.outbound = config.outbound ?? defaultOutbound;
    this.ring = sampler(this.outbound.ringSeconds, r);
    this.shareTotal = config.queues.reduce((a, q) => a + q.share, 0);
  }

  /** The event log keeps whole milliseconds; so does the simulated world, to replay identically. */
  private at(time: number, item: Planned): void {
    this.plan.push(Math.round(time), item);
  }

  /** Schedules Poisson arrivals for these intervals, split over the queues by share. */
  addArrivals(intervals: readonly IntervalRate[]): number {
    const times = poissonArrivals(intervals, this.config.random);
    for (const at of times) this.at(at, { kind: 'arrival', queue: this.pickQueue() });
    return times.length;
  }

  /** Schedules Poisson arrivals for these intervals, all to one queue (a per-queue profile). */
  addQueueArrivals(queueId: string, intervals: readonly IntervalRate[]): number {
    const queue = this.byId.get(queueId);
    if (!queue) throw new Error(`unknown simulated queue ${queueId}`);
    const times = poissonArrivals(intervals, this.config.random);
    for (const at of times) this.at(at, { kind: 'arrival', queue });
    return times.length;
  }

  /**
   * A simulated agent's shift: logs in at `logIn`, logs out at `logOut` (after the call under way,
   * if any). Unlike `staff`, the agent is driven by the simulation only from `logIn` on, so shifts
   * of several days can be planned at once.
   */
  shift(agentId: string, logIn: number, logOut: number): void {
    const agent = this.agent(agentId);
    this.at(logIn, { kind: 'shift_start', agent });
    this.at(logOut, { kind: 'shift_end', agent });
  }

  /** A simulated agent logs in (ready) at `at` and is driven by the simulation from then on. */
  staff(agentId: string, at: number): void {
    const agent = this.agent(agentId);
    agent.human = false;
    agent.simulated = true;
    this.at(at, { type: 'agent.login', agentId });
    this.scheduleBreak(agent, at);
  }

  /**
   * A simulated agent's shift ends at `at`: it works until then and logs out, after the call under
   * way if any.
   */
  release(agentId: string, at: number): void {
    this.at(at, { kind: 'shift_end', agent: this.agent(agentId) });
  }

  /** A person takes over this agent at a desktop: the simulation stops acting for them, for good. */
  personAtDesk(agentId: string): void {
    const agent = this.agent(agentId);
    agent.simulated = false;
    agent.onBreak = false;
    agent.human = true;
  }

  isSimulated(agentId: string): boolean {
    return this.agents.get(agentId)?.simulated ?? false;
  }

  /** Handed over to a person: the simulation never staffs this agent again. */
  isHuman(agentId: string): boolean {
    return this.agents.get(agentId)?.human ?? false;
  }

  nextTime(): number | null {
    return this.plan.peekTime();
  }

  /**
   * Hands everything the world does up to `now` to `handle`, one router input at a time in time
   * order. Each is decided only after the ones before it were handled, so it sees the state they
   * left (an answer for a call the caller has just left is not given).
   */
  forEachDue(now: number, handle: (input: RouterInput, at: number) => void): void {
    for (let at = this.plan.peekTime(); at !== null && at <= now; at = this.plan.peekTime()) {
      const input = this.realise(this.plan.pop()!, at);
      if (input) handle(input, at);
    }
  }

  /** The router's commands, as a switch receives them: schedules what the lines do next. */
  execute(commands: readonly SwitchCommand[], now: number): void {
    for (const c of commands) {
      switch (c.type) {
        case 'offer': {
          const agent = this.agents.get(c.agentId);
          if (!agent?.simulated) break;
          // A new call: the last wrap-up is over, whoever ended it.
          agent.wrapToken++;
          agent.wrapping = false;
          if (this.config.random.next() < this.config.noAnswerProbability) {
            this.letRing.add(`${c.callId}|${c.agentId}`);
            break;
          }
          this.at(now + this.answerDelay() * 1000, { type: 'switch.agent_answered', callId: c.callId, agentId: c.agentId });
          break;
        }
        case 'bridge': {
          const call = this.calls.get(c.callId);
          if (!call) break;
          // Each bridge names everyone on the call now: the first answer, a transfer, a conference.
          call.bridged = true;
          let people = 0;
          for (const a of c.agentIds) if (!this.isSimulated(a)) people++;
          // The router's list as it is when nobody is a person (the simulation's every call).
          call.agents = people === 0 ? c.agentIds : c.agentIds.filter((a) => this.isSimulated(a));
          call.people = people;
          for (const a of call.agents) this.agents.get(a)!.onCall = true;
          this.talkOn(c.callId, call, now);
          break;
        }
        case 'release_agent': {
          // An agent leaves a call that goes on: transferred away, or out of a conference.
          const call = this.calls.get(c.callId);
          if (!call) break;
          if (call.agents.includes(c.agentId)) {
            call.agents = call.agents.filter((a) => a !== c.agentId);
            this.afterCall(c.agentId, c.callId, call, now);
          } else if (call.bridged && call.people > 0 && !this.isSimulated(c.agentId)) {
            call.people--;
            this.talkOn(c.callId, call, now);
          }
          break;
        }
        case 'originate':
          this.dial(c.callId, c.agentId, c.number, now);
          break;
        case 'record': {
          const call = this.calls.get(c.callId);
          if (call && call.recordingSince === null) call.recordingSince = now;
          break;
        }
        case 'cancel_offer':
          // The router sets an agent who let the phone ring out not ready (no answer); a simulated
          // agent notices after a while and goes ready again.
          if (this.letRing.delete(`${c.callId}|${c.agentId}`) && this.isSimulated(c.agentId)) {
            this.at(now + 20_000, { type: 'agent.ready', agentId: c.agentId });
          }
          break;
        case 'hang_up':
        case 'forward':
        case 'voicemail': {
          const call = this.calls.get(c.callId);
          if (!call) break;
          this.endCall(c.callId, call, now);
          break;
        }
        default:
          break;
      }
    }
  }

  private realise(item: Planned, at: number): RouterInput | null {
    if (!('kind' in item)) {
      if (!this.stillMeaningful(item)) return null;
      if (item.type === 'switch.customer_unreachable') {
        const call = this.calls.get(item.callId)!;
        this.endCall(item.callId, call, at);
      }
      return item;
    }
    switch (item.kind) {
      case 'arrival': {
        const callId = this.config.newCallId?.() ?? `${this.idPrefix}-${this.nextCallId++}`;
        const from = this.callerNumber();
        const { queue } = item;
        this.calls.set(callId, { inbound: true, bridged: false, token: 0, from, queue, agents: nobody, people: 0, recordingSince: null });
        const customer = this.pickClass();
        const patience = customer?.patience === undefined ? queue.patience : customer.patience;
        if (patience) this.at(at + patience() * 1000, { kind: 'patience', callId });
        const vipLevel = customer ? Math.max(customer.vipLevel, queue.queue.vipLevel ?? 0) : (queue.queue.vipLevel ?? 0);
        return { type: 'switch.call_arrived', callId, from, to: '4008001234', queueId: queue.queue.queueId, vipLevel };
      }
      case 'patience': {
        const call = this.calls.get(item.callId);
        if (!call || call.bridged) return null;
        if (this.config.random.next() < (this.config.callbackShare ?? 0)) {
          return { type: 'switch.callback_requested', callId: item.callId, number: call.from };
        }
        this.endCall(item.callId, call, at);
        return { type: 'switch.caller_hung_up', callId: item.callId };
      }
      case 'talk_end': {
        const call = this.calls.get(item.callId);
        if (!call || call.token !== item.token) return null;
        this.endCall(item.callId, call, at);
        return { type: 'switch.caller_hung_up', callId: item.callId };
      }
      case 'wrap_end': {
        const { agent } = item;
        if (!agent.simulated || agent.wrapToken !== item.token) return null;
        agent.wrapping = false;
        if (agent.leaving) {
          this.leave(agent);
          return { type: 'agent.logout', agentId: agent.id };
        }
        return agent.onBreak ? null : { type: 'agent.ready', agentId: agent.id };
      }
      case 'dispose': {
        const { agent } = item;
        // A person who took over the desk saves the disposition at the desktop.
        if (!agent.simulated || agent.wrapToken !== item.token) return null;
        const codes = this.config.dispositions!;
        return { type: 'agent.set_disposition', agentId: agent.id, callId: item.callId, code: codes[this.dispositionsSaved++ % codes.length]! };
      }
      case 'shift_start': {
        const { agent } = item;
        if (agent.human) return null;
        agent.simulated = true;
        agent.leaving = false;
        this.scheduleBreak(agent, at);
        return { type: 'agent.login', agentId: agent.id };
      }
      case 'shift_end': {
        const { agent } = item;
        if (!agent.simulated) return null;
        if (agent.onCall || agent.wrapping) {
          agent.leaving = true;
          return null;
        }
        this.leave(agent);
        return { type: 'agent.logout', agentId: agent.id };
      }
      case 'break_due': {
        const { agent } = item;
        if (!agent.simulated || agent.breakToken !== item.token) return null;
        if (agent.onBreak) {
          agent.onBreak = false;
          this.scheduleBreak(agent, at);
          return { type: 'agent.ready', agentId: agent.id };
        }
        agent.onBreak = true;
        const token = ++agent.breakToken;
        this.at(at + this.breakLength!() * 1000, { kind: 'break_due', agent, token });
        return { type: 'agent.not_ready', agentId: agent.id, reason: 'break' };
      }
    }
  }

  /**
   * After the call: a simulated agent at the end of the shift logs out (from wrap-up); the others
   * go ready after their wrap-up time when it is simulated, else the router's wrap-up timer ends it.
   * With dispositions to save, the agent saves one a few seconds in (before its own wrap-up ends).
   */
  private afterCall(agentId: string, callId: string, call: LiveCall, at: number): void {
    const agent = this.agents.get(agentId)!;
    agent.onCall = false;
    const token = ++agent.wrapToken;
    const { queue } = call;
    const wrapUp = queue ? queue.wrapUp : this.wrapUp;
    const wrapUpMs = wrapUp ? wrapUp() * 1000 : null;
    // A campaign dial's result is the campaign's to save, not one of the center's dispositions.
    if (call.inbound && this.config.dispositions?.length) {
      this.at(at + Math.min(disposeAfterMs, wrapUpMs ?? disposeAfterMs), { kind: 'dispose', agent, token, callId });
    }
    if (wrapUpMs !== null) {
      agent.wrapping = true;
      this.at(at + wrapUpMs, { kind: 'wrap_end', agent, token });
    } else if (agent.leaving) {
      this.leave(agent);
      this.at(at, { type: 'agent.logout', agentId });
    }
  }

  private leave(agent: WorldAgent): void {
    agent.simulated = false;
    agent.leaving = false;
    agent.wrapping = false;
    agent.onBreak = false;
    agent.breakToken++;
  }

  private agent(agentId: string): WorldAgent {
    let agent = this.agents.get(agentId);
    if (!agent) {
      agent = { id: agentId, simulated: false, human: false, onBreak: false, onCall: false, wrapping: false, leaving: false, breakToken: 0, wrapToken: 0 };
      this.agents.set(agentId, agent);
    }
    return agent;
  }

  /**
   * Who ends the call now: a person on it hangs up when they choose, so any talk planned before is
   * off; with simulated agents alone, the caller talks a sampled time (afresh after a transfer).
   */
  private talkOn(callId: string, call: LiveCall, now: number): void {
    call.token++;
    if (call.people > 0 || call.agents.length === 0) return;
    const talk = call.queue ? call.queue.talk() : this.talk();
    this.at(now + talk * 1000, { kind: 'talk_end', callId, token: call.token });
  }

  /** The line is gone: a recording of it is complete, and its simulated agents go to after-call work. */
  private endCall(callId: string, call: LiveCall, at: number): void {
    this.calls.delete(callId);
    if (call.recordingSince !== null) this.config.onRecorded?.({ callId, startedAt: call.recordingSince, endedAt: at });
    for (const agentId of call.agents) this.afterCall(agentId, callId, call, at);
  }

  /** A dialled customer answers, is busy, does not answer, or cannot be reached, by the outbound chances. */
  private dial(callId: string, agentId: string, number: string, now: number): void {
    const o = this.outbound;
    // A callback keeps the queue it waited in.
    const queue = this.calls.get(callId)?.queue ?? null;
    const agents = this.isSimulated(agentId) ? [agentId] : [];
    for (const a of agents) this.agents.get(a)!.onCall = true;
    this.calls.set(callId, { inbound: false, bridged: false, token: 0, from: number, queue, agents, people: 0, recordingSince: null });
    const x = this.config.random.next();
    const input: RouterInput =
      x < o.answer
        ? { type: 'switch.customer_answered', callId }
        : { type: 'switch.customer_unreachable', callId, cause: x < o.answer + o.busy ? 'busy' : x < o.answer + o.busy + o.noAnswer ? 'no_answer' : 'failed' };
    const delayMs = input.type === 'switch.customer_answered' ? this.ring() * 1000 : input.cause === 'no_answer' ? (o.noAnswerSeconds ?? 30) * 1000 : busyAfterMs;
    this.at(now + delayMs, input);
  }

  /** An answer for a call that has ended meanwhile would only be refused by the router. */
  private stillMeaningful(input: RouterInput): boolean {
    if (input.type === 'switch.agent_answered') return this.calls.has(input.callId) && this.isSimulated(input.agentId);
    // A customer whose call the agent hung up on while it rang is no longer there to answer.
    if (input.type === 'switch.customer_answered' || input.type === 'switch.customer_unreachable') return this.calls.has(input.callId);
    return true;
  }

  private scheduleBreak(agent: WorldAgent, from: number): void {
    if (!this.breakEvery || !this.breakLength) return;
    const token = ++agent.breakToken;
    this.at(from + this.breakEvery() * 1000, { kind: 'break_due', agent, token });
  }

  private pickQueue(): QueueModel {
    let x = this.config.random.next() * this.shareTotal;
    for (const q of this.queues) {
      x -= q.queue.share;
      if (x < 0) return q;
    }
    return this.queues[this.queues.length - 1]!;
  }

  /** The caller's class by the shares; shares summing below 1 leave the rest ordinary callers. */
  private pickClass() {
    if (this.classes.length === 0) return null;
    let x = this.config.random.next();
    for (const c of this.classes) {
      x -= c.share;
      if (x < 0) return c;
    }
    return null;
  }

  private callerNumber(): string {
    const r = this.config.random;
    const known = this.config.knownCallers;
    if (known && known.numbers.length > 0 && r.next() < known.share) return known.numbers[r.int(known.numbers.length)]!;
    return `${prefixes[r.int(prefixes.length)]}${String(r.int(100_000_000)).padStart(8, '0')}`;
  }
}
