/** A span of time in epoch milliseconds, [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type AttendanceStatus = 'upcoming' | 'present' | 'late' | 'early_leave' | 'late_and_early' | 'absent';

/** How an agent kept one published shift (考勤). */
export interface ShiftAttendance {
  status: AttendanceStatus;
  /** Minutes after the shift's start of the first login, when beyond the grace period. */
  lateMinutes: number;
  /** Minutes before the shift's end of the last logout, when beyond the grace period. */
  earlyMinutes: number;
  /** Logged-in minutes inside the shift (conformance's numerator). */
  workedMinutes: number;
}

/** Seed 003: the first case must be taken within 5 minutes of the start, or the time counts as late. */
export const DEFAULT_GRACE_MINUTES = 5;

const MINUTE = 60_000;

/**
 * Late arrival, early leave and absence from the agent's logged-in spans against a published shift
 * (seed 003 考勤办法): late when the first login inside the shift comes more than `graceMinutes` after
 * its start; early leave when the last logout comes more than `graceMinutes` before its end; absent
 * when the shift is over without a login. A shift that has not started is upcoming; one under way is
 * judged on what has happened so far (late already shows, early leave once it is over).
 *
 * @example
 * shiftAttendance({ start: t, end: t + 9 * 3_600_000 }, [{ start: t + 12 * 60_000, end: t + 9 * 3_600_000 }], t + 10 * 3_600_000);
 * // { status: 'late', lateMinutes: 12, earlyMinutes: 0, workedMinutes: 528 }
 */
export function shiftAttendance(shift: Span, loggedIn: readonly Span[], now: number, graceMinutes = DEFAULT_GRACE_MINUTES): ShiftAttendance {
  const grace = graceMinutes * MINUTE;
  const until = Math.min(now, shift.end);
  const inside = loggedIn.map((s) => ({ start: Math.max(s.start, shift.start), end: Math.min(s.end, until) })).filter((s) => s.end > s.start);
  const workedMinutes = Math.round(inside.reduce((sum, s) => sum + s.end - s.start, 0) / MINUTE);
  if (now <= shift.start) return { status: 'upcoming', lateMinutes: 0, earlyMinutes: 0, workedMinutes: 0 };
  if (inside.length === 0) {
    if (now >= shift.end) return { status: 'absent', lateMinutes: 0, earlyMinutes: 0, workedMinutes: 0 };
    // Under way and nobody yet: late so far, once the grace period is over.
    const so = now - shift.start;
    return { status: so > grace ? 'late' : 'present', lateMinutes: so > grace ? Math.round(so / MINUTE) : 0, earlyMinutes: 0, workedMinutes: 0 };
  }
  const first = Math.min(...inside.map((s) => s.start));
  const last = Math.max(...inside.map((s) => s.end));
  const lateMinutes = first - shift.start > grace ? Math.round((first - shift.start) / MINUTE) : 0;
  const earlyMinutes = now >= shift.end && shift.end - last > grace ? Math.round((shift.end - last) / MINUTE) : 0;
  const status: AttendanceStatus = lateMinutes > 0 ? (earlyMinutes > 0 ? 'late_and_early' : 'late') : earlyMinutes > 0 ? 'early_leave' : 'present';
  return { status, lateMinutes, earlyMinutes, workedMinutes };
}
