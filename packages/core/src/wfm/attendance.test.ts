import { describe, expect, it } from 'vitest';
import { shiftAttendance } from './index';

const M = 60_000;
/** 早班 08:30-17:30 as minutes from 08:30. */
const shift = { start: 0, end: 540 * M };
const span = (from: number, to: number) => ({ start: from * M, end: to * M });
const after = 600 * M;

describe('shiftAttendance', () => {
  it('on time within the grace period, late beyond it, early leave, both, and absent', () => {
    expect(shiftAttendance(shift, [span(-10, 545)], after)).toEqual({ status: 'present', lateMinutes: 0, earlyMinutes: 0, workedMinutes: 540 });
    // Five minutes is the seed's grace: 08:35 is still on time, 08:36 is late by 6 minutes.
    expect(shiftAttendance(shift, [span(5, 540)], after).status).toBe('present');
    expect(shiftAttendance(shift, [span(6, 540)], after)).toEqual({ status: 'late', lateMinutes: 6, earlyMinutes: 0, workedMinutes: 534 });
    expect(shiftAttendance(shift, [span(0, 500)], after)).toEqual({ status: 'early_leave', lateMinutes: 0, earlyMinutes: 40, workedMinutes: 500 });
    expect(shiftAttendance(shift, [span(20, 200), span(260, 520)], after)).toEqual({ status: 'late_and_early', lateMinutes: 20, earlyMinutes: 20, workedMinutes: 440 });
    expect(shiftAttendance(shift, [span(-300, -10), span(600, 700)], after)).toEqual({ status: 'absent', lateMinutes: 0, earlyMinutes: 0, workedMinutes: 0 });
  });

  it('judges a shift under way on what has happened so far, and a center may set its own grace', () => {
    expect(shiftAttendance(shift, [], -1).status).toBe('upcoming');
    expect(shiftAttendance(shift, [], 3 * M).status).toBe('present');
    expect(shiftAttendance(shift, [], 30 * M)).toEqual({ status: 'late', lateMinutes: 30, earlyMinutes: 0, workedMinutes: 0 });
    // Logged in since 08:30 and still on at 12:00: no early leave yet.
    expect(shiftAttendance(shift, [span(0, 10_000)], 210 * M)).toEqual({ status: 'present', lateMinutes: 0, earlyMinutes: 0, workedMinutes: 210 });
    expect(shiftAttendance(shift, [span(8, 540)], after, 10).status).toBe('present');
  });
});
