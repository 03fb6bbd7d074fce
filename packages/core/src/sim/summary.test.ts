import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldInto, type CallDetailRecord, type DomainEvent } from '../calls/index';
import { addCallTally, emptyTally, factsFromRecord, tallyCall, type Tally, type Thresholds } from '../metrics/index';
import { simulateScenario, type Scenario } from './scenario';
import { SimulationTally } from './summary';

const start = Date.UTC(2026, 2, 2);
const hour = 3_600_000;

/** The call figures as the reports count them: each call's full detail record, folded by the record code. */
function fromRecords(events: readonly DomainEvent[], thresholds: Thresholds, queueThresholds: Map<string, Thresholds>) {
  const open = new Map<string, CallDetailRecord>();
  const total = emptyTally();
  const queues = new Map<string, Tally>();
  for (const e of events) {
    if (e.type === 'call.wrapped_up') total.wrapUpSeconds += e.payload.wrapUpMs / 1000;
    if (e.type === 'call.wrapped_up' || e.type === 'agent.state_changed') continue;
    const record = foldInto(open, e);
    if (e.type !== 'call.ended' || !record) continue;
    const at = factsFromRecord(record);
    if (at) {
      const t = queueThresholds.get(at.queueId) ?? thresholds;
      addCallTally(total, at.facts, t);
      if (!queues.has(at.queueId)) queues.set(at.queueId, emptyTally());
      addCallTally(queues.get(at.queueId)!, at.facts, t);
    }
    open.delete(e.stream);
  }
  return { total, queues };
}

/** The call fields of a tally (agent time is folded by other code). */
const callFieldNames = Object.keys(
  tallyCall(
    {
      outcome: 'answered',
      waitSeconds: 0,
      placedInQueue: false,
      queueSeconds: 0,
      ringSeconds: 0,
      talkSeconds: 0,
      holdSeconds: 0,
      wrapUpSeconds: 0,
      transferred: false,
      resolvedFirstContact: null,
    },
    { serviceLevelSeconds: 20, shortAbandonSeconds: 0 },
  ),
);
const callFields = (t: Tally) => Object.fromEntries(callFieldNames.map((k) => [k, t[k as keyof Tally]]));

describe('the simulation tally', () => {
  it('counts every call exactly as the call detail records would, on random simulated days', () => {
    const seen = { answered: 0, abandoned: 0, callbacksRequested: 0, callbacksCompleted: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (seed, callbackShare, noAnswerProbability, agents, breaks) => {
          // The agents leave at hour 2 of 3: the last hour's callers find nobody and wait, give up or ask for a callback.
          const scenario: Scenario = {
            start,
            hours: 3,
            seed,
            thresholdSeconds: 20,
            talk: { kind: 'exponential', mean: 150 },
            wrapUp: { kind: 'fixed', value: 5 },
            patience: { kind: 'exponential', mean: 60 },
            answerDelay: { kind: 'exponential', mean: 3 },
            noAnswerProbability,
            callbackShare,
            ...(breaks ? { breaks: { every: { kind: 'exponential', mean: 1200 }, length: { kind: 'fixed', value: 300 } } } : {}),
            queues: [
              { id: 'general', arrivals: [{ start, seconds: 3 * 3600, calls: 150 }] },
              { id: 'vip', thresholdSeconds: 40, vipLevel: 4, arrivals: [{ start, seconds: 3 * 3600, calls: 50 }] },
            ],
            agentGroups: [{ id: 'a', count: agents, skills: [], shifts: [{ logIn: start, logOut: start + 2 * hour }] }],
          };
          const events: DomainEvent[] = [];
          simulateScenario(scenario, { onEvents: (e) => events.push(...e) });
          const thresholds = { serviceLevelSeconds: 20, shortAbandonSeconds: 0 };
          const queueThresholds = new Map([['vip', { serviceLevelSeconds: 40, shortAbandonSeconds: 0 }]]);
          const lean = new SimulationTally(thresholds, queueThresholds);
          lean.add(events);
          const expected = fromRecords(events, thresholds, queueThresholds);
          const total = lean.finish(start + 3 * hour);
          expect(callFields(total)).toEqual(callFields(expected.total));
          for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] += total[k];
          expect(new Map([...lean.byQueue()].map(([id, t]) => [id, callFields(t)]))).toEqual(new Map([...expected.queues].map(([id, t]) => [id, callFields(t)])));
        },
      ),
      // A day known to cover every outcome, besides the random ones.
      { numRuns: 12, examples: [[6, 0.5, 0.1, 5, true]] },
    );
    // The random days cover the outcomes whose facts differ: answered, abandoned, callbacks made and not.
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });
});
