import type { MonitorMode, TransferTarget } from '../calls/index';
import type { SwitchEvent } from '../telephony/index';

/** What an agent asks for from the desktop. Call commands act on the agent's current call. */
export type AgentCommand =
  | { type: 'agent.login'; agentId: string; notReadyReason?: string }
  | { type: 'agent.logout'; agentId: string }
  /** Ready (置闲); from wrap-up it finishes the wrap-up early. */
  | { type: 'agent.ready'; agentId: string }
  /** Not ready (示忙); while the phone rings it declines the offer, which goes back to its place. */
  | { type: 'agent.not_ready'; agentId: string; reason: string }
  | { type: 'agent.extend_wrap_up'; agentId: string; seconds: number }
  | { type: 'agent.hold'; agentId: string }
  | { type: 'agent.retrieve'; agentId: string }
  | { type: 'agent.hang_up'; agentId: string }
  /** Blind transfer: the agent leaves at once and the call rings the target agent or joins the queue. */
  | { type: 'agent.transfer'; agentId: string; to: TransferTarget }
  /**
   * Consult (warm) transfer, step 1: the caller holds while the target agent's phone rings. With a
   * queue, the queue's strategy picks one of its ready agents now (refused if none is ready).
   */
  | { type: 'agent.consult'; agentId: string; targetAgentId: string }
  | { type: 'agent.consult'; agentId: string; queueId: string }
  | { type: 'agent.complete_transfer'; agentId: string }
  | { type: 'agent.cancel_consult'; agentId: string }
  /** Bring the consulted agent in with the caller: a three-way conference. */
  | { type: 'agent.conference'; agentId: string }
  | { type: 'agent.set_disposition'; agentId: string; callId: string; code: string }
  /** An outbound call (外呼); the caller of this command chooses the call id. */
  | { type: 'agent.dial'; agentId: string; callId: string; number: string };

export type SupervisorCommand =
  | {
      type: 'supervisor.force_state';
      supervisorId: string;
      agentId: string;
      to: 'ready' | 'not_ready' | 'logged_out';
      reason?: string;
    }
  | { type: 'supervisor.monitor'; supervisorId: string; callId: string; mode: MonitorMode }
  | { type: 'supervisor.stop_monitor'; supervisorId: string; callId: string };

/** `tick` only lets time pass: it fires the deadlines that are due. */
export type RouterInput = SwitchEvent | AgentCommand | SupervisorCommand | { type: 'tick' };
