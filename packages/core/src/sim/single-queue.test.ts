import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../wfm/index';
import { simulateSingleQueue, type SingleQueueResult } from './single-queue';

const mean = (runs: SingleQueueResult[], f: (r: SingleQueueResult) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;

describe('a single simulated queue against the queueing formulas', () => {
  // 12 agents, 10 Erlangs (200 calls an hour of 180 s). One 48-hour run (about 9,600 calls) varies
  // by about 5.5 points between seeds at this load, so the mean of eight runs has a standard error
  // near 2 points: ±6 points is 3σ.
  it('converges to Erlang C without abandonment', () => {
    const expected = erlangC({ traffic: 10, agents: 12, ahtSeconds: 180, thresholdSeconds: 20 });
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      simulateSingleQueue({ agents: 12, volume: 200, intervalSeconds: 3600, ahtSeconds: 180, thresholdSeconds: 20, hours: 48, seed }),
    );
    expect(runs.every((r) => r.abandoned === 0)).toBe(true);
    expect(mean(runs, (r) => r.serviceLevel!)).toBeGreaterThan(expected.serviceLevel - 0.06);
    expect(mean(runs, (r) => r.serviceLevel!)).toBeLessThan(expected.serviceLevel + 0.06);
    expect(mean(runs, (r) => r.occupancy!)).toBeCloseTo(expected.occupancy, 1);
  });

  // Seed 002: 1000 calls per half hour, AHT 210 s (A = 116.7 Erlangs): Erlang C gives 60.8% at 121
  // agents and 24.5% at 118 (pinned in the wfm tests). So close to saturation one day varies by ±5
  // points between seeds, so the check averages four days and allows 6 points; the jump from 118 to
  // 121 is the lesson.
  it('reproduces the seed 002 puzzle: three more agents lift the service level from about 25% to about 61%', () => {
    const serviceLevelAt = (agents: number) =>
      [1, 2, 3, 4]
        .map((seed) => simulateSingleQueue({ agents, volume: 1000, intervalSeconds: 1800, ahtSeconds: 210, thresholdSeconds: 20, hours: 24, seed }).serviceLevel!)
        .reduce((a, b) => a + b, 0) / 4;
    const at121 = serviceLevelAt(121);
    const expected = erlangC({ traffic: (1000 * 210) / 1800, agents: 121, ahtSeconds: 210, thresholdSeconds: 20 }).serviceLevel;
    expect(at121).toBeGreaterThan(expected - 0.06);
    expect(at121).toBeLessThan(expected + 0.06);
    expect(at121 - serviceLevelAt(118)).toBeGreaterThan(0.15);
  });

  // 20 agents offered 22 Erlangs (660 calls an hour of 120 s), patience 60 s: Erlang A gives 15.2%
  // abandoning, 70.7% answered within 20 s and an ASA of 8.5 s. Between seeds one 6-hour run (about
  // 4,000 calls) varies by about 1.9 points in P(abandon), 3.7 in service level and 1.1 s in ASA:
  // about ten times the variance of independent calls, since a busy spell touches many callers. The
  // mean of eight runs has standard errors near 0.7 points, 1.3 points and 0.4 s; the bounds are
  // 3.5 to 3.8 of them.
  it('converges to exact Erlang A with exponential patience', () => {
    const expected = erlangA({ traffic: 22, agents: 20, ahtSeconds: 120, thresholdSeconds: 20, patienceSeconds: 60 });
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      simulateSingleQueue({ agents: 20, volume: 660, intervalSeconds: 3600, ahtSeconds: 120, patienceSeconds: 60, thresholdSeconds: 20, hours: 6, seed }),
    );
    expect(mean(runs, (r) => r.abandonRate!)).toBeGreaterThan(expected.probAbandon! - 0.025);
    expect(mean(runs, (r) => r.abandonRate!)).toBeLessThan(expected.probAbandon! + 0.025);
    expect(mean(runs, (r) => r.serviceLevel!)).toBeGreaterThan(expected.serviceLevel - 0.045);
    expect(mean(runs, (r) => r.serviceLevel!)).toBeLessThan(expected.serviceLevel + 0.045);
    expect(mean(runs, (r) => r.asa!)).toBeGreaterThan(expected.asa! - 1.5);
    expect(mean(runs, (r) => r.asa!)).toBeLessThan(expected.asa! + 1.5);
  });

  it('loses impatient callers and answers the rest faster when callers abandon (Erlang A behaviour)', () => {
    const base = { agents: 20, volume: 400, intervalSeconds: 1800, ahtSeconds: 180, thresholdSeconds: 20, hours: 12, seed: 3 };
    const patient = simulateSingleQueue(base);
    const impatient = simulateSingleQueue({ ...base, patienceSeconds: 60 });
    expect(impatient.abandoned).toBeGreaterThan(0);
    expect(impatient.asa!).toBeLessThan(patient.asa!);
  });

  it('replays exactly from the seed', () => {
    const run = () => simulateSingleQueue({ agents: 10, volume: 100, intervalSeconds: 1800, ahtSeconds: 300, patienceSeconds: 120, thresholdSeconds: 20, hours: 4, seed: 5 });
    expect(run()).toEqual(run());
  });
});
