import type { Role } from '@banzu/contract';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** What a wallboard user may do to an agent: force a state, send a message, and which ways to monitor a call. */
export interface AgentActions {
  force: boolean;
  message: boolean;
  monitor: readonly MonitorMode[];
}

/**
 * The agent menu by role, as the server allows it: leaders do everything; QA only monitors, and
 * whispers or barges in only when the center lets QA (seed 004 gives QA 实时监听 and 旁听, not control).
 *
 * @example
 * agentActions('qa', false); // { force: false, message: false, monitor: ['listen'] }
 */
export function agentActions(role: Role, qaMayWhisperAndBarge: boolean): AgentActions {
  if (role !== 'qa') return { force: true, message: true, monitor: ['listen', 'whisper', 'barge'] };
  return { force: false, message: false, monitor: qaMayWhisperAndBarge ? ['listen', 'whisper', 'barge'] : ['listen'] };
}
