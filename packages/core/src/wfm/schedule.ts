import { dateOfDay, dayNumber, localDateTime, minuteOfDay, parseLocalDateTime } from '../calendar/index';
import { WfmInputError } from './errors';

/** A shift as the center defines it: 早班 08:30-17:30 …; an end at or before the start crosses midnight. */
export interface ShiftTemplate {
  name: string;
  start: string;
  end: string;
  /** What one agent on this shift costs; default its length in hours. */
  cost?: number;
}

/** Agents required in the interval starting at `start` (local `YYYY-MM-DDTHH:MM`). */
export interface IntervalRequirement {
  start: string;
  agents: number;
}

export type ScheduleStatus = 'optimal' | 'infeasible' | 'time_limit';

export interface ScheduleResult {
  status: ScheduleStatus;
  /** Total cost of the assignments; null when there is no schedule. */
  objective: number | null;
  /** Agents per shift per day (the day the shift starts), only where there are any. */
  assignments: { day: string; shift: string; agents: number }[];
  /** Every interval of the requirements: required and scheduled agents. */
  coverage: { start: string; required: number; scheduled: number }[];
  /** Why there is no schedule: which interval no shift can cover. Only when infeasible. */
  reasons?: string[];
}

/** One integer variable of the covering model: agents on a shift starting on a day. */
interface Column {
  name: string;
  day: string;
  shift: number;
  cost: number;
}

/**
 * Dantzig's set-covering model of a staffing plan, ready for a MIP solver: the CPLEX LP text, and
 * what the columns and rows mean so a solution can be read back (`readCovering`).
 */
export interface CoveringModel {
  /** The model in CPLEX LP format (HiGHS reads it). */
  lp: string;
  columns: Column[];
  intervals: { start: string; required: number; covering: number[] }[];
  intervalSeconds: number;
  /** Intervals with agents required that no shift covers: the model is infeasible without a solve. */
  uncovered: string[];
}

const NAME = /^[^\n\r]{1,60}$/;

/** A shift in minutes from the midnight of the day it starts: [start, end), the end after the start. */
function shiftMinutes(shift: ShiftTemplate, index: number): { start: number; end: number; cost: number } {
  if (typeof shift.name !== 'string' || !NAME.test(shift.name)) throw new WfmInputError('shifts', `shift ${index + 1}: a name of 1 to 60 characters is required`);
  let start: number;
  let end: number;
  try {
    start = minuteOfDay(shift.start);
    end = minuteOfDay(shift.end);
  } catch (err) {
    throw new WfmInputError('shifts', `${shift.name}: ${(err as Error).message}`);
  }
  if (start === 1440) throw new WfmInputError('shifts', `${shift.name}: a shift starts before 24:00`);
  if (end <= start) end += 1440;
  const cost = shift.cost ?? (end - start) / 60;
  if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0) throw new WfmInputError('shifts', `${shift.name}: cost must be a number of at least 0, got ${shift.cost}`);
  return { start, end, cost };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A number the LP format writes plainly (no exponent for the sizes a schedule has). */
const num = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** LP-format lines stay short: HiGHS and CPLEX read lines of a few hundred characters. */
function wrap(terms: string[], indent: string): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(indent + terms.slice(i, i + 8).join(' '));
  return lines.join('\n');
}

/**
 * Builds the covering model: an integer number of agents x(day, shift) ≥ 0 for every shift starting
 * on every day of the requirements (and the day before when a shift crosses midnight, so a night
 * shift can cover the first morning); for every interval with agents required, the agents on shifts
 * that cover the whole interval at least that many; total cost least. The interval length is the
 * greatest common step of the requirements' start times, at most an hour.
 *
 * @example
 * const model = coveringModel([{ start: '2026-03-02T09:00', agents: 3 }], [{ name: '早班', start: '08:30', end: '17:30' }]);
 * model.lp; // 'Minimize\n obj:\n  9 x0_0\nSubject To\n c0:\n  x0_0\n  >= 3\n…'
 */
export function coveringModel(requirements: readonly IntervalRequirement[], shifts: readonly ShiftTemplate[]): CoveringModel {
  if (shifts.length === 0) throw new WfmInputError('shifts', 'has no shift');
  if (requirements.length === 0) throw new WfmInputError('requirements', 'has no rows');
  const templates = shifts.map(shiftMinutes);
  const names = new Set<string>();
  for (const s of shifts) {
    if (names.has(s.name)) throw new WfmInputError('shifts', `${s.name} appears twice`);
    names.add(s.name);
  }
  const seen = new Set<string>();
  const rows = requirements.map((r, i) => {
    let at: { date: string; seconds: number };
    try {
      at = parseLocalDateTime(r.start);
    } catch (err) {
      throw new WfmInputError('requirements', `row ${i + 1}: ${(err as Error).message}`);
    }
    if (typeof r.agents !== 'number' || !Number.isInteger(r.agents) || r.agents < 0)
      throw new WfmInputError('requirements', `row ${i + 1}: agents must be a whole number of at least 0, got ${r.agents}`);
    if (at.seconds % 60 !== 0) throw new WfmInputError('requirements', `row ${i + 1}: an interval starts on a whole minute`);
    const minute = dayNumber(at.date) * 1440 + at.seconds / 60;
    const key = String(minute);
    if (seen.has(key)) throw new WfmInputError('requirements', `row ${i + 1}: ${r.start} appears twice`);
    seen.add(key);
    return { minute, agents: r.agents };
  });
  rows.sort((a, b) => a.minute - b.minute);
  // Sparse rows (08:00, 12:00, 20:00) are hours of a grid, not four-hour intervals: at most an hour.
  const intervalMinutes =
    Math.min(
      60,
      rows.reduce((g, r) => gcd(g, r.minute % 1440), 0),
      rows.reduce((g, r) => gcd(g, r.minute - rows[0]!.minute), 0),
    ) || 60;

  const firstDay = Math.floor(rows[0]!.minute / 1440) - (templates.some((t) => t.end > 1440) ? 1 : 0);
  const lastDay = Math.floor(rows.at(-1)!.minute / 1440);
  const columns: Column[] = [];
  const byDayShift: number[][] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    byDayShift.push(
      templates.map((t, k) => {
        columns.push({ name: `x${day - firstDay}_${k}`, day: dateOfDay(day), shift: k, cost: t.cost });
        return columns.length - 1;
      }),
    );
  }
  const intervals = rows.map((r) => {
    const covering: number[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      templates.forEach((t, k) => {
        const from = day * 1440 + t.start;
        if (from <= r.minute && r.minute + intervalMinutes <= day * 1440 + t.end) covering.push(byDayShift[day - firstDay]![k]!);
      });
    }
    const date = dateOfDay(Math.floor(r.minute / 1440));
    return { start: localDateTime(date, r.minute % 1440), required: r.agents, covering };
  });
  const uncovered = intervals.filter((i) => i.required > 0 && i.covering.length === 0).map((i) => i.start);

  const lp = [
    'Minimize',
    ' obj:',
    wrap(
      columns.map((c, i) => `${i ? '+ ' : ''}${num(c.cost)} ${c.name}`),
      '  ',
    ),
    'Subject To',
    ...intervals.flatMap((interval, i) =>
      interval.required > 0 && interval.covering.length > 0
        ? [
            ` c${i}:\n${wrap(
              interval.covering.map((c, j) => `${j ? '+ ' : ''}${columns[c]!.name}`),
              '  ',
            )}\n  >= ${interval.required}`,
          ]
        : [],
    ),
    'Bounds',
    ...columns.map((c) => ` ${c.name} >= 0`),
    'General',
    wrap(
      columns.map((c) => c.name),
      ' ',
    ),
    'End',
  ].join('\n');
  return { lp, columns, intervals, intervalSeconds: intervalMinutes * 60, uncovered };
}

/**
 * Reads a solver's answer back into a schedule: agents per shift and day (values rounded: a MIP
 * solver's integers carry tiny fractions), the coverage of every interval and the cost.
 */
export function readCovering(model: CoveringModel, shifts: readonly ShiftTemplate[], status: ScheduleStatus, values: (name: string) => number): ScheduleResult {
  if (status === 'infeasible') {
    return {
      status,
      objective: null,
      assignments: [],
      coverage: model.intervals.map((i) => ({ start: i.start, required: i.required, scheduled: 0 })),
      reasons:
        model.uncovered.length > 0
          ? model.uncovered.map((start) => `no shift covers the interval at ${start}, which requires agents`)
          : ['the solver found no schedule that covers every interval'],
    };
  }
  const agents = model.columns.map((c) => Math.max(0, Math.round(values(c.name))));
  const assignments = model.columns.flatMap((c, i) => (agents[i]! > 0 ? [{ day: c.day, shift: shifts[c.shift]!.name, agents: agents[i]! }] : []));
  return {
    status,
    objective: Math.round(model.columns.reduce((sum, c, i) => sum + c.cost * agents[i]!, 0) * 1e6) / 1e6,
    assignments,
    coverage: model.intervals.map((i) => ({ start: i.start, required: i.required, scheduled: i.covering.reduce((sum, c) => sum + agents[c]!, 0) })),
  };
}

/** The infeasible answer without a solve, when some interval has no covering shift at all. */
export function uncoveredSchedule(model: CoveringModel, shifts: readonly ShiftTemplate[]): ScheduleResult | undefined {
  return model.uncovered.length > 0 ? readCovering(model, shifts, 'infeasible', () => 0) : undefined;
}
