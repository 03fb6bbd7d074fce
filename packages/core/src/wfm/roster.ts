import { addDays, dayNumber, localDateTime, minuteOfDay, parseLocalDateTime, weekday } from '../calendar/index';
import { overlapsUnavailable } from './availability';
import type { LocalSpan } from './coverage';
import { WfmInputError } from './errors';
import type { IntervalRequirement, ShiftTemplate } from './schedule';

/** An agent to roster, with the center's rules for them. */
export interface RosterAgent {
  id: string;
  /** Most working days in a calendar week (Monday to Sunday); default 5. */
  maxDaysPerWeek?: number;
  /** Most paid hours in a calendar week; default 40. */
  maxHoursPerWeek?: number;
  /** Dates with approved leave (请假) or otherwise unavailable: no shift. */
  unavailable?: readonly string[];
  /** Shift names this agent may not work (e.g. no night shift); default none. */
  excludedShifts?: readonly string[];
  /** Local spans the agent cannot work (可用性: 周三晚上不能上班): no shift overlapping one. */
  unavailableSpans?: readonly LocalSpan[];
}

export interface RosterRules {
  /** Least rest between the end of one shift and the start of the next, hours; default 11. */
  minRestHours?: number;
  /** Most working days in a row; default 6. */
  maxConsecutiveDays?: number;
}

export interface RosterInput {
  agents: readonly RosterAgent[];
  /** The first and last dates of the roster (a month), included. */
  from: string;
  to: string;
  shifts: readonly ShiftTemplate[];
  /** Agents required per interval; intervals not listed need nobody. */
  requirements: readonly IntervalRequirement[];
  rules?: RosterRules;
}

/** One agent's shift on one day. */
export interface RosterShift {
  agentId: string;
  date: string;
  shift: string;
  /** Local start and end, `YYYY-MM-DDTHH:MM` (the end may be the next day). */
  start: string;
  end: string;
}

export interface RosterResult {
  status: 'optimal' | 'time_limit';
  shifts: RosterShift[];
  /** Intervals the rules and the agents could not cover: required, scheduled. */
  short: { start: string; required: number; scheduled: number }[];
}

/** The roster as a MIP in CPLEX LP format, and how to read the solver's answer back. */
export interface RosterModel {
  lp: string;
  read(status: 'optimal' | 'time_limit', values: (name: string) => number): RosterResult;
}

/** Weights of the objective: a missing agent-interval outweighs any cost; fairness is a tie-breaker above cost rounding. */
const SHORTAGE = 1000;
const FAIRNESS = 2;

/** A night shift: it crosses midnight or starts at 22:00 or later. */
const isNight = (t: { start: number; end: number }) => t.end > 1440 || t.start >= 22 * 60;

/**
 * Builds the roster MIP for a team's month: a binary y(agent, day, shift) for every shift an agent
 * may work (not on unavailable days, not excluded shifts); at most one shift a day; at most
 * `maxDaysPerWeek` days and `maxHoursPerWeek` hours per calendar week; at most `maxConsecutiveDays`
 * in a row; no two shifts closer than `minRestHours`; every interval's requirement covered (one row
 * per stretch of intervals the same shifts cover, for its largest requirement), with a
 * shortage variable priced far above any cost so the model is never infeasible and the shortage
 * says where the rules and the people fall short. Then least cost, and fairness: weekend days
 * beyond the agent's fair share of the weekends, and night shifts beyond about one a week, cost extra.
 *
 * @example
 * const model = rosterModel({ agents: [{ id: 'a' }], from: '2026-03-02', to: '2026-03-08', shifts, requirements });
 * model.read('optimal', (name) => solution[name]); // { status, shifts: [{ agentId: 'a', date: '2026-03-02', shift: '早班', … }], short: [] }
 */
export function rosterModel(input: RosterInput): RosterModel {
  const minRest = (input.rules?.minRestHours ?? 11) * 60;
  const maxConsecutive = input.rules?.maxConsecutiveDays ?? 6;
  if (!Number.isFinite(minRest) || minRest < 0) throw new WfmInputError('minRestHours', 'must be a number of at least 0');
  if (!Number.isInteger(maxConsecutive) || maxConsecutive < 1) throw new WfmInputError('maxConsecutiveDays', 'must be a whole number of at least 1');
  const first = dayNumber(input.from);
  const days = dayNumber(input.to) - first + 1;
  if (days < 1 || days > 62) throw new WfmInputError('to', `a roster runs 1 to 62 days, got ${days}`);
  if (input.agents.length === 0) throw new WfmInputError('agents', 'has nobody to roster');
  if (input.shifts.length === 0) throw new WfmInputError('shifts', 'has no shift');
  const templates = input.shifts.map((s) => {
    const start = minuteOfDay(s.start);
    let end = minuteOfDay(s.end);
    if (end <= start) end += 1440;
    return { name: s.name, start, end, cost: s.cost ?? (end - start) / 60, hours: (end - start) / 60 };
  });
  const dates = Array.from({ length: days }, (_, d) => addDays(input.from, d));

  // y[a][d][k]: the variable's name, or undefined where the agent cannot work that shift that day.
  const y = input.agents.map((agent, a) => {
    const off = new Set(agent.unavailable ?? []);
    const excluded = new Set(agent.excludedShifts ?? []);
    const spans = agent.unavailableSpans ?? [];
    return dates.map((date, d) =>
      templates.map((t, k) => (off.has(date) || excluded.has(t.name) || overlapsUnavailable(spans, date, t.start, t.end) ? undefined : `y${a}_${d}_${k}`)),
    );
  });
  const objective: string[] = [];
  const rows: string[] = [];
  const row = (name: string, terms: string[], sense: string) => {
    if (terms.length > 0) rows.push(` ${name}:\n${wrap(terms.map((t, i) => (i && !t.startsWith('-') ? `+ ${t}` : t)))}\n  ${sense}`);
  };
  y.forEach((agentDays, a) => {
    const agent = input.agents[a]!;
    agentDays.forEach((ks, d) => {
      ks.forEach((v, k) => {
        if (v) objective.push(`${num(templates[k]!.cost)} ${v}`);
      });
      row(
        `one${a}_${d}`,
        ks.filter((v): v is string => !!v),
        '<= 1',
      );
      // Rest: shift k today and k2 tomorrow too close together.
      if (d + 1 < days) {
        ks.forEach((v, k) => {
          agentDays[d + 1]!.forEach((w, k2) => {
            if (v && w && templates[k2]!.start + 1440 - templates[k]!.end < minRest) row(`rest${a}_${d}_${k}_${k2}`, [v, w], '<= 1');
          });
        });
      }
      if (d + maxConsecutive < days)
        row(
          `run${a}_${d}`,
          agentDays.slice(d, d + maxConsecutive + 1).flatMap((x) => x.filter((v): v is string => !!v)),
          `<= ${maxConsecutive}`,
        );
    });
    // Calendar weeks, Monday to Sunday, as far as they fall in the roster.
    for (let d = 0; d < days; ) {
      const end = Math.min(days, d + ((8 - weekday(dates[d]!)) % 7 || 7));
      const week = agentDays.slice(d, end);
      row(
        `days${a}_${d}`,
        week.flatMap((x) => x.filter((v): v is string => !!v)),
        `<= ${agent.maxDaysPerWeek ?? 5}`,
      );
      row(
        `hours${a}_${d}`,
        week.flatMap((x) => x.flatMap((v, k) => (v ? [`${num(templates[k]!.hours)} ${v}`] : []))),
        `<= ${agent.maxHoursPerWeek ?? 40}`,
      );
      d = end;
    }
    // Fairness: weekend days beyond a fair share of them (the weekly days' share of the weekends) and
    // night shifts beyond about one a week are priced, per agent. A min-max of the most any agent works
    // would be fairer still, but it ties the agents together and made a 50-agent month time out.
    const weekendDays = dates.filter((date) => [0, 6].includes(weekday(date))).length;
    const weekend = agentDays.flatMap((ks, d) => ([0, 6].includes(weekday(dates[d]!)) ? ks.filter((v): v is string => !!v) : []));
    const nights = agentDays.flatMap((ks) => ks.filter((v, k): v is string => !!v && isNight(templates[k]!)));
    if (weekend.length > 0) {
      objective.push(`${FAIRNESS} w${a}`);
      row(`fairW${a}`, [...weekend, `- w${a}`], `<= ${Math.ceil((weekendDays * (agent.maxDaysPerWeek ?? 5)) / 7)}`);
    }
    if (nights.length > 0) {
      objective.push(`${FAIRNESS} n${a}`);
      row(`fairN${a}`, [...nights, `- n${a}`], `<= ${Math.ceil(days / 7)}`);
    }
  });

  const intervals = coverageRows(input.requirements, first, days, templates, y);
  // Intervals the same shifts cover need one row, for the most agents any of them requires: a day of
  // 96 quarter-hours has only a dozen such stretches, and the model shrinks tenfold.
  const stretches = new Map<string, { covering: string[]; required: number }>();
  for (const interval of intervals) {
    if (interval.required === 0) continue;
    const key = interval.covering.join(' ');
    const stretch = stretches.get(key);
    if (!stretch) stretches.set(key, { covering: interval.covering, required: interval.required });
    else stretch.required = Math.max(stretch.required, interval.required);
  }
  [...stretches.values()].forEach((stretch, i) => {
    objective.push(`${SHORTAGE} s${i}`);
    row(`cover${i}`, [...stretch.covering, `s${i}`], `>= ${stretch.required}`);
  });
  const binaries = y.flatMap((days) => days.flatMap((ks) => ks.filter((v): v is string => !!v)));
  const lp = ['Minimize', ' obj:', wrap(objective.map((t, i) => (i ? `+ ${t}` : t))), 'Subject To', ...rows, 'Binary', wrap(binaries), 'End'].join('\n');

  return {
    lp,
    read(status, values) {
      const shifts: RosterShift[] = [];
      const on = new Set<string>();
      y.forEach((agentDays, a) => {
        agentDays.forEach((ks, d) => {
          ks.forEach((v, k) => {
            if (!v || values(v) < 0.5) return;
            on.add(v);
            const t = templates[k]!;
            shifts.push({ agentId: input.agents[a]!.id, date: dates[d]!, shift: t.name, start: localDateTime(dates[d]!, t.start), end: localDateTime(dates[d]!, t.end) });
          });
        });
      });
      const short = intervals.map((i) => ({ start: i.start, required: i.required, scheduled: i.covering.filter((v) => on.has(v)).length })).filter((i) => i.scheduled < i.required);
      return { status, shifts, short };
    },
  };
}

/** Each requirement interval inside the roster's days, with the variables of the shifts that span it whole. */
function coverageRows(requirements: readonly IntervalRequirement[], first: number, days: number, templates: { start: number; end: number }[], y: (string | undefined)[][][]) {
  const starts = requirements.map((r) => {
    const at = parseLocalDateTime(r.start);
    return { start: r.start, minute: (dayNumber(at.date) - first) * 1440 + at.seconds / 60, required: r.agents };
  });
  const sorted = [...starts].sort((a, b) => a.minute - b.minute);
  const step = Math.min(60, sorted.reduce((g, r) => gcd(g, Math.abs(r.minute - sorted[0]!.minute)), 0) || 60);
  return starts
    .filter((r) => r.minute >= 0 && r.minute < days * 1440)
    .map((r) => {
      const covering: string[] = [];
      for (let d = Math.max(0, Math.floor(r.minute / 1440) - 1); d <= Math.floor(r.minute / 1440); d++) {
        templates.forEach((t, k) => {
          if (d * 1440 + t.start <= r.minute && r.minute + step <= d * 1440 + t.end) for (const agentDays of y) if (agentDays[d]![k]) covering.push(agentDays[d]![k]!);
        });
      }
      return { start: r.start, required: r.required, covering };
    });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const num = (x: number) => String(Math.round(x * 1e6) / 1e6);

function wrap(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(`  ${terms.slice(i, i + 8).join(' ')}`);
  return lines.join('\n');
}
