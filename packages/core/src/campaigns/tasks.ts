import { isOpen } from '../routing/index';
import { CampaignError, dispositionOf, type CampaignRules } from './rules';

/**
 * open: to dial (now, or from `nextAttemptAt`); callback: the customer asked to be called at
 * `nextAttemptAt`; done: a final result; exhausted: `maxAttempts` dials without a final result;
 * dnc: every number is on the do-not-call list.
 */
export type TaskStatus = 'open' | 'callback' | 'done' | 'exhausted' | 'dnc';

/** One customer on a campaign's list and where the work on it stands. */
export interface CampaignTask {
  customerId: string;
  /** Order on the list: fresh customers are called in this order. */
  position: number;
  /** The customer's numbers (E.164), best first. */
  phones: string[];
  /** The number being worked; a wrong number moves on to the next. */
  phoneIndex: number;
  status: TaskStatus;
  attempts: number;
  /** Epoch ms before which the customer is not dialled again; null: at once. */
  nextAttemptAt: number | null;
  /** The agent whose list holds the customer (distribution); null: anyone's. */
  assignedAgentId: string | null;
  /** A callback that must come back to this agent. */
  callbackAgentId: string | null;
  /** The agent working the customer now: nobody else gets it until the result is saved or the task released. */
  lockedBy: string | null;
  lastResult: string | null;
}

export type NextTask =
  | { kind: 'task'; task: CampaignTask; number: string; why: 'current' | 'callback' | 'retry' | 'fresh' }
  | { kind: 'none'; reason: 'not_running' | 'outside_hours' | 'nothing_due'; nextAt: number | null };

export interface CampaignClock {
  running: boolean;
  timeZone: string;
}

const closed: ReadonlySet<TaskStatus> = new Set(['done', 'exhausted', 'dnc']);

/** The number to dial for a task: the current one or the next one not on the do-not-call list; null when none is left. */
export function dialableNumber(task: Pick<CampaignTask, 'phones' | 'phoneIndex'>, doNotCall: ReadonlySet<string>): string | null {
  for (let i = task.phoneIndex; i < task.phones.length; i++) if (!doNotCall.has(task.phones[i]!)) return task.phones[i]!;
  return null;
}

/** Whether the campaign may dial at an instant: inside its calling hours, in the center's time zone. */
export function withinCallingHours(rules: Pick<CampaignRules, 'callingHours' | 'holidays'>, timeZone: string, at: number): boolean {
  return isOpen({ timeZone, hours: rules.callingHours, holidays: rules.holidays }, at);
}

function mayTake(task: CampaignTask, agentId: string, rules: CampaignRules, now: number): boolean {
  if (closed.has(task.status) || task.lockedBy !== null || task.attempts >= rules.maxAttempts) return false;
  if (task.nextAttemptAt !== null && task.nextAttemptAt > now) return false;
  if (task.status === 'callback' && task.callbackAgentId !== null) return task.callbackAgentId === agentId;
  return task.assignedAgentId === null || task.assignedAgentId === agentId;
}

/**
 * Which customer an agent works next: the one already in hand; else a due callback (earliest
 * first), a due retry (earliest first), then a fresh customer in list order. Only inside calling
 * hours, never a customer another agent holds, at its maximum of dials, or whose every number is
 * on the do-not-call list.
 *
 * @example
 * const next = nextTask(rules, { running: true, timeZone: 'Asia/Shanghai' }, tasks, 'agent-1', now);
 * if (next.kind === 'task') claimTask(next.task, 'agent-1');
 */
export function nextTask(rules: CampaignRules, campaign: CampaignClock, tasks: readonly CampaignTask[], agentId: string, now: number): NextTask {
  const doNotCall = new Set(rules.doNotCall);
  const held = tasks.find((t) => t.lockedBy === agentId && !closed.has(t.status));
  if (held) {
    const number = dialableNumber(held, doNotCall);
    if (number) return { kind: 'task', task: held, number, why: 'current' };
  }
  if (!campaign.running) return { kind: 'none', reason: 'not_running', nextAt: null };
  if (!withinCallingHours(rules, campaign.timeZone, now)) return { kind: 'none', reason: 'outside_hours', nextAt: null };
  let best: { task: CampaignTask; number: string; rank: number; key: number } | null = null;
  let nextAt: number | null = null;
  for (const task of tasks) {
    if (!mayTake(task, agentId, rules, now)) {
      const later = task.nextAttemptAt !== null && task.nextAttemptAt > now && mayTake(task, agentId, rules, task.nextAttemptAt);
      if (later && (nextAt === null || task.nextAttemptAt! < nextAt)) nextAt = task.nextAttemptAt;
      continue;
    }
    const number = dialableNumber(task, doNotCall);
    if (!number) continue;
    const rank = task.status === 'callback' ? 0 : task.attempts > 0 ? 1 : 2;
    const key = rank === 2 ? task.position : (task.nextAttemptAt ?? 0);
    if (!best || rank < best.rank || (rank === best.rank && key < best.key)) best = { task, number, rank, key };
  }
  if (!best) return { kind: 'none', reason: 'nothing_due', nextAt };
  return { kind: 'task', task: best.task, number: best.number, why: (['callback', 'retry', 'fresh'] as const)[best.rank]! };
}

/** The agent takes the task: nobody else is offered it until the result is saved or it is released. */
export function claimTask(task: CampaignTask, agentId: string): CampaignTask {
  if (task.lockedBy !== null && task.lockedBy !== agentId) throw new CampaignError('task_taken', `customer ${task.customerId} is being worked by another agent`);
  if (closed.has(task.status)) throw new CampaignError('task_closed', `customer ${task.customerId} is closed (${task.status})`);
  return { ...task, lockedBy: agentId };
}

/** Gives the task back untouched (the agent skipped it, or a leader took it back). */
export function releaseTask(task: CampaignTask): CampaignTask {
  return { ...task, lockedBy: null };
}

export interface SavedResult {
  agentId: string;
  code: string;
  /** When the result was saved, epoch ms: retries count from here. */
  at: number;
  /** For a callback: when to call back, epoch ms. */
  callbackAt?: number;
  /** The number that was dialled: a wrong number moves on from it. */
  number?: string;
  /** Whether the customer picked up, when known: a result that counts as a connect needs one. */
  connected?: boolean;
}

/**
 * Counts a dial's result on the customer's task: one more attempt; done, a callback, the next
 * number or a retry after the interval, as the disposition says; exhausted at the maximum of dials.
 * A result that counts as a connect is refused for a dial nobody picked up.
 *
 * @example
 * applyResult(rules, task, { agentId: 'agent-1', code: 'busy', at: now }); // open again in 15 min
 */
export function applyResult(rules: CampaignRules, task: CampaignTask, result: SavedResult): CampaignTask {
  if (task.lockedBy !== result.agentId) throw new CampaignError('not_your_task', `customer ${task.customerId} is not in your hands`);
  const d = dispositionOf(rules, result.code);
  // A callback or a sale nobody heard would count toward the quota without a conversation.
  if (d.connect && result.connected === false) throw new CampaignError('not_connected', `${d.code} needs a conversation, and nobody picked up`);
  const next: CampaignTask = { ...task, attempts: task.attempts + 1, lockedBy: null, lastResult: d.code, callbackAgentId: null };
  switch (d.effect) {
    case 'final':
      return { ...next, status: 'done', nextAttemptAt: null };
    case 'callback':
      if (result.callbackAt === undefined || !(result.callbackAt > result.at)) {
        throw new CampaignError('callback_time_needed', 'a callback needs a time after now');
      }
      Object.assign(next, {
        status: 'callback',
        nextAttemptAt: result.callbackAt,
        callbackAgentId: rules.callbackTo === 'same_agent' ? result.agentId : null,
      });
      break;
    case 'next_number': {
      const dialled = result.number === undefined ? -1 : next.phones.indexOf(result.number, next.phoneIndex);
      const after = (dialled >= 0 ? dialled : next.phoneIndex) + 1;
      if (after >= next.phones.length) return { ...next, status: 'done', nextAttemptAt: null };
      Object.assign(next, { status: 'open', phoneIndex: after, nextAttemptAt: null });
      break;
    }
    case 'retry':
      Object.assign(next, { status: 'open', nextAttemptAt: result.at + (rules.retryMinutes[d.code] ?? 60) * 60_000 });
      break;
  }
  if (next.attempts >= rules.maxAttempts) return { ...next, status: 'exhausted', nextAttemptAt: null, callbackAgentId: null };
  return next;
}

/** A new list entry; every number on the do-not-call list makes it `dnc` at once. */
export function newTask(customerId: string, position: number, phones: string[], doNotCall: ReadonlySet<string>): CampaignTask {
  const task: CampaignTask = {
    customerId,
    position,
    phones,
    phoneIndex: 0,
    status: 'open',
    attempts: 0,
    nextAttemptAt: null,
    assignedAgentId: null,
    callbackAgentId: null,
    lockedBy: null,
    lastResult: null,
  };
  return dialableNumber(task, doNotCall) === null ? { ...task, status: 'dnc' } : task;
}
