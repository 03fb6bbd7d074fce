import type { MonitorMode } from '../calls/index';

/**
 * What the switch reports. The server enriches `call_arrived` before routing it: the queue from
 * the dialled number and the VIP level from the caller's customer class (贵宾会员优先排队).
 */
export type SwitchEvent =
  | { type: 'switch.call_arrived'; callId: string; from: string | null; to: string | null; queueId: string; vipLevel: number }
  /** The agent picked up a call (or a consultation) that was offered to them. */
  | { type: 'switch.agent_answered'; callId: string; agentId: string }
  | { type: 'switch.caller_hung_up'; callId: string }
  | { type: 'switch.agent_hung_up'; callId: string; agentId: string }
  /** A supervisor who listened, whispered or barged hung up their own phone: the call goes on without them. */
  | { type: 'switch.supervisor_hung_up'; callId: string; supervisorId: string }
  /** The caller pressed the key for a callback while waiting: the place in the queue is kept. */
  | { type: 'switch.callback_requested'; callId: string; number: string }
  /** The customer of a callback or an outbound call picked up, or could not be reached. */
  | { type: 'switch.customer_answered'; callId: string }
  | { type: 'switch.customer_unreachable'; callId: string; cause: 'busy' | 'no_answer' | 'failed' };

export type Prompt = { kind: 'position'; position: number; estimatedWaitSeconds: number } | { kind: 'closed'; message: string };

/** What the router asks the switch to do. Each names the call; the switch never decides routing. */
export type SwitchCommand =
  /** Ring the agent's phone with the call (the desktop pops the caller's profile). */
  | { type: 'offer'; callId: string; agentId: string; ringTimeoutSeconds: number }
  /** Stop ringing: someone else answered, the caller left, or the ring timed out. */
  | { type: 'cancel_offer'; callId: string; agentId: string }
  /** Connect the caller with exactly these agents (one, or several in a conference). */
  | { type: 'bridge'; callId: string; agentIds: string[] }
  /** Put the caller on hold (music) / take the caller back. */
  | { type: 'hold'; callId: string }
  | { type: 'retrieve'; callId: string }
  /** Connect two agents privately while the caller holds (consult before transfer). */
  | { type: 'consult'; callId: string; agentId: string; targetAgentId: string }
  /** Take one agent's leg off the call; the caller stays. */
  | { type: 'release_agent'; callId: string; agentId: string }
  | { type: 'hang_up'; callId: string }
  | { type: 'play'; callId: string; prompt: Prompt }
  /** Call forwarding (呼叫转移): send the call to an outside number, e.g. the duty phone. */
  | { type: 'forward'; callId: string; number: string }
  | { type: 'voicemail'; callId: string; mailbox: string }
  | { type: 'record'; callId: string }
  /** Call the customer from the agent's phone (a callback or an outbound call). */
  | { type: 'originate'; callId: string; agentId: string; number: string }
  | { type: 'monitor'; callId: string; supervisorId: string; mode: MonitorMode }
  | { type: 'stop_monitor'; callId: string; supervisorId: string };

/**
 * A telephony switch: the built-in simulated switch, the SIP switch, FreeSWITCH, Asterisk.
 * It executes the router's commands and reports what happens on its lines; the floor feeds those
 * reports to `Router.handle` as inputs. It never queues or decides.
 *
 * @example
 * const port: SwitchPort = { execute: (cmds) => sip.send(cmds), onEvent: (h) => sip.on('event', h), personAtDesk: () => {} };
 * port.onEvent((e) => port.execute(router.handle(e, clock.now()).commands, clock.now()));
 */
export interface SwitchPort {
  /** The router's commands of one step, issued at `at` on the floor's clock. */
  execute(commands: readonly SwitchCommand[], at: number): void;
  /** Registers the one handler of switch events, called as they happen; returns a function that unregisters it. */
  onEvent(handler: (event: SwitchEvent) => void): () => void;
  /**
   * A person works this agent's desktop from now on. A switch that plays agents itself (the
   * simulated one) stops playing this one; a switch of real phones has nothing to do.
   */
  personAtDesk(agentId: string): void;
}
