import type { AgentStateChanged, AgentStatus, AgentWrapUpExtended } from '../calls/index';
import { AgentStateError } from './errors';

/** Not-ready reasons (示忙原因) every center has; centers add their own. */
export const builtInNotReadyReasons = ['break', 'meal', 'training', 'meeting', 'coaching', 'restroom', 'no_answer'] as const;

/**
 * Reasons only the router sets: `no_answer` (未接来电) says a call rang out at the agent's desk, so
 * the team leader can tell a missed call from a break; an agent or a supervisor picking it by hand
 * would blur exactly that.
 */
export const systemNotReadyReasons: ReadonlySet<string> = new Set(['no_answer']);

export interface AgentState {
  agentId: string;
  status: AgentStatus;
  /** When the agent entered this status (epoch ms). */
  since: number;
  notReadyReason: string | null;
  /** The call the agent is on, ringing for, or wrapping up. */
  callId: string | null;
  wrapUp: { endsAt: number; extendedMs: number; maxExtensionMs: number } | null;
}

export function loggedOutAgent(agentId: string, at: number): AgentState {
  return { agentId, status: 'logged_out', since: at, notReadyReason: null, callId: null, wrapUp: null };
}

/**
 * What an agent may ask for, and a supervisor force, from each status. Leaving logged out takes a
 * login (`login: true`): the agent's own act, never a side effect of ready. Call-bound statuses
 * (ringing, talking, on hold, dialing) change only through the call, except that a ringing agent may
 * decline by going not ready, and a supervisor may pull a ringing agent off the offer: either way
 * the call goes back to its place in the queue.
 */
const requestable: Record<AgentStatus, readonly AgentStatus[]> = {
  logged_out: [],
  ready: ['not_ready', 'logged_out'],
  not_ready: ['ready', 'not_ready', 'logged_out'],
  wrap_up: ['ready', 'not_ready', 'logged_out'],
  ringing: ['not_ready'],
  talking: [],
  on_hold: [],
  dialing: [],
};
const forceable: Record<AgentStatus, readonly AgentStatus[]> = {
  ...requestable,
  ringing: ['ready', 'not_ready', 'logged_out'],
};

/** Every transition the router may make as calls progress; anything else is a bug it must not hide. */
const allowed: Record<AgentStatus, readonly AgentStatus[]> = {
  logged_out: ['ready', 'not_ready'],
  ready: ['not_ready', 'logged_out', 'ringing', 'dialing'],
  not_ready: ['ready', 'not_ready', 'logged_out', 'dialing'],
  ringing: ['talking', 'ready', 'not_ready', 'logged_out', 'dialing'],
  talking: ['on_hold', 'wrap_up', 'ready'],
  on_hold: ['talking', 'wrap_up', 'ready'],
  wrap_up: ['ready', 'not_ready', 'logged_out'],
  dialing: ['talking', 'wrap_up', 'ready'],
};

export interface AgentTransition {
  agent: AgentState;
  event: AgentStateChanged;
}

export interface TransitionDetails {
  notReadyReason?: string;
  callId?: string | null;
  wrapUp?: AgentState['wrapUp'];
  forcedBy?: string | null;
  /** Entering wrap-up: the center requires a disposition before the agent goes ready. */
  dispositionDue?: boolean;
}

/** Writes the state after the transition into `next` (a new object, or `agent` itself) and returns its event. */
function make(agent: AgentState, to: AgentStatus, at: number, d: TransitionDetails, next: AgentState): AgentStateChanged {
  const from = agent.status;
  const previousCallId = agent.callId;
  const callId = to === 'ready' || to === 'not_ready' || to === 'logged_out' ? null : d.callId !== undefined ? d.callId : previousCallId;
  next.agentId = agent.agentId;
  next.status = to;
  next.since = at;
  next.notReadyReason = to === 'not_ready' ? (d.notReadyReason ?? null) : null;
  next.callId = callId;
  next.wrapUp = to === 'wrap_up' ? (d.wrapUp ?? null) : null;
  return {
    type: 'agent.state_changed',
    stream: agent.agentId,
    at,
    payload: {
      from,
      to,
      notReadyReason: next.notReadyReason,
      // Leaving a call (no-answer, end of wrap-up) still names the call it was about.
      callId: callId ?? previousCallId,
      wrapUpEndsAt: next.wrapUp?.endsAt ?? null,
      forcedBy: d.forcedBy ?? null,
      ...(to === 'wrap_up' && d.dispositionDue ? { dispositionDue: true as const } : {}),
    },
  };
}

function fresh(agent: AgentState, to: AgentStatus, at: number, d: TransitionDetails): AgentTransition {
  const next = loggedOutAgent(agent.agentId, at);
  const event = make(agent, to, at, d, next);
  return { agent: next, event };
}

type RequestOptions = { notReadyReason?: string; reasons: ReadonlySet<string>; forcedBy?: string; login?: boolean };

/**
 * An agent's own request, or a supervisor's force (`forcedBy` set): checked against the current
 * status and the center's reasons; throws AgentStateError and changes nothing when not allowed.
 *
 * @example
 * const { agent, event } = requestAgentState(current, 'not_ready', now, { notReadyReason: 'meal', reasons });
 */
export function requestAgentState(agent: AgentState, to: 'ready' | 'not_ready' | 'logged_out', at: number, opts: RequestOptions): AgentTransition {
  checkRequest(agent, to, opts);
  return fresh(agent, to, at, { notReadyReason: opts.notReadyReason, forcedBy: opts.forcedBy ?? null });
}

/**
 * `requestAgentState` that changes `agent` itself and returns only the event (for the router, whose
 * agents change state several times per call): checked first, so a refusal changes nothing.
 */
export function requestAgentStateInPlace(agent: AgentState, to: 'ready' | 'not_ready' | 'logged_out', at: number, opts: RequestOptions): AgentStateChanged {
  checkRequest(agent, to, opts);
  return make(agent, to, at, { notReadyReason: opts.notReadyReason, forcedBy: opts.forcedBy ?? null }, agent);
}

function checkRequest(agent: AgentState, to: 'ready' | 'not_ready' | 'logged_out', opts: RequestOptions): void {
  const table = opts.forcedBy ? forceable : requestable;
  const permitted = opts.login ? agent.status === 'logged_out' && to !== 'logged_out' : table[agent.status].includes(to);
  if (!permitted) {
    throw new AgentStateError('invalid_transition', `cannot go from ${agent.status} to ${to}`, agent.status);
  }
  if (to === 'not_ready') {
    if (!opts.notReadyReason || !opts.reasons.has(opts.notReadyReason)) {
      throw new AgentStateError('unknown_reason', `unknown not-ready reason "${opts.notReadyReason ?? ''}"`, agent.status);
    }
    if (agent.status === 'not_ready' && agent.notReadyReason === opts.notReadyReason) {
      throw new AgentStateError('invalid_transition', `already not ready (${opts.notReadyReason})`, agent.status);
    }
  }
}

/** A transition caused by a call (offer, answer, hang-up, ring-no-answer, wrap-up end). */
export function moveAgent(agent: AgentState, to: AgentStatus, at: number, details: TransitionDetails = {}): AgentTransition {
  checkMove(agent, to);
  return fresh(agent, to, at, details);
}

/** `moveAgent` that changes `agent` itself and returns only the event; checked first, like it. */
export function moveAgentInPlace(agent: AgentState, to: AgentStatus, at: number, details: TransitionDetails = {}): AgentStateChanged {
  checkMove(agent, to);
  return make(agent, to, at, details, agent);
}

function checkMove(agent: AgentState, to: AgentStatus): void {
  if (!allowed[agent.status].includes(to)) {
    throw new AgentStateError('invalid_transition', `cannot go from ${agent.status} to ${to}`, agent.status);
  }
}

/**
 * Asks for more wrap-up time; the total extension is capped by the queue's limit.
 *
 * @example
 * extendWrapUp(agent, 30_000, now).agent.wrapUp?.endsAt; // 30 s later than before
 */
export function extendWrapUp(agent: AgentState, ms: number, at: number): { agent: AgentState; event: AgentWrapUpExtended } {
  const w = agent.wrapUp;
  if (agent.status !== 'wrap_up' || !w) throw new AgentStateError('not_in_wrap_up', 'only wrap-up can be extended', agent.status);
  if (!(ms > 0) || w.extendedMs + ms > w.maxExtensionMs) {
    throw new AgentStateError('wrap_up_limit', `wrap-up can be extended by ${w.maxExtensionMs - w.extendedMs} ms more`, agent.status);
  }
  const wrapUp = { ...w, endsAt: w.endsAt + ms, extendedMs: w.extendedMs + ms };
  return {
    agent: { ...agent, wrapUp },
    event: {
      type: 'agent.wrap_up_extended',
      stream: agent.agentId,
      at,
      payload: { callId: agent.callId, wrapUpEndsAt: wrapUp.endsAt, extendedMs: wrapUp.extendedMs },
    },
  };
}
