import type { AgentStatus } from '../calls/index';
import type { AgentTimeTally } from './tally';

/**
 * Which agent-time counter a status's seconds go to; logged-out time counts nowhere. Talking,
 * holding or wrapping up an outbound call (one the agent dialed) is outbound time, not inbound call time.
 *
 * @example
 * agentTimeField('wrap_up', false); // 'afterCallSeconds'
 */
export function agentTimeField(status: AgentStatus, outbound: boolean): keyof AgentTimeTally | null {
  switch (status) {
    case 'ready':
      return 'availableSeconds';
    case 'not_ready':
      return 'notReadySeconds';
    case 'ringing':
      return 'ringingSeconds';
    case 'talking':
    case 'on_hold':
      return outbound ? 'outboundSeconds' : 'onCallSeconds';
    case 'dialing':
      return 'outboundSeconds';
    case 'wrap_up':
      return outbound ? 'outboundSeconds' : 'afterCallSeconds';
    case 'logged_out':
      return null;
  }
}

/** Whether the agent's next status continues an outbound call: its talk, holds and wrap-up are outbound work. */
export function staysOutbound(to: AgentStatus, wasOutbound: boolean): boolean {
  return to === 'dialing' || ((to === 'talking' || to === 'on_hold' || to === 'wrap_up') && wasOutbound);
}
