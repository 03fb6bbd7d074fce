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
  runSimulation(router, center, start + 6 * 3_600_000, (e) => events.push(...e));
  const records = [...callDetailRecords(events).values()];
  const tally = addTallies(
    ...records
      .map((r) => factsFromRecord(r))
      .filter((f) => f !== null)
      .map((f) => tallyCall(f.facts, { serviceLevelSeconds: 20, shortAbandonSeconds: 0 })),
  );
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

/** Agent a1 alone in queue q, staffed by the simulation: calls of 60 s, answered after 1 s unless let ring. */
function oneAgent(queue: { ringTimeoutSeconds?: number; wrapUpSeconds?: number }, noAnswerProbability: number) {
  const router = new Router({ queues: [{ id: 'q', agents: ['a1'], ...queue }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
  const center = new SimulatedCenter({
    random: seededRandom(2),
    queues: [{ queueId: 'q', share: 1 }],
    talk: { kind: 'fixed', value: 60 },
    patience: null,
    answerDelay: { kind: 'fixed', value: 1 },
    noAnswerProbability,
  });
  center.staff('a1', start);
  return { router, center };
}

describe('simulated agents who let the phone ring out', () => {
  it('come back to ready instead of staying not ready (no answer) for the rest of the day', () => {
    const { router, center } = oneAgent({ ringTimeoutSeconds: 15 }, 1);
    center.addArrivals([{ start: start + 1000, seconds: 10, calls: 30 }]);
    const statuses: string[] = [];
    runSimulation(router, center, start + 120_000, (events) => {
      for (const e of events) if (e.type === 'agent.state_changed') statuses.push(`${e.payload.to}${e.payload.notReadyReason ? `:${e.payload.notReadyReason}` : ''}`);
    });
    const rangOut = statuses.indexOf('not_ready:no_answer');
    expect(rangOut).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(rangOut + 1)).toContain('ready');
  });
});

describe('a simulated agent released for a later time', () => {
  it('answers until then and logs out after the call under way', () => {
    const { router, center } = oneAgent({ wrapUpSeconds: 5 }, 0);
    center.release('a1', start + 90_000);
    center.addArrivals([{ start: start + 50_000, seconds: 10, calls: 3 }]);
    const statuses: { to: string; at: number }[] = [];
    runSimulation(router, center, start + 300_000, (events) => {
      for (const e of events) if (e.type === 'agent.state_changed') statuses.push({ to: e.payload.to, at: e.at - start });
    });
    // Answers the first caller after 50 s, talks 60 s past the end of the shift (90 s), then logs
    // out in the wrap-up; the other callers wait for someone else.
    expect(statuses.map((s) => s.to)).toEqual(['ready', 'ringing', 'talking', 'wrap_up', 'logged_out']);
    expect(statuses.at(-1)!.at).toBeGreaterThanOrEqual(110_000);
    expect(router.liveCalls().length).toBeGreaterThan(0);
  });
});

describe('outbound calls in the simulated center', () => {
  /** One agent dials `calls` numbers one after another; returns how each dial ended. */
  function dialMany(outbound: NonNullable<ConstructorParameters<typeof SimulatedCenter>[0]['outbound']>, calls: number) {
    const router = new Router({
      queues: [{ id: 'q', agents: ['a1'] }],
      agents: [{ agentId: 'a1', skills: [] }],
      random: seededRandom(1),
      outboundWrapUp: { wrapUpSeconds: 0, maxWrapUpExtensionSeconds: 0 },
    });
    const center = new SimulatedCenter({
      random: seededRandom(9),
      queues: [{ queueId: 'q', share: 1 }],
      talk: { kind: 'fixed', value: 30 },
      patience: null,
      answerDelay: { kind: 'fixed', value: 0 },
      noAnswerProbability: 0,
      outbound,
    });
    center.staff('a1', start);
    const outcomes: string[] = [];
    const dialSeconds: number[] = [];
    let t = start;
    const step = (input: Parameters<Router['handle']>[0], at: number) => {
      const r = router.handle(input, at);
      center.execute(r.commands, at);
      for (const e of r.events) {
        if (e.type === 'call.connected') outcomes.push('answered');
        if (e.type === 'call.ended' && e.payload.outcome === 'not_connected') outcomes.push('unreachable');
      }
      return r;
    };
    center.forEachDue(t, step);
    for (let i = 0; i < calls; i++) {
      const dialedAt = t;
      expect(step({ type: 'agent.dial', agentId: 'a1', callId: `o${i}`, number: '13800000000' }, t).rejected).toBeNull();
      // Run the world until the call is over and the agent ready again.
      while (router.agentState('a1')?.status !== 'ready') {
        const next = Math.min(center.nextTime() ?? Infinity, router.nextDeadline() ?? Infinity);
        t = next;
        if (center.nextTime() !== t) step({ type: 'tick' }, t);
        center.forEachDue(t, (input, at) => {
          if (input.type === 'switch.customer_answered' || input.type === 'switch.customer_unreachable') dialSeconds.push((at - dialedAt) / 1000);
          step(input, at);
        });
      }
    }
    return { outcomes, dialSeconds, router };
  }

  it('answers, is busy or rings out by the configured chances, after the configured ring time', () => {
    const { outcomes, dialSeconds } = dialMany({ answer: 0.5, busy: 0.2, noAnswer: 0.3, ringSeconds: { kind: 'fixed', value: 6 }, noAnswerSeconds: 40 }, 400);
    expect(outcomes).toHaveLength(400);
    const answered = outcomes.filter((o) => o === 'answered').length / 400;
    // 400 dials: the share answered has a standard error of 2.5 points; 4σ is 10.
    expect(answered).toBeGreaterThan(0.4);
    expect(answered).toBeLessThan(0.6);
    expect(new Set(dialSeconds)).toEqual(new Set([6, 2, 40]));
    const busy = dialSeconds.filter((s) => s === 2).length / 400;
    expect(busy).toBeGreaterThan(0.12);
    expect(busy).toBeLessThan(0.28);
  });

  it('reaches nobody when every dial is busy, and the agent comes back ready each time', () => {
    const { outcomes, dialSeconds } = dialMany({ answer: 0, busy: 1, noAnswer: 0, ringSeconds: { kind: 'fixed', value: 5 } }, 20);
    expect(outcomes).toEqual(Array(20).fill('unreachable'));
    expect(dialSeconds.every((s) => s === 2)).toBe(true);
  });
});

describe('a scenario-style center: per-queue profiles, customer classes, wrap-up, shifts, recordings', () => {
  function run(recorded: { callId: string; startedAt: number; endedAt: number }[] = []) {
    const agents = ['a1', 'a2', 'a3'];
    const router = new Router({
      queues: [
        { id: 'sales', agents, wrapUpSeconds: 3600 },
        { id: 'care', agents: ['a3'], wrapUpSeconds: 3600, record: false },
      ],
      agents: agents.map((agentId) => ({ agentId, skills: [] })),
      random: seededRandom(4),
    });
    const center = new SimulatedCenter({
      random: seededRandom(5),
      queues: [
        { queueId: 'sales', share: 0, wrapUp: { kind: 'fixed', value: 20 } },
        { queueId: 'care', share: 0, talk: { kind: 'fixed', value: 100 }, wrapUp: { kind: 'fixed', value: 5 } },
      ],
      talk: { kind: 'fixed', value: 60 },
      patience: { kind: 'exponential', mean: 600 },
      answerDelay: { kind: 'fixed', value: 2 },
      noAnswerProbability: 0,
      customerClasses: [{ share: 0.25, vipLevel: 5 }],
      onRecorded: (r) => recorded.push(r),
    });
    // a1 and a2 work 01:00-03:00, a3 01:00-02:00.
    center.shift('a1', start, start + 2 * 3_600_000);
    center.shift('a2', start, start + 2 * 3_600_000);
    center.shift('a3', start, start + 3_600_000);
    const sales = center.addQueueArrivals('sales', [{ start, seconds: 7200, calls: 100 }]);
    const care = center.addQueueArrivals('care', [{ start, seconds: 3600, calls: 10 }]);
    const events: DomainEvent[] = [];
    runSimulation(router, center, start + 4 * 3_600_000, (e) => events.push(...e));
    return { events, sales, care, router };
  }

  it('sends each queue its own arrivals, with VIP callers by their share', () => {
    const { events, sales, care } = run();
    const arrived = events.filter((e) => e.type === 'call.arrived') as Extract<DomainEvent, { type: 'call.arrived' }>[];
    expect(arrived).toHaveLength(sales + care);
    const queued = events.filter((e) => e.type === 'call.queued') as Extract<DomainEvent, { type: 'call.queued' }>[];
    expect(queued.filter((e) => e.payload.queueId === 'care')).toHaveLength(care);
    const vip = arrived.filter((e) => e.payload.vipLevel === 5).length / arrived.length;
    expect(vip).toBeGreaterThan(0.1);
    expect(vip).toBeLessThan(0.4);
  });

  it('talks and wraps up by the queue’s times, and logs agents out at the end of their shift, after the call under way', () => {
    const { events, router } = run();
    const records = [...callDetailRecords(events).values()];
    const care = records.filter((r) => r.firstQueueId === 'care' && r.outcome === 'answered');
    expect(care.length).toBeGreaterThan(0);
    for (const r of care) expect(r.talkMs).toBe(100_000);
    const wrapUps = events.filter((e) => e.type === 'call.wrapped_up') as Extract<DomainEvent, { type: 'call.wrapped_up' }>[];
    const byCall = new Map(records.map((r) => [r.callId, r]));
    for (const w of wrapUps) expect(w.payload.wrapUpMs).toBe(byCall.get(w.stream)?.firstQueueId === 'care' ? 5_000 : 20_000);
    const logouts = events.filter((e) => e.type === 'agent.state_changed' && e.payload.to === 'logged_out');
    expect(logouts.map((e) => e.stream).sort()).toEqual(['a1', 'a2', 'a3']);
    for (const e of logouts) {
      const shiftEnd = start + (e.stream === 'a3' ? 1 : 2) * 3_600_000;
      expect(e.at).toBeGreaterThanOrEqual(shiftEnd);
      // At most one call and its wrap-up (the longest: 100 s + 5 s, or 60 s + 20 s) past the end of the shift.
      expect(e.at).toBeLessThanOrEqual(shiftEnd + 105_000);
    }
    expect(['a1', 'a2', 'a3'].map((a) => router.agentState(a)?.status)).toEqual(['logged_out', 'logged_out', 'logged_out']);
  });

  it('reports each recorded call when it ends, from answer to hang-up', () => {
    const recorded: { callId: string; startedAt: number; endedAt: number }[] = [];
    const { events } = run(recorded);
    const records = callDetailRecords(events);
    const answeredSales = [...records.values()].filter((r) => r.firstQueueId === 'sales' && r.outcome === 'answered');
    expect(recorded.map((r) => r.callId).sort()).toEqual(answeredSales.map((r) => r.callId).sort());
    for (const r of recorded) expect(r.endedAt - r.startedAt).toBe(60_000);
  });

  it('replays exactly from the seed', () => {
    expect(run().events).toEqual(run().events);
  });
});

describe('known callers', () => {
  it('makes about the given share of inbound calls from the known customers’ numbers', () => {
    const center = new SimulatedCenter({
      random: seededRandom(3),
      queues: [{ queueId: 'q', share: 1 }],
      talk: { kind: 'fixed', value: 60 },
      patience: null,
      answerDelay: { kind: 'fixed', value: 0 },
      noAnswerProbability: 0,
      knownCallers: { numbers: ['13900000001', '13900000002'], share: 0.3 },
    });
    center.addArrivals([{ start, seconds: 3600, calls: 1000 }]);
    const from: (string | null)[] = [];
    center.forEachDue(start + 3_600_000, (input) => {
      if (input.type === 'switch.call_arrived') from.push(input.from);
    });
    const known = from.filter((n) => n === '13900000001' || n === '13900000002').length / from.length;
    expect(from.length).toBeGreaterThan(900);
    expect(known).toBeGreaterThan(0.25);
    expect(known).toBeLessThan(0.35);
  });
});
