/**
 * A ticket's (工单) lifecycle: 受理 (accepted, owned by whoever took the call: 首问负责制) → 交办
 * (assigned to a person, team, department or field team) → 跟进 (handling steps, 退单 bounces back
 * to the dispatcher) → closed → 回访 (the callback asks the customer: not solved reopens it).
 * 督办 (supervision) is not a state but the SLA clock over open and assigned tickets (sla.ts).
 */

/** open: accepted, nobody handles it yet (or bounced back); assigned: someone handles it; closed: handled. */
export const ticketStatuses = ['open', 'assigned', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** Who a ticket is handed to: a person, a team, a department or a field team (派工). */
export const assigneeKinds = ['user', 'team', 'department', 'field_team'] as const;
export type AssigneeKind = (typeof assigneeKinds)[number];

export interface Assignee {
  kind: AssigneeKind;
  /** A user's or team's id; for a department or field team its name. */
  id: string;
  name: string;
}

/** A field visit's close (派工): who signed for the customer and the customer's rating 1-5 of the visit. */
export interface FieldVisitSignOff {
  signedBy: string;
  rating: number | null;
}

/** The callback's answer: whether the problem is solved, and the customer's satisfaction 1-5. */
export interface CallbackResult {
  solved: boolean;
  satisfaction: number | null;
}

/** What the lifecycle tracks of a ticket; the server stores more (title, customer, call …). */
export interface TicketState {
  status: TicketStatus;
  assignee: Assignee | null;
  /** Bounces back (退单) since it was accepted. */
  bounces: number;
  reopens: number;
  /** The last callback's answer; null while one is due or none was made. */
  callback: CallbackResult | null;
}

/** One step of handling, as the ticket's history records it. */
export type TicketAction =
  | { type: 'assign'; to: Assignee }
  | { type: 'note'; text: string }
  | { type: 'bounce'; reason: string }
  | { type: 'close'; resolution: string; visit?: FieldVisitSignOff }
  | { type: 'reopen'; reason: string }
  | { type: 'callback'; result: CallbackResult; note: string };

/** A step the ticket's state does not allow: `code` is stable, `message` for people. */
export class TicketTransitionError extends Error {
  override readonly name = 'TicketTransitionError';
  constructor(
    readonly code: 'ticket_closed' | 'ticket_not_closed' | 'not_assigned' | 'callback_done' | 'bad_satisfaction',
    message: string,
  ) {
    super(message);
  }
}

/** Bounces (退单) at which a ticket escalates to the team leader: it is going round in circles. */
export const BOUNCE_ESCALATION = 3;

/** A ticket just accepted (受理). */
export function acceptedTicket(): TicketState {
  return { status: 'open', assignee: null, bounces: 0, reopens: 0, callback: null };
}

/**
 * The state after one step, or a TicketTransitionError when the state does not allow it.
 *
 * @example
 * let t = acceptedTicket();
 * t = applyTicketAction(t, { type: 'assign', to: { kind: 'field_team', id: '维修一队', name: '维修一队' } });
 * t = applyTicketAction(t, { type: 'bounce', reason: '不属于本队' }); // back to open, bounces 1
 */
export function applyTicketAction(state: TicketState, action: TicketAction): TicketState {
  const closed = state.status === 'closed';
  switch (action.type) {
    case 'assign':
      if (closed) throw new TicketTransitionError('ticket_closed', '工单已办结，请先重新打开');
      return { ...state, status: 'assigned', assignee: action.to };
    case 'note':
      if (closed) throw new TicketTransitionError('ticket_closed', '工单已办结，请先重新打开');
      return state;
    case 'bounce':
      if (state.status !== 'assigned') throw new TicketTransitionError('not_assigned', '只有已交办的工单可以退单');
      return { ...state, status: 'open', assignee: null, bounces: state.bounces + 1 };
    case 'close':
      if (closed) throw new TicketTransitionError('ticket_closed', '工单已办结');
      return { ...state, status: 'closed', callback: null };
    case 'reopen':
      if (!closed) throw new TicketTransitionError('ticket_not_closed', '只有已办结的工单可以重新打开');
      return reopen(state, null);
    case 'callback': {
      if (!closed) throw new TicketTransitionError('ticket_not_closed', '工单办结后才能回访');
      if (state.callback) throw new TicketTransitionError('callback_done', '该工单已回访');
      const { satisfaction } = action.result;
      if (satisfaction !== null && (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)) {
        throw new TicketTransitionError('bad_satisfaction', '满意度为 1 到 5 分');
      }
      // Not solved: the case is not over, whatever the customer's rating (件件有回访).
      return action.result.solved ? { ...state, callback: action.result } : reopen(state, action.result);
    }
  }
}

/** Reopened, it goes back to whoever handled it, or to the dispatcher when nobody did. */
function reopen(state: TicketState, callback: CallbackResult | null): TicketState {
  return { ...state, status: state.assignee ? 'assigned' : 'open', reopens: state.reopens + 1, callback };
}

/** Whether a closed ticket waits for its callback (回访). */
export function callbackDue(state: TicketState): boolean {
  return state.status === 'closed' && state.callback === null;
}
