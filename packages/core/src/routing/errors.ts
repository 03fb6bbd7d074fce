export type RoutingErrorCode =
  | 'unknown_call'
  | 'unknown_agent'
  | 'unknown_queue'
  | 'duplicate_call'
  | 'invalid_vip_level'
  /** The agent is not on the call the command is about, or on no call. */
  | 'not_on_call'
  /** The command does not fit the call's state (hold while ringing, transfer during a consultation). */
  | 'invalid_call_state'
  | 'agent_not_ready'
  /** A consultation to a queue found none of its agents ready. */
  | 'no_agent_ready'
  | 'agent_on_call'
  | 'transfer_needs_queue'
  | 'not_monitoring'
  /** The center requires a disposition: the agent cannot go from wrap-up to ready before it is saved. */
  | 'disposition_required'
  | 'invalid_config';

/**
 * What is wrong with a configuration that the queues' settings can cause, by the queues' ids, for
 * the caller to say with their names: an action sending calls to a queue that does not exist, or
 * overflow rules sending calls round in a circle.
 */
export type ConfigProblem = { kind: 'unknown_queue'; queue: string; target: string } | { kind: 'overflow_loop'; queue: string; through: string };

/** A rejected command or switch event: nothing changed. `code` is stable for the API and the UI. */
export class RoutingError extends Error {
  override readonly name = 'RoutingError';
  constructor(
    readonly code: RoutingErrorCode,
    message: string,
    readonly problem?: ConfigProblem,
  ) {
    super(message);
  }
}
