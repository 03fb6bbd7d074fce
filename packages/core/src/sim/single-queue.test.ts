import { describe, expect, it } from 'vitest';
import { simulateSingleQueue } from './single-queue';

describe('a single simulated queue against the queueing formulas', () => {
  /** Erlang C service level, written out with factorials: fine for the dozen agents used here. */
  function erlangC(agents: number, erlangs: number, ahtSeconds: number, thresholdSeconds: number): number {
    let term = 1;
    let sum = 0;
    for (let k = 0; k < agents; k++) {
      sum += term;
      term *= erlangs / (k + 1);
    }
    const top = (term * agents) / (agents - erlangs);
    const probWait = top / (sum + top);
    return 1 - probWait * Math.exp((-(agents - erlangs) * thresholdSeconds) / ahtSeconds);
  }

  // 12 agents, 10 Erlangs (200 calls an hour of 180 s). One 48-hour run (about 9,600 calls) varies
  // by about 5.5 points between seeds at this load, so the mean of eight runs has a standard error
  // near 2 points: ±6 points is 3σ.
  it('converges to Erlang C without abandonment', () => {
    const expected = erlangC(12, 10, 180, 20);
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      simulateSingleQueue({ agents: 12, volume: 200, intervalSeconds: 3600, ahtSeconds: 180, thresholdSeconds: 20, hours: 48, seed }),
    );
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
    expect(runs.every((r) => r.abandoned === 0)).toBe(true);
    expect(mean((r) => r.serviceLevel!)).toBeGreaterThan(expected - 0.06);
    expect(mean((r) => r.serviceLevel!)).toBeLessThan(expected + 0.06);
    expect(mean((r) => r.occupancy!)).toBeCloseTo(10 / 12, 1);
  });

  // Seed 002: 1000 calls per half hour, AHT 210 s (A = 116.7 Erlangs): Erlang C gives 60.8% at 121
  // agents and 24.5% at 118. So close to saturation one day varies by ±5 points between seeds,
  // so the check averages four days and allows 6 points; the jump from 118 to 121 is the lesson.
  it('reproduces the seed 002 puzzle: three more agents lift the service level from about 25% to about 61%', () => {
    const mean = (agents: number) =>
      [1, 2, 3, 4]
        .map((seed) => simulateSingleQueue({ agents, volume: 1000, intervalSeconds: 1800, ahtSeconds: 210, thresholdSeconds: 20, hours: 24, seed }).serviceLevel!)
        .reduce((a, b) => a + b, 0) / 4;
    const at121 = mean(121);
    expect(at121).toBeGreaterThan(0.608 - 0.06);
    expect(at121).toBeLessThan(0.608 + 0.06);
    expect(at121 - mean(118)).toBeGreaterThan(0.15);
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
