import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quadratureMasses, seriesMasses, type WaitMasses } from './erlang-a';
import { erlangA, erlangB, erlangC, offeredTraffic, requiredAgents, WfmInputError, type ErlangResult } from './index';

/** Seed 002's Monday morning: 1000 calls per half hour, AHT 210 s, 20 s threshold. */
const seed002 = { traffic: offeredTraffic(1000, 1800, 210), ahtSeconds: 210, thresholdSeconds: 20 };

/**
 * An independent exact reference for Erlang A: the M/M/N+M birth–death chain summed state by state
 * (small cases only), and the waits from uniformization of a waiting caller's own chain: with j callers
 * ahead it moves up at rate Nμ + jθ and gives up at rate θ.
 */
function birthDeath(traffic: number, agents: number, aht: number, patience: number, threshold: number) {
  const [lambda, mu, theta] = [traffic / aht, 1 / aht, 1 / patience];
  const p = [1];
  for (let n = 1; n < agents + 20 || p[n - 1]! > 1e-40 * Math.max(...p); n++) {
    p.push((p[n - 1]! * lambda) / (Math.min(n, agents) * mu + Math.max(n - agents, 0) * theta));
  }
  const z = p.reduce((s, v) => s + v, 0);
  const ahead = p.slice(agents).map((v) => v / z);
  const queueLength = ahead.reduce((s, v, j) => s + j * v, 0);
  const rate = agents * mu + ahead.length * theta;
  let waiting = [...ahead];
  let served = 0;
  let answeredInTime = 0;
  let poisson = Math.exp(-rate * threshold);
  for (let k = 0; k < rate * threshold + 200; k++) {
    answeredInTime += poisson * served;
    poisson *= (rate * threshold) / (k + 1);
    served += (waiting[0]! * agents * mu) / rate;
    waiting = waiting.map((v, j) => v * (1 - (agents * mu + (j + 1) * theta) / rate) + (waiting[j + 1] ?? 0) * ((agents * mu + (j + 1) * theta) / rate));
  }
  const probWait = ahead.reduce((s, v) => s + v, 0);
  return { probWait, probAbandon: (theta * queueLength) / lambda, serviceLevel: 1 - probWait + answeredInTime };
}

describe('Erlang B', () => {
  it('matches the textbook tables', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(5, 2)).toBeCloseTo(4 / 109, 15);
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(3, 0)).toBe(0);
  });

  it('stays finite and between 0 and 1 at 100,000 Erlangs', () => {
    const b = erlangB(100_000, 100_000);
    expect(b).toBeGreaterThan(0.0024);
    expect(b).toBeLessThan(0.0026); // ≈ √(2/(πA)) at N = A
    expect(erlangB(200_000, 100_000)).toBe(0);
  });
});

describe('Erlang C', () => {
  it('solves the seed 002 puzzle: 24.5% with 118 agents, 60.8% with 121', () => {
    expect(seed002.traffic).toBeCloseTo(116.67, 2);
    expect(erlangC({ ...seed002, agents: 118 }).serviceLevel).toBeCloseTo(0.245, 3);
    expect(erlangC({ ...seed002, agents: 121 }).serviceLevel).toBeCloseTo(0.608, 3);
  });

  it('matches exact textbook values', () => {
    // 2 Erlangs on 3 agents: C = 4/9; ASA = C·AHT/(N − A); occupancy A/N.
    const r = erlangC({ traffic: 2, agents: 3, ahtSeconds: 60, thresholdSeconds: 30 });
    expect(r.probWait).toBeCloseTo(4 / 9, 14);
    expect(r.asa).toBeCloseTo((4 / 9) * 60, 12);
    expect(r.serviceLevel).toBeCloseTo(1 - (4 / 9) * Math.exp(-0.5), 14);
    expect(r.occupancy).toBeCloseTo(2 / 3, 14);
    expect(r).not.toHaveProperty('probAbandon');
    expect(r).not.toHaveProperty('unstable');
  });

  it('is stable at 100,000 Erlangs and agrees with the Halfin–Whitt limit', () => {
    // N = A + β√A: P(wait) → 1 / (1 + βΦ(β)/φ(β)); at β = 1 that is 0.2234, to within 1% at this size.
    const r = erlangC({ traffic: 100_000, agents: 100_316, ahtSeconds: 180, thresholdSeconds: 20 });
    expect(r.probWait).toBeGreaterThan(0.22);
    expect(r.probWait).toBeLessThan(0.227);
    expect(r.asa!).toBeGreaterThan(0);
    expect(r.serviceLevel).toBeLessThanOrEqual(1);
    const fewer = erlangC({ traffic: 100_000, agents: 100_100, ahtSeconds: 180, thresholdSeconds: 20 });
    expect(fewer.probWait).toBeGreaterThan(r.probWait);
    expect(fewer.serviceLevel).toBeLessThan(r.serviceLevel);
  });

  it('flags an overloaded queue instead of returning nonsense', () => {
    for (const agents of [0, 100, 116]) {
      expect(erlangC({ ...seed002, agents })).toMatchObject({ probWait: 1, serviceLevel: 0, asa: null, unstable: true });
    }
    expect(erlangC({ traffic: 10, agents: 10, ahtSeconds: 100, thresholdSeconds: 20 })).toMatchObject({ asa: null, unstable: true, occupancy: 1 });
    expect(JSON.parse(JSON.stringify(erlangC({ traffic: 10, agents: 5, ahtSeconds: 100, thresholdSeconds: 20 })))).toMatchObject({ asa: null, unstable: true });
  });

  it('treats no calls as no waiting and accepts fractional traffic', () => {
    expect(erlangC({ traffic: 0, agents: 3, ahtSeconds: 100, thresholdSeconds: 20 })).toMatchObject({ probWait: 0, serviceLevel: 1, asa: 0, occupancy: 0 });
    expect(erlangC({ traffic: 0, agents: 0, ahtSeconds: 100, thresholdSeconds: 20 }).unstable).toBeUndefined();
    const r = erlangC({ traffic: 0.37, agents: 1, ahtSeconds: 95.5, thresholdSeconds: 12.5 });
    expect(r.probWait).toBeCloseTo(0.37, 14); // one agent: P(wait) = ρ
    expect(r.asa).toBeCloseTo((0.37 * 95.5) / 0.63, 10);
  });
});

describe('Erlang A', () => {
  it('reproduces the published pyworkforce example (100 calls per 30 min, AHT 3 min, patience 5 min, 13 agents)', () => {
    const r = erlangA({ traffic: offeredTraffic(100, 1800, 180), agents: 13, ahtSeconds: 180, thresholdSeconds: 20, patienceSeconds: 300 });
    expect(r.model).toBe('erlang-a');
    expect(r.serviceLevel).toBeCloseTo(0.858, 3);
    expect(r.probWait).toBeCloseTo(0.226, 3);
    expect(r.probAbandon).toBeCloseTo(0.025, 3);
    expect(r.occupancy).toBeCloseTo(0.75, 3);
    // Published ASA 0.125 min is the mean wait of every caller; by Little's law that is P(abandon) × patience.
    expect((r.probAbandon! * 300) / 60).toBeCloseTo(0.125, 3);
    // Ours is the mean wait of answered calls, as the metric dictionary's ASA: shorter.
    expect(r.asa!).toBeLessThan(7.5);
  });

  it.each([
    [10, 13, 180, 300, 20],
    [48, 50, 60, 120, 20],
    [48, 45, 60, 120, 20],
    [5, 3, 100, 10, 5],
    [100, 80, 200, 1000, 20],
    [2.5, 8, 240, 30, 0],
    [100, 20, 100, 1000, 20], // a fifth of the traffic staffed: the quadrature path
  ])('agrees with the birth–death chain at %d Erlangs on %d agents (AHT %d s, patience %d s, %d s)', (traffic, agents, aht, patience, threshold) => {
    const r = erlangA({ traffic, agents, ahtSeconds: aht, thresholdSeconds: threshold, patienceSeconds: patience });
    const reference = birthDeath(traffic, agents, aht, patience, threshold);
    expect(r.probWait).toBeCloseTo(reference.probWait, 12);
    expect(r.probAbandon).toBeCloseTo(reference.probAbandon, 12);
    expect(r.serviceLevel).toBeCloseTo(reference.serviceLevel, 9);
    expect(r.occupancy).toBeCloseTo((traffic * (1 - reference.probAbandon)) / agents, 12);
  });

  it('approaches Erlang C as patience grows without end', () => {
    const c = erlangC({ ...seed002, agents: 121 });
    const a = erlangA({ ...seed002, agents: 121, patienceSeconds: 1e9 });
    expect(a.probAbandon!).toBeLessThan(1e-6);
    expect(a.probWait).toBeCloseTo(c.probWait, 5);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
    expect(a.asa!).toBeCloseTo(c.asa!, 3);
  });

  it('approaches Erlang B when callers hang up at once: waiting callers are lost', () => {
    const a = erlangA({ ...seed002, agents: 110, patienceSeconds: 1e-6 });
    const b = erlangB(110, seed002.traffic);
    expect(a.probAbandon).toBeCloseTo(b, 6);
    expect(a.serviceLevel).toBeCloseTo(1 - b, 6);
    expect(a.occupancy).toBeCloseTo((seed002.traffic * (1 - b)) / 110, 6);
  });

  it('stays stable when overloaded, at 100,000 Erlangs, and with no agents or no calls', () => {
    const over = erlangA({ ...seed002, agents: 100, patienceSeconds: 60 });
    expect(over.unstable).toBeUndefined();
    expect(over.probAbandon!).toBeGreaterThan(1 - 100 / seed002.traffic); // the excess traffic cannot be carried
    expect(over.occupancy).toBeLessThan(1);
    const big = erlangA({ traffic: 100_000, agents: 99_000, ahtSeconds: 210, thresholdSeconds: 20, patienceSeconds: 100 });
    expect(big.probAbandon!).toBeCloseTo(0.01, 3); // 1% short: about 1% of the callers give up
    expect(big.probWait).toBeGreaterThan(0.9);
    expect(erlangA({ ...seed002, agents: 0, patienceSeconds: 60 })).toMatchObject({ probAbandon: 1, serviceLevel: 0, asa: null });
    expect(erlangA({ ...seed002, traffic: 0, agents: 2, patienceSeconds: 60 })).toMatchObject({ probAbandon: 0, serviceLevel: 1, probWait: 0 });
    expect(erlangA({ traffic: 2, agents: 5000, ahtSeconds: 200, thresholdSeconds: 20, patienceSeconds: 60 })).toMatchObject({ probWait: 0, serviceLevel: 1 });
  });
});

describe('Erlang A by series and by quadrature', () => {
  // The two ways to integrate the offered-wait density must agree wherever the series is used.
  const shape = (m: WaitMasses) => ({
    logWaiting: m.log + Math.log(m.waiting),
    answered: m.answered / m.waiting,
    abandoned: m.abandoned / m.waiting,
    inTime: m.answeredInTime / m.waiting,
    wait: m.answeredWait / m.waiting,
  });
  it('gives the same masses', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (a, load, threshold) => {
          const y = a * load;
          fc.pre(y <= a || (y - a) * Math.log(y / a) < 300);
          const series = shape(seriesMasses(a, y, threshold));
          const quadrature = shape(quadratureMasses(a, y, threshold));
          expect(series.logWaiting).toBeCloseTo(quadrature.logWaiting, 9);
          for (const key of ['answered', 'abandoned', 'inTime', 'wait'] as const) {
            expect(Math.abs(series[key] - quadrature[key])).toBeLessThan(1e-9 * Math.max(1, quadrature[key]));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bad input', () => {
  const base = { traffic: 10, agents: 12, ahtSeconds: 180, thresholdSeconds: 20 };
  it.each([
    ['traffic', { ...base, traffic: -1 }],
    ['traffic', { ...base, traffic: Number.NaN }],
    ['agents', { ...base, agents: 12.5 }],
    ['agents', { ...base, agents: -3 }],
    ['ahtSeconds', { ...base, ahtSeconds: 0 }],
    ['thresholdSeconds', { ...base, thresholdSeconds: Number.POSITIVE_INFINITY }],
  ])('names %s', (field, input) => {
    expect(() => erlangC(input)).toThrow(expect.objectContaining({ name: 'WfmInputError', field }));
    expect(() => erlangA({ ...input, patienceSeconds: 60 })).toThrow(WfmInputError);
  });

  it('names the patience, the target, the occupancy limit and the shrinkage', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as WfmInputError).field;
      }
      return null;
    };
    expect(field(() => erlangA({ ...base, patienceSeconds: -5 }))).toBe('patienceSeconds');
    expect(field(() => erlangA({ ...base } as Parameters<typeof erlangA>[0]))).toBe('patienceSeconds');
    const staff = { traffic: 10, ahtSeconds: 180, thresholdSeconds: 20, target: 0.8 };
    expect(field(() => requiredAgents({ ...staff, target: 1 }))).toBe('target');
    expect(field(() => requiredAgents({ ...staff, target: Number.NaN }))).toBe('target');
    expect(field(() => requiredAgents({ ...staff, maxOccupancy: 0 }))).toBe('maxOccupancy');
    expect(field(() => requiredAgents({ ...staff, maxOccupancy: 1.2 }))).toBe('maxOccupancy');
    expect(field(() => requiredAgents({ ...staff, shrinkage: 1 }))).toBe('shrinkage');
    expect(field(() => offeredTraffic(100, 0, 180))).toBe('intervalSeconds');
  });
});

describe('required agents', () => {
  it('staffs seed 002 for 60% in 20 s with 121 agents, and schedules for shrinkage', () => {
    const r = requiredAgents({ ...seed002, target: 0.6, shrinkage: 0.3 });
    expect(r).toMatchObject({ model: 'erlang-c', agents: 121, scheduled: 173 });
    expect(r.serviceLevel).toBeCloseTo(0.608, 3);
    expect(requiredAgents({ traffic: 63, ahtSeconds: 180, thresholdSeconds: 20, target: 0.5, maxOccupancy: 0.9, shrinkage: 0.3 })).toMatchObject({ agents: 70, scheduled: 100 });
  });

  it('lets the occupancy limit decide when it is the tighter constraint', () => {
    const r = requiredAgents({ ...seed002, target: 0.2, maxOccupancy: 0.85 });
    expect(r.agents).toBe(138); // ⌈116.67 / 0.85⌉
    expect(r.occupancy).toBeLessThanOrEqual(0.85);
  });

  it('needs fewer agents by Erlang A when callers abandon, and still meets the target', () => {
    const c = requiredAgents({ ...seed002, target: 0.8 });
    const a = requiredAgents({ ...seed002, target: 0.8, patienceSeconds: 120 });
    expect(a.model).toBe('erlang-a');
    expect(a.agents).toBeLessThan(c.agents);
    expect(a.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangA({ ...seed002, agents: a.agents - 1, patienceSeconds: 120 }).serviceLevel).toBeLessThan(0.8);
  });

  it('needs no agents for no calls, one for a trickle, and finishes at 100,000 Erlangs', () => {
    expect(requiredAgents({ ...seed002, traffic: 0, target: 0.8, shrinkage: 0.3 })).toMatchObject({ agents: 0, scheduled: 0, serviceLevel: 1 });
    expect(requiredAgents({ ...seed002, traffic: 0.001, target: 0.8, patienceSeconds: 60 }).agents).toBe(1);
    const big = requiredAgents({ traffic: 100_000, ahtSeconds: 180, thresholdSeconds: 20, target: 0.8 });
    expect(big.agents).toBeGreaterThan(100_000);
    expect(big.agents).toBeLessThan(100_000 + 3 * Math.sqrt(100_000));
    expect(big.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangC({ traffic: 100_000, agents: big.agents - 1, ahtSeconds: 180, thresholdSeconds: 20 }).serviceLevel).toBeLessThan(0.8);
  });
});

describe('properties', () => {
  const queue = fc.record({
    traffic: fc.double({ min: 0.01, max: 400, noNaN: true }),
    ahtSeconds: fc.double({ min: 10, max: 900, noNaN: true }),
    thresholdSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
    patienceSeconds: fc.double({ min: 1, max: 3600, noNaN: true }),
  });
  const inRange = (r: ErlangResult) => [r.probWait, r.serviceLevel, r.occupancy, r.probAbandon ?? 0].every((p) => p >= 0 && p <= 1 + 1e-12) && (r.asa === null || r.asa >= 0);

  it('keeps every probability in [0, 1] and improves with every agent added', () => {
    fc.assert(
      fc.property(queue, fc.integer({ min: 0, max: 60 }), (q, extra) => {
        const agents = Math.max(0, Math.floor(q.traffic) - 30 + extra);
        const c = [erlangC({ ...q, agents }), erlangC({ ...q, agents: agents + 1 })];
        const a = [erlangA({ ...q, agents }), erlangA({ ...q, agents: agents + 1 })];
        expect([...c, ...a].every(inRange)).toBe(true);
        for (const [fewer, more] of [c, a] as [ErlangResult, ErlangResult][]) {
          expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
          expect(more.probWait).toBeLessThanOrEqual(fewer.probWait + 1e-12);
        }
        expect(a[1]!.probAbandon!).toBeLessThanOrEqual(a[0]!.probAbandon! + 1e-12);
        // Without agents occupancy is 0 by definition; from one agent on it falls.
        if (agents > 0) expect(a[1]!.occupancy).toBeLessThanOrEqual(a[0]!.occupancy + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('staffs the least number of agents that meets the target', () => {
    fc.assert(
      fc.property(queue, fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.boolean(), (q, target, abandon) => {
        const input = { ...q, target, ...(abandon ? {} : { patienceSeconds: undefined }) };
        const r = requiredAgents(input);
        const at = (agents: number) => (abandon ? erlangA({ ...q, agents }) : erlangC({ ...q, agents }));
        expect(r.serviceLevel).toBeGreaterThanOrEqual(target);
        expect(r.scheduled).toBe(r.agents);
        if (r.agents > 1 && (abandon || r.agents - 1 > q.traffic)) expect(at(r.agents - 1).serviceLevel).toBeLessThan(target);
      }),
      { numRuns: 200 },
    );
  });
});
