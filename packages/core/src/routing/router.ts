import {
  AgentStateError,
  extendWrapUp,
  loggedOutAgent,
  moveAgentInPlace,
  requestAgentStateInPlace,
  type AgentState,
  type AgentStatus,
  type TransitionDetails,
} from '../agents/index';
import type { AgentStateChanged, CallDirection, CallOutcome, CallStatus, DomainEvent, DomainEventType, LineResult, OfferPurpose, OverflowReason, QueuedVia } from '../calls/index';
import type { Random } from '../random/index';
import type { SwitchCommand } from '../telephony/index';
import { maxVipLevel, notReadyReasonSet, resolveQueues, type OverflowAction, type RouterConfig } from './config';
import { RoutingError } from './errors';
import { isOpen, localMinute, type OpeningHours } from './hours';
import type { AgentCommand, RouterInput, SupervisorCommand } from './inputs';
import { ReadyList, ReadyNode } from './ready';
import { tiers, type AgentRec, type CallRec, type QueueRec } from './records';
import { pickAgents } from './select';
import { decodeSnapshot, encodeSnapshot, type RouterSnapshot } from './snapshot';
import { TimerQueue, type TimerKind } from './timers';
import { WaitingCalls } from './waiting';

export interface HandleResult {
  events: DomainEvent[];
  commands: SwitchCommand[];
  /** Set when the input was refused; it changed nothing (deadlines that fell due still fired). */
  rejected: RoutingError | AgentStateError | null;
}

/** A live call as the wallboard or a test sees it. */
export interface CallView {
  callId: string;
  direction: CallDirection;
  status: CallStatus;
  queueId: string | null;
  /** 1-based position while waiting in a queue. */
  position: number | null;
  vipLevel: number;
  /** Agents whose phone rings for the caller (a consultation's ringing shows in `consulting`). */
  ringing: string[];
  agents: string[];
  /** The agent being consulted (ringing or talking) while the caller holds. */
  consulting: string | null;
  held: boolean;
  callback: boolean;
}

export interface QueueView {
  queueId: string;
  /** Waiting call ids in serving order. */
  waiting: string[];
  readyAgents: number;
  loggedInAgents: number;
  averageHandleSeconds: number;
}

type TimerOwner = CallRec | AgentRec | QueueRec;

type PayloadOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['payload'];

/** An internal inconsistency: never a user error, so it is not reported as a rejection. */
class RouterBug extends Error {}

/**
 * The automatic call distributor (ACD): pure state, driven by inputs and a clock it is given.
 *
 * `handle(input, now)` first fires every deadline due up to `now` (each at its own time), then
 * applies the input, then matches waiting calls to ready agents until no ready agent can take a
 * waiting call. It returns the domain events to append to the log and the commands for the switch.
 * `nextDeadline()` says when to call again with `{ type: 'tick' }` if nothing else happens.
 *
 * @example
 * const router = new Router({ queues: [{ id: 'q', agents: ['a1'] }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
 * router.handle({ type: 'agent.login', agentId: 'a1' }, t0);
 * const { events, commands } = router.handle({ type: 'switch.call_arrived', callId: 'c1', from: null, to: null, queueId: 'q', vipLevel: 0 }, t0);
 * // commands: [{ type: 'offer', callId: 'c1', agentId: 'a1', ringTimeoutSeconds: 15 }, ...]
 */
export class Router {
  private readonly queues = new Map<string, QueueRec>();
  private readonly agents = new Map<string, AgentRec>();
  private readonly calls = new Map<string, CallRec>();
  private readonly timers = new TimerQueue<TimerOwner>();
  /** Queues that may have a match: a call arrived or an agent became ready (QueueRec.dirty says who is in). */
  private readonly dirty: QueueRec[] = [];
  private readonly reasons: Set<string>;
  private readonly hours: OpeningHours | undefined;
  private readonly timeZone: string;
  private readonly random: Random;
  private readonly outboundWrapUp: { wrapUpSeconds: number; maxWrapUpExtensionSeconds: number };
  private readonly dispositionRequired: { inbound: boolean; outbound: boolean };
  // Finite "long ago" sentinels, so a snapshot survives JSON.
  private now = Number.MIN_SAFE_INTEGER;
  private today = '';
  private dayEndsAt = Number.MIN_SAFE_INTEGER;
  private seq = 0;
  private readySeq = 0;
  private randomDraws = 0;
  private out: HandleResult = { events: [], commands: [], rejected: null };

  constructor(config: RouterConfig) {
    this.reasons = notReadyReasonSet(config.notReadyReasons);
    this.hours = config.hours;
    this.timeZone = config.hours?.timeZone ?? 'UTC';
    this.outboundWrapUp = config.outboundWrapUp ?? { wrapUpSeconds: 15, maxWrapUpExtensionSeconds: 120 };
    this.dispositionRequired = config.dispositionRequired ?? { inbound: false, outbound: false };
    const random = config.random;
    this.random = {
      next: () => {
        this.randomDraws++;
        return random.next();
      },
      int: (n) => Math.floor(this.random.next() * n),
    };
    const agentIds = new Set(config.agents.map((a) => a.agentId));
    if (agentIds.size !== config.agents.length) throw new RoutingError('invalid_config', 'agent ids must be unique');
    for (const [id, cfg] of resolveQueues(config.queues, agentIds)) {
      this.queues.set(id, {
        cfg,
        waiting: new WaitingCalls(maxVipLevel),
        ready: Array.from({ length: tiers }, () => new ReadyList<AgentRec>()),
        readyCount: 0,
        memberIndex: new Map(cfg.agents.map((a, i) => [a, i])),
        loggedIn: 0,
        lastOffered: -1,
        ahtMs: cfg.expectedHandleSeconds * 1000,
        wakeAt: Number.MIN_SAFE_INTEGER,
        wakeToken: 0,
        dirty: false,
      });
    }
    for (const profile of config.agents) {
      for (const s of profile.skills) {
        if (!Number.isInteger(s.level) || s.level < 1 || s.level > 5) throw new RoutingError('invalid_config', `${profile.agentId}: skill levels are 1-5`);
      }
      const skills = new Map(profile.skills.map((s) => [s.skillId, s.level]));
      const rec: AgentRec = {
        agentId: profile.agentId,
        state: loggedOutAgent(profile.agentId, 0),
        memberships: [],
        callsToday: 0,
        talkMsToday: 0,
        wrapUpToken: 0,
        readySeq: 0,
        handleStart: null,
        handleQueue: null,
        dispositionDue: false,
        disposedCallId: null,
      };
      for (const q of this.queues.values()) {
        if (!q.memberIndex.has(profile.agentId)) continue;
        const shortfall = Math.max(0, ...q.cfg.requiredSkills.map((r) => r.minLevel - (skills.get(r.skillId) ?? 0)));
        rec.memberships.push({ queue: q, tier: shortfall, node: new ReadyNode(rec) });
      }
      this.agents.set(profile.agentId, rec);
    }
  }

  // ---- driving -------------------------------------------------------------------------------

  handle(input: RouterInput, now: number): HandleResult {
    if (!Number.isFinite(now) || now < this.now) throw new RangeError(`time must be a finite epoch ms, not before ${this.now}: got ${now}`);
    this.out = { events: [], commands: [], rejected: null };
    this.fireDue(now);
    this.advanceTo(now);
    const events = this.out.events.length;
    const commands = this.out.commands.length;
    try {
      this.apply(input);
    } catch (e) {
      if (!(e instanceof RoutingError || e instanceof AgentStateError)) throw e;
      // Commands validate before they change anything, so dropping their output is a full undo.
      this.out.events.length = events;
      this.out.commands.length = commands;
      this.out.rejected = e;
    }
    this.dispatch();
    return this.out;
  }

  /** The earliest pending deadline (ring timeout, wrap-up end, max wait, announcement, widening step). */
  nextDeadline(): number | null {
    while (this.timers.size > 0) {
      if (this.live(this.timers.topKind(), this.timers.topOwner(), this.timers.topToken())) return this.timers.nextAt();
      this.timers.pop();
    }
    return null;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** A copy: the router changes its agents' states in place. */
  agentState(agentId: string): AgentState | undefined {
    const a = this.agents.get(agentId);
    return a && { ...a.state };
  }

  /** In wrap-up with the disposition the center requires not yet saved: the wrap-up goes on until it is. */
  dispositionDue(agentId: string): boolean {
    return this.agents.get(agentId)?.dispositionDue ?? false;
  }

  agentStats(agentId: string): { callsToday: number; talkMsToday: number } | undefined {
    const a = this.agents.get(agentId);
    return a && { callsToday: a.callsToday, talkMsToday: a.talkMsToday };
  }

  call(callId: string): CallView | undefined {
    const c = this.calls.get(callId);
    if (!c) return undefined;
    return {
      callId: c.id,
      direction: c.direction,
      status: c.status,
      queueId: c.queue?.cfg.id ?? null,
      position: c.waitingNow && c.queue ? c.queue.waiting.position(c.entry) : null,
      vipLevel: c.vipLevel,
      ringing: c.offer && c.offer.purpose !== 'consult' ? c.offer.agents.map((a) => a.agentId) : [],
      agents: c.agents.map((a) => a.agentId),
      consulting: c.consult?.target.agentId ?? null,
      held: c.held,
      callback: c.callbackNumber !== null,
    };
  }

  liveCalls(): string[] {
    return [...this.calls.keys()];
  }

  queue(queueId: string): QueueView | undefined {
    const q = this.queues.get(queueId);
    if (!q) return undefined;
    return {
      queueId,
      waiting: [...q.waiting].map((e) => e.callId),
      readyAgents: q.readyCount,
      loggedInAgents: q.loggedIn,
      averageHandleSeconds: q.ahtMs / 1000,
    };
  }

  // ---- snapshot ----------------------------------------------------------------------------

  snapshot(): RouterSnapshot {
    return encodeSnapshot(
      { now: this.now, today: this.today, dayEndsAt: this.dayEndsAt, seq: this.seq, readySeq: this.readySeq, randomDraws: this.randomDraws },
      this.agents,
      this.queues,
      this.calls,
      this.timers.sorted().filter((t) => this.live(t.kind, t.owner, t.token)),
    );
  }

  /**
   * A router in the state of `snapshot`. `config` must name the same queues and agents (skills,
   * members and queue settings may have changed: that is how a running floor takes changes), and
   * `config.random` must be in the state the original's was at construction (the same seed): the
   * draws already made are skipped.
   *
   * @example
   * const restored = Router.restore({ ...config, random: seededRandom(seed) }, JSON.parse(saved));
   */
  static restore(config: RouterConfig, snapshot: RouterSnapshot): Router {
    const r = new Router(config);
    for (let i = 0; i < snapshot.randomDraws; i++) config.random.next();
    const { now, today, dayEndsAt, seq, readySeq, randomDraws } = snapshot;
    Object.assign(r, { now, today, dayEndsAt, seq, readySeq, randomDraws });
    decodeSnapshot(snapshot, r.agents, r.queues, r.calls, r.timers);
    // With a changed configuration (new skills, new members) a waiting call may now have an agent.
    for (const q of r.queues.values()) if (q.waiting.size > 0) r.markDirty(q);
    return r;
  }

  // ---- time ----------------------------------------------------------------------------------

  private advanceTo(at: number): void {
    this.now = at;
    if (at < this.dayEndsAt) return;
    // "Today" for fewest-calls and least-talk-time is the center's local day.
    const local = localMinute(this.timeZone, at);
    const day = local.date;
    const minuteStart = Math.floor(at / 60_000) * 60_000;
    const midnight = minuteStart + (1440 - local.minuteOfDay) * 60_000;
    // A daylight-saving day can be an hour shorter: in the last hour, look again every minute.
    this.dayEndsAt = midnight - at > 3_600_000 ? midnight - 3_600_000 : minuteStart + 60_000;
    if (day !== this.today) {
      this.today = day;
      for (const a of this.agents.values()) {
        a.callsToday = 0;
        a.talkMsToday = 0;
      }
    }
  }

  private fireDue(until: number): void {
    const timers = this.timers;
    while (timers.nextAt() <= until) {
      const at = timers.nextAt();
      const kind = timers.topKind();
      const owner = timers.topOwner();
      const live = this.live(kind, owner, timers.topToken());
      timers.pop();
      if (!live) continue;
      this.advanceTo(Math.max(this.now, at));
      this.fire(kind, owner);
      this.dispatch();
    }
  }

  /** A deadline is void once its owner's token has moved on (an ended call's tokens all have). */
  private live(kind: TimerKind, owner: TimerOwner, token: number): boolean {
    switch (kind) {
      case 'ring':
        return (owner as CallRec).offer?.token === token;
      case 'max_wait':
        return (owner as CallRec).maxWaitToken === token;
      case 'announce':
        return (owner as CallRec).announceToken === token;
      case 'wrap_up': {
        const a = owner as AgentRec;
        return a.state.status === 'wrap_up' && a.wrapUpToken === token;
      }
      case 'widen':
        return (owner as QueueRec).wakeToken === token;
    }
  }

  private fire(kind: TimerKind, owner: TimerOwner): void {
    switch (kind) {
      case 'ring':
        return this.ringNoAnswer(owner as CallRec);
      case 'max_wait': {
        const call = owner as CallRec;
        const action = call.queue?.cfg.maxWait?.action;
        if (!action || !call.queue) return;
        // A call ringing at its deadline overflows only if that agent does not answer.
        if (call.status === 'ringing') call.overflowDue = true;
        else if (call.waitingNow) this.overflow(call, call.queue, 'max_wait', action);
        return;
      }
      case 'announce':
        return this.announce(owner as CallRec, true);
      case 'wrap_up': {
        const a = owner as AgentRec;
        // The wrap-up's time is up, but the disposition is not saved: saving it ends the wrap-up.
        if (a.dispositionDue) return;
        return this.move(a, 'ready');
      }
      case 'widen': {
        const q = owner as QueueRec;
        q.wakeAt = Number.MIN_SAFE_INTEGER;
        this.markDirty(q);
        return;
      }
    }
  }

  // ---- output --------------------------------------------------------------------------------

  private emit<T extends DomainEventType>(type: T, stream: string, payload: PayloadOf<T>): void {
    this.out.events.push({ type, stream, at: this.now, payload } as DomainEvent);
  }

  private command(c: SwitchCommand): void {
    this.out.commands.push(c);
  }

  // ---- agents --------------------------------------------------------------------------------

  /**
   * An agent's own request or a supervisor's force, checked against the state table and the
   * center's reasons (a refusal throws and changes nothing).
   */
  private request(a: AgentRec, to: 'ready' | 'not_ready' | 'logged_out', opts: Parameters<typeof requestAgentStateInPlace>[3]): void {
    const { status, since, callId } = a.state;
    // Only ready offers the next call at once; not ready (a break), logging out and a supervisor's
    // force still end the wrap-up: the agent's or the leader's choice, not the timer's.
    if (a.dispositionDue && to === 'ready' && !opts.forcedBy) {
      throw new RoutingError('disposition_required', `${a.agentId} must save the disposition of call ${callId} before going ready`);
    }
    this.settle(a, { status, since, callId }, requestAgentStateInPlace(a.state, to, this.now, opts));
  }

  /** A call-driven transition; the table in agents/ must allow it, or the router has a bug. */
  private move(a: AgentRec, to: AgentStatus, details: TransitionDetails = {}): void {
    const { status, since, callId } = a.state;
    let event: AgentStateChanged;
    try {
      event = moveAgentInPlace(a.state, to, this.now, details);
    } catch (e) {
      throw new RouterBug(`agent ${a.agentId}: ${(e as Error).message}`);
    }
    this.settle(a, { status, since, callId }, event);
  }

  /**
   * After every change of an agent's state (made in place: an agent changes state several times per
   * call, and a new state object each time would outlive the young generation): keeps ready lists,
   * counts and wrap-up bookkeeping, and emits the event.
   */
  private settle(a: AgentRec, prev: Pick<AgentState, 'status' | 'since' | 'callId'>, event: AgentStateChanged): void {
    const next = a.state;
    const at = this.now;
    if (prev.status === 'ready') {
      for (const m of a.memberships) {
        m.queue.ready[m.tier]!.remove(m.node);
        m.queue.readyCount--;
      }
    }
    if (prev.status === 'talking') a.talkMsToday += at - prev.since;
    if (next.status === 'talking' && (prev.status === 'ringing' || prev.status === 'dialing')) a.callsToday++;
    this.out.events.push(event);
    if (next.status !== 'wrap_up') a.dispositionDue = false;
    if (prev.status === 'wrap_up' && prev.callId) {
      this.emit('call.wrapped_up', prev.callId, { agentId: a.agentId, wrapUpMs: at - prev.since });
    }
    if (a.handleStart !== null && (next.status === 'ready' || next.status === 'not_ready' || next.status === 'logged_out')) {
      if (a.handleQueue) a.handleQueue.ahtMs = 0.9 * a.handleQueue.ahtMs + 0.1 * (at - a.handleStart);
      a.handleStart = null;
      a.handleQueue = null;
    }
    if (next.status === 'ready') {
      a.readySeq = ++this.readySeq;
      for (const m of a.memberships) {
        m.queue.ready[m.tier]!.push(m.node);
        m.queue.readyCount++;
        // Only a queue with callers waiting has anything to match.
        if (m.queue.waiting.size > 0) this.markDirty(m.queue);
      }
    }
    const wasIn = prev.status !== 'logged_out';
    const isIn = next.status !== 'logged_out';
    if (wasIn !== isIn) {
      for (const m of a.memberships) {
        m.queue.loggedIn += isIn ? 1 : -1;
        if (m.queue.loggedIn === 0) this.queueEmptied(m.queue);
      }
    }
  }

  private agent(agentId: string): AgentRec {
    const a = this.agents.get(agentId);
    if (!a) throw new RoutingError('unknown_agent', `unknown agent ${agentId}`);
    return a;
  }

  /** The agent leaves the call: wrap-up for the call's queue, or ready at once without one. */
  private wrapUp(a: AgentRec, call: CallRec): void {
    const cfg = call.queue?.cfg ?? this.outboundWrapUp;
    const seconds = cfg.wrapUpSeconds;
    const dispositionDue = this.dispositionRequired[call.direction] && a.disposedCallId !== call.id;
    if (seconds === 0) {
      this.move(a, 'wrap_up', { callId: call.id, wrapUp: { endsAt: this.now, extendedMs: 0, maxExtensionMs: 0 }, dispositionDue });
      a.dispositionDue = dispositionDue;
      if (!dispositionDue) this.move(a, 'ready');
      return;
    }
    const endsAt = this.now + seconds * 1000;
    a.wrapUpToken++;
    this.move(a, 'wrap_up', {
      callId: call.id,
      wrapUp: { endsAt, extendedMs: 0, maxExtensionMs: cfg.maxWrapUpExtensionSeconds * 1000 },
      dispositionDue,
    });
    a.dispositionDue = dispositionDue;
    this.timers.after(this.now, seconds * 1000, 'wrap_up', a, a.wrapUpToken);
  }

  // ---- queues --------------------------------------------------------------------------------

  private findCall(callId: string): CallRec {
    const c = this.calls.get(callId);
    if (!c) throw new RoutingError('unknown_call', `unknown call ${callId}`);
    return c;
  }

  /**
   * Puts a call in a queue. `placeAt` orders it among calls of its VIP level: the arrival time, kept
   * through overflows (the caller has been waiting all along) and ring-no-answer.
   */
  private enqueue(call: CallRec, q: QueueRec, via: QueuedVia, placeAt: number): void {
    const cfg = q.cfg;
    if (call.callbackNumber === null) {
      if (cfg.maxLength && q.waiting.size >= cfg.maxLength.calls) return this.overflow(call, q, 'queue_full', cfg.maxLength.action, via);
      if (cfg.noAgentsAction && q.loggedIn === 0) return this.overflow(call, q, 'no_agents', cfg.noAgentsAction, via);
    }
    this.place(call, q, via, placeAt, true);
  }

  /** Inserts the call; `fresh` starts its wait in this queue, otherwise it resumes the place it had. */
  private place(call: CallRec, q: QueueRec, via: QueuedVia, placeAt: number, fresh: boolean): void {
    const cfg = q.cfg;
    const live = call.callbackNumber === null;
    // The call is in no queue at this point, so its entry can be updated rather than replaced.
    if (fresh) call.entry.placeAt = placeAt;
    call.queue = q;
    call.status = 'queued';
    call.waitingNow = true;
    q.waiting.insert(call.entry);
    this.markDirty(q);
    this.emit('call.queued', call.id, {
      queueId: cfg.id,
      position: q.waiting.position(call.entry),
      vipLevel: call.vipLevel,
      placeAt: call.entry.placeAt,
      seq: call.entry.seq,
      via,
      callback: !live,
    });
    if (!live || !fresh) return;
    if (cfg.maxWait) {
      call.maxWaitToken++;
      this.timers.after(this.now, cfg.maxWait.seconds * 1000, 'max_wait', call, call.maxWaitToken);
    }
    this.announce(call, false);
  }

  private leaveQueue(call: CallRec): void {
    if (call.waitingNow && call.queue) call.queue.waiting.remove(call.entry);
    call.waitingNow = false;
  }

  /** Publishes position and estimated wait for the switch to announce; then every announceEverySeconds. */
  private announce(call: CallRec, repeat: boolean): void {
    const q = call.queue;
    if (!q || call.callbackNumber !== null) return;
    if (call.waitingNow) {
      const position = q.waiting.position(call.entry);
      const estimatedWaitSeconds = Math.round((position * q.ahtMs) / Math.max(1, q.loggedIn) / 1000);
      this.emit('call.position_announced', call.id, { queueId: q.cfg.id, position, estimatedWaitSeconds });
      this.command({ type: 'play', callId: call.id, prompt: { kind: 'position', position, estimatedWaitSeconds } });
    }
    if (q.cfg.announceEverySeconds > 0 && (call.waitingNow || (repeat && call.status === 'ringing'))) {
      call.announceToken++;
      this.timers.after(this.now, q.cfg.announceEverySeconds * 1000, 'announce', call, call.announceToken);
    }
  }

  /** `entryVia` is set when the rule fired as the call entered the queue (full, no agents). */
  private overflow(call: CallRec, from: QueueRec, reason: OverflowReason, action: OverflowAction, entryVia?: QueuedVia): void {
    if (action.kind === 'callback' && !call.from) {
      // An anonymous caller cannot be called back: keep waiting (or, at entry, queue anyway).
      if (entryVia) this.place(call, from, entryVia, call.entry.placeAt, true);
      return;
    }
    this.emit('call.overflowed', call.id, { fromQueueId: from.cfg.id, reason, action: action.kind });
    call.maxWaitToken++;
    call.overflowDue = false;
    switch (action.kind) {
      case 'queue':
        this.leaveQueue(call);
        return this.enqueue(call, this.queues.get(action.queueId)!, 'overflow', call.entry.placeAt);
      case 'callback':
        return this.requestCallback(call, from, call.from!, 'overflow');
      case 'forward':
        this.leaveQueue(call);
        this.emit('call.forwarded', call.id, { number: action.number, reason });
        this.command({ type: 'forward', callId: call.id, number: action.number });
        return this.end(call, 'overflowed', 'system', false);
      case 'voicemail':
        this.leaveQueue(call);
        this.emit('call.voicemail', call.id, { mailbox: action.mailbox, reason });
        this.command({ type: 'voicemail', callId: call.id, mailbox: action.mailbox });
        return this.end(call, 'overflowed', 'system', false);
    }
  }

  /** The caller leaves a number and keeps the place: the callback is offered when its turn comes. */
  private requestCallback(call: CallRec, q: QueueRec, number: string, via: 'caller' | 'overflow' | 'after_hours'): void {
    this.emit('call.callback_requested', call.id, { queueId: q.cfg.id, number, via });
    call.callbackNumber = number;
    call.maxWaitToken++;
    call.announceToken++;
    if (!call.waitingNow) this.enqueue(call, q, via === 'after_hours' ? 'after_hours_callback' : 'overflow', call.entry.placeAt);
  }

  /** The last member logged out: the no-agents rule now applies to the callers still waiting. */
  private queueEmptied(q: QueueRec): void {
    const action = q.cfg.noAgentsAction;
    if (!action) return;
    for (const e of [...q.waiting]) {
      const call = this.calls.get(e.callId)!;
      if (call.callbackNumber === null) this.overflow(call, q, 'no_agents', action);
    }
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * Matches waiting calls with ready agents until no ready agent may take a waiting call.
   * Queues are served in a fixed order: higher queue priority first, then the queue whose next
   * call has waited longest, then queue id. So an agent in several queues always takes the call
   * of the most important queue, and of equal queues the oldest call.
   */
  private dispatch(): void {
    const dirty = this.dirty;
    while (dirty.length > 0) {
      let best: QueueRec | undefined;
      for (let i = 0; i < dirty.length; ) {
        const q = dirty[i]!;
        if (q.waiting.size === 0 || q.readyCount === 0) {
          this.unmarkDirty(i);
          continue;
        }
        if (!best || servedBefore(q, best)) best = q;
        i++;
      }
      if (!best) return;
      if (!this.matchOne(best)) {
        this.unmarkDirty(dirty.indexOf(best));
        this.scheduleWidening(best);
      }
    }
  }

  private markDirty(q: QueueRec): void {
    if (q.dirty) return;
    q.dirty = true;
    this.dirty.push(q);
  }

  /** Order in the list does not matter (the serving order decides), so the last one fills the gap. */
  private unmarkDirty(i: number): void {
    const dirty = this.dirty;
    dirty[i]!.dirty = false;
    dirty[i] = dirty[dirty.length - 1]!;
    dirty.pop();
  }

  /** Offers the first call in serving order that some ready agent may take. */
  private matchOne(q: QueueRec): boolean {
    for (let level = q.waiting.maxLevel; level >= 0; level--) {
      const front = q.waiting.front(level);
      if (!front) continue;
      const maxTier = allowedTier(q, this.now - front.placeAt);
      const picked = pickAgents(q.cfg.strategy, q.ready, maxTier, {
        memberIndex: q.memberIndex,
        lastOffered: q.lastOffered,
        random: this.random,
      });
      if (picked.length === 0) continue;
      const call = this.calls.get(front.callId)!;
      this.offer(call, picked, call.callbackNumber === null ? 'queue' : 'callback');
      if (q.cfg.strategy === 'round_robin') q.lastOffered = q.memberIndex.get(picked[0]!.agentId) ?? -1;
      return true;
    }
    return false;
  }

  /** Wakes the queue when its oldest calls reach their next widening step. */
  private scheduleWidening(q: QueueRec): void {
    if (q.cfg.widening.length === 0) return;
    let next = Infinity;
    for (let level = q.waiting.maxLevel; level >= 0; level--) {
      const front = q.waiting.front(level);
      if (!front) continue;
      const waited = this.now - front.placeAt;
      const step = q.cfg.widening.find((s) => s.afterSeconds * 1000 > waited);
      if (step) next = Math.min(next, front.placeAt + step.afterSeconds * 1000);
    }
    if (next === Infinity || (q.wakeAt > this.now && q.wakeAt <= next)) return;
    q.wakeAt = next;
    q.wakeToken++;
    this.timers.push(next, 'widen', q, q.wakeToken);
  }

  private offer(call: CallRec, agents: AgentRec[], purpose: OfferPurpose): void {
    this.leaveQueue(call);
    const ringTimeoutSeconds = call.queue?.cfg.ringTimeoutSeconds ?? 15;
    const token = ++call.ringToken;
    call.offer = { agents, purpose, token };
    if (purpose !== 'consult') call.status = 'ringing';
    for (const a of agents) this.move(a, 'ringing', { callId: call.id });
    this.emit('call.offered', call.id, {
      agentIds: agents.map((a) => a.agentId),
      queueId: call.queue?.cfg.id ?? null,
      purpose,
      ringTimeoutSeconds,
    });
    if (purpose !== 'consult') {
      for (const a of agents) this.command({ type: 'offer', callId: call.id, agentId: a.agentId, ringTimeoutSeconds });
    }
    this.timers.after(this.now, ringTimeoutSeconds * 1000, 'ring', call, token);
  }

  /** Ring timeout: the agents go not ready (no-answer) and the call returns to its place. */
  private ringNoAnswer(call: CallRec): void {
    const offer = call.offer!;
    this.emit('call.ring_no_answer', call.id, { agentIds: offer.agents.map((a) => a.agentId), purpose: offer.purpose });
    for (const a of offer.agents) {
      this.command({ type: 'cancel_offer', callId: call.id, agentId: a.agentId });
      this.move(a, 'not_ready', { notReadyReason: 'no_answer' });
    }
    call.offer = null;
    if (offer.purpose === 'consult') return this.endConsult(call, 'no_answer');
    this.returnToQueue(call);
  }

  private returnToQueue(call: CallRec): void {
    const q = call.queue;
    if (!q) {
      // An outbound call handed to an agent who did not answer: nowhere to return to.
      this.command({ type: 'hang_up', callId: call.id });
      return this.end(call, 'answered', 'system', true);
    }
    if (call.overflowDue && q.cfg.maxWait) {
      call.status = 'queued';
      return this.overflow(call, q, 'max_wait', q.cfg.maxWait.action);
    }
    this.place(call, q, 'ring_no_answer', call.entry.placeAt, false);
  }

  /** Takes an agent off a ringing offer (declined or forced); the call goes back if nobody is left. */
  private withdrawOffer(a: AgentRec, call: CallRec, by: 'agent' | 'supervisor'): void {
    const offer = call.offer!;
    const rest = offer.agents.filter((x) => x !== a);
    this.emit('call.offer_withdrawn', call.id, { agentId: a.agentId, by });
    this.command({ type: 'cancel_offer', callId: call.id, agentId: a.agentId });
    if (rest.length > 0) {
      call.offer = { ...offer, agents: rest };
      return;
    }
    call.offer = null;
    if (offer.purpose === 'consult') this.endConsult(call, 'cancelled');
    else this.returnToQueue(call);
  }

  // ---- call endings --------------------------------------------------------------------------

  private end(call: CallRec, outcome: CallOutcome, endedBy: 'caller' | 'agent' | 'system', connected: boolean, lineResult?: LineResult): void {
    this.leaveQueue(call);
    // Its pending max-wait and announcement deadlines are void (the offer, if any, is already gone).
    call.maxWaitToken++;
    call.announceToken++;
    if (call.monitors) for (const supervisorId of call.monitors.keys()) this.emit('call.monitor_ended', call.id, { supervisorId });
    this.emit('call.ended', call.id, lineResult ? { outcome, endedBy, connected, lineResult } : { outcome, endedBy, connected });
    this.calls.delete(call.id);
  }

  /** Caller gone from a connected call: every agent on it, and a consulted agent, wraps up. */
  private endConnected(call: CallRec, endedBy: 'caller' | 'agent'): void {
    const consult = call.consult;
    // The call's list is replaced below, so it can be extended in place.
    const agents = call.agents;
    if (consult) {
      if (consult.connected) agents.push(consult.target);
      else {
        this.command({ type: 'cancel_offer', callId: call.id, agentId: consult.target.agentId });
        this.move(consult.target, 'ready');
      }
    }
    call.consult = null;
    call.offer = null;
    call.agents = [];
    const outcome: CallOutcome = call.callbackNumber !== null ? 'callback' : 'answered';
    this.end(call, outcome, endedBy, true);
    for (const a of agents) this.wrapUp(a, call);
  }

  // ---- inputs --------------------------------------------------------------------------------

  private apply(input: RouterInput): void {
    switch (input.type) {
      case 'tick':
        return;
      case 'switch.call_arrived':
        return this.arrive(input.callId, input.from, input.to, input.queueId, input.vipLevel);
      case 'switch.agent_answered':
        return this.agentAnswered(this.findCall(input.callId), this.agent(input.agentId));
      case 'switch.caller_hung_up':
        return this.callerHungUp(this.findCall(input.callId));
      case 'switch.agent_hung_up':
        return this.agentHangUp(this.agent(input.agentId), input.callId, false);
      case 'switch.supervisor_hung_up':
        return this.supervisorHungUp(input.callId, input.supervisorId);
      case 'switch.callback_requested': {
        const call = this.findCall(input.callId);
        if (!call.waitingNow || call.callbackNumber !== null) throw new RoutingError('invalid_call_state', 'only a waiting caller can ask for a callback');
        return this.requestCallback(call, call.queue!, input.number, 'caller');
      }
      case 'switch.customer_answered':
        return this.customerAnswered(this.findCall(input.callId));
      case 'switch.customer_unreachable':
        return this.customerUnreachable(this.findCall(input.callId), input.cause);
      default:
        return input.type.startsWith('agent.') ? this.agentCommand(input as AgentCommand) : this.supervisorCommand(input as SupervisorCommand);
    }
  }

  /** The supervisor's phone is off the call already: the monitoring ends, and nothing is asked of the switch. */
  private supervisorHungUp(callId: string, supervisorId: string): void {
    const call = this.calls.get(callId);
    // A stop_monitor that crossed the hang-up, or a call that ended meanwhile, ended it already.
    if (!call?.monitors?.delete(supervisorId)) return;
    this.emit('call.monitor_ended', call.id, { supervisorId });
  }

  private arrive(callId: string, from: string | null, to: string | null, queueId: string, vipLevel: number): void {
    if (this.calls.has(callId)) throw new RoutingError('duplicate_call', `call ${callId} already exists`);
    const q = this.queues.get(queueId);
    if (!q) throw new RoutingError('unknown_queue', `unknown queue ${queueId}`);
    if (!Number.isInteger(vipLevel) || vipLevel < 0 || vipLevel > maxVipLevel) {
      throw new RoutingError('invalid_vip_level', `VIP level must be 0-${maxVipLevel}`);
    }
    const call = this.newCall(callId, 'inbound', from, vipLevel);
    this.emit('call.arrived', callId, { direction: 'inbound', from, to, queueId, vipLevel });
    const hours = q.cfg.hours ?? this.hours;
    if (!hours || isOpen(hours, this.now)) return this.enqueue(call, q, 'arrival', this.now);
    const action = q.cfg.afterHoursAction;
    if (action.kind === 'callback' && from) {
      this.emit('call.after_hours', callId, { queueId, action: 'callback' });
      call.queue = q;
      return this.requestCallback(call, q, from, 'after_hours');
    }
    if (action.kind === 'forward') {
      this.emit('call.after_hours', callId, { queueId, action: 'forward' });
      this.emit('call.forwarded', callId, { number: action.number, reason: 'after_hours' });
      this.command({ type: 'forward', callId, number: action.number });
      return this.end(call, 'forwarded_after_hours', 'system', false);
    }
    const message = action.kind === 'message' ? action.message : 'closed';
    this.emit('call.after_hours', callId, { queueId, action: 'message' });
    this.command({ type: 'play', callId, prompt: { kind: 'closed', message } });
    this.command({ type: 'hang_up', callId });
    this.end(call, 'after_hours_message', 'system', false);
  }

  private newCall(id: string, direction: CallDirection, from: string | null, vipLevel: number): CallRec {
    const call: CallRec = {
      id,
      direction,
      from,
      vipLevel,
      startedAt: this.now,
      status: 'queued',
      queue: null,
      entry: { callId: id, vipLevel, placeAt: this.now, seq: this.seq++ },
      waitingNow: false,
      maxWaitToken: 0,
      ringToken: 0,
      overflowDue: false,
      answered: false,
      announceToken: 0,
      offer: null,
      agents: [],
      held: false,
      consult: null,
      callbackNumber: null,
      recorded: false,
      monitors: null,
    };
    this.calls.set(id, call);
    return call;
  }

  private agentAnswered(call: CallRec, a: AgentRec): void {
    const offer = call.offer;
    if (!offer?.agents.includes(a)) throw new RoutingError('not_on_call', `call ${call.id} is not ringing for ${a.agentId}`);
    call.offer = null;
    if (offer.purpose === 'consult') {
      call.consult!.connected = true;
      this.move(a, 'talking');
      this.emit('call.consult_connected', call.id, { agentId: call.consult!.agent.agentId, targetAgentId: a.agentId });
      return;
    }
    call.maxWaitToken++;
    call.announceToken++;
    call.answered = true;
    for (const other of offer.agents) {
      if (other === a) continue;
      this.command({ type: 'cancel_offer', callId: call.id, agentId: other.agentId });
      this.move(other, 'ready');
    }
    const record = !call.recorded && (call.queue?.cfg.record ?? false);
    call.recorded ||= record;
    this.emit('call.answered', call.id, { agentId: a.agentId, queueId: call.queue?.cfg.id ?? null, purpose: offer.purpose, recorded: call.recorded });
    a.handleStart = this.now;
    a.handleQueue = call.queue;
    call.agents = [a];
    if (offer.purpose === 'callback') {
      call.status = 'dialing';
      this.move(a, 'dialing');
      this.command({ type: 'originate', callId: call.id, agentId: a.agentId, number: call.callbackNumber! });
    } else {
      call.status = 'connected';
      call.held = false;
      this.move(a, 'talking');
      this.command({ type: 'bridge', callId: call.id, agentIds: [a.agentId] });
    }
    if (record) this.command({ type: 'record', callId: call.id });
  }

  private callerHungUp(call: CallRec): void {
    switch (call.status) {
      case 'queued':
        // A callback request is waiting for its turn: the caller has hung up on purpose.
        if (call.callbackNumber !== null) return;
        if (call.answered) return this.end(call, 'answered', 'caller', true);
        this.emit('call.abandoned', call.id, { queueId: call.queue?.cfg.id ?? null, while: 'queued', waitedMs: this.now - call.startedAt });
        return this.end(call, 'abandoned', 'caller', false);
      case 'ringing': {
        if (call.callbackNumber !== null) return;
        const offer = call.offer!;
        call.offer = null;
        for (const a of offer.agents) {
          this.command({ type: 'cancel_offer', callId: call.id, agentId: a.agentId });
          this.move(a, 'ready');
        }
        if (call.answered) return this.end(call, 'answered', 'caller', true);
        this.emit('call.abandoned', call.id, { queueId: call.queue?.cfg.id ?? null, while: 'ringing', waitedMs: this.now - call.startedAt });
        return this.end(call, 'abandoned', 'caller', false);
      }
      case 'dialing':
        return this.customerUnreachable(call);
      case 'connected':
        return this.endConnected(call, 'caller');
    }
  }

  private customerAnswered(call: CallRec): void {
    if (call.status !== 'dialing') throw new RoutingError('invalid_call_state', `call ${call.id} is not dialing`);
    const a = call.agents[0]!;
    call.status = 'connected';
    this.move(a, 'talking');
    this.emit('call.connected', call.id, { agentId: a.agentId });
    this.command({ type: 'bridge', callId: call.id, agentIds: [a.agentId] });
  }

  /** `lineResult` when the switch said why (busy, no answer); none when the dial was hung up first. */
  private customerUnreachable(call: CallRec, lineResult?: LineResult): void {
    if (call.status !== 'dialing') throw new RoutingError('invalid_call_state', `call ${call.id} is not dialing`);
    const a = call.agents[0]!;
    call.agents = [];
    this.end(call, call.callbackNumber !== null ? 'callback' : 'not_connected', 'system', false, lineResult);
    this.wrapUp(a, call);
  }

  /** The agent hangs up (desktop button or phone). `fromDesktop` also tells the switch to hang up. */
  private agentHangUp(a: AgentRec, callId: string | null, fromDesktop: boolean): void {
    const call = this.calls.get(callId ?? a.state.callId ?? '');
    const consult = call?.consult;
    if (!call || (!call.agents.includes(a) && consult?.target !== a)) throw new RoutingError('not_on_call', `${a.agentId} is on no call`);
    if (a.state.status === 'ringing') throw new RoutingError('invalid_call_state', 'the call is still ringing');
    if (call.status === 'dialing') {
      if (fromDesktop) this.command({ type: 'hang_up', callId: call.id });
      return this.customerUnreachable(call);
    }
    if (consult && consult.target === a) {
      this.command({ type: 'release_agent', callId: call.id, agentId: a.agentId });
      this.move(a, 'ready');
      return this.endConsult(call, 'target_hung_up');
    }
    if (consult && consult.agent === a) {
      // Hanging up during a consultation hands the caller to the consulted agent.
      if (consult.connected) return this.completeTransfer(call, a);
      call.consult = null;
      call.offer = { ...call.offer!, purpose: 'transfer' };
      call.status = 'ringing';
      this.emit('call.transferred', call.id, { mode: 'blind', fromAgentId: a.agentId, to: { agentId: consult.target.agentId } });
      this.command({ type: 'release_agent', callId: call.id, agentId: a.agentId });
      this.command({ type: 'offer', callId: call.id, agentId: consult.target.agentId, ringTimeoutSeconds: call.queue?.cfg.ringTimeoutSeconds ?? 15 });
      call.agents = [];
      return this.wrapUp(a, call);
    }
    if (call.agents.length > 1) {
      call.agents = call.agents.filter((x) => x !== a);
      this.emit('call.agent_left', call.id, { agentId: a.agentId });
      this.command({ type: 'release_agent', callId: call.id, agentId: a.agentId });
      return this.wrapUp(a, call);
    }
    if (fromDesktop) this.command({ type: 'hang_up', callId: call.id });
    this.endConnected(call, 'agent');
  }

  private completeTransfer(call: CallRec, a: AgentRec): void {
    const target = call.consult!.target;
    call.consult = null;
    call.held = false;
    call.agents = [target];
    this.emit('call.transferred', call.id, { mode: 'consult', fromAgentId: a.agentId, to: { agentId: target.agentId } });
    this.command({ type: 'release_agent', callId: call.id, agentId: a.agentId });
    this.command({ type: 'bridge', callId: call.id, agentIds: [target.agentId] });
    target.handleStart = this.now;
    target.handleQueue = call.queue;
    this.wrapUp(a, call);
  }

  /** The consultation is over without a transfer: the first agent takes the caller back. */
  private endConsult(call: CallRec, reason: 'cancelled' | 'no_answer' | 'target_hung_up'): void {
    const { agent, target } = call.consult!;
    call.consult = null;
    call.held = false;
    this.emit('call.consult_cancelled', call.id, { agentId: agent.agentId, targetAgentId: target.agentId, reason });
    this.command({ type: 'retrieve', callId: call.id });
  }

  // ---- agent commands ------------------------------------------------------------------------

  private agentCommand(c: AgentCommand): void {
    const a = this.agent(c.agentId);
    const reasons = this.reasons;
    switch (c.type) {
      case 'agent.login':
        return this.request(a, c.notReadyReason ? 'not_ready' : 'ready', { notReadyReason: c.notReadyReason, reasons, login: true });
      case 'agent.logout':
        return this.request(a, 'logged_out', { reasons });
      case 'agent.ready':
        return this.request(a, 'ready', { reasons });
      case 'agent.not_ready': {
        // Not ready while the phone rings declines the offer.
        const ringingFor = a.state.status === 'ringing' ? this.calls.get(a.state.callId ?? '') : undefined;
        this.request(a, 'not_ready', { notReadyReason: c.reason, reasons });
        if (ringingFor) this.withdrawOffer(a, ringingFor, 'agent');
        return;
      }
      case 'agent.extend_wrap_up': {
        const { agent, event } = extendWrapUp(a.state, c.seconds * 1000, this.now);
        a.state = agent;
        a.wrapUpToken++;
        this.out.events.push(event);
        this.timers.push(agent.wrapUp!.endsAt, 'wrap_up', a, a.wrapUpToken);
        return;
      }
      case 'agent.hold':
      case 'agent.retrieve':
        return this.holdOrRetrieve(a, c.type === 'agent.hold');
      case 'agent.hang_up':
        return this.agentHangUp(a, null, true);
      case 'agent.transfer':
        return this.blindTransfer(a, c.to);
      case 'agent.consult':
        return 'queueId' in c ? this.consultQueue(a, c.queueId) : this.startConsult(a, this.agent(c.targetAgentId), null);
      case 'agent.complete_transfer':
      case 'agent.cancel_consult':
      case 'agent.conference':
        return this.finishConsult(a, c.type);
      case 'agent.set_disposition': {
        if (a.state.callId !== c.callId) throw new RoutingError('not_on_call', `${a.agentId} is not on or wrapping up call ${c.callId}`);
        this.emit('call.disposition_set', c.callId, { agentId: a.agentId, code: c.code });
        a.disposedCallId = c.callId;
        if (a.dispositionDue) {
          a.dispositionDue = false;
          // Saved after the wrap-up's time ran out: the wrap-up ends now, as it would have then.
          if (a.state.wrapUp && a.state.wrapUp.endsAt <= this.now) this.move(a, 'ready');
        }
        return;
      }
      case 'agent.dial':
        return this.dial(a, c.callId, c.number);
    }
  }

  /** The single call the agent is talking on, alone with the caller and not consulting. */
  private soleCall(a: AgentRec): CallRec {
    const call = this.calls.get(a.state.callId ?? '');
    if (!call?.agents.includes(a) || (a.state.status !== 'talking' && a.state.status !== 'on_hold')) {
      throw new RoutingError('not_on_call', `${a.agentId} is not talking on a call`);
    }
    if (call.agents.length > 1 || call.consult) throw new RoutingError('invalid_call_state', 'not possible in a conference or consultation');
    return call;
  }

  private holdOrRetrieve(a: AgentRec, hold: boolean): void {
    const call = this.soleCall(a);
    if (call.held === hold) throw new RoutingError('invalid_call_state', hold ? 'the caller is already on hold' : 'the caller is not on hold');
    call.held = hold;
    this.move(a, hold ? 'on_hold' : 'talking');
    this.emit(hold ? 'call.held' : 'call.retrieved', call.id, { agentId: a.agentId });
    this.command({ type: hold ? 'hold' : 'retrieve', callId: call.id });
  }

  private blindTransfer(a: AgentRec, to: { agentId: string } | { queueId: string }): void {
    const call = this.soleCall(a);
    let target: AgentRec | undefined;
    let q: QueueRec | undefined;
    if ('agentId' in to) {
      target = this.agent(to.agentId);
      if (target.state.status !== 'ready') throw new RoutingError('agent_not_ready', `${to.agentId} is not ready`);
      if (!call.queue) throw new RoutingError('transfer_needs_queue', 'a call without a queue has nowhere to go if the agent does not answer');
    } else {
      q = this.queues.get(to.queueId);
      if (!q) throw new RoutingError('unknown_queue', `unknown queue ${to.queueId}`);
    }
    this.emit('call.transferred', call.id, { mode: 'blind', fromAgentId: a.agentId, to });
    this.command({ type: 'release_agent', callId: call.id, agentId: a.agentId });
    call.agents = [];
    call.held = false;
    this.wrapUp(a, call);
    if (target) return this.offer(call, [target], 'transfer');
    // A transferred caller has been served once: the new queue places the call as of now.
    this.enqueue(call, q!, 'transfer', this.now);
  }

  private consultQueue(a: AgentRec, queueId: string): void {
    this.soleCall(a);
    const q = this.queues.get(queueId);
    if (!q) throw new RoutingError('unknown_queue', `unknown queue ${queueId}`);
    const strategy = q.cfg.strategy === 'ring_all' ? 'longest_idle' : q.cfg.strategy;
    const [target] = pickAgents(strategy, q.ready, 0, { memberIndex: q.memberIndex, lastOffered: q.lastOffered, random: this.random });
    if (!target) throw new RoutingError('no_agent_ready', `no agent of ${queueId} is ready`);
    this.startConsult(a, target, queueId);
  }

  private startConsult(a: AgentRec, target: AgentRec, queueId: string | null): void {
    const call = this.soleCall(a);
    if (target === a || target.state.status !== 'ready') throw new RoutingError('agent_not_ready', `${target.agentId} is not ready`);
    if (a.state.status === 'on_hold') this.move(a, 'talking');
    call.held = true;
    call.consult = { agent: a, target, connected: false };
    this.emit('call.consult_started', call.id, { agentId: a.agentId, targetAgentId: target.agentId, queueId });
    this.command({ type: 'consult', callId: call.id, agentId: a.agentId, targetAgentId: target.agentId });
    this.offer(call, [target], 'consult');
  }

  private finishConsult(a: AgentRec, kind: 'agent.complete_transfer' | 'agent.cancel_consult' | 'agent.conference'): void {
    const call = this.calls.get(a.state.callId ?? '');
    const consult = call?.consult;
    if (!call || !consult || consult.agent !== a) throw new RoutingError('invalid_call_state', `${a.agentId} is not consulting`);
    if (kind === 'agent.cancel_consult') {
      if (consult.connected) {
        this.command({ type: 'release_agent', callId: call.id, agentId: consult.target.agentId });
      } else {
        call.offer = null;
        this.command({ type: 'cancel_offer', callId: call.id, agentId: consult.target.agentId });
      }
      this.move(consult.target, 'ready');
      return this.endConsult(call, 'cancelled');
    }
    if (!consult.connected) throw new RoutingError('invalid_call_state', 'the consulted agent has not answered yet');
    if (kind === 'agent.complete_transfer') return this.completeTransfer(call, a);
    call.consult = null;
    call.held = false;
    call.agents = [a, consult.target];
    const agentIds = call.agents.map((x) => x.agentId);
    this.emit('call.conferenced', call.id, { agentIds });
    this.command({ type: 'bridge', callId: call.id, agentIds });
  }

  private dial(a: AgentRec, callId: string, number: string): void {
    if (this.calls.has(callId)) throw new RoutingError('duplicate_call', `call ${callId} already exists`);
    if (a.state.status !== 'ready' && a.state.status !== 'not_ready') {
      throw new AgentStateError('invalid_transition', `cannot dial while ${a.state.status}`, a.state.status);
    }
    const call = this.newCall(callId, 'outbound', null, 0);
    call.status = 'dialing';
    call.agents = [a];
    this.emit('call.dialed', callId, { direction: 'outbound', agentId: a.agentId, to: number });
    a.handleStart = this.now;
    this.move(a, 'dialing', { callId });
    this.command({ type: 'originate', callId, agentId: a.agentId, number });
  }

  // ---- supervisor commands -------------------------------------------------------------------

  private supervisorCommand(c: SupervisorCommand): void {
    switch (c.type) {
      case 'supervisor.force_state': {
        const a = this.agent(c.agentId);
        const ringingFor = a.state.status === 'ringing' ? this.calls.get(a.state.callId ?? '') : undefined;
        this.request(a, c.to, { notReadyReason: c.reason, reasons: this.reasons, forcedBy: c.supervisorId });
        if (ringingFor) this.withdrawOffer(a, ringingFor, 'supervisor');
        return;
      }
      case 'supervisor.monitor': {
        const call = this.findCall(c.callId);
        if (call.status !== 'connected') throw new RoutingError('invalid_call_state', 'only a connected call can be monitored');
        (call.monitors ??= new Map()).set(c.supervisorId, c.mode);
        this.emit('call.monitored', call.id, { supervisorId: c.supervisorId, mode: c.mode });
        this.command({ type: 'monitor', callId: call.id, supervisorId: c.supervisorId, mode: c.mode });
        return;
      }
      case 'supervisor.stop_monitor': {
        const call = this.findCall(c.callId);
        if (!call.monitors?.delete(c.supervisorId)) throw new RoutingError('not_monitoring', `${c.supervisorId} is not monitoring ${c.callId}`);
        this.emit('call.monitor_ended', call.id, { supervisorId: c.supervisorId });
        this.command({ type: 'stop_monitor', callId: call.id, supervisorId: c.supervisorId });
        return;
      }
    }
  }
}

function nextPlaceAt(q: QueueRec): number {
  return q.waiting.head()?.placeAt ?? Infinity;
}

function servedBefore(a: QueueRec, b: QueueRec): boolean {
  if (a.cfg.priority !== b.cfg.priority) return a.cfg.priority > b.cfg.priority;
  const pa = nextPlaceAt(a);
  const pb = nextPlaceAt(b);
  if (pa !== pb) return pa < pb;
  return a.cfg.id < b.cfg.id;
}

/** The widest skill tier a call that has waited `waitedMs` may go to. */
function allowedTier(q: QueueRec, waitedMs: number): number {
  let tier = 0;
  for (const step of q.cfg.widening) if (step.afterSeconds * 1000 <= waitedMs) tier = Math.max(tier, step.minLevelDrop);
  return tier;
}
