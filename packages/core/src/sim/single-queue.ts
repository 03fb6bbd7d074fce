import type { DomainEvent } from '../calls/index';
import { seededRandom } from '../random/index';
import { Router } from '../routing/index';
import { SimulatedCenter } from './center';
import { runSimulation } from './run';
import { SimulationTally, simulationFigures, type SimulationFigures } from './summary';

export interface SingleQueueScenario {
  agents: number;
  /** Calls offered per interval, at a constant rate. */
  volume: number;
  intervalSeconds: number;
  /** Average handle time: talk, exponential (as Erlang C and A assume); no wrap-up. */
  ahtSeconds: number;
  /** Mean of exponential patience; none: nobody abandons (Erlang C). */
  patienceSeconds?: number;
  thresholdSeconds: number;
  hours: number;
  seed: number;
  /** Start of the simulated run, epoch ms (default 2026-01-05 00:00 UTC). */
  start?: number;
}

export interface SingleQueueResult extends SimulationFigures {
  simulatedSeconds: number;
}

/**
 * One queue, N agents who answer at once, Poisson arrivals, exponential talk: the M/M/N (+M)
 * system of Erlang C and Erlang A, run through the real router. `onEvents` receives every step's
 * events, e.g. to record the run in the event log as if it were real traffic.
 *
 * @example
 * simulateSingleQueue({ agents: 118, volume: 1000, intervalSeconds: 1800, ahtSeconds: 210, thresholdSeconds: 20, hours: 24, seed: 1 });
 */
export function simulateSingleQueue(
  s: SingleQueueScenario,
  onEvents?: (events: DomainEvent[]) => void,
  /** Told now and then how far the simulated clock has got, as a share of the run (0-1). */
  onProgress?: (done: number) => void,
): SingleQueueResult {
  const start = s.start ?? Date.UTC(2026, 0, 5);
  const until = start + s.hours * 3_600_000;
  const agentIds = Array.from({ length: s.agents }, (_, i) => `agent-${i + 1}`);
  const router = new Router({
    queues: [{ id: 'q', agents: agentIds, wrapUpSeconds: 0, ringTimeoutSeconds: 60, announceEverySeconds: 0 }],
    agents: agentIds.map((agentId) => ({ agentId, skills: [] })),
    random: seededRandom(s.seed),
  });
  const center = new SimulatedCenter(
    {
      random: seededRandom(s.seed + 1),
      queues: [{ queueId: 'q', share: 1 }],
      talk: { kind: 'exponential', mean: s.ahtSeconds },
      patience: s.patienceSeconds ? { kind: 'exponential', mean: s.patienceSeconds } : null,
      answerDelay: { kind: 'fixed', value: 0 },
      noAnswerProbability: 0,
    },
    `sim-${start.toString(36)}-${s.seed}`,
  );
  for (const id of agentIds) center.staff(id, start);
  const intervals = Math.ceil((s.hours * 3600) / s.intervalSeconds);
  center.addArrivals(
    Array.from({ length: intervals }, (_, i) => ({ start: start + i * s.intervalSeconds * 1000, seconds: s.intervalSeconds, calls: s.volume })).filter(
      (interval) => interval.start < until,
    ),
  );
  const tally = new SimulationTally({ serviceLevelSeconds: s.thresholdSeconds, shortAbandonSeconds: 0 });
  let nextReport = start;
  runSimulation(router, center, until, (events, at) => {
    tally.add(events);
    onEvents?.(events);
    if (onProgress && at >= nextReport) {
      onProgress(Math.min(1, (at - start) / (until - start)));
      nextReport = at + (until - start) / 100;
    }
  });
  onProgress?.(1);
  return { ...simulationFigures(tally.finish(until)), simulatedSeconds: s.hours * 3600 };
}
