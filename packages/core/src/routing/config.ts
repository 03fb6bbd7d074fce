import { builtInNotReadyReasons } from '../agents/index';
import type { Random } from '../random/index';
import { RoutingError } from './errors';
import type { OpeningHours } from './hours';

/**
 * How a queue picks among the ready agents who may take its next call.
 * - longest_idle: the agent ready the longest (the default; spreads work evenly over time)
 * - round_robin: the next agent after the last one offered, in the queue's member order
 * - fewest_calls: fewest calls answered today (center's local day)
 * - least_talk_time: least talk time today
 * - ring_all: ring every one of them; the first to answer takes the call
 * - linear: always top-down in the member order (the first listed agent first)
 * - random: uniformly, from the router's seeded Random
 */
export type Strategy = 'longest_idle' | 'round_robin' | 'fewest_calls' | 'least_talk_time' | 'ring_all' | 'linear' | 'random';

/** Where an overflow rule sends a call that leaves its queue. */
export type OverflowAction =
  | { kind: 'queue'; queueId: string }
  /** Keep the place and call the caller back on the caller's number (stays queued if anonymous). */
  | { kind: 'callback' }
  | { kind: 'forward'; number: string }
  | { kind: 'voicemail'; mailbox: string };

export type AfterHoursAction =
  /** Forward to the duty person's phone (呼叫转移). */
  | { kind: 'forward'; number: string }
  | { kind: 'message'; message: string }
  /** Take the caller's number; the callback waits in the queue for the next agent. */
  | { kind: 'callback' };

export interface SkillRequirement {
  skillId: string;
  /** Proficiency 1-5 an agent needs for the queue's calls before any widening. */
  minLevel: number;
}

/** After a call has waited `afterSeconds`, agents up to `minLevelDrop` levels below the requirement may take it. */
export interface WideningStep {
  afterSeconds: number;
  minLevelDrop: number;
}

export interface QueueConfig {
  id: string;
  /** Higher first, for an agent in several queues. */
  priority?: number;
  strategy?: Strategy;
  /** Member agents in order: the order `linear` and `round_robin` follow. */
  agents: string[];
  requiredSkills?: SkillRequirement[];
  widening?: WideningStep[];
  ringTimeoutSeconds?: number;
  wrapUpSeconds?: number;
  maxWrapUpExtensionSeconds?: number;
  maxWait?: { seconds: number; action: OverflowAction };
  maxLength?: { calls: number; action: OverflowAction };
  /** When a call arrives and no member is logged in; without it the call waits. */
  noAgentsAction?: OverflowAction;
  /** Overrides the center's hours for this queue. */
  hours?: OpeningHours;
  afterHoursAction?: AfterHoursAction;
  /** Position and estimated wait are announced on entry and then every so often (0: only on entry). */
  announceEverySeconds?: number;
  /** Seeds the estimated wait until real handle times come in. */
  expectedHandleSeconds?: number;
  record?: boolean;
}

export type ResolvedQueue = Required<Omit<QueueConfig, 'maxWait' | 'maxLength' | 'noAgentsAction' | 'hours'>> &
  Pick<QueueConfig, 'maxWait' | 'maxLength' | 'noAgentsAction' | 'hours'>;

export interface AgentProfile {
  agentId: string;
  skills: { skillId: string; level: number }[];
}

export interface RouterConfig {
  queues: QueueConfig[];
  agents: AgentProfile[];
  /** The center's hours and time zone; "today" for the strategies is the center's local day. */
  hours?: OpeningHours;
  /** Not-ready reasons the center adds to the built-in ones. */
  notReadyReasons?: string[];
  random: Random;
  /** Wrap-up after an outbound call (telemarketing: time to record the result); default 15 s, up to 120 s more. */
  outboundWrapUp?: { wrapUpSeconds: number; maxWrapUpExtensionSeconds: number };
  /**
   * Calls whose disposition must be saved before the agent leaves wrap-up (default: none): the
   * wrap-up timer does not end such a wrap-up, and the agent's own ready is refused.
   */
  dispositionRequired?: { inbound: boolean; outbound: boolean };
}

/** VIP levels 0 (everyone) to 9. */
export const maxVipLevel = 9;

const defaults = {
  priority: 0,
  strategy: 'longest_idle',
  ringTimeoutSeconds: 15,
  wrapUpSeconds: 15,
  maxWrapUpExtensionSeconds: 120,
  afterHoursAction: { kind: 'message', message: 'closed' },
  announceEverySeconds: 30,
  expectedHandleSeconds: 180,
  record: true,
} as const satisfies Partial<QueueConfig>;

function fail(message: string): never {
  throw new RoutingError('invalid_config', message);
}

function checkAction(queueIds: Set<string>, queue: string, rule: string, action: OverflowAction | undefined): void {
  if (action?.kind === 'queue' && !queueIds.has(action.queueId)) {
    throw new RoutingError('invalid_config', `${queue}.${rule}: unknown queue ${action.queueId}`, { kind: 'unknown_queue', queue, target: action.queueId });
  }
}

/**
 * Fills defaults and rejects what cannot work: unknown queues in actions, levels outside 1-5,
 * and immediate overflow rules (queue full, no agents) that send calls round in a circle.
 *
 * @example
 * resolveQueues([{ id: 'sales', agents: ['a1'] }]); // Map with ringTimeoutSeconds 15, wrapUpSeconds 15, ...
 */
export function resolveQueues(queues: readonly QueueConfig[], agentIds: ReadonlySet<string>): Map<string, ResolvedQueue> {
  const ids = new Set(queues.map((q) => q.id));
  if (ids.size !== queues.length) fail('queue ids must be unique');
  const resolved = new Map<string, ResolvedQueue>();
  for (const q of queues) {
    // Every field written in one order, absent ones too: the router reads these on every decision,
    // and queues built by spreading differently shaped configurations made those reads megamorphic.
    const r: ResolvedQueue = {
      id: q.id,
      priority: q.priority ?? defaults.priority,
      strategy: q.strategy ?? defaults.strategy,
      agents: q.agents,
      requiredSkills: q.requiredSkills ?? [],
      widening: [...(q.widening ?? [])],
      ringTimeoutSeconds: q.ringTimeoutSeconds ?? defaults.ringTimeoutSeconds,
      wrapUpSeconds: q.wrapUpSeconds ?? defaults.wrapUpSeconds,
      maxWrapUpExtensionSeconds: q.maxWrapUpExtensionSeconds ?? defaults.maxWrapUpExtensionSeconds,
      maxWait: q.maxWait,
      maxLength: q.maxLength,
      noAgentsAction: q.noAgentsAction,
      hours: q.hours,
      afterHoursAction: q.afterHoursAction ?? defaults.afterHoursAction,
      announceEverySeconds: q.announceEverySeconds ?? defaults.announceEverySeconds,
      expectedHandleSeconds: q.expectedHandleSeconds ?? defaults.expectedHandleSeconds,
      record: q.record ?? defaults.record,
    };
    r.widening.sort((a, b) => a.afterSeconds - b.afterSeconds);
    for (const s of r.requiredSkills) if (!(s.minLevel >= 1 && s.minLevel <= 5)) fail(`${q.id}: minLevel must be 1-5`);
    for (const a of r.agents) if (!agentIds.has(a)) fail(`${q.id}: unknown agent ${a}`);
    if (!(r.ringTimeoutSeconds > 0)) fail(`${q.id}: ringTimeoutSeconds must be positive`);
    if (r.wrapUpSeconds < 0 || r.maxWrapUpExtensionSeconds < 0) fail(`${q.id}: wrap-up times cannot be negative`);
    if (q.maxWait && !(q.maxWait.seconds > 0)) fail(`${q.id}: maxWait.seconds must be positive`);
    if (q.maxLength && !(q.maxLength.calls >= 0)) fail(`${q.id}: maxLength.calls cannot be negative`);
    checkAction(ids, q.id, 'maxWait', q.maxWait?.action);
    checkAction(ids, q.id, 'maxLength', q.maxLength?.action);
    checkAction(ids, q.id, 'noAgentsAction', q.noAgentsAction);
    resolved.set(q.id, r);
  }
  // Queue-full and no-agent rules fire at once on entry: a cycle of them would never end.
  for (const start of resolved.values()) {
    const seen = new Set<string>([start.id]);
    const walk = (q: ResolvedQueue): void => {
      for (const a of [q.maxLength?.action, q.noAgentsAction]) {
        if (a?.kind !== 'queue') continue;
        if (seen.has(a.queueId)) {
          throw new RoutingError('invalid_config', `${start.id}: immediate overflow rules loop back through ${a.queueId}`, {
            kind: 'overflow_loop',
            queue: start.id,
            through: a.queueId,
          });
        }
        seen.add(a.queueId);
        walk(resolved.get(a.queueId)!);
        seen.delete(a.queueId);
      }
    };
    walk(start);
  }
  return resolved;
}

export function notReadyReasonSet(extra: readonly string[] = []): Set<string> {
  return new Set<string>([...builtInNotReadyReasons, ...extra]);
}
