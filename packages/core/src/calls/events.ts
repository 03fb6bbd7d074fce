/**
 * Domain events: every change of a call, an agent or a campaign, as appended to the event log
 * (columns type, stream, payload, occurred_at). `stream` is the call id for `call.*` events,
 * the agent id for `agent.*` events, the campaign id for `campaign.*` events and the evaluation id
 * for `qa.*` events, so one call's
 * history is one stream and the call detail record is a fold over it. The log holds nothing else.
 */

/** One event: `at` is the domain clock in epoch milliseconds (the log's occurred_at). */
export interface EventOf<T extends string, P> {
  type: T;
  stream: string;
  at: number;
  payload: P;
}

export type CallDirection = 'inbound' | 'outbound';

/**
 * A live call's lifecycle: queued (caller waiting, or a callback request keeping its place) →
 * ringing (offered to one or more agents) → connected (agents talking, maybe holding) → ended.
 * Callbacks and outbound calls pass through dialing (the switch is calling the customer).
 */
export type CallStatus = 'queued' | 'ringing' | 'dialing' | 'connected';

/** How a call left Banzu. Exactly one per call, carried by `call.ended`. */
export type CallOutcome =
  /** An agent talked with the caller. */
  | 'answered'
  /** The caller hung up before an agent answered (in queue or while an agent's phone rang). */
  | 'abandoned'
  /** An overflow rule took the call out of the queues: forwarded to a number or sent to voicemail. */
  | 'overflowed'
  /** Outside the hours of operation the call was forwarded to the duty phone (呼叫转移). */
  | 'forwarded_after_hours'
  /** Outside the hours of operation the caller heard the closed message. */
  | 'after_hours_message'
  /** The caller left a number and was called back (connected or not: see `call.ended` payload). */
  | 'callback'
  /** An outbound call the customer did not pick up. */
  | 'not_connected';

/** Why a call left its queue by an overflow rule. */
export type OverflowReason = 'max_wait' | 'queue_full' | 'no_agents';

/** What the line did when the customer of an outbound call or a callback was not reached, as the switch heard it. */
export type LineResult = 'busy' | 'no_answer' | 'failed';

/** Why an agent's phone rang for a call. */
export type OfferPurpose = 'queue' | 'transfer' | 'consult' | 'callback';

/** How a call came to be placed in a queue. */
export type QueuedVia = 'arrival' | 'overflow' | 'transfer' | 'ring_no_answer' | 'after_hours_callback';

export type TransferTarget = { agentId: string } | { queueId: string };

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export type CallArrived = EventOf<'call.arrived', { direction: 'inbound'; from: string | null; to: string | null; queueId: string; vipLevel: number }>;
export type CallDialed = EventOf<'call.dialed', { direction: 'outbound'; agentId: string; to: string }>;
/** `placeAt` and `seq` are the call's place in the queue: it keeps them when it comes back. */
export type CallQueued = EventOf<'call.queued', { queueId: string; position: number; vipLevel: number; placeAt: number; seq: number; via: QueuedVia; callback: boolean }>;
export type CallPositionAnnounced = EventOf<'call.position_announced', { queueId: string; position: number; estimatedWaitSeconds: number }>;
export type CallOffered = EventOf<'call.offered', { agentIds: string[]; queueId: string | null; purpose: OfferPurpose; ringTimeoutSeconds: number }>;
/** A ringing agent declined (went not ready) or a supervisor pulled the agent off the offer. */
export type CallOfferWithdrawn = EventOf<'call.offer_withdrawn', { agentId: string; by: 'agent' | 'supervisor' }>;
/** The ring timeout passed: the agents are set not ready (no-answer). */
export type CallRingNoAnswer = EventOf<'call.ring_no_answer', { agentIds: string[]; purpose: OfferPurpose }>;
export type CallAnswered = EventOf<'call.answered', { agentId: string; queueId: string | null; purpose: Exclude<OfferPurpose, 'consult'>; recorded: boolean }>;
/** An outbound call or a callback reached the customer. */
export type CallConnected = EventOf<'call.connected', { agentId: string }>;
export type CallHeld = EventOf<'call.held', { agentId: string }>;
export type CallRetrieved = EventOf<'call.retrieved', { agentId: string }>;
/** `queueId` when the consulted agent was picked from a queue. */
export type CallConsultStarted = EventOf<'call.consult_started', { agentId: string; targetAgentId: string; queueId: string | null }>;
export type CallConsultConnected = EventOf<'call.consult_connected', { agentId: string; targetAgentId: string }>;
export type CallConsultCancelled = EventOf<'call.consult_cancelled', { agentId: string; targetAgentId: string; reason: 'cancelled' | 'no_answer' | 'target_hung_up' }>;
export type CallTransferred = EventOf<'call.transferred', { mode: 'blind' | 'consult'; fromAgentId: string; to: TransferTarget }>;
export type CallConferenced = EventOf<'call.conferenced', { agentIds: string[] }>;
/** One agent left a call that goes on with the others (a conference). */
export type CallAgentLeft = EventOf<'call.agent_left', { agentId: string }>;
export type CallOverflowed = EventOf<'call.overflowed', { fromQueueId: string; reason: OverflowReason; action: 'queue' | 'callback' | 'forward' | 'voicemail' }>;
export type CallAfterHours = EventOf<'call.after_hours', { queueId: string; action: 'forward' | 'message' | 'callback' }>;
export type CallForwarded = EventOf<'call.forwarded', { number: string; reason: 'after_hours' | OverflowReason }>;
export type CallVoicemail = EventOf<'call.voicemail', { mailbox: string; reason: OverflowReason }>;
export type CallCallbackRequested = EventOf<'call.callback_requested', { queueId: string; number: string; via: 'caller' | 'overflow' | 'after_hours' }>;
export type CallAbandoned = EventOf<'call.abandoned', { queueId: string | null; while: 'queued' | 'ringing'; waitedMs: number }>;
export type CallDispositionSet = EventOf<'call.disposition_set', { agentId: string; code: string }>;
/** The agent answered "resolved?" in the wrap-up: whether the caller's issue was settled on this call. */
export type CallResolutionRecorded = EventOf<'call.resolution_recorded', { agentId: string; resolved: boolean }>;
/** The agent wrote a note on the call (with the disposition, on the desktop). */
export type CallNoteAdded = EventOf<'call.note_added', { agentId: string; note: string }>;
export type CallMonitored = EventOf<'call.monitored', { supervisorId: string; mode: MonitorMode }>;
export type CallMonitorEnded = EventOf<'call.monitor_ended', { supervisorId: string }>;
export type CallEnded = EventOf<
  'call.ended',
  {
    outcome: CallOutcome;
    endedBy: 'caller' | 'agent' | 'system';
    /** For a callback: whether the customer was reached. */
    connected: boolean;
    /** Set when the switch reported why the customer was not reached (busy, no answer, failed). */
    lineResult?: LineResult;
  }
>;
/** An agent finished the wrap-up (事后处理) of this call. */
export type CallWrappedUp = EventOf<'call.wrapped_up', { agentId: string; wrapUpMs: number }>;

export type CallEvent =
  | CallArrived
  | CallDialed
  | CallQueued
  | CallPositionAnnounced
  | CallOffered
  | CallRingNoAnswer
  | CallOfferWithdrawn
  | CallAnswered
  | CallConnected
  | CallHeld
  | CallRetrieved
  | CallConsultStarted
  | CallConsultConnected
  | CallConsultCancelled
  | CallTransferred
  | CallConferenced
  | CallAgentLeft
  | CallOverflowed
  | CallAfterHours
  | CallForwarded
  | CallVoicemail
  | CallCallbackRequested
  | CallAbandoned
  | CallDispositionSet
  | CallResolutionRecorded
  | CallNoteAdded
  | CallMonitored
  | CallMonitorEnded
  | CallEnded
  | CallWrappedUp;

export type AgentStatus = 'logged_out' | 'ready' | 'not_ready' | 'ringing' | 'talking' | 'on_hold' | 'wrap_up' | 'dialing';

export type AgentStateChanged = EventOf<
  'agent.state_changed',
  {
    from: AgentStatus;
    to: AgentStatus;
    /** Set when `to` is not_ready (示忙): break, meal, no_answer, or a reason the center configured. */
    notReadyReason: string | null;
    callId: string | null;
    /** When `to` is wrap_up: when it ends unless finished early or extended. */
    wrapUpEndsAt: number | null;
    /** The supervisor who forced the change; null when the agent or the system made it. */
    forcedBy: string | null;
    /** When `to` is wrap_up and the center requires a disposition: the wrap-up does not end before it is saved. */
    dispositionDue?: true;
  }
>;
export type AgentWrapUpExtended = EventOf<'agent.wrap_up_extended', { callId: string | null; wrapUpEndsAt: number; extendedMs: number }>;

/** A supervisor's message to the agent's desktop; `id` identifies it to the web console. */
export type AgentMessageSent = EventOf<'agent.message_sent', { id: string; fromUserId: string; fromName: string; text: string }>;

export type AgentEvent = AgentStateChanged | AgentWrapUpExtended | AgentMessageSent;

/**
 * A call was linked to a ticket (工单); `stream` is the ticket's id. `repeat`: the ticket was still
 * open, so the call is a repeat contact about it, and the ticket's earlier calls did not resolve it
 * at first contact either: the reports count none of them as first-contact resolution.
 */
export type TicketCallLinked = EventOf<'ticket.call_linked', { callId: string; earlierCallIds: string[]; repeat: boolean }>;

export type TicketEvent = TicketCallLinked;

/**
 * A telemarketer dialled a customer of the campaign through the router (`callId` is the call's
 * stream). `teamId` is the agent's team at the time, for team reports.
 */
export type CampaignDialed = EventOf<'campaign.dialed', { customerId: string; agentId: string; teamId: string | null; number: string; callId: string }>;
/** The telemarketer saved the result of the dial `callId`: one of the campaign's disposition codes. */
export type CampaignResultSaved = EventOf<'campaign.result_saved', { customerId: string; agentId: string; callId: string; code: string; note: string; callbackAt: number | null }>;

export type CampaignEvent = CampaignDialed | CampaignResultSaved;

/**
 * Quality assurance (质检) facts others read (reports' 监听分值, the agent's inbox); `stream` is the
 * evaluation id. The call's agent, team, queue and start put a score in the same report rows as the call.
 */
interface ScoredCall {
  callId: string;
  agentId: string;
  teamId: string | null;
  queueId: string | null;
  callStartedAt: number;
}
/**
 * An inspector scored a call (0-100; `fatal`: a 致命项 failed). `awaitsConfirmation`: the center
 * waits for the agent's signature, so the score counts (监听分值) only once `qa.evaluation_confirmed`
 * says it stands; false, it counts at once. Events logged before it was carried have none and counted at once.
 */
export type QaEvaluationScored = EventOf<
  'qa.evaluation_scored',
  ScoredCall & { inspectorId: string; formId: string; formVersion: number; score: number; fatal: boolean; awaitsConfirmation?: boolean }
>;
/** The agent signed (签字) the evaluation, or let the deadline pass, which counts as signing. */
export type QaEvaluationAcknowledged = EventOf<'qa.evaluation_acknowledged', { agentId: string; by: 'agent' | 'deadline' }>;
export type QaEvaluationDisputed = EventOf<'qa.evaluation_disputed', { agentId: string; reason: string }>;
/**
 * A QA lead upheld or changed a disputed score, with the reason. `awaitedConfirmation`: the score had
 * not counted yet, and the `qa.evaluation_confirmed` that follows counts the decided one; without it
 * (events logged before it was carried) the score had counted at scoring and `score` replaces `previousScore`.
 */
export type QaDisputeResolved = EventOf<
  'qa.dispute_resolved',
  ScoredCall & { resolvedBy: string; outcome: 'upheld' | 'changed'; reason: string; previousScore: number; score: number; fatal: boolean; awaitedConfirmation?: boolean }
>;
/**
 * A score that awaited the agent's signature stands (`how`: signed, the deadline passed, or a QA
 * lead's decision, with the decided `score`): from here it counts in 监听分值.
 */
export type QaEvaluationConfirmed = EventOf<'qa.evaluation_confirmed', ScoredCall & { how: 'acknowledged' | 'deadline' | 'upheld' | 'changed'; score: number; fatal: boolean }>;

export type QaEvent = QaEvaluationScored | QaEvaluationAcknowledged | QaEvaluationDisputed | QaDisputeResolved | QaEvaluationConfirmed;

/**
 * A team's month of shifts was published (排班); `stream` is the team id. The reports count each
 * shift's time as its agent's scheduled time (出勤率's denominator), so a rebuild from the log keeps it.
 */
export type RosterPublished = EventOf<'roster.published', { teamId: string; month: string; shifts: RosterEventShift[] }>;

/**
 * A shift in a roster event, epoch ms; `breaks` (午休 …) let the wallboard measure adherence to them
 * the moment the event arrives. Events logged before breaks were carried have none.
 */
export interface RosterEventShift {
  agentId: string;
  start: number;
  end: number;
  breaks?: { name: string; start: number; end: number }[];
}

/**
 * Shifts of a published roster changed after publishing (approved leave, a swap, overtime, the
 * leader's edit); `stream` is the team id. The reports take the removed shifts' time out of the
 * agents' scheduled time and count the added, so 出勤率 follows the roster as it is.
 */
export type RosterChanged = EventOf<'roster.changed', { teamId: string; cause: string; removed: { agentId: string; start: number; end: number }[]; added: RosterEventShift[] }>;

export type WfmEvent = RosterPublished | RosterChanged;

export type DomainEvent = CallEvent | AgentEvent | CampaignEvent | QaEvent | WfmEvent | TicketEvent;
export type DomainEventType = DomainEvent['type'];
