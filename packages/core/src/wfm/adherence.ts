import type { AgentStatus } from '../calls/events';
import type { AdherenceTally } from '../metrics/adherence';
import { shiftAttendance, type Span } from './attendance';

/** A break inside a published shift (午休, 小休), epoch ms. */
export interface ScheduledBreak extends Span {
  name: string;
}

/** A published shift with its breaks, epoch ms. */
export interface ScheduledShift extends Span {
  breaks?: readonly ScheduledBreak[];
}

/** What the schedule says an agent does at a moment: work the phones, take a break, or nothing (off). */
export type ScheduledActivity = 'on_shift' | 'break' | 'off';

/** A logged-in span; `end` null while still logged in. */
export interface LoginSpan {
  start: number;
  end: number | null;
}

/** The activity the schedule has at `at`, and the break's name during one. */
export function activityAt(schedule: readonly ScheduledShift[], at: number): { activity: ScheduledActivity; breakName: string | null } {
  const shift = schedule.find((s) => s.start <= at && at < s.end);
  if (!shift) return { activity: 'off', breakName: null };
  const pause = shift.breaks?.find((b) => b.start <= at && at < b.end);
  return pause ? { activity: 'break', breakName: pause.name } : { activity: 'on_shift', breakName: null };
}

/** States in which an agent works the phones (logged in and not 未就绪). */
export const isWorking = (status: AgentStatus): boolean => status !== 'logged_out' && status !== 'not_ready';

/**
 * Whether a state keeps to the scheduled activity: working while on shift, away (not ready or logged
 * out) during a break. Time off the schedule is not measured, so any state keeps to it.
 */
export function keepsTo(activity: ScheduledActivity, status: AgentStatus): boolean {
  if (activity === 'off') return true;
  return activity === 'on_shift' ? isWorking(status) : !isWorking(status);
}

/** The latest moment ≤ `at` where the schedule's activity changes; -Infinity when none. */
function segmentStart(schedule: readonly ScheduledShift[], at: number): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const s of schedule) {
    for (const b of [s.start, s.end, ...(s.breaks ?? []).flatMap((p) => [p.start, p.end])]) if (b <= at && b > latest) latest = b;
  }
  return latest;
}

/** An agent's real-time adherence (实时排班遵守), as the wallboard shows it. */
export interface LiveAdherence {
  activity: ScheduledActivity;
  /** The break's name during one (午休). */
  breakName: string | null;
  inAdherence: boolean;
  /** Since when the agent has been out of adherence without a pause; null while in adherence. */
  outSince: number | null;
  /** The shift under way, or null off shift. */
  shift: Span | null;
  /** Minutes late into the shift under way (first login more than the grace period after its start, or none yet); 0 when not late. */
  lateMinutes: number;
}

/**
 * Where an agent stands against the published schedule at `now`: the activity planned, whether the
 * state keeps to it, since when it has not (across consecutive activities the state breaks alike),
 * and lateness into the shift under way by the center's grace period (考勤: `shiftAttendance`).
 *
 * @example
 * // 早班 08:30-17:30, still logged out (since last night) at 08:50:
 * liveAdherence([{ start: t0830, end: t1730 }], { status: 'logged_out', since: lastNight }, [], t0850, 5);
 * // { activity: 'on_shift', inAdherence: false, outSince: t0830, lateMinutes: 20, … }
 */
export function liveAdherence(
  schedule: readonly ScheduledShift[],
  state: { status: AgentStatus; since: number },
  logins: readonly LoginSpan[],
  now: number,
  graceMinutes: number,
): LiveAdherence {
  const { activity, breakName } = activityAt(schedule, now);
  const shift = schedule.find((s) => s.start <= now && now < s.end) ?? null;
  const inAdherence = keepsTo(activity, state.status);
  let outSince: number | null = null;
  if (!inAdherence) {
    // Back through the activities while the same state broke each of them too.
    let at = now;
    for (;;) {
      const start = segmentStart(schedule, at);
      if (state.since >= start) {
        outSince = state.since;
        break;
      }
      if (keepsTo(activityAt(schedule, start - 1).activity, state.status)) {
        outSince = start;
        break;
      }
      at = start - 1;
    }
  }
  const spans = logins.map((l) => ({ start: l.start, end: l.end ?? now }));
  const lateMinutes = shift ? shiftAttendance(shift, spans, now, graceMinutes).lateMinutes : 0;
  return { activity, breakName, inAdherence, outSince, shift: shift && { start: shift.start, end: shift.end }, lateMinutes };
}

/** One quarter-hour of an agent's time from the reports: its start and the seconds spent working (logged in and not 未就绪). */
export interface WorkingQuarter {
  start: number;
  workingSeconds: number;
}

const QUARTER = 15 * 60_000;

/**
 * One shift's adherence tally so far (`now`) from the agent's quarter-hours: scheduled time, time in
 * adherence (working on shift, away in a break), scheduled working time, and time worked on the
 * shift's day (`day`, the local day; widened to the shift when it runs past midnight). A quarter's
 * working seconds are taken as spread evenly across it (the quarter under way, across its part until `now`).
 *
 * @example
 * shiftAdherence({ start: t, end: t + 9 * 3_600_000 }, quarters, { start: dayStart, end: dayEnd }, now).inAdherenceSeconds;
 */
export function shiftAdherence(shift: ScheduledShift, quarters: readonly WorkingQuarter[], day: Span, now: number): AdherenceTally {
  const until = Math.min(now, shift.end);
  const breaks = shift.breaks ?? [];
  const overlap = (a: Span, from: number, to: number) => Math.max(0, Math.min(a.end, to) - Math.max(a.start, from));
  const window = { start: Math.min(day.start, shift.start), end: Math.max(day.end, shift.end) };
  let scheduled = 0;
  let inAdherence = 0;
  let scheduledWork = 0;
  let worked = 0;
  const byStart = new Map(quarters.map((q) => [q.start, q.workingSeconds]));
  for (const q of quarters) if (q.start >= window.start && q.start < window.end) worked += q.workingSeconds;
  // The schedule's pieces up to now, each quarter's share applied to the part of it inside.
  for (let q = shift.start - (((shift.start % QUARTER) + QUARTER) % QUARTER); q < until; q += QUARTER) {
    const from = Math.max(q, shift.start);
    const to = Math.min(q + QUARTER, until);
    if (to <= from) continue;
    // The quarter under way has been observed only up to now.
    const share = Math.min(1, Math.max(0, (byStart.get(q) ?? 0) / (Math.min(QUARTER, now - q) / 1000)));
    const span = (to - from) / 1000;
    const onBreak = breaks.reduce((sum, b) => sum + overlap(b, from, to), 0) / 1000;
    scheduled += span;
    scheduledWork += span - onBreak;
    inAdherence += (span - onBreak) * share + onBreak * (1 - share);
  }
  return { scheduledSeconds: scheduled, inAdherenceSeconds: inAdherence, scheduledWorkSeconds: scheduledWork, workedSeconds: worked };
}
