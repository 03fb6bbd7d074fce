import { parseLocalDateTime } from '../calendar/index';
import { erlangC } from './erlang-c';

/** What a roster was built to cover: each interval's forecast and the agents it requires. */
export interface RosterPlan {
  intervalMinutes: number;
  /** Share of scheduled time not on the phones (breaks, meetings, training): agents on the phones = scheduled × (1 − shrinkage). */
  shrinkage: number;
  /** The queues' service-level threshold, seconds (the strictest when several). */
  thresholdSeconds: number;
  /** The least rest between two shifts the roster was built with, hours: a swap may not break it. */
  minRestHours?: number;
  /** Local interval starts `YYYY-MM-DDTHH:MM`, the calls and AHT forecast, the agents to schedule. */
  intervals: { start: string; calls: number; aht: number; required: number }[];
}

/** A stretch of an agent's scheduled time in local `YYYY-MM-DDTHH:MM`, the end exclusive. */
export interface LocalSpan {
  start: string;
  end: string;
}

export interface CoveragePoint {
  start: string;
  required: number;
  scheduled: number;
  /** Erlang C's service level with the scheduled agents on the phones after shrinkage; 1 with no calls. */
  serviceLevel: number;
}

const minuteOf = (local: string) => {
  const { date, seconds } = parseLocalDateTime(local);
  return Date.parse(`${date}T00:00:00Z`) / 60_000 + seconds / 60;
};

/**
 * Required against scheduled agents per interval, with the service level the scheduled agents
 * predict: an agent counts in an interval when scheduled for the whole of it and not on a break in
 * it (`off`, e.g. lunch). What the leader's curve shows, recomputed after every change to the roster.
 *
 * @example
 * rosterCoverage(plan, [{ start: '2026-03-02T08:30', end: '2026-03-02T17:30' }]);
 * // [{ start: '2026-03-02T09:00', required: 1, scheduled: 1, serviceLevel: 0.93 }, …]
 */
export function rosterCoverage(plan: RosterPlan, working: readonly LocalSpan[], off: readonly LocalSpan[] = []): CoveragePoint[] {
  const spans = working.map((s) => [minuteOf(s.start), minuteOf(s.end)] as const);
  const breaks = off.map((s) => [minuteOf(s.start), minuteOf(s.end)] as const);
  const covers = (list: readonly (readonly [number, number])[], from: number, to: number) => list.filter(([s, e]) => s <= from && to <= e).length;
  const overlaps = (list: readonly (readonly [number, number])[], from: number, to: number) => list.filter(([s, e]) => s < to && from < e).length;
  return plan.intervals.map((i) => {
    const from = minuteOf(i.start);
    const to = from + plan.intervalMinutes;
    const scheduled = Math.max(0, covers(spans, from, to) - overlaps(breaks, from, to));
    const onPhones = Math.floor(scheduled * (1 - plan.shrinkage) + 1e-9);
    const traffic = (i.calls * i.aht) / (plan.intervalMinutes * 60);
    const serviceLevel = i.calls <= 0 ? 1 : erlangC({ traffic, agents: onPhones, ahtSeconds: Math.max(1, i.aht), thresholdSeconds: plan.thresholdSeconds }).serviceLevel;
    return { start: i.start, required: i.required, scheduled, serviceLevel };
  });
}
