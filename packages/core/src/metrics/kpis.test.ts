import { describe, expect, it } from 'vitest';
import { callDetailRecords } from '../calls/index';
import { harness } from '../routing/testing';
import { serviceLevelLabel, type ServiceLevelVariant } from '../settings/index';
import { addTallies, computeMetrics, defaultMetricParameters, factsFromRecord, tallyCall, type CallFacts, type Tally } from './index';

const thresholds = { serviceLevelSeconds: 20, shortAbandonSeconds: 5 };

/** The call tally of everything a router test said, as the reports count it. */
function tallyOf(events: Parameters<typeof callDetailRecords>[0]): Tally {
  const facts = [...callDetailRecords(events).values()].map((r) => factsFromRecord(r)).filter((f) => f !== null);
  return addTallies(...facts.map((f) => tallyCall(f.facts, thresholds)));
}

const closed = { timeZone: 'Asia/Shanghai', hours: {}, holidays: [] };

describe('KPIs true to their definitions (issue 19)', () => {
  it('a call answered by a free agent is not placed in queue and has queue time 0, however long it rang', () => {
    const t = harness([{ id: 'q', agents: ['a1', 'a2'] }], ['a1', 'a2']);
    t.login('a1', 0);
    t.arrive('c1', 10);
    t.answer('c1', 'a1', 18);
    t.arrive('c2', 20);
    t.login('a2', 50);
    t.answer('c2', 'a2', 53);
    t.h({ type: 'switch.caller_hung_up', callId: 'c1' }, 60);
    t.h({ type: 'switch.caller_hung_up', callId: 'c2' }, 61);
    const records = callDetailRecords(t.events);
    expect(factsFromRecord(records.get('c1')!)!.facts).toMatchObject({ placedInQueue: false, queueSeconds: 0, waitSeconds: 8, ringSeconds: 8 });
    expect(factsFromRecord(records.get('c2')!)!.facts).toMatchObject({ placedInQueue: true, queueSeconds: 30, waitSeconds: 33 });
    const m = computeMetrics(tallyOf(t.events));
    expect(m.queuePlacementRate).toBe(0.5);
    expect(m.averageQueueTime).toBe(30);
    expect(m.averageSpeedOfAnswer).toBeCloseTo((8 + 33) / 2);
  });

  it('average rings count the rings of answered calls over answered calls', () => {
    const t = harness([{ id: 'q', agents: ['a1', 'a2'], ringTimeoutSeconds: 30 }], ['a1', 'a2']);
    t.login('a1', 0);
    t.login('a2', 0);
    t.arrive('c1', 0);
    t.arrive('c2', 1);
    t.answer('c1', 'a1', 10);
    // Rang 20 s at a2, then the caller hung up: those rings were heard by nobody who was served.
    t.h({ type: 'switch.caller_hung_up', callId: 'c2' }, 21);
    t.h({ type: 'switch.caller_hung_up', callId: 'c1' }, 60);
    expect(computeMetrics(tallyOf(t.events)).averageRings).toBe(10 / 5);
  });

  it('counts after-hours forwarded and message-only calls in 总呼叫数 with their queue; the forwarded ones are not lost', () => {
    const t = harness(
      [
        { id: 'hotline', agents: ['a1'], hours: closed, afterHoursAction: { kind: 'forward', number: '13900000000' } },
        { id: 'q', agents: ['a1'], hours: closed, afterHoursAction: { kind: 'message', message: '已下班' } },
      ],
      ['a1'],
    );
    t.arrive('c1', 0, { queueId: 'hotline' });
    t.arrive('c2', 1, { queueId: 'q' });
    const records = callDetailRecords(t.events);
    expect(records.get('c1')).toMatchObject({ outcome: 'forwarded_after_hours', firstQueueId: 'hotline' });
    expect(factsFromRecord(records.get('c2')!)).toMatchObject({ queueId: 'q', facts: { outcome: 'closed' } });
    const m = computeMetrics(tallyOf(t.events));
    expect(m.totalCalls).toBe(2);
    expect(m.callLossRate).toBe(0.5);
    // Never offered to an agent: the service level and abandonment have nothing to say about them.
    expect(m.serviceLevel).toBeNull();
  });

  it('a callback that reached the customer is neither lost nor against the service level', () => {
    const t = harness([{ id: 'q', agents: ['a1'], wrapUpSeconds: 0 }], ['a1']);
    t.arrive('c1', 0);
    t.h({ type: 'switch.callback_requested', callId: 'c1', number: '13911112222' }, 30);
    t.login('a1', 40);
    t.answer('c1', 'a1', 42);
    t.h({ type: 'switch.customer_answered', callId: 'c1' }, 50);
    t.hangUp('a1', 90);
    t.arrive('c2', 100);
    t.answer('c2', 'a1', 105);
    t.h({ type: 'switch.caller_hung_up', callId: 'c2' }, 130);
    const m = computeMetrics(tallyOf(t.events));
    expect(m.totalCalls).toBe(2);
    expect(m.callbackCompletionRate).toBe(1);
    expect(m.callLossRate).toBe(0);
    expect(m.serviceLevel).toBe(1);
  });
});

describe('service-level variants (center settings)', () => {
  // Answered in 10 s and 40 s, abandoned in 3 s (short) and 15 s, a completed callback.
  const t = addTallies(
    ...[
      { outcome: 'answered', waitSeconds: 10 },
      { outcome: 'answered', waitSeconds: 40 },
      { outcome: 'abandoned', waitSeconds: 3 },
      { outcome: 'abandoned', waitSeconds: 15 },
      { outcome: 'callback', waitSeconds: 60, callbackCompleted: true },
    ].map((c) =>
      tallyCall(
        {
          ringSeconds: 0,
          talkSeconds: 0,
          holdSeconds: 0,
          wrapUpSeconds: 0,
          transferred: false,
          resolvedFirstContact: null,
          placedInQueue: true,
          queueSeconds: 0,
          ...c,
        } as CallFacts,
        thresholds,
      ),
    ),
  );
  const sl = (variant: ServiceLevelVariant, excludeShortAbandons = false) =>
    computeMetrics(t, { ...defaultMetricParameters, serviceLevel: { variant, excludeShortAbandons } }).serviceLevel;

  it('divides as each variant says, with or without short abandons', () => {
    expect(sl('offered')).toBeCloseTo(1 / 4);
    expect(sl('offered', true)).toBeCloseTo(1 / 3);
    expect(sl('answered_abandoned')).toBeCloseTo(1 / 4);
    expect(sl('answered_abandoned', true)).toBeCloseTo(1 / 3);
    expect(sl('abandon_met')).toBeCloseTo(3 / 4);
    expect(sl('abandon_met', true)).toBeCloseTo(2 / 3);
  });

  it('Amazon Connect’s variant divides by the calls queued: a call blocked on arrival counts against the others only', () => {
    const blocked = tallyCall(
      {
        outcome: 'blocked',
        waitSeconds: 0,
        ringSeconds: 0,
        talkSeconds: 0,
        holdSeconds: 0,
        wrapUpSeconds: 0,
        transferred: false,
        resolvedFirstContact: null,
        placedInQueue: false,
        queueSeconds: 0,
      } as CallFacts,
      thresholds,
    );
    const withBlocked = addTallies(t, blocked);
    const variant = (v: ServiceLevelVariant) => computeMetrics(withBlocked, { ...defaultMetricParameters, serviceLevel: { variant: v, excludeShortAbandons: false } }).serviceLevel;
    expect(variant('abandon_met')).toBeCloseTo(3 / 4);
    expect(variant('offered')).toBeCloseTo(1 / 5);
    expect(serviceLevelLabel({ variant: 'abandon_met', excludeShortAbandons: false }).zh).toBe('服务水平口径：(阈值内接听 + 阈值内放弃) / 进入队列的呼入');
  });
});
