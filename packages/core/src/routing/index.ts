/**
 * The routing core (ACD): queues with VIP priority, skills and widening, agent selection
 * strategies, overflow, hours of operation, callbacks, transfers and supervision. Pure: inputs and
 * a clock in, domain events and switch commands out. See docs/routing.md for the rules.
 *
 * @example
 * const router = new Router({ queues: [{ id: 'q', agents: ['a1'] }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
 * router.handle({ type: 'agent.login', agentId: 'a1' }, now);
 * const { events, commands, rejected } = router.handle({ type: 'switch.call_arrived', callId: 'c1', from: '13800000000', to: null, queueId: 'q', vipLevel: 0 }, now);
 * const next = router.nextDeadline(); // call router.handle({ type: 'tick' }, next) when it comes
 */
export { Router, type CallView, type HandleResult, type QueueView } from './router';
export type { RouterSnapshot } from './snapshot';
export {
  maxVipLevel,
  resolveQueues,
  type AfterHoursAction,
  type AgentProfile,
  type OverflowAction,
  type QueueConfig,
  type ResolvedQueue,
  type RouterConfig,
  type SkillRequirement,
  type Strategy,
  type WideningStep,
} from './config';
export { type ConfigProblem, RoutingError, type RoutingErrorCode } from './errors';
export { isOpen, type OpeningHours, type Weekday } from './hours';
export type { AgentCommand, RouterInput, SupervisorCommand } from './inputs';
export type { SwitchDriver } from './switch-driver';
