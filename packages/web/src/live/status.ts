import type { AgentStatus, FloorAgent, FloorThresholds } from '@banzu/contract';

/** The wallboard's colours per state: green free, blue on a call, orange not ready, purple wrap-up. */
export const statusColor: Record<AgentStatus, string> = {
  logged_out: 'default',
  ready: 'green',
  not_ready: 'orange',
  ringing: 'cyan',
  talking: 'blue',
  on_hold: 'gold',
  wrap_up: 'purple',
  dialing: 'geekblue',
};

/** The center's limit for the agent's current state in seconds, or null when the state has none. */
export function limitFor(agent: FloorAgent, thresholds: FloorThresholds): number | null {
  if (agent.status === 'not_ready') return thresholds.notReadySeconds;
  if (agent.status === 'wrap_up') return thresholds.wrapUpSeconds;
  if (agent.status === 'ringing') return thresholds.ringingSeconds;
  if (agent.status === 'talking') return thresholds.callSeconds;
  return null;
}

/** True when the agent has been in a limited state (not ready, wrap-up, ringing, talking) longer than allowed. */
export function isOverdue(agent: FloorAgent, now: number, thresholds: FloorThresholds): boolean {
  const limit = limitFor(agent, thresholds);
  return limit !== null && now - agent.since > limit * 1000;
}

/** Whether the agent is on a call (the states a supervisor can monitor). */
export function onCall(status: AgentStatus): boolean {
  return status === 'talking' || status === 'on_hold';
}
