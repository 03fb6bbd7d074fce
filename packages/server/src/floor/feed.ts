import {
  addTallies,
  canSeeTeam,
  computeMetrics,
  defaultCenterSettings,
  factsFromRecord,
  foldCallDetailRecord,
  intervalStart,
  liveAdherence,
  serviceLevelLabel,
  systemNotReadyReasons,
  tallyCall,
  teamScope,
  withVisibleNumbers,
  type Actor,
  type CallDetailRecord,
  type DomainEvent,
  type Router,
} from '@banzu/core';
import type { FloorAgent, FloorAlert, FloorCall, FloorInterval, FloorMonitor, FloorPatch, FloorQueue, FloorShift, FloorSnapshot } from '@banzu/contract';
import type { EventLog, StoredEvent, Subscription } from '../events/index';
import type { LiveFeed } from '../live/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import type { Queryable } from '../store/index';
import { agentQuarters, publishedSchedules, spansOf } from '../wfm/adherence';

const HALF_HOUR = 30 * 60_000;
const HOUR = 60 * 60_000;

interface QueueInfo {
  name: string;
  slThresholdSeconds: number;
  slTarget: number;
}

export interface FloorFeedOptions {
  store: Queryable;
  log: EventLog;
  timeZone: string;
  now: () => number;
  /** The router as the floor starts: after a restart its agents and calls are where the last run left them. */
  router: Pick<Router, 'agentState' | 'liveCalls' | 'call' | 'dispositionDue'>;
}

/**
 * The live floor in memory, built from the event log: agents' states, live calls, and today's
 * figures per queue and per half hour, computed by the metric dictionary from call records.
 * It answers the live channel: a snapshot and patches within each caller's team scope.
 *
 * @example
 * const feed = await FloorFeed.open({ store, log, timeZone, now: clock.now, router });
 * await app.register(livePlugin, { feed });
 */
export class FloorFeed implements LiveFeed {
  private readonly agents = new Map<string, FloorAgent>();
  private readonly queues = new Map<string, QueueInfo>();
  private readonly live = new Map<string, FloorCall>();
  private readonly today = new Map<string, CallDetailRecord>();
  private readonly byQueue = new Map<string, Set<string>>();
  private readonly belowTargetSince = new Map<string, number>();
  private readonly listeners = new Set<(events: StoredEvent[]) => void>();
  private readonly refreshListeners = new Set<() => void>();
  private readonly messages = new Map<number, FloorPatch['message']>();
  /** Queue rows of the batch being delivered: every client's patch shares them instead of re-tallying the day. */
  private readonly batchRows = new Map<string, FloorQueue>();
  private batchIntervals: FloorInterval[] | null = null;
  private subscription: Subscription | undefined;
  /** Published shifts from the day before to the day after today, per agent: adherence is measured against them. */
  private schedules = new Map<string, FloorShift[]>();
  /** Today's logged-in spans per agent (end null while logged in): lateness into a shift. */
  private readonly logins = new Map<string, { start: number; end: number | null }[]>();
  private seq = 0;
  private dayStart = 0;
  /** The center's choice: whether agents see that a supervisor monitors their call (centers.announce_monitoring). */
  private announceMonitoring = false;
  /** Dispositions, not-ready reasons and alert thresholds, from the center's settings. */
  private settings = defaultCenterSettings;

  private constructor(private readonly options: FloorFeedOptions) {}

  static async open(options: FloorFeedOptions): Promise<FloorFeed> {
    const feed = new FloorFeed(options);
    await feed.load();
    return feed;
  }

  private async load(): Promise<void> {
    const { store, log } = this.options;
    for (const a of await store.query<{ id: string; employee_no: string; display_name: string; team_id: string }>(
      `SELECT u.id, a.employee_no, u.display_name, u.team_id FROM agents a JOIN users u ON u.id = a.user_id ORDER BY a.employee_no`,
    )) {
      this.agents.set(a.id, {
        agentId: a.id,
        employeeNo: a.employee_no,
        name: a.display_name,
        teamId: a.team_id,
        status: 'logged_out',
        since: this.options.now(),
        notReadyReason: null,
        callId: null,
        wrapUpEndsAt: null,
        simulated: false,
      });
    }
    await this.reloadSettings();
    this.seq = await log.head();
    this.dayStart = intervalStart(this.options.now(), 'day', this.options.timeZone);
    for (const row of await store.query<{ record: CallDetailRecord }>('SELECT record FROM call_records WHERE started_at >= $1', [new Date(this.dayStart)])) {
      this.remember(row.record);
    }
    const { router } = this.options;
    for (const agent of this.agents.values()) {
      const state = router.agentState(agent.agentId);
      if (state) {
        Object.assign(agent, {
          status: state.status,
          since: state.since,
          notReadyReason: state.notReadyReason,
          callId: state.callId,
          wrapUpEndsAt: state.wrapUp?.endsAt ?? null,
          dispositionDue: router.dispositionDue(agent.agentId),
        });
      }
    }
    await this.loadSchedules();
    const quarters = await agentQuarters(store, [...this.agents.keys()], this.dayStart - 12 * HOUR, this.options.now(), this.options.now());
    for (const agent of this.agents.values()) {
      const spans: { start: number; end: number | null }[] = spansOf(quarters.get(agent.agentId) ?? []);
      if (agent.status !== 'logged_out') {
        // The state under way is not in the quarter-hours yet: it continues the last span, or opened a new one.
        const last = spans.at(-1);
        if (last && last.end !== null && last.end >= agent.since - 60_000) last.end = null;
        else spans.push({ start: agent.since, end: null });
      }
      this.logins.set(agent.agentId, spans);
    }
    for (const callId of router.liveCalls()) {
      const call = router.call(callId)!;
      const record = this.today.get(callId);
      this.live.set(callId, {
        callId,
        status: call.status,
        queueId: call.queueId,
        from: record?.from ?? null,
        ...(record?.direction === 'outbound' ? { to: record.to } : {}),
        vipLevel: call.vipLevel,
        since: record?.startedAt ?? this.options.now(),
        agentIds: call.agents,
        ringing: call.ringing,
        held: call.held,
        // After a restart the consulting agent is the one on the call; whether the colleague answered shows in the legs.
        consult: call.consulting
          ? {
              agentId: call.agents[0] ?? '',
              targetAgentId: call.consulting,
              connected: record?.legs.some((l) => l.agentId === call.consulting && l.answeredAt !== null && l.leftAt === null) ?? false,
            }
          : null,
      });
    }
    this.subscription = log.subscribe(this.seq + 1, (events) => this.apply(events));
  }

  /**
   * Reads the queues and the center's settings the feed applies again (after the center or a queue
   * changed), and hands every open wallboard the state they make: the service-level variant's
   * name, the figures it counts, a renamed or new queue show at once, not on the next reconnect.
   */
  async reloadSettings(): Promise<void> {
    const { store } = this.options;
    const queues = await store.query<QueueInfo & { id: string }>(`SELECT id, name, sl_threshold_seconds AS "slThresholdSeconds", sl_target AS "slTarget" FROM queues`);
    for (const id of this.queues.keys()) if (!queues.some((q) => q.id === id)) this.queues.delete(id);
    for (const q of queues) {
      this.queues.set(q.id, q);
      if (!this.byQueue.has(q.id)) this.byQueue.set(q.id, new Set());
    }
    const [center] = await store.query<{ announce_monitoring: boolean }>('SELECT announce_monitoring FROM centers ORDER BY created_at LIMIT 1');
    this.announceMonitoring = center?.announce_monitoring ?? false;
    this.settings = await loadCenterSettings(store);
    for (const listener of this.refreshListeners) listener();
  }

  /** Listens for a change of settings or queues after which every client needs a new snapshot. */
  onRefresh(listener: () => void): () => void {
    this.refreshListeners.add(listener);
    return () => this.refreshListeners.delete(listener);
  }

  close(): void {
    this.subscription?.close();
  }

  /** Reads the published shifts around today again (a roster published or changed, a new day). */
  async loadSchedules(teamId?: string): Promise<void> {
    const loaded = await publishedSchedules(this.options.store, this.dayStart - 12 * HOUR, this.dayStart + 36 * HOUR, teamId);
    const shifts = (id: string) => (loaded.get(id) ?? []).map(({ start, end, breaks }) => ({ start, end, breaks: breaks ? [...breaks] : [] }));
    if (!teamId) {
      this.schedules = new Map([...this.agents.keys()].map((id) => [id, shifts(id)]));
      return;
    }
    for (const agent of this.agents.values()) if (agent.teamId === teamId) this.schedules.set(agent.agentId, shifts(agent.agentId));
  }

  /**
   * An agent as the live channel sends it: today's schedule, logins and adherence by the feed's
   * clock, for those who supervise the agent and the agent; a teammate sees the state only.
   */
  private view(actor: Actor, agent: FloorAgent): FloorAgent {
    const schedule = this.schedules.get(agent.agentId) ?? [];
    if (schedule.length === 0 || (actor.role === 'agent' && actor.userId !== agent.agentId)) return agent;
    const logins = this.logins.get(agent.agentId) ?? [];
    const { activity, breakName, inAdherence, outSince, lateMinutes } = liveAdherence(schedule, agent, logins, this.options.now(), this.settings.attendanceGraceMinutes);
    return { ...agent, schedule, logins, adherence: { activity, breakName, inAdherence, outSince, lateMinutes } };
  }

  /** Keeps an agent's logged-in spans as states change: a login opens one, a logout closes it. */
  private trackLogin(agentId: string, from: FloorAgent['status'], to: FloorAgent['status'], at: number): void {
    const spans = (this.logins.get(agentId) ?? []).filter((s) => s.end === null || s.end > at - 36 * HOUR);
    if (from === 'logged_out' && to !== 'logged_out') spans.push({ start: at, end: null });
    const open = spans.at(-1);
    if (to === 'logged_out' && open?.end === null) open.end = at;
    this.logins.set(agentId, spans);
  }

  /**
   * A roster's shifts as published or changed, at once from the event with their breaks, so the patch
   * sent for the event already measures adherence to lunch. Only an event logged before breaks were
   * carried makes the feed read the team's shifts again from the store.
   */
  private applyRoster(e: StoredEvent): void {
    let withoutBreaks = false;
    if (e.type === 'roster.published') {
      for (const s of e.payload.shifts) {
        withoutBreaks ||= s.breaks === undefined;
        if (s.end <= this.dayStart - 12 * HOUR || s.start >= this.dayStart + 36 * HOUR) continue;
        const list = (this.schedules.get(s.agentId) ?? []).filter((x) => x.end <= s.start || x.start >= s.end);
        this.schedules.set(
          s.agentId,
          [...list, { start: s.start, end: s.end, breaks: [...(s.breaks ?? [])] }].sort((a, b) => a.start - b.start),
        );
      }
    } else if (e.type === 'roster.changed') {
      for (const s of e.payload.removed)
        this.schedules.set(
          s.agentId,
          (this.schedules.get(s.agentId) ?? []).filter((x) => x.start !== s.start || x.end !== s.end),
        );
      for (const s of e.payload.added) {
        withoutBreaks ||= s.breaks === undefined;
        this.schedules.set(
          s.agentId,
          [...(this.schedules.get(s.agentId) ?? []), { start: s.start, end: s.end, breaks: [...(s.breaks ?? [])] }].sort((a, b) => a.start - b.start),
        );
      }
    } else return;
    if (withoutBreaks) void this.loadSchedules(e.payload.teamId).catch(() => undefined);
  }

  /** Marks the agents the simulator drives, so the wallboard can tell them from people. */
  setSimulated(agentId: string, simulated: boolean): void {
    const agent = this.agents.get(agentId);
    if (agent) agent.simulated = simulated;
  }

  agent(agentId: string): FloorAgent | undefined {
    return this.agents.get(agentId);
  }

  private remember(record: CallDetailRecord): void {
    this.today.set(record.callId, record);
    if (record.firstQueueId) this.byQueue.get(record.firstQueueId)?.add(record.callId);
  }

  private apply(events: StoredEvent[]): void {
    this.batchRows.clear();
    this.batchIntervals = null;
    const now = this.options.now();
    const dayStart = intervalStart(now, 'day', this.options.timeZone);
    if (dayStart !== this.dayStart) {
      this.dayStart = dayStart;
      this.today.clear();
      for (const ids of this.byQueue.values()) ids.clear();
      void this.loadSchedules().catch(() => undefined);
    }
    for (const e of events) {
      if (e.type === 'agent.state_changed') {
        const agent = this.agents.get(e.stream);
        if (agent) {
          this.trackLogin(agent.agentId, agent.status, e.payload.to, e.at);
          Object.assign(agent, {
            status: e.payload.to,
            since: e.at,
            notReadyReason: e.payload.notReadyReason,
            callId: e.payload.callId,
            wrapUpEndsAt: e.payload.wrapUpEndsAt,
            dispositionDue: e.payload.dispositionDue ?? false,
          });
        }
      } else if (e.type === 'agent.wrap_up_extended') {
        const agent = this.agents.get(e.stream);
        if (agent) agent.wrapUpEndsAt = e.payload.wrapUpEndsAt;
      } else if (e.type === 'roster.published' || e.type === 'roster.changed') {
        this.applyRoster(e);
      } else if (e.type === 'agent.message_sent') {
        this.messages.set(e.seq, { ...e.payload, toAgentId: e.stream, at: e.at });
      } else if (e.type.startsWith('call.')) {
        if (e.type === 'call.disposition_set') {
          const agent = this.agents.get(e.payload.agentId);
          // The router ends a wrap-up held for its disposition: the agent's next state follows.
          if (agent?.callId === e.stream) agent.dispositionDue = false;
        }
        const record = foldCallDetailRecord(this.today.get(e.stream), e)!;
        if (record.startedAt >= this.dayStart) this.remember(record);
        this.trackLive(record, e);
      }
      this.seq = e.seq;
    }
    for (const queueId of this.queues.keys()) this.trackTarget(queueId, now);
    for (const listener of this.listeners) listener(events);
  }

  private trackLive(record: CallDetailRecord, e: DomainEvent): void {
    if (record.endedAt !== null) {
      this.live.delete(record.callId);
      return;
    }
    const call = this.live.get(record.callId) ?? {
      callId: record.callId,
      status: 'queued' as const,
      queueId: record.firstQueueId,
      from: record.from,
      ...(record.direction === 'outbound' ? { to: record.to } : {}),
      vipLevel: record.vipLevel,
      since: record.startedAt,
      agentIds: [],
      ringing: [],
      held: false,
    };
    call.queueId = record.queues.at(-1)?.queueId ?? record.firstQueueId;
    call.agentIds = record.legs.filter((l) => l.answeredAt !== null && l.leftAt === null).map((l) => l.agentId);
    call.ringing = record.legs.filter((l) => l.answeredAt === null && l.leftAt === null).map((l) => l.agentId);
    call.held = e.type === 'call.held' ? true : e.type === 'call.retrieved' ? false : call.held;
    call.consult = nextConsult(call.consult ?? null, e);
    call.monitors = nextMonitors(call.monitors ?? [], e);
    call.status = call.agentIds.length > 0 ? 'connected' : call.ringing.length > 0 ? 'ringing' : record.direction === 'outbound' ? 'dialing' : 'queued';
    this.live.set(record.callId, call);
  }

  private tally(queueId: string, from: number) {
    const info = this.queues.get(queueId)!;
    const limits = { serviceLevelSeconds: info.slThresholdSeconds, shortAbandonSeconds: this.settings.shortAbandonSeconds };
    const parts = [];
    for (const id of this.byQueue.get(queueId) ?? []) {
      const record = this.today.get(id);
      if (!record || record.startedAt < from) continue;
      const at = factsFromRecord(record);
      if (at) parts.push(tallyCall(at.facts, limits));
    }
    return addTallies(...parts);
  }

  private queueRow(queueId: string): FloorQueue {
    const info = this.queues.get(queueId)!;
    const waiting = [...this.live.values()].filter((c) => c.queueId === queueId && c.status === 'queued');
    let ready = 0;
    let talking = 0;
    let notReady = 0;
    for (const a of this.agents.values()) {
      if (a.status === 'ready') ready++;
      else if (a.status === 'talking' || a.status === 'on_hold' || a.status === 'ringing' || a.status === 'dialing') talking++;
      else if (a.status === 'not_ready') notReady++;
    }
    return {
      queueId,
      name: info.name,
      slThresholdSeconds: info.slThresholdSeconds,
      slTarget: info.slTarget,
      waiting: waiting.length,
      longestWaitSince: waiting.length ? Math.min(...waiting.map((c) => c.since)) : null,
      agentsReady: ready,
      agentsTalking: talking,
      agentsNotReady: notReady,
      // The center's service-level variant and short-abandon switch, as the reports count.
      today: computeMetrics(this.tally(queueId, this.dayStart), metricParameters(this.settings)),
      last30: computeMetrics(this.tally(queueId, this.options.now() - HALF_HOUR), metricParameters(this.settings)),
    };
  }

  private batchRow(queueId: string): FloorQueue {
    let row = this.batchRows.get(queueId);
    if (!row) this.batchRows.set(queueId, (row = this.queueRow(queueId)));
    return row;
  }

  private trackTarget(queueId: string, now: number): void {
    const { today } = this.batchRow(queueId);
    const serviceLevel = today.serviceLevel ?? null;
    const below = (today.totalCalls ?? 0) >= 5 && serviceLevel !== null && serviceLevel < this.queues.get(queueId)!.slTarget;
    if (below && !this.belowTargetSince.has(queueId)) this.belowTargetSince.set(queueId, now);
    if (!below) this.belowTargetSince.delete(queueId);
  }

  private intervals(): FloorInterval[] {
    const rows = new Map<number, FloorInterval>();
    for (const record of this.today.values()) {
      if (record.direction !== 'inbound') continue;
      const start = intervalStart(record.startedAt, 30, this.options.timeZone);
      const row = rows.get(start) ?? { start, offered: 0, answered: 0, abandoned: 0 };
      row.offered++;
      if (record.answeredAt !== null) row.answered++;
      if (record.outcome === 'abandoned') row.abandoned++;
      rows.set(start, row);
    }
    return [...rows.values()].sort((a, b) => a.start - b.start);
  }

  /** An agent sees the own team's states too: they are whom a call can be transferred to. */
  private visibleAgent(actor: Actor, agent: FloorAgent): boolean {
    return actor.role === 'agent' ? agent.teamId === actor.teamId : canSeeTeam(actor, agent.teamId);
  }

  private visibleCall(actor: Actor, call: FloorCall): FloorCall | null {
    const involved = [...call.agentIds, ...call.ringing];
    const mine =
      actor.role === 'agent' ? involved.includes(actor.userId) : teamScope(actor).kind === 'all' || involved.some((id) => canSeeTeam(actor, this.agents.get(id)?.teamId ?? null));
    if (!mine) return null;
    const visible = withVisibleNumbers(actor, call);
    // Who listens in is the supervisors' to know; the agent is told only when the center says so.
    if (actor.role === 'agent' && !this.announceMonitoring && visible.monitors?.length) return { ...visible, monitors: [] };
    return visible;
  }

  private alerts(actor: Actor): FloorAlert[] {
    const now = this.options.now();
    const t = this.settings.alertThresholds;
    const out: FloorAlert[] = [];
    for (const [queueId, since] of this.belowTargetSince) out.push({ id: `sl:${queueId}`, kind: 'service_level', subjectId: queueId, since });
    for (const call of this.live.values()) {
      if (call.status === 'queued' && call.queueId && now - call.since > t.waitSeconds * 1000 && !out.some((a) => a.id === `wait:${call.queueId}`)) {
        const oldest = Math.min(...[...this.live.values()].filter((c) => c.queueId === call.queueId && c.status === 'queued').map((c) => c.since));
        out.push({ id: `wait:${call.queueId}`, kind: 'long_wait', subjectId: call.queueId, since: oldest + t.waitSeconds * 1000 });
      }
    }
    for (const a of this.agents.values()) {
      // Alerts about people are for those who supervise them; an agent gets only the own.
      if (actor.role === 'agent' ? a.agentId !== actor.userId : !this.visibleAgent(actor, a)) continue;
      // A call rang out at the desk (未接来电): the leader hears of it at once, not after the not-ready limit.
      if (a.status === 'not_ready' && a.notReadyReason !== null && systemNotReadyReasons.has(a.notReadyReason)) {
        out.push({ id: `missed_call:${a.agentId}`, kind: 'missed_call', subjectId: a.agentId, since: a.since });
        continue;
      }
      // A call talked and held past the center's limit (长通话): counted from the answer, holds included, so a hold does not reset it.
      if ((a.status === 'talking' || a.status === 'on_hold') && a.callId) {
        const answered = this.today.get(a.callId)?.answeredAt ?? a.since;
        if (now - answered > t.callSeconds * 1000) out.push({ id: `long_call:${a.agentId}`, kind: 'long_call', subjectId: a.agentId, since: answered + t.callSeconds * 1000 });
        continue;
      }
      const limit = a.status === 'not_ready' ? t.notReadySeconds : a.status === 'wrap_up' ? t.wrapUpSeconds : a.status === 'ringing' ? t.ringingSeconds : null;
      if (limit !== null && now - a.since > limit * 1000) {
        const kind = a.status === 'not_ready' ? 'long_not_ready' : a.status === 'wrap_up' ? 'long_wrap_up' : 'ringing';
        out.push({ id: `${kind}:${a.agentId}`, kind, subjectId: a.agentId, since: a.since + limit * 1000 });
      }
    }
    return out.sort((a, b) => a.since - b.since);
  }

  snapshot(actor: Actor): { seq: number; state: FloorSnapshot } {
    return {
      seq: this.seq,
      state: {
        now: this.options.now(),
        timeZone: this.options.timeZone,
        thresholds: this.settings.alertThresholds,
        attendanceGraceMinutes: this.settings.attendanceGraceMinutes,
        serviceLevel: { ...this.settings.serviceLevel, ...serviceLevelLabel(this.settings.serviceLevel) },
        agents: [...this.agents.values()].filter((a) => this.visibleAgent(actor, a)).map((a) => this.view(actor, a)),
        queues: [...this.queues.keys()].map((id) => this.queueRow(id)),
        calls: [...this.live.values()].map((c) => this.visibleCall(actor, c)).filter((c) => c !== null),
        intervals: this.intervals(),
        alerts: this.alerts(actor),
        dispositions: this.settings.dispositions,
        notReadyReasons: this.settings.notReadyReasons.map((r) => ({ ...r, system: systemNotReadyReasons.has(r.code) })),
      },
    };
  }

  project(actor: Actor, event: StoredEvent): FloorPatch | null {
    if (event.type === 'agent.message_sent') {
      const message = this.messages.get(event.seq);
      if (!message || !(message.toAgentId === actor.userId || message.fromUserId === actor.userId)) return null;
      return { message };
    }
    if (event.type.startsWith('agent.')) {
      const agent = this.agents.get(event.stream);
      if (!agent || !this.visibleAgent(actor, agent)) return null;
      return { agents: [this.view(actor, agent)], queues: [...this.queues.keys()].map((id) => this.batchRow(id)), alerts: this.alerts(actor) };
    }
    if (event.type === 'roster.published' || event.type === 'roster.changed') {
      const agents = [...this.agents.values()].filter((a) => a.teamId === event.payload.teamId && this.visibleAgent(actor, a));
      return agents.length > 0 ? { agents: agents.map((a) => this.view(actor, a)) } : null;
    }
    if (!event.type.startsWith('call.')) return null;
    const record = this.today.get(event.stream);
    const patch: FloorPatch = { alerts: this.alerts(actor) };
    const live = this.live.get(event.stream);
    const visible = live ? this.visibleCall(actor, live) : null;
    if (visible) patch.calls = [visible];
    else if (!live && actor.role !== 'agent') patch.removedCalls = [event.stream];
    else if (!live && record?.agents.includes(actor.userId)) patch.removedCalls = [event.stream];
    const queueId = record?.queues.at(-1)?.queueId ?? record?.firstQueueId;
    if (queueId && this.queues.has(queueId)) patch.queues = [this.batchRow(queueId)];
    if (event.type === 'call.disposition_set') {
      // A wrap-up held for its disposition is no longer held: the desktop stops asking for it.
      const agent = this.agents.get(event.payload.agentId);
      if (agent && this.visibleAgent(actor, agent)) patch.agents = [this.view(actor, agent)];
    }
    if (record && (event.type === 'call.arrived' || event.type === 'call.answered' || event.type === 'call.ended')) {
      const start = intervalStart(record.startedAt, 30, this.options.timeZone);
      this.batchIntervals ??= this.intervals();
      patch.intervals = this.batchIntervals.filter((i) => i.start === start);
    }
    return patch;
  }

  onApplied(listener: (events: StoredEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async replay(since: number): Promise<StoredEvent[] | null> {
    if (since > this.seq || this.seq - since > 5000) return null;
    return this.options.log.read(since + 1, this.seq - since);
  }
}

/** The consultation on a live call after `e`: started, answered by the colleague, or over (cancelled, transferred, conferenced). */
function nextConsult(consult: (FloorCall['consult'] & {}) | null, e: DomainEvent): FloorCall['consult'] {
  switch (e.type) {
    case 'call.consult_started':
      return { agentId: e.payload.agentId, targetAgentId: e.payload.targetAgentId, connected: false };
    case 'call.consult_connected':
      return consult && { ...consult, connected: true };
    case 'call.consult_cancelled':
    case 'call.transferred':
    case 'call.conferenced':
      return null;
    default:
      return consult;
  }
}

/** Who monitors a live call after `e`: a supervisor starts, changes mode or stops. */
function nextMonitors(monitors: FloorMonitor[], e: DomainEvent): FloorMonitor[] {
  if (e.type === 'call.monitored') return [...monitors.filter((m) => m.supervisorId !== e.payload.supervisorId), { supervisorId: e.payload.supervisorId, mode: e.payload.mode }];
  if (e.type === 'call.monitor_ended') return monitors.filter((m) => m.supervisorId !== e.payload.supervisorId);
  return monitors;
}
