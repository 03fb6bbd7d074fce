import type { RouterInput } from '../routing/index';
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
  /** Outbound and callback calls: chance the customer picks up. */
  customerAnswerProbability?: number;
}

type Planned =
  | { kind: 'input'; input: RouterInput }
  | { kind: 'arrival'; queue: SimulatedQueue }
  | { kind: 'patience'; callId: string }
  | { kind: 'talk_end'; callId: string; token: number }
  | { kind: 'break_due'; agentId: string; token: number };

interface LiveCall {
  bridged: boolean;
  token: number;
  from: string;
}

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
 * for (const { at, input } of center.due(now)) router.handle(input, at);
 */
export class SimulatedCenter {
  private readonly plan = new Schedule<Planned>();
  private readonly calls = new Map<string, LiveCall>();
  private readonly human = new Set<string>();
  private readonly simulated = new Set<string>();
  private readonly onBreak = new Set<string>();
  /** Offers a simulated agent decided not to answer, as `callId|agentId`. */
  private readonly letRing = new Set<string>();
  private readonly breakTokens = new Map<string, number>();
  private readonly talk: () => number;
  private readonly patience: (() => number) | null;
  private readonly answerDelay: () => number;
  private readonly breakEvery: (() => number) | null;
  private readonly breakLength: (() => number) | null;
  private readonly shareTotal: number;
  private nextCallId = 1;

  constructor(private readonly config: SimulatedCenterConfig, private readonly idPrefix = 'sim') {
    const r = config.random;
    this.talk = sampler(config.talk, r);
    this.patience = config.patience ? sampler(config.patience, r) : null;
    this.answerDelay = sampler(config.answerDelay, r);
    this.breakEvery = config.breakEvery ? sampler(config.breakEvery, r) : null;
    this.breakLength = config.breakLength ? sampler(config.breakLength, r) : null;
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

  /** A simulated agent logs in (ready) at `at` and is driven by the simulation from then on. */
  staff(agentId: string, at: number): void {
    this.human.delete(agentId);
    this.simulated.add(agentId);
    this.at(at, { kind: 'input', input: { type: 'agent.login', agentId } });
    this.scheduleBreak(agentId, at);
  }

  /** A simulated agent logs out at `at` (end of shift). */
  release(agentId: string, at: number): void {
    this.simulated.delete(agentId);
    this.at(at, { kind: 'input', input: { type: 'agent.logout', agentId } });
  }

  /** A person takes over this agent at a desktop: the simulation stops acting for them. */
  handOver(agentId: string): void {
    this.simulated.delete(agentId);
    this.onBreak.delete(agentId);
    this.human.add(agentId);
  }

  isSimulated(agentId: string): boolean {
    return this.simulated.has(agentId);
  }

  /** Handed over to a person: the simulation never staffs this agent again. */
  isHuman(agentId: string): boolean {
    return this.human.has(agentId);
  }

  nextTime(): number | null {
    return this.plan.peekTime();
  }

  /** Everything the world does up to `now`, in time order, as router inputs stamped with their time. */
  due(now: number): { at: number; input: RouterInput }[] {
    const out: { at: number; input: RouterInput }[] = [];
    for (let t = this.plan.peekTime(); t !== null && t <= now; t = this.plan.peekTime()) {
      const { at, item } = this.plan.pop()!;
      const input = this.realise(item, at);
      if (input) out.push({ at, input });
    }
    return out;
  }

  /** The router's commands, as a switch receives them: schedules what the lines do next. */
  execute(commands: readonly SwitchCommand[], now: number): void {
    for (const c of commands) {
      switch (c.type) {
        case 'offer':
          if (!this.simulated.has(c.agentId)) break;
          if (this.config.random.next() < this.config.noAnswerProbability) {
            this.letRing.add(`${c.callId}|${c.agentId}`);
            break;
          }
          this.at(now + this.answerDelay() * 1000, {
            kind: 'input',
            input: { type: 'switch.agent_answered', callId: c.callId, agentId: c.agentId },
          });
          break;
        case 'bridge': {
          const call = this.calls.get(c.callId);
          if (!call || call.bridged) break;
          call.bridged = true;
          // A person at a desktop ends the call; a simulated agent's call ends after its talk time.
          if (c.agentIds.every((a) => this.simulated.has(a))) {
            call.token++;
            this.at(now + this.talk() * 1000, { kind: 'talk_end', callId: c.callId, token: call.token });
          }
          break;
        }
        case 'originate': {
          const answers = this.config.random.next() < (this.config.customerAnswerProbability ?? 0.7);
          this.calls.set(c.callId, { bridged: false, token: 0, from: c.number });
          this.at(now + (answers ? 8_000 : 25_000), {
            kind: 'input',
            input: answers
              ? { type: 'switch.customer_answered', callId: c.callId }
              : { type: 'switch.customer_unreachable', callId: c.callId, cause: 'no_answer' },
          });
          break;
        }
        case 'cancel_offer':
          // The router sets an agent who let the phone ring out not ready (no answer); a simulated
          // agent notices after a while and goes ready again.
          if (this.letRing.delete(`${c.callId}|${c.agentId}`) && this.simulated.has(c.agentId)) {
            this.at(now + 20_000, { kind: 'input', input: { type: 'agent.ready', agentId: c.agentId } });
          }
          break;
        case 'hang_up':
        case 'forward':
        case 'voicemail':
          this.calls.delete(c.callId);
          break;
        default:
          break;
      }
    }
  }

  private realise(item: Planned, at: number): RouterInput | null {
    switch (item.kind) {
      case 'input':
        return this.stillMeaningful(item.input) ? item.input : null;
      case 'arrival': {
        const callId = `${this.idPrefix}-${this.nextCallId++}`;
        const from = this.callerNumber();
        this.calls.set(callId, { bridged: false, token: 0, from });
        if (this.patience) this.at(at + this.patience() * 1000, { kind: 'patience', callId });
        return { type: 'switch.call_arrived', callId, from, to: '4008001234', queueId: item.queue.queueId, vipLevel: item.queue.vipLevel ?? 0 };
      }
      case 'patience': {
        const call = this.calls.get(item.callId);
        if (!call || call.bridged) return null;
        if (this.config.random.next() < (this.config.callbackShare ?? 0)) {
          return { type: 'switch.callback_requested', callId: item.callId, number: call.from };
        }
        this.calls.delete(item.callId);
        return { type: 'switch.caller_hung_up', callId: item.callId };
      }
      case 'talk_end': {
        const call = this.calls.get(item.callId);
        if (!call || call.token !== item.token) return null;
        this.calls.delete(item.callId);
        return { type: 'switch.caller_hung_up', callId: item.callId };
      }
      case 'break_due': {
        if (!this.simulated.has(item.agentId) || this.breakTokens.get(item.agentId) !== item.token) return null;
        if (this.onBreak.has(item.agentId)) {
          this.onBreak.delete(item.agentId);
          this.scheduleBreak(item.agentId, at);
          return { type: 'agent.ready', agentId: item.agentId };
        }
        this.onBreak.add(item.agentId);
        const token = (this.breakTokens.get(item.agentId) ?? 0) + 1;
        this.breakTokens.set(item.agentId, token);
        this.at(at + this.breakLength!() * 1000, { kind: 'break_due', agentId: item.agentId, token });
        return { type: 'agent.not_ready', agentId: item.agentId, reason: 'break' };
      }
    }
  }

  /** An answer for a call that has ended meanwhile would only be refused by the router. */
  private stillMeaningful(input: RouterInput): boolean {
    if (input.type === 'switch.agent_answered') return this.calls.has(input.callId) && this.simulated.has(input.agentId);
    return true;
  }

  private scheduleBreak(agentId: string, from: number): void {
    if (!this.breakEvery || !this.breakLength) return;
    const token = (this.breakTokens.get(agentId) ?? 0) + 1;
    this.breakTokens.set(agentId, token);
    this.at(from + this.breakEvery() * 1000, { kind: 'break_due', agentId, token });
  }

  private pickQueue(): SimulatedQueue {
    let x = this.config.random.next() * this.shareTotal;
    for (const q of this.config.queues) {
      x -= q.share;
      if (x < 0) return q;
    }
    return this.config.queues[this.config.queues.length - 1]!;
  }

  private callerNumber(): string {
    const prefixes = ['138', '139', '150', '186', '135', '177', '189', '158'];
    const r = this.config.random;
    return `${prefixes[r.int(prefixes.length)]}${String(r.int(100_000_000)).padStart(8, '0')}`;
  }
}
