import type { CallDirection, CallEvent, CallOutcome, DomainEvent, MonitorMode, OfferPurpose, OverflowReason, QueuedVia, TransferTarget } from './events';

/**
 * What the caller was doing: each moment of a call's life counts in exactly one phase. `hold` is
 * also the wait while the agent consults a colleague; `ring` also a transfer ringing its target.
 */
export type CallPhase = 'queue' | 'ring' | 'talk' | 'hold' | 'callbackWait' | 'dial';

/** One agent's part in a call: rung, and maybe answered, for the caller or for a consultation. */
export interface CallLeg {
  agentId: string;
  purpose: OfferPurpose | 'outbound';
  offeredAt: number;
  answeredAt: number | null;
  leftAt: number | null;
  /** not_taken: another agent answered first, or the call ended while ringing; withdrawn: declined or pulled off. */
  result: 'answered' | 'no_answer' | 'not_taken' | 'withdrawn';
}

/** One row per call: the call detail record (CDR), a projection of the call's event stream. */
export interface CallDetailRecord {
  callId: string;
  direction: CallDirection;
  from: string | null;
  to: string | null;
  vipLevel: number;
  startedAt: number;
  endedAt: number | null;
  /** The queue the call first entered, its position there, and every queue it passed through. */
  firstQueueId: string | null;
  entryPosition: number | null;
  queues: { queueId: string; at: number; position: number; via: QueuedVia }[];
  /** When an agent's phone first rang for the caller: the queue time before it is what 平均排队时间 counts. */
  firstOfferedAt: number | null;
  /** Durations in ms; while ended, queue + ring + talk + hold + callbackWait + dial = endedAt - startedAt. */
  queueMs: number;
  ringMs: number;
  talkMs: number;
  holdMs: number;
  callbackWaitMs: number;
  dialMs: number;
  /** Summed over every agent who wrapped up this call; arrives after the call ended. */
  wrapUpMs: number;
  answeredAt: number | null;
  answeredBy: string | null;
  /** Every agent who handled the call (000 seed item 9), in the order they first answered. */
  agents: string[];
  legs: CallLeg[];
  transfers: { at: number; mode: 'blind' | 'consult'; fromAgentId: string; to: TransferTarget }[];
  overflows: { at: number; fromQueueId: string; reason: OverflowReason; action: string }[];
  monitors: { at: number; supervisorId: string; mode: MonitorMode }[];
  disposition: string | null;
  /** The wrap-up's answer to "resolved?"; null when nobody answered it. */
  resolved: boolean | null;
  /**
   * A later call from the same number within the center's repeat window (set by the reports
   * projection, which sees other calls): this call did not resolve the issue at first contact.
   */
  repeatedBy: string | null;
  /**
   * The open ticket this call was a repeat contact about (set by the reports projection when the
   * call is linked to it): not a first-contact resolution. Absent on records from before links.
   */
  repeatOfTicket?: string | null;
  recorded: boolean;
  outcome: CallOutcome | null;
  /** For an abandoned call: how long the caller waited before hanging up. */
  abandonedAfterMs: number | null;
  forwardedTo: string | null;
  callback: { number: string; requestedAt: number; connected: boolean | null } | null;
  /**
   * Who ended the call — the caller hanging up, the agent, or Banzu (an overflow, a closed line, an
   * unreached customer) — and the phase the caller was in then: a caller gone in `hold` or `ring`
   * after an agent answered hung up while held, consulted for or transferred. Null while the call
   * lasts; absent on records stored before they were kept.
   */
  endedBy?: 'caller' | 'agent' | 'system' | null;
  endedIn?: CallPhase | null;
  /** Internal to the fold: the phase the call is in and since when. */
  phase: CallPhase | null;
  phaseSince: number;
}

function blank(event: CallEvent): CallDetailRecord {
  return {
    callId: event.stream,
    direction: 'inbound',
    from: null,
    to: null,
    vipLevel: 0,
    startedAt: event.at,
    endedAt: null,
    firstQueueId: null,
    entryPosition: null,
    queues: [],
    firstOfferedAt: null,
    queueMs: 0,
    ringMs: 0,
    talkMs: 0,
    holdMs: 0,
    callbackWaitMs: 0,
    dialMs: 0,
    wrapUpMs: 0,
    answeredAt: null,
    answeredBy: null,
    agents: [],
    legs: [],
    transfers: [],
    overflows: [],
    monitors: [],
    disposition: null,
    resolved: null,
    repeatedBy: null,
    recorded: false,
    outcome: null,
    abandonedAfterMs: null,
    forwardedTo: null,
    callback: null,
    endedBy: null,
    endedIn: null,
    phase: null,
    phaseSince: event.at,
  };
}

const phaseField = {
  queue: 'queueMs',
  ring: 'ringMs',
  talk: 'talkMs',
  hold: 'holdMs',
  callbackWait: 'callbackWaitMs',
  dial: 'dialMs',
} as const satisfies Record<CallPhase, keyof CallDetailRecord>;

function enter(r: CallDetailRecord, phase: CallPhase | null, at: number): void {
  if (r.phase) r[phaseField[r.phase]] += at - r.phaseSince;
  r.phase = phase;
  r.phaseSince = at;
}

function openLeg(r: CallDetailRecord, agentId: string): CallLeg | undefined {
  for (let i = r.legs.length - 1; i >= 0; i--) {
    const leg = r.legs[i]!;
    if (leg.agentId === agentId && leg.leftAt === null) return leg;
  }
  return undefined;
}

function closeLeg(r: CallDetailRecord, agentId: string, at: number): void {
  const leg = openLeg(r, agentId);
  if (leg) leg.leftAt = at;
}

function answeredBy(r: CallDetailRecord, agentId: string, at: number): void {
  const leg = openLeg(r, agentId);
  if (leg) {
    leg.answeredAt = at;
    leg.result = 'answered';
  }
  if (!r.agents.includes(agentId)) r.agents.push(agentId);
}

/**
 * Folds one event of a call's stream into its record (a copy; the input is not changed).
 * Events of other streams and agent events are ignored, so the whole log can be fed in.
 *
 * @example
 * let cdr: CallDetailRecord | undefined;
 * for (const e of eventsOfCall) cdr = foldCallDetailRecord(cdr, e);
 */
export function foldCallDetailRecord(record: CallDetailRecord | undefined, event: DomainEvent): CallDetailRecord | undefined {
  if (!event.type.startsWith('call.') || (record && record.callId !== event.stream)) return record;
  const r = record ? structuredClone(record) : blank(event as CallEvent);
  apply(r, event as CallEvent);
  return r;
}

function apply(r: CallDetailRecord, e: CallEvent): void {
  const at = e.at;
  switch (e.type) {
    case 'call.arrived':
      Object.assign(r, { direction: 'inbound', from: e.payload.from, to: e.payload.to, vipLevel: e.payload.vipLevel, startedAt: at });
      break;
    case 'call.dialed':
      Object.assign(r, { direction: 'outbound', to: e.payload.to, startedAt: at });
      r.legs.push({ agentId: e.payload.agentId, purpose: 'outbound', offeredAt: at, answeredAt: at, leftAt: null, result: 'answered' });
      if (!r.agents.includes(e.payload.agentId)) r.agents.push(e.payload.agentId);
      enter(r, 'dial', at);
      break;
    case 'call.queued':
      if (r.firstQueueId === null) {
        r.firstQueueId = e.payload.queueId;
        r.entryPosition = e.payload.position;
      }
      r.queues.push({ queueId: e.payload.queueId, at, position: e.payload.position, via: e.payload.via });
      enter(r, e.payload.callback ? 'callbackWait' : 'queue', at);
      break;
    case 'call.offered':
      for (const agentId of e.payload.agentIds) {
        r.legs.push({ agentId, purpose: e.payload.purpose, offeredAt: at, answeredAt: null, leftAt: null, result: 'not_taken' });
      }
      if (e.payload.purpose === 'queue' && r.firstOfferedAt === null) r.firstOfferedAt = at;
      // A consultation rings while the caller holds; a callback rings while the caller is away.
      if (e.payload.purpose === 'queue' || e.payload.purpose === 'transfer') enter(r, 'ring', at);
      break;
    case 'call.ring_no_answer':
      for (const agentId of e.payload.agentIds) {
        const leg = openLeg(r, agentId);
        if (leg) {
          leg.result = 'no_answer';
          leg.leftAt = at;
        }
      }
      break;
    case 'call.offer_withdrawn': {
      const leg = openLeg(r, e.payload.agentId);
      if (leg) {
        leg.result = 'withdrawn';
        leg.leftAt = at;
      }
      break;
    }
    case 'call.answered':
      answeredBy(r, e.payload.agentId, at);
      for (const leg of r.legs) if (leg.leftAt === null && leg.answeredAt === null) leg.leftAt = at;
      if (r.answeredAt === null) {
        r.answeredAt = at;
        r.answeredBy = e.payload.agentId;
      }
      r.recorded ||= e.payload.recorded;
      enter(r, e.payload.purpose === 'callback' ? 'dial' : 'talk', at);
      break;
    case 'call.connected':
      enter(r, 'talk', at);
      break;
    case 'call.held':
    case 'call.consult_started':
      enter(r, 'hold', at);
      break;
    case 'call.retrieved':
    case 'call.conferenced':
      enter(r, 'talk', at);
      break;
    case 'call.consult_connected':
      answeredBy(r, e.payload.targetAgentId, at);
      break;
    case 'call.consult_cancelled':
      if (e.payload.reason !== 'no_answer') closeLeg(r, e.payload.targetAgentId, at);
      enter(r, 'talk', at);
      break;
    case 'call.transferred':
      r.transfers.push({ at, mode: e.payload.mode, fromAgentId: e.payload.fromAgentId, to: e.payload.to });
      closeLeg(r, e.payload.fromAgentId, at);
      if (e.payload.mode === 'consult') enter(r, 'talk', at);
      break;
    case 'call.agent_left':
      closeLeg(r, e.payload.agentId, at);
      break;
    case 'call.overflowed':
      r.overflows.push({ at, fromQueueId: e.payload.fromQueueId, reason: e.payload.reason, action: e.payload.action });
      break;
    case 'call.forwarded':
      r.forwardedTo = e.payload.number;
      break;
    case 'call.callback_requested':
      r.callback = { number: e.payload.number, requestedAt: at, connected: null };
      enter(r, 'callbackWait', at);
      break;
    case 'call.abandoned':
      r.abandonedAfterMs = e.payload.waitedMs;
      break;
    case 'call.disposition_set':
      r.disposition = e.payload.code;
      break;
    case 'call.resolution_recorded':
      r.resolved = e.payload.resolved;
      break;
    case 'call.monitored':
      r.monitors.push({ at, supervisorId: e.payload.supervisorId, mode: e.payload.mode });
      break;
    case 'call.ended':
      r.endedBy = e.payload.endedBy;
      r.endedIn = r.phase;
      enter(r, null, at);
      for (const leg of r.legs) if (leg.leftAt === null) leg.leftAt = at;
      r.endedAt = at;
      r.outcome = e.payload.outcome;
      if (r.callback) r.callback.connected = e.payload.connected;
      break;
    case 'call.wrapped_up':
      r.wrapUpMs += e.payload.wrapUpMs;
      break;
    case 'call.after_hours':
      // An after-hours call counts for the queue it was meant for, although it never waited there.
      r.firstQueueId ??= e.payload.queueId;
      break;
    case 'call.position_announced':
    case 'call.voicemail':
    case 'call.monitor_ended':
      break;
  }
}

/**
 * One record per call from an ordered event list (any mix of streams).
 *
 * @example
 * const records = callDetailRecords(events); // Map callId → CallDetailRecord
 * records.get('c1')?.outcome; // 'answered'
 */
export function callDetailRecords(events: Iterable<DomainEvent>): Map<string, CallDetailRecord> {
  const records = new Map<string, CallDetailRecord>();
  for (const event of events) {
    if (!event.type.startsWith('call.')) continue;
    let record = records.get(event.stream);
    if (!record) records.set(event.stream, (record = blank(event as CallEvent)));
    apply(record, event as CallEvent);
  }
  return records;
}

/**
 * Folds one event into a map of records, changing the record in place: for long simulations,
 * where copying every record at every event would cost more than the routing itself.
 *
 * @example
 * const open = new Map<string, CallDetailRecord>();
 * const record = foldInto(open, event); // the call's record after the event
 */
export function foldInto(records: Map<string, CallDetailRecord>, event: DomainEvent): CallDetailRecord | undefined {
  if (!event.type.startsWith('call.')) return undefined;
  let record = records.get(event.stream);
  if (!record) records.set(event.stream, (record = blank(event as CallEvent)));
  apply(record, event as CallEvent);
  return record;
}
