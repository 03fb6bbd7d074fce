import type { DomainEvent } from '../calls/index';
import { emptyTally } from '../metrics/index';
import { seededRandom } from '../random/index';
import { Router, type QueueConfig, type SkillRequirement, type Strategy } from '../routing/index';
import type { IntervalRate } from './arrivals';
import { SimulatedCenter, type CustomerClass } from './center';
import type { Distribution } from './distributions';
import { runSimulation } from './run';
import { SimulationTally, simulationFigures, type SimulationFigures } from './summary';

export interface ScenarioQueue {
  id: string;
  strategy?: Strategy;
  /** Higher first, for an agent in several queues. */
  priority?: number;
  requiredSkills?: SkillRequirement[];
  /** Service level threshold of this queue's calls, seconds (default: the scenario's). */
  thresholdSeconds?: number;
  ringTimeoutSeconds?: number;
  /** Expected calls per interval (the Poisson means), already placed on the simulated clock. */
  arrivals: IntervalRate[];
  talk?: Distribution;
  wrapUp?: Distribution;
  patience?: Distribution | null;
  vipLevel?: number;
}

export interface ScenarioAgentGroup {
  id: string;
  count: number;
  skills: { skillId: string; level: number }[];
  /** Queues the group's agents are members of; without it, every queue whose required skills they all have. */
  queues?: string[];
  /** Log-in and log-out times, epoch ms. */
  shifts: { logIn: number; logOut: number }[];
}

/** A what-if scenario with every profile resolved to intervals and every time to epoch ms. */
export interface Scenario {
  start: number;
  hours: number;
  seed: number;
  thresholdSeconds: number;
  queues: ScenarioQueue[];
  agentGroups: ScenarioAgentGroup[];
  talk: Distribution;
  wrapUp?: Distribution;
  patience: Distribution | null;
  answerDelay: Distribution;
  noAnswerProbability: number;
  breaks?: { every: Distribution; length: Distribution };
  customerClasses?: CustomerClass[];
  callbackShare?: number;
}

export interface ScenarioResult extends SimulationFigures {
  simulatedSeconds: number;
  /** Each queue's figures, by the queue its calls entered first; occupancy is the center's only. */
  queues: Record<string, ScenarioQueueFigures>;
}

/** A queue's figures in a run, with its callbacks: a recorded run is checked against these per queue. */
export interface ScenarioQueueFigures extends Omit<SimulationFigures, 'occupancy'> {
  callbacksRequested: number;
  callbacksCompleted: number;
}

export interface ScenarioOptions {
  onEvents?: (events: DomainEvent[]) => void;
  /** Told now and then how far the simulated clock has got, as a share of the run (0-1). */
  onProgress?: (done: number) => void;
}

/** Simulated agents end their wrap-up themselves; the router's own timer is only a backstop this long. */
const wrapUpCapSeconds = 4 * 3600;

function agentIdsOf(group: ScenarioAgentGroup): string[] {
  return Array.from({ length: group.count }, (_, i) => `${group.id}-${i + 1}`);
}

/** Queue membership: the listed queues, or those whose every required skill the group has. */
function memberOf(group: ScenarioAgentGroup, queue: ScenarioQueue): boolean {
  if (group.queues) return group.queues.includes(queue.id);
  return (queue.requiredSkills ?? []).every((r) => group.skills.some((s) => s.skillId === r.skillId));
}

/**
 * Several queues, skilled agent groups on shifts, per-queue arrival profiles and handling times,
 * customer classes: run through the real router on a simulated clock, reproducible from the seed.
 * Figures come from the same metric code as the reports (SimulationTally + computeMetrics).
 *
 * @example
 * const result = simulateScenario({ start, hours: 24, seed: 1, thresholdSeconds: 20, queues, agentGroups, talk, patience: null, answerDelay, noAnswerProbability: 0 });
 * result.serviceLevel; // answered within the threshold ÷ offered
 */
export function simulateScenario(s: Scenario, options: ScenarioOptions = {}): ScenarioResult {
  const until = s.start + s.hours * 3_600_000;
  const members = new Map(s.queues.map((q) => [q.id, [] as string[]]));
  const agents: { agentId: string; skills: { skillId: string; level: number }[] }[] = [];
  for (const group of s.agentGroups) {
    for (const agentId of agentIdsOf(group)) {
      agents.push({ agentId, skills: group.skills });
      for (const q of s.queues) if (memberOf(group, q)) members.get(q.id)!.push(agentId);
    }
  }
  const wrapUpSimulated = (q: ScenarioQueue) => (q.wrapUp ?? s.wrapUp) !== undefined;
  const queues: QueueConfig[] = s.queues.map((q) => ({
    id: q.id,
    agents: members.get(q.id)!,
    ...(q.strategy ? { strategy: q.strategy } : {}),
    ...(q.priority !== undefined ? { priority: q.priority } : {}),
    ...(q.requiredSkills ? { requiredSkills: q.requiredSkills } : {}),
    ...(q.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: q.ringTimeoutSeconds } : {}),
    wrapUpSeconds: wrapUpSimulated(q) ? wrapUpCapSeconds : 0,
    announceEverySeconds: 0,
    // Nothing to record in a what-if run: the CLI has no switch to keep audio.
    record: false,
  }));
  const router = new Router({ queues, agents, random: seededRandom(s.seed) });
  const center = new SimulatedCenter(
    {
      random: seededRandom(s.seed + 1),
      queues: s.queues.map((q) => ({
        queueId: q.id,
        share: 0,
        ...(q.vipLevel !== undefined ? { vipLevel: q.vipLevel } : {}),
        ...(q.talk ? { talk: q.talk } : {}),
        ...(q.wrapUp ? { wrapUp: q.wrapUp } : {}),
        ...(q.patience !== undefined ? { patience: q.patience } : {}),
      })),
      talk: s.talk,
      ...(s.wrapUp ? { wrapUp: s.wrapUp } : {}),
      patience: s.patience,
      answerDelay: s.answerDelay,
      noAnswerProbability: s.noAnswerProbability,
      ...(s.breaks ? { breakEvery: s.breaks.every, breakLength: s.breaks.length } : {}),
      ...(s.customerClasses ? { customerClasses: s.customerClasses } : {}),
      ...(s.callbackShare !== undefined ? { callbackShare: s.callbackShare } : {}),
    },
    `sim-${s.start.toString(36)}-${s.seed}`,
  );
  for (const group of s.agentGroups) {
    for (const agentId of agentIdsOf(group)) for (const shift of group.shifts) center.shift(agentId, shift.logIn, shift.logOut);
  }
  for (const q of s.queues)
    center.addQueueArrivals(
      q.id,
      q.arrivals.filter((i) => i.start < until),
    );

  const thresholds = (seconds: number) => ({ serviceLevelSeconds: seconds, shortAbandonSeconds: 0 });
  const tally = new SimulationTally(thresholds(s.thresholdSeconds), new Map(s.queues.map((q) => [q.id, thresholds(q.thresholdSeconds ?? s.thresholdSeconds)])));
  const span = until - s.start;
  // About a hundred reports over the run, each a comparison per step otherwise.
  let nextReport = s.start;
  runSimulation(router, center, until, (events, at) => {
    tally.add(events);
    options.onEvents?.(events);
    if (options.onProgress && at >= nextReport) {
      options.onProgress(Math.min(1, (at - s.start) / span));
      nextReport = at + span / 100;
    }
  });
  options.onProgress?.(1);
  const total = tally.finish(until);
  const byQueue = tally.byQueue();
  const perQueue: ScenarioResult['queues'] = {};
  for (const q of s.queues) {
    const queueTally = byQueue.get(q.id) ?? emptyTally();
    const { offered, answered, abandoned, serviceLevel, asa, abandonRate } = simulationFigures(queueTally);
    const { callbacksRequested, callbacksCompleted } = queueTally;
    perQueue[q.id] = { offered, answered, abandoned, serviceLevel, asa, abandonRate, callbacksRequested, callbacksCompleted };
  }
  return { ...simulationFigures(total), simulatedSeconds: s.hours * 3600, queues: perQueue };
}
