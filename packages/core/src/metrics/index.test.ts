import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCallTally, addTallies, computeMetrics, emptyTally, metricDictionary, renderMetricsMarkdown, tallyCall, type CallFacts, type TalliedOutcome } from './index';

const thresholds = { serviceLevelSeconds: 20, shortAbandonSeconds: 5 };
const call = (outcome: TalliedOutcome, waitSeconds: number, extra: Partial<CallFacts> = {}): CallFacts => ({
  outcome,
  waitSeconds,
  placedInQueue: waitSeconds > 0,
  queueSeconds: waitSeconds,
  ringSeconds: outcome === 'answered' ? 10 : 0,
  talkSeconds: outcome === 'answered' ? 180 : 0,
  holdSeconds: 0,
  wrapUpSeconds: outcome === 'answered' ? 30 : 0,
  transferred: false,
  resolvedFirstContact: null,
  ...extra,
});

describe('metric dictionary', () => {
  it('covers the 23 indicators of seed 002 and the floor’s four figures, each defined once', () => {
    const ids = metricDictionary.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const indicators = metricDictionary.filter((m) => m.source.startsWith('23 indicators'));
    expect(indicators.map((m) => Number(/#(\d+)/.exec(m.source)![1]))).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    for (const floor of ['attendanceRate', 'talkUtilization', 'notReadyTime', 'averageHandleTime']) expect(ids).toContain(floor);
  });

  it('computes a day by hand: service level, abandonment without short abandons, ASA, AHT, transfers, FCR', () => {
    const calls = [
      call('answered', 5, { holdSeconds: 20, resolvedFirstContact: true }),
      call('answered', 15, { transferred: true, resolvedFirstContact: false }),
      call('answered', 45, { resolvedFirstContact: true }),
      call('abandoned', 3),
      call('abandoned', 60),
      call('blocked', 0),
      call('callback', 90, { callbackCompleted: true }),
    ];
    const tally = addTallies(...calls.map((c) => tallyCall(c, thresholds)), {
      loggedInSeconds: 7200,
      availableSeconds: 3000,
      onCallSeconds: 560,
      afterCallSeconds: 90,
      notReadySeconds: 600,
      ringingSeconds: 30,
    });
    const m = computeMetrics(tally);
    expect(m.totalCalls).toBe(7);
    // The callback that reached the customer is not against the service level.
    expect(m.serviceLevel).toBeCloseTo(2 / 6);
    expect(m.abandonmentRate).toBeCloseTo(1 / 6);
    expect(m.averageAbandonTime).toBeCloseTo(31.5);
    expect(m.averageSpeedOfAnswer).toBeCloseTo(65 / 3);
    expect(m.averageHandleTime).toBeCloseTo((540 + 20 + 90) / 3);
    expect(m.averageTalkTime).toBe(180);
    expect(m.averageHoldTime).toBeCloseTo(20 / 3);
    expect(m.averageRings).toBe(2);
    expect(m.transferRate).toBeCloseTo(1 / 3);
    expect(m.firstContactResolution).toBeCloseTo(2 / 3);
    expect(m.busyRate).toBeCloseTo(1 / 7);
    expect(m.queuePlacementRate).toBeCloseTo(6 / 7);
    expect(m.callbackCompletionRate).toBe(1);
    expect(m.callLossRate).toBeCloseTo(3 / 7);
    expect(m.occupancy).toBeCloseTo(650 / 3680);
    expect(m.callsPerHour).toBeCloseTo(1.5);
    expect(m.notReadyTime).toBe(600);
  });

  it('shows no data, never zero, where a denominator is zero or an input does not exist yet', () => {
    const m = computeMetrics(addTallies(tallyCall(call('abandoned', 30), thresholds)));
    expect(m.averageSpeedOfAnswer).toBeNull();
    expect(m.averageHandleTime).toBeNull();
    expect(m.attendanceRate).toBeNull();
    expect(m.monitoringScore).toBeNull();
    expect(m.costPerCall).toBeNull();
    expect(m.agentTurnover).toBeNull();
    expect(m.serviceLevel).toBe(0);
  });

  it('gives the same figures however the calls are split into groups and summed', () => {
    const outcome = fc.constantFrom<TalliedOutcome>('answered', 'abandoned', 'blocked', 'overflowed', 'forwarded', 'closed', 'callback');
    const facts = fc.record({ outcome, waitSeconds: fc.integer({ min: 0, max: 600 }), talk: fc.integer({ min: 0, max: 900 }) });
    fc.assert(
      fc.property(fc.array(facts, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (list, groups) => {
        const tallies = list.map((f) => tallyCall(call(f.outcome, f.waitSeconds, { talkSeconds: f.outcome === 'answered' ? f.talk : 0 }), thresholds));
        const parts = Array.from({ length: groups }, (_, g) => addTallies(...tallies.filter((_, i) => i % groups === g)));
        const whole = computeMetrics(addTallies(...tallies));
        const summed = computeMetrics(addTallies(...parts));
        for (const id of Object.keys(whole)) {
          if (whole[id] === null) expect(summed[id]).toBeNull();
          else expect(summed[id]).toBeCloseTo(whole[id]!);
        }
        for (const id of ['serviceLevel', 'abandonmentRate', 'answerRate', 'callLossRate', 'busyRate']) {
          const v = whole[id];
          if (v !== null && v !== undefined) expect(v >= 0 && v <= 1).toBe(true);
        }
        if (whole.serviceLevel !== null) expect(whole.serviceLevel!).toBeLessThanOrEqual(whole.answerRate! + 1e-12);
      }),
    );
  });

  it('adds calls one by one into a running tally exactly as summing their tallies', () => {
    const outcome = fc.constantFrom<TalliedOutcome>('answered', 'abandoned', 'blocked', 'overflowed', 'forwarded', 'closed', 'callback');
    const facts = fc.record({
      outcome,
      waitSeconds: fc.double({ min: 0, max: 600, noNaN: true }),
      transferred: fc.boolean(),
      resolvedFirstContact: fc.constantFrom(null, true, false),
      callbackCompleted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 40 }), (list) => {
        const running = emptyTally();
        for (const f of list) addCallTally(running, call(f.outcome, f.waitSeconds, f), thresholds);
        expect(running).toEqual(addTallies(...list.map((f) => tallyCall(call(f.outcome, f.waitSeconds, f), thresholds))));
      }),
    );
  });

  it('is what docs/metrics.md says (run `npm run docs:metrics` after changing a definition)', () => {
    const doc = readFileSync(new URL('../../../../docs/metrics.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderMetricsMarkdown());
  });
});
