/**
 * The agent state machine (座席状态): logged out, ready (置闲), not ready with a reason (示忙),
 * ringing, talking, on hold, wrap-up (事后处理), outbound dialing. Pure: each function returns the
 * next state and its event, or throws AgentStateError and changes nothing.
 *
 * @example
 * let agent = loggedOutAgent('a1', now);
 * agent = requestAgentState(agent, 'ready', now, { reasons: new Set(builtInNotReadyReasons), login: true }).agent;
 */
export { AgentStateError, type AgentStateErrorCode } from './errors';
export {
  builtInNotReadyReasons,
  systemNotReadyReasons,
  extendWrapUp,
  loggedOutAgent,
  moveAgent,
  moveAgentInPlace,
  requestAgentState,
  requestAgentStateInPlace,
  type AgentState,
  type AgentTransition,
  type TransitionDetails,
} from './state';
export type { AgentStatus } from '../calls/index';
