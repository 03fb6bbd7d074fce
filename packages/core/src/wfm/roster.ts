import { addDays, dayNumber, localDateTime, minuteOfDay, parseLocalDateTime, weekday } from '../calendar/index';
import { overlapsUnavailable } from './availability';
import type { LocalSpan } from './coverage';
import { WfmInputError } from './errors';
import type { IntervalRequirement, ShiftTemplate } from './schedule';
import { groupSets, skillShortage } from './skill-groups';

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
  /** The skill groups this agent answers (a queue's skills); default none, so only requirements without a skill. */
  skills?: readonly string[];
}

/** Agents required in an interval, of a skill group when `skill` is given (a queue), else any agent. */
export interface RosterRequirement extends IntervalRequirement {
  skill?: string;
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
  /** Agents required per interval (and skill group); intervals not listed need nobody. */
  requirements: readonly RosterRequirement[];
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

/** An interval the rules and the agents could not cover; `skill` names the skill group(s) short, joined by '+', when the requirement has skills. */
export interface RosterShort {
  start: string;
  required: number;
  scheduled: number;
  skill?: string;
}

export interface RosterResult {
  /** optimal: the covering's optimum held (every chosen shift filled); feasible: every rule kept, some chosen shift left empty; time_limit: the best found in time. */
  status: 'optimal' | 'feasible' | 'time_limit';
  shifts: RosterShift[];
  short: RosterShort[];
}

/** A MIP in CPLEX LP format. */
export type LpText = string;

/**
 * The roster in two MIPs. First the covering: agents are grouped into classes of interchangeable
 * ones (same rules, skills and days off), and an integer per class, day and shift says how many
 * work it, against the requirement at least cost, under each rule summed over the class (a valid
 * relaxation of the rules per agent: the first stage's optimum bounds the whole model's). Then,
 * a calendar week at a time, each class's agents are put on exactly the shifts chosen for it under
 * their own rules, spreading weekends and nights fairly: a small model a week, where only the
 * chosen shifts have variables. When every chosen shift is filled the roster covers as well, at the
 * same cost, as the one big model would.
 */
export interface RosterModel {
  /** The first stage in CPLEX LP format. */
  covering: LpText;
  /** The second stage, from the first stage's answer. */
  assign(covering: (name: string) => number): RosterAssignment;
}

/** The second stage, a week's model at a time: each built from the answers to those before it. */
export interface RosterAssignment {
  /** The next model to solve (a calendar week, every class); undefined when every week is done. */
  next(): LpText | undefined;
  /** The solver's answer to the model `next` gave last. */
  answer(values: (name: string) => number): void;
  /** The roster as answered; `unfilled` counts chosen shifts left empty (0: the first stage's coverage and cost held). */
  read(status: RosterResult['status']): RosterResult & { unfilled: number };
}

/** Weights of the objective: a missing agent-interval outweighs any cost; fairness is a tie-breaker above cost rounding. */
const SHORTAGE = 1000;
const FAIRNESS = 2;

/** A night shift: it crosses midnight or starts at 22:00 or later. */
const isNight = (t: { start: number; end: number }) => t.end > 1440 || t.start >= 22 * 60;

interface Template {
  name: string;
  start: number;
  end: number;
  cost: number;
  hours: number;
}

interface AgentClass {
  /** Indices into input.agents. */
  members: number[];
  maxDays: number;
  maxHours: number;
  /** allowed[d][k]: whether these agents may work shift k on day d. */
  allowed: boolean[][];
  skills: Set<string>;
}

/**
 * Builds the two-stage roster model for a team's month (see RosterModel). The rules per agent: at
 * most one shift a day; at most `maxDaysPerWeek` days and `maxHoursPerWeek` hours per calendar week;
 * at most `maxConsecutiveDays` in a row; no two shifts closer than `minRestHours`; no shift on an
 * unavailable date or over an unavailable stretch, none of the excluded shifts. Every interval's
 * requirement is covered with a shortage variable priced far above any cost, so the model is never
 * infeasible and the shortage says where the rules and the people fall short. With skill groups,
 * each agent on the phones answers one group at a time, so for every set of groups needed in an
 * interval the agents having any of them must be at least the set's requirement (Hall's condition:
 * exactly when the agents can be shared out).
 *
 * @example
 * const model = rosterModel({ agents: [{ id: 'a' }], from: '2026-03-02', to: '2026-03-08', shifts, requirements });
 * const assignment = model.assign(solve(model.covering));
 * for (let lp = assignment.next(); lp; lp = assignment.next()) assignment.answer(solve(lp));
 * assignment.read('optimal'); // { status, shifts: [{ agentId: 'a', date: '2026-03-02', shift: '早班', … }], short: [], unfilled: 0 }
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
  const templates: Template[] = input.shifts.map((s) => {
    const start = minuteOfDay(s.start);
    let end = minuteOfDay(s.end);
    if (end <= start) end += 1440;
    return { name: s.name, start, end, cost: s.cost ?? (end - start) / 60, hours: (end - start) / 60 };
  });
  const dates = Array.from({ length: days }, (_, d) => addDays(input.from, d));
  // Calendar weeks, Monday to Sunday, as far as they fall in the roster: [first day, day after the last).
  const weeks: [number, number][] = [];
  for (let d = 0; d < days; ) {
    const end = Math.min(days, d + ((8 - weekday(dates[d]!)) % 7 || 7));
    weeks.push([d, end]);
    d = end;
  }
  const restOk = (k: number, k2: number) => templates[k2]!.start + 1440 - templates[k]!.end >= minRest;

  // Interchangeable agents share a class: the same limits, skills and allowed shifts on every day.
  const classes: AgentClass[] = [];
  const classOf: number[] = [];
  const byKey = new Map<string, number>();
  input.agents.forEach((agent, a) => {
    const datesOff = new Set(agent.unavailable ?? []);
    const spans = agent.unavailableSpans ?? [];
    const excluded = new Set(agent.excludedShifts ?? []);
    const allowed = dates.map((date) => templates.map((t) => !datesOff.has(date) && !excluded.has(t.name) && !overlapsUnavailable(spans, date, t.start, t.end)));
    const maxDays = agent.maxDaysPerWeek ?? 5;
    const maxHours = agent.maxHoursPerWeek ?? 40;
    const skills = [...new Set(agent.skills ?? [])].sort();
    const key = JSON.stringify([maxDays, maxHours, skills, allowed.map((ks) => ks.map((ok) => (ok ? 1 : 0)).join(''))]);
    let c = byKey.get(key);
    if (c === undefined) {
      c = classes.length;
      byKey.set(key, c);
      classes.push({ members: [], maxDays, maxHours, allowed, skills: new Set(skills) });
    }
    classes[c]!.members.push(a);
    classOf.push(c);
  });

  const intervals = requirementIntervals(input.requirements, first, days, templates);
  /** The classes that count for a set of skill groups ('' stands for a requirement without a skill: anyone). */
  const classesFor = (groups: readonly string[]) => classes.flatMap((cl, c) => (groups.some((g) => g === '' || cl.skills.has(g)) ? [c] : []));

  // First stage: x{c}_{d}_{k} agents of class c on shift k on day d.
  const x = (c: number, d: number, k: number) => (classes[c]!.allowed[d]![k] ? `x${c}_${d}_${k}` : undefined);
  const covering = (() => {
    const lp = new LpWriter();
    const generals: string[] = [];
    classes.forEach((cl, c) => {
      const n = cl.members.length;
      const onDay = (d: number) => templates.flatMap((_, k) => x(c, d, k) ?? []);
      for (let d = 0; d < days; d++) {
        templates.forEach((t, k) => {
          const v = x(c, d, k);
          if (!v) return;
          lp.objective(`${num(t.cost)} ${v}`);
          lp.bound(`${v} <= ${n}`);
          generals.push(v);
        });
        lp.row(`day${c}_${d}`, onDay(d), `<= ${n}`);
        // Rest, summed over the class: shifts ending at or after k's end today against those k's end keeps from starting tomorrow (nested sets, so these are all the maximal ones).
        if (d + 1 < days) {
          templates.forEach((t, k) => {
            const tomorrow = templates.flatMap((_, k2) => (restOk(k, k2) ? [] : (x(c, d + 1, k2) ?? [])));
            if (tomorrow.length === 0) return;
            const today = templates.flatMap((t2, k1) => (t2.end >= t.end ? (x(c, d, k1) ?? []) : []));
            lp.row(`rest${c}_${d}_${k}`, [...today, ...tomorrow], `<= ${n}`);
          });
        }
        if (d + maxConsecutive < days) {
          lp.row(`run${c}_${d}`, Array.from({ length: maxConsecutive + 1 }, (_, i) => onDay(d + i)).flat(), `<= ${n * maxConsecutive}`);
        }
      }
      for (const [from, to] of weeks) {
        const week = Array.from({ length: to - from }, (_, i) => from + i);
        // Each agent's shifts are whole: no more of them in a week than the hours hold of the shortest allowed.
        const shortest = Math.min(...week.flatMap((d) => templates.flatMap((t, k) => (x(c, d, k) ? [t.hours] : []))));
        lp.row(`days${c}_${from}`, week.flatMap(onDay), `<= ${n * Math.min(cl.maxDays, Math.floor(cl.maxHours / shortest + 1e-9))}`);
        lp.row(
          `hours${c}_${from}`,
          week.flatMap((d) => templates.flatMap((t, k) => (x(c, d, k) ? [`${num(t.hours)} ${x(c, d, k)}`] : []))),
          `<= ${num(n * cl.maxHours)}`,
        );
      }
    });
    // One covering row per stretch of intervals with the same shifts and classes, for its largest requirement.
    const stretches = new Map<string, { terms: string[]; required: number }>();
    for (const interval of intervals) {
      for (const groups of groupSets(interval.needs)) {
        const required = groups.reduce((sum, g) => sum + interval.needs.get(g)!, 0);
        const terms = classesFor(groups).flatMap((c) => interval.covering.flatMap(([d, k]) => x(c, d, k) ?? []));
        const key = terms.join(' ');
        const stretch = stretches.get(key);
        if (!stretch) stretches.set(key, { terms, required });
        else stretch.required = Math.max(stretch.required, required);
      }
    }
    [...stretches.values()].forEach((stretch, i) => {
      lp.objective(`${SHORTAGE} s${i}`);
      lp.row(`cover${i}`, [...stretch.terms, `s${i}`], `>= ${stretch.required}`);
    });
    return lp.text({ generals });
  })();

  // Second stage, a calendar week at a time: y{a}_{d}_{k} only where the first stage put agents of
  // the agent's class; u{c}_{d}_{k} a chosen shift left empty. The weeks before are fixed: the rest
  // after the day before, the days in a row and the weekends and nights so far carry over.
  const weekend = dates.map((date) => [0, 6].includes(weekday(date)));
  const assign = (values: (name: string) => number): RosterAssignment => {
    const slots = classes.map((_, c) => dates.map((_, d) => templates.map((_, k) => (x(c, d, k) ? Math.max(0, Math.round(values(x(c, d, k)!))) : 0))));
    /** working[a][d]: the shift agent a works on day d, -1 none. */
    const working = input.agents.map(() => dates.map(() => -1));
    let step = 0;
    let pending: [number, number] | undefined;
    let unfilled = 0;
    const y = (c: number, a: number, d: number, k: number) => {
      if (slots[c]![d]![k] === 0) return undefined;
      const before = d > 0 ? working[a]![d - 1]! : -1;
      return before >= 0 && !restOk(before, k) ? undefined : `y${a}_${d}_${k}`;
    };
    const next = (): LpText | undefined => {
      pending = weeks[step++];
      if (!pending) return undefined;
      const [from, to] = pending;
      const lp = new LpWriter();
      const binaries: string[] = [];
      const inWeek = Array.from({ length: to - from }, (_, i) => from + i);
      // The classes are independent given the first stage's shifts: one model a week holds them all, side by side.
      for (const [c, cl] of classes.entries()) {
        for (const a of cl.members) {
          const onDay = (d: number) => templates.flatMap((_, k) => (d >= from && d < to ? (y(c, a, d, k) ?? []) : []));
          for (const d of inWeek) {
            binaries.push(...onDay(d));
            lp.row(`one${a}_${d}`, onDay(d), '<= 1');
            // Rest as cliques: the shifts ending at or after k's end today against those it keeps from starting tomorrow.
            if (d + 1 < to) {
              templates.forEach((t, k) => {
                const tomorrow = templates.flatMap((_, k2) => (restOk(k, k2) ? [] : (y(c, a, d + 1, k2) ?? [])));
                const today = templates.flatMap((t2, k1) => (t2.end >= t.end ? (y(c, a, d, k1) ?? []) : []));
                if (tomorrow.length > 0 && today.length > 0) lp.row(`rest${a}_${d}_${k}`, [...today, ...tomorrow], '<= 1');
              });
            }
          }
          // Days in a row: every window of maxConsecutive + 1 days reaching into this week, the days before it as worked.
          for (let start = Math.max(0, from - maxConsecutive); start < to && start + maxConsecutive < days; start++) {
            const window = Array.from({ length: maxConsecutive + 1 }, (_, i) => start + i);
            const worked = window.filter((d) => d < from && working[a]![d]! >= 0).length;
            lp.row(`run${a}_${start}`, window.flatMap(onDay), `<= ${maxConsecutive - worked}`);
          }
          lp.row(`days${a}`, inWeek.flatMap(onDay), `<= ${cl.maxDays}`);
          lp.row(
            `hours${a}`,
            inWeek.flatMap((d) => templates.flatMap((t, k) => (y(c, a, d, k) ? [`${num(t.hours)} ${y(c, a, d, k)}`] : []))),
            `<= ${num(cl.maxHours)}`,
          );
          // Fairness: weekend days beyond a fair share of those so far (the weekly days' share of them), and
          // night shifts beyond about one a week, are priced per agent.
          const weekendsSoFar = weekend.slice(0, to).filter(Boolean).length;
          const weekendsWorked = working[a]!.slice(0, from).filter((k, d) => k >= 0 && weekend[d]).length;
          const weekendTerms = inWeek.flatMap((d) => (weekend[d] ? onDay(d) : []));
          if (weekendTerms.length > 0) {
            lp.objective(`${FAIRNESS} w${a}`);
            lp.row(`fairW${a}`, [...weekendTerms, `- w${a}`], `<= ${Math.ceil((weekendsSoFar * cl.maxDays) / 7) - weekendsWorked}`);
          }
          const nightsWorked = working[a]!.slice(0, from).filter((k) => k >= 0 && isNight(templates[k]!)).length;
          const nights = inWeek.flatMap((d) => templates.flatMap((t, k) => (isNight(t) ? (y(c, a, d, k) ?? []) : [])));
          if (nights.length > 0) {
            lp.objective(`${FAIRNESS} n${a}`);
            lp.row(`fairN${a}`, [...nights, `- n${a}`], `<= ${Math.ceil(to / 7) - nightsWorked}`);
          }
        }
        for (const d of inWeek) {
          templates.forEach((t, k) => {
            const n = slots[c]![d]![k]!;
            if (n === 0) return;
            // An empty chosen shift costs what its hours short would: it is the first stage's coverage lost.
            lp.objective(`${num(SHORTAGE * t.hours)} u${c}_${d}_${k}`);
            lp.row(`fill${c}_${d}_${k}`, [...cl.members.flatMap((a) => y(c, a, d, k) ?? []), `u${c}_${d}_${k}`], `= ${n}`);
          });
        }
      }
      return lp.text({ binaries });
    };
    const answer = (answerValues: (name: string) => number) => {
      if (!pending) return;
      const [from, to] = pending;
      for (const [c, cl] of classes.entries()) {
        for (let d = from; d < to; d++) {
          templates.forEach((_, k) => {
            let filled = 0;
            for (const a of cl.members) {
              const v = y(c, a, d, k);
              if (v && answerValues(v) > 0.5) {
                working[a]![d] = k;
                filled++;
              }
            }
            unfilled += Math.max(0, slots[c]![d]![k]! - filled);
          });
        }
      }
    };
    return { next, answer, read: (status) => readRoster(status, working, unfilled) };
  };

  const readRoster = (status: RosterResult['status'], working: number[][], unfilled: number): RosterResult & { unfilled: number } => {
    const shifts: RosterShift[] = [];
    working.forEach((ks, a) => {
      ks.forEach((k, d) => {
        if (k < 0) return;
        const t = templates[k]!;
        shifts.push({ agentId: input.agents[a]!.id, date: dates[d]!, shift: t.name, start: localDateTime(dates[d]!, t.start), end: localDateTime(dates[d]!, t.end) });
      });
    });
    shifts.sort((p, q) => (p.start < q.start ? -1 : p.start > q.start ? 1 : 0));
    const short = intervals.flatMap((interval) => {
      const on = input.agents.flatMap((_, a) => (interval.covering.some(([d, k]) => working[a]![d] === k) ? [a] : []));
      return skillShortage(
        interval.needs,
        on.map((a) => classes[classOf[a]!]!.skills),
      ).map(({ groups, required, scheduled }) => ({
        start: interval.start,
        required,
        scheduled,
        ...(groups.length === 1 && groups[0] === '' ? {} : { skill: groups.join('+') }),
      }));
    });
    return { status: status === 'optimal' && unfilled > 0 ? 'feasible' : status, shifts, short, unfilled };
  };

  return { covering, assign };
}

/** Each requirement interval inside the roster's days: its needs per skill group ('' for any agent) and the (day, shift) pairs that span it whole. */
function requirementIntervals(requirements: readonly RosterRequirement[], first: number, days: number, templates: readonly Template[]) {
  const byStart = new Map<string, { start: string; minute: number; needs: Map<string, number> }>();
  for (const r of requirements) {
    let at: { date: string; seconds: number };
    try {
      at = parseLocalDateTime(r.start);
    } catch (err) {
      throw new WfmInputError('requirements', (err as Error).message);
    }
    const interval = byStart.get(r.start) ?? { start: r.start, minute: (dayNumber(at.date) - first) * 1440 + at.seconds / 60, needs: new Map<string, number>() };
    byStart.set(r.start, interval);
    if (r.agents > 0) interval.needs.set(r.skill ?? '', (interval.needs.get(r.skill ?? '') ?? 0) + r.agents);
  }
  const sorted = [...byStart.values()].sort((a, b) => a.minute - b.minute);
  const step = Math.min(60, sorted.reduce((g, r) => gcd(g, Math.abs(r.minute - sorted[0]!.minute)), 0) || 60);
  return sorted
    .filter((r) => r.minute >= 0 && r.minute < days * 1440 && r.needs.size > 0)
    .map((r) => {
      const covering: [number, number][] = [];
      for (let d = Math.max(0, Math.floor(r.minute / 1440) - 1); d <= Math.floor(r.minute / 1440); d++) {
        templates.forEach((t, k) => {
          if (d * 1440 + t.start <= r.minute && r.minute + step <= d * 1440 + t.end) covering.push([d, k]);
        });
      }
      return { start: r.start, needs: r.needs, covering };
    });
}

/** Writes a MIP in CPLEX LP format: objective terms, rows (empty ones dropped), bounds. */
class LpWriter {
  private readonly terms: string[] = [];
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];

  objective(term: string): void {
    this.terms.push(term);
  }

  row(name: string, terms: readonly string[], sense: string): void {
    if (terms.length > 0) this.rows.push(` ${name}:\n${wrap(terms.map((t, i) => (i && !t.startsWith('-') ? `+ ${t}` : t)))}\n  ${sense}`);
  }

  bound(bound: string): void {
    this.bounds.push(` ${bound}`);
  }

  text(kinds: { generals?: readonly string[]; binaries?: readonly string[] }): LpText {
    return [
      'Minimize',
      ' obj:',
      wrap(this.terms.map((t, i) => (i ? `+ ${t}` : t))),
      'Subject To',
      ...this.rows,
      ...(this.bounds.length > 0 ? ['Bounds', ...this.bounds] : []),
      ...(kinds.generals && kinds.generals.length > 0 ? ['General', wrap([...kinds.generals])] : []),
      ...(kinds.binaries && kinds.binaries.length > 0 ? ['Binary', wrap([...kinds.binaries])] : []),
      'End',
    ].join('\n');
  }
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
