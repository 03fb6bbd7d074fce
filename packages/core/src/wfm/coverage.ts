import { parseLocalDateTime } from '../calendar/index';
import { erlangC } from './erlang-c';
import { type SkillShortage, skillShortage } from './skill-groups';

/** What a roster was built to cover: each interval's forecast and the agents it requires. */
export interface RosterPlan {
  intervalMinutes: number;
  /** Share of scheduled time not on the phones (breaks, meetings, training): agents on the phones = scheduled × (1 − shrinkage). */
  shrinkage: number;
  /** The queues' service-level threshold, seconds (the strictest when several). */
  thresholdSeconds: number;
  /** The least rest between two shifts the roster was built with, hours: a swap may not break it. */
  minRestHours?: number;
  /**
   * Local interval starts `YYYY-MM-DDTHH:MM`, the calls and AHT forecast, the agents to schedule;
   * `skills`: of those, the agents each skill group (a queue that requires skills) needs, only its own answering it.
   */
  intervals: { start: string; calls: number; aht: number; required: number; skills?: Record<string, number> }[];
}

/** A stretch of an agent's scheduled time in local `YYYY-MM-DDTHH:MM`, the end exclusive. */
export interface LocalSpan {
  start: string;
  end: string;
}

/** An agent's stretch of time: a shift, overtime or a break. */
export interface AgentSpan extends LocalSpan {
  agentId: string;
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

/**
 * The intervals where a skill group's requirement is not met by the agents on the phones having that
 * skill, by the same check the roster model makes (an agent with two skills counts once across
 * groups): the smallest sets of groups short, per interval. An agent counts as in rosterCoverage:
 * on shift the whole interval and not on a break in it. The team's total against its requirement
 * is rosterCoverage's; this says which skills are short even when the total is not.
 *
 * @example
 * rosterSkillShortage(plan, [{ agentId: 'a', start: '2026-03-02T08:30', end: '2026-03-02T17:30' }], [], new Map([['a', new Set()]]));
 * // [{ start: '2026-03-02T09:00', groups: ['yue'], required: 1, scheduled: 0 }, …]
 */
export function rosterSkillShortage(
  plan: RosterPlan,
  working: readonly AgentSpan[],
  off: readonly AgentSpan[],
  skillsOf: ReadonlyMap<string, ReadonlySet<string>>,
): (SkillShortage & { start: string })[] {
  const spans = working.map((s) => ({ agentId: s.agentId, from: minuteOf(s.start), to: minuteOf(s.end) }));
  const breaks = off.map((s) => ({ agentId: s.agentId, from: minuteOf(s.start), to: minuteOf(s.end) }));
  const none: ReadonlySet<string> = new Set();
  return plan.intervals.flatMap((i) => {
    const needs = new Map(Object.entries(i.skills ?? {}).filter(([, n]) => n > 0));
    if (needs.size === 0) return [];
    const from = minuteOf(i.start);
    const to = from + plan.intervalMinutes;
    const on = new Set(spans.filter((s) => s.from <= from && to <= s.to).map((s) => s.agentId));
    for (const b of breaks) if (b.from < to && from < b.to) on.delete(b.agentId);
    return skillShortage(
      needs,
      [...on].map((a) => skillsOf.get(a) ?? none),
    ).map((s) => ({ start: i.start, ...s }));
  });
}
