import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAdherenceMetrics } from '../metrics/index';
import { liveAdherence, shiftAdherence } from './index';

const M = 60_000;
/** 早班 08:30-17:30 as minutes from 08:30, lunch 12:00-13:00. */
const shift = { start: 0, end: 540 * M, breaks: [{ start: 210 * M, end: 270 * M, name: '午休' }] };
const at = (min: number) => min * M;

describe('liveAdherence', () => {
  it('an agent still logged out after the start is late and out of adherence since the start', () => {
    const live = liveAdherence([shift], { status: 'logged_out', since: at(-600) }, [], at(20), 5);
    expect(live).toMatchObject({ activity: 'on_shift', inAdherence: false, outSince: 0, lateMinutes: 20 });
    // Within the grace period: out of adherence already, not yet late.
    expect(liveAdherence([shift], { status: 'logged_out', since: at(-600) }, [], at(4), 5)).toMatchObject({ inAdherence: false, lateMinutes: 0 });
  });

  it('a late login stays late while the agent works, in adherence again', () => {
    const live = liveAdherence([shift], { status: 'ready', since: at(12) }, [{ start: at(12), end: null }], at(60), 5);
    expect(live).toMatchObject({ activity: 'on_shift', inAdherence: true, outSince: null, lateMinutes: 12 });
  });

  it('working through lunch is out of adherence from the lunch start; not ready in lunch is in', () => {
    expect(liveAdherence([shift], { status: 'talking', since: at(200) }, [{ start: 0, end: null }], at(215), 5)).toMatchObject({
      activity: 'break',
      breakName: '午休',
      inAdherence: false,
      outSince: at(210),
    });
    expect(liveAdherence([shift], { status: 'not_ready', since: at(211) }, [{ start: 0, end: null }], at(230), 5)).toMatchObject({ activity: 'break', inAdherence: true });
    // Not ready since before lunch and still after it: out again from the lunch's end, not from before it.
    expect(liveAdherence([shift], { status: 'not_ready', since: at(200) }, [{ start: 0, end: null }], at(280), 5)).toMatchObject({ inAdherence: false, outSince: at(270) });
  });

  it('off the schedule nothing is measured', () => {
    expect(liveAdherence([shift], { status: 'ready', since: at(-10) }, [{ start: at(-10), end: null }], at(-5), 5)).toMatchObject({
      activity: 'off',
      inAdherence: true,
      shift: null,
    });
    expect(liveAdherence([], { status: 'logged_out', since: 0 }, [], at(100), 5)).toMatchObject({ activity: 'off', inAdherence: true, lateMinutes: 0 });
  });

  it('out of adherence since no earlier than the state and no later than now', () => {
    const statuses = ['logged_out', 'ready', 'not_ready', 'talking', 'wrap_up'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.integer({ min: -600, max: 700 }), fc.integer({ min: 0, max: 600 }), (status, since, later) => {
        const now = at(since + later);
        const live = liveAdherence([shift], { status, since: at(since) }, [], now, 5);
        if (live.outSince !== null) {
          expect(live.outSince).toBeGreaterThanOrEqual(at(since));
          expect(live.outSince).toBeLessThanOrEqual(now);
        }
        expect(live.inAdherence).toBe(live.outSince === null);
      }),
    );
  });
});

describe('shiftAdherence', () => {
  const day = { start: at(-510), end: at(930) };
  const quarters = (working: (q: number) => number) => Array.from({ length: 96 }, (_, i) => ({ start: at(-510 + 15 * i), workingSeconds: working(-510 + 15 * i) }));

  it('working the shift and away at lunch is 100% adherence and conformance', () => {
    const tally = shiftAdherence(
      shift,
      quarters((q) => (q >= 0 && q < 540 && !(q >= 210 && q < 270) ? 900 : 0)),
      day,
      at(600),
    );
    expect(tally).toEqual({ scheduledSeconds: 32_400, inAdherenceSeconds: 32_400, scheduledWorkSeconds: 28_800, workedSeconds: 28_800 });
    expect(computeAdherenceMetrics(tally)).toEqual({ adherence: 1, conformance: 1 });
  });

  it('a 30-minute late start and working through lunch: adherence falls twice, conformance once then back', () => {
    const tally = shiftAdherence(
      shift,
      quarters((q) => (q >= 30 && q < 540 ? 900 : 0)),
      day,
      at(600),
    );
    // Out 30 minutes at the start and 60 at lunch: 450 of 540 minutes.
    expect(computeAdherenceMetrics(tally).adherence).toBeCloseTo(450 / 540);
    // Worked 510 minutes against 480 scheduled: the lunch made up for the late start, and more.
    expect(computeAdherenceMetrics(tally).conformance).toBeCloseTo(510 / 480);
  });

  it('counts a shift under way up to now only, and any share stays between 0 and 1', () => {
    expect(
      shiftAdherence(
        shift,
        quarters(() => 900),
        day,
        at(60),
      ).scheduledSeconds,
    ).toBe(3600);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 96, maxLength: 96 }), fc.integer({ min: 0, max: 600 }), (working, now) => {
        const tally = shiftAdherence(
          shift,
          quarters((q) => working[(q + 510) / 15]!),
          day,
          at(now),
        );
        expect(tally.inAdherenceSeconds).toBeGreaterThanOrEqual(0);
        expect(tally.inAdherenceSeconds).toBeLessThanOrEqual(tally.scheduledSeconds + 1e-6);
        expect(tally.scheduledWorkSeconds).toBeLessThanOrEqual(tally.scheduledSeconds);
      }),
    );
  });
});
