import type { AgentStatus } from '../calls/index';

export type AgentStateErrorCode =
  /** The command is not allowed in the agent's current state (e.g. ready while talking). */
  | 'invalid_transition'
  /** Not ready needs a reason the center knows. */
  | 'unknown_reason'
  /** Asked for more wrap-up than the queue allows. */
  | 'wrap_up_limit'
  | 'not_in_wrap_up';

/** A rejected agent command: nothing changed. `code` is stable for the API and the UI. */
export class AgentStateError extends Error {
  override readonly name = 'AgentStateError';
  constructor(
    readonly code: AgentStateErrorCode,
    message: string,
    readonly status?: AgentStatus,
  ) {
    super(message);
  }
}
