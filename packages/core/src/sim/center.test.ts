import { describe, expect, it } from 'vitest';
import { callDetailRecords, type DomainEvent } from '../calls/index';
import { addTallies, computeMetrics, factsFromRecord, tallyCall } from '../metrics/index';
import { seededRandom } from '../random/index';
import { Router } from '../routing/index';
import { SimulatedCenter } from './center';
import { runSimulation } from './run';

const start = Date.UTC(2026, 0, 5, 1, 0);

function simulate(seed: number, agents: number, callsPerHalfHour: number, patienceSeconds: number | null) {
  const agentIds = Array.from({ length: agents }, (_, i) => `a${i + 1}`);
  const router = new Router({
    queues: [{ id: 'q', agents: agentIds, ringTimeoutSeconds: 15 }],
    agents: agentIds.map((agentId) => ({ agentId, skills: [] })),
    random: seededRandom(seed),
  });
  const center = new SimulatedCenter({
    random: seededRandom(seed + 1),
    queues: [{ queueId: 'q', share: 1 }],
    talk: { kind: 'exponential', mean: 210 },
    patience: patienceSeconds === null ? null : { kind: 'exponential', mean: patienceSeconds },
    answerDelay: { kind: 'fixed', value: 0 },
    noAnswerProbability: 0,
  });
  for (const a of agentIds) center.staff(a, start);
  const intervals = Array.from({ length: 8 }, (_, i) => ({ start: start + i * 1_800_000, seconds: 1800, calls: callsPerHalfHour }));
  center.addArrivals(intervals);
  const events: DomainEvent[] = [];
  runSimulation(router, center, start + 6 * 3_600_000, ({ events: e }) => events.push(...e));
  const records = [...callDetailRecords(events).values()];
  const tally = addTallies(...records.map((r) => factsFromRecord(r)).filter((f) => f !== null).map((f) => tallyCall(f.facts, { serviceLevelSeconds: 20, shortAbandonSeconds: 0 })));
  return { records, metrics: computeMetrics(tally) };
}

describe('simulated center over the real router', () => {
  it('replays exactly from the seed', () => {
    const a = simulate(7, 10, 60, 120);
    const b = simulate(7, 10, 60, 120);
    expect(a.metrics).toEqual(b.metrics);
    expect(simulate(8, 10, 60, 120).metrics).not.toEqual(a.metrics);
  });

  it('ends every call with exactly one outcome, and impatient callers abandon when agents are short', () => {
    const { records, metrics } = simulate(3, 6, 80, 60);
    expect(records.length).toBeGreaterThan(500);
    const ended = records.filter((r) => r.endedAt !== null);
    expect(ended.length).toBeGreaterThan(records.length - 10);
    for (const r of ended) expect(['answered', 'abandoned']).toContain(r.outcome);
    expect(metrics.abandonmentRate!).toBeGreaterThan(0.1);
  });

  it('answers nearly everything at once with plenty of agents', () => {
    const { metrics } = simulate(5, 30, 40, 300);
    expect(metrics.serviceLevel!).toBeGreaterThan(0.97);
    expect(metrics.averageTalkTime!).toBeGreaterThan(180);
    expect(metrics.averageTalkTime!).toBeLessThan(240);
  });
});

describe('simulated agents who let the phone ring out', () => {
  it('come back to ready instead of staying not ready (no answer) for the rest of the day', () => {
    const router = new Router({ queues: [{ id: 'q', agents: ['a1'], ringTimeoutSeconds: 15 }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
    const center = new SimulatedCenter({
      random: seededRandom(2),
      queues: [{ queueId: 'q', share: 1 }],
      talk: { kind: 'fixed', value: 60 },
      patience: null,
      answerDelay: { kind: 'fixed', value: 1 },
      noAnswerProbability: 1,
    });
    center.staff('a1', start);
    center.addArrivals([{ start: start + 1000, seconds: 10, calls: 30 }]);
    const statuses: string[] = [];
    runSimulation(router, center, start + 120_000, ({ events }) => {
      for (const e of events) if (e.type === 'agent.state_changed') statuses.push(`${e.payload.to}${e.payload.notReadyReason ? `:${e.payload.notReadyReason}` : ''}`);
    });
    const rangOut = statuses.indexOf('not_ready:no_answer');
    expect(rangOut).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(rangOut + 1)).toContain('ready');
  });
});
