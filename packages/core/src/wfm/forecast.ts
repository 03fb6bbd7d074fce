import { type CenterCalendar, dateOfDay, dayKind, dayNumber, localDateTime, parseLocalDateTime, weekday } from '../calendar/index';
import { WfmInputError } from './errors';

/** One interval of history or of a forecast: its local start (`YYYY-MM-DDTHH:MM`), calls offered, and the mean handling time in seconds when known. */
export interface IntervalCount {
  start: string;
  calls: number;
  aht?: number;
}

/**
 * - `naive`: seasonal naive, the same interval on the last day of the same type (last week's, for a weekday);
 * - `profile`: the mean of the same interval over the last few days of the same type (the count chosen by backtest);
 * - `hw`: double-seasonal exponential smoothing (Taylor 2003: a level, a daily and a weekly seasonal
 *   cycle, additive), its smoothing constants fitted on the history.
 */
export type ForecastMethod = 'naive' | 'profile' | 'hw';

export interface ForecastOptions {
  /** Interval length in seconds; must divide a day. Finer history is summed into it. */
  intervalSeconds: number;
  /** Days to forecast after the last day of history. */
  horizonDays: number;
  /** A method, or `auto` (default): the one with the lowest WAPE in the backtest. */
  method?: ForecastMethod | 'auto';
  /** The day type of a date: days of one type share a shape. Default its weekday; `calendarDayType` adds holidays. */
  dayType?: (date: string) => string;
  /** Days held out at the end of the history per backtest fold; default the horizon, between 7 and 14. */
  heldOutDays?: number;
}

/** Accuracy on held-out days: WAPE = Σ|actual − forecast| ÷ Σ actual; MASE = mean |actual − forecast| ÷ the in-sample mean error of seasonal naive. */
export interface Backtest {
  wape: number | null;
  mase: number | null;
}

export interface ForecastResult {
  method: ForecastMethod;
  intervals: IntervalCount[];
  backtest: Backtest;
}

/**
 * Day types from the center calendar: a holiday is its own type (`holiday`); a make-up working day
 * (调休) is forecast as an ordinary mid-week day (Wednesday); every other day by its weekday.
 */
export function calendarDayType(calendar: CenterCalendar): (date: string) => string {
  return (date) => {
    const kind = dayKind(calendar, date);
    if (kind === 'holiday') return 'holiday';
    return String(kind === 'makeup' ? 3 : weekday(date));
  };
}

const byWeekday = (date: string) => String(weekday(date));

/** The history laid out day by day: NaN where a day has no row at an interval. */
interface Grid {
  firstDay: number;
  days: number;
  slots: number;
  intervalSeconds: number;
  calls: Float64Array;
  /** Σ calls × AHT and Σ calls where the row had an AHT. */
  handled: Float64Array;
  handledCalls: Float64Array;
  hasAht: boolean;
  dayType: (date: string) => string;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function buildGrid(history: readonly IntervalCount[], intervalSeconds: number, dayType: (date: string) => string): Grid {
  if (history.length === 0) throw new WfmInputError('history', 'has no rows');
  const rows = history.map((row, i) => {
    let at: { date: string; seconds: number };
    try {
      at = parseLocalDateTime(row.start);
    } catch (err) {
      throw new WfmInputError('history', `row ${i + 1}: ${(err as Error).message}`);
    }
    if (!Number.isFinite(row.calls) || row.calls < 0) throw new WfmInputError('history', `row ${i + 1}: calls must be a number of at least 0, got ${row.calls}`);
    if (row.aht !== undefined && (!Number.isFinite(row.aht) || row.aht < 0)) throw new WfmInputError('history', `row ${i + 1}: aht must be a number of at least 0, got ${row.aht}`);
    return { day: dayNumber(at.date), seconds: at.seconds, row };
  });
  // Rows every 60 minutes cannot fill 30-minute intervals: the grid would show half of them closed.
  const step = rows.reduce((g, r, i) => (i > 0 && rows[i - 1]!.day === r.day ? gcd(g, Math.abs(r.seconds - rows[i - 1]!.seconds)) : g), 0);
  if (step > intervalSeconds) throw new WfmInputError('history', `rows are ${step} s apart, coarser than the ${intervalSeconds}-second interval`);
  const firstDay = Math.min(...rows.map((r) => r.day));
  const days = Math.max(...rows.map((r) => r.day)) - firstDay + 1;
  const slots = 86_400 / intervalSeconds;
  const calls = new Float64Array(days * slots).fill(Number.NaN);
  const handled = new Float64Array(days * slots);
  const handledCalls = new Float64Array(days * slots);
  const seen = new Set<string>();
  let hasAht = false;
  rows.forEach(({ day, seconds, row }, i) => {
    if (seen.has(row.start)) throw new WfmInputError('history', `row ${i + 1}: ${row.start} appears twice`);
    seen.add(row.start);
    const at = (day - firstDay) * slots + Math.floor(seconds / intervalSeconds);
    calls[at] = (Number.isNaN(calls[at]!) ? 0 : calls[at]!) + row.calls;
    if (row.aht !== undefined) {
      hasAht = true;
      handled[at]! += row.calls * row.aht;
      handledCalls[at]! += row.calls;
    }
  });
  return { firstDay, days, slots, intervalSeconds, calls, handled, handledCalls, hasAht, dayType };
}

/** The grid's first `days` days: the history as it stood at a backtest's origin. */
function truncate(g: Grid, days: number): Grid {
  const n = days * g.slots;
  return { ...g, days, calls: g.calls.subarray(0, n), handled: g.handled.subarray(0, n), handledCalls: g.handledCalls.subarray(0, n) };
}

/** What the methods read from a grid: each day's type, which days have rows, and the intervals each type is open. */
interface Shape {
  types: string[];
  present: boolean[];
  open: Map<string, Uint8Array>;
}

function shapeOf(g: Grid): Shape {
  const types: string[] = [];
  const present: boolean[] = [];
  const open = new Map<string, Uint8Array>();
  for (let d = 0; d < g.days; d++) {
    const type = g.dayType(dateOfDay(g.firstDay + d));
    types.push(type);
    let any = false;
    const mask = open.get(type) ?? new Uint8Array(g.slots);
    for (let s = 0; s < g.slots; s++) {
      if (!Number.isNaN(g.calls[d * g.slots + s]!)) {
        mask[s] = 1;
        any = true;
      }
    }
    open.set(type, mask);
    present.push(any);
  }
  return { types, present, open };
}

/** A day's calls at interval s: an open interval without a row had no calls. */
const callsAt = (g: Grid, d: number, s: number) => {
  const v = g.calls[d * g.slots + s]!;
  return Number.isNaN(v) ? 0 : v;
};

/** The type whose history a day of `type` is forecast from: a holiday with no holiday history looks like a Sunday. */
function historyType(shape: Shape, type: string): string | undefined {
  if (shape.open.has(type)) return type;
  return type === 'holiday' && shape.open.has('0') ? '0' : undefined;
}

/** The last `count` days with rows of a type, newest first. */
function recentDays(shape: Shape, type: string, count: number): number[] {
  const found: number[] = [];
  for (let d = shape.types.length - 1; d >= 0 && found.length < count; d--) if (shape.present[d] && shape.types[d] === type) found.push(d);
  return found;
}

/** A method fitted on a grid: calls at interval s of the k-th day after the grid's last day (k ≥ 0), of type `type`. */
type Predictor = (k: number, type: string, s: number) => number;

/** The middle value (the mean of the middle two), 0 of none: one unusual day, such as the day after a holiday, does not move it. */
function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function profilePredictor(g: Grid, shape: Shape, depth: number): Predictor {
  const memo = new Map<string, Float64Array>();
  return (_k, type, s) => {
    let means = memo.get(type);
    if (!means) {
      means = new Float64Array(g.slots);
      const from = historyType(shape, type);
      const days = from === undefined ? [] : recentDays(shape, from, depth);
      for (let i = 0; i < g.slots; i++) means[i] = median(days.map((d) => callsAt(g, d, i)));
      memo.set(type, means);
    }
    return means[s]!;
  };
}

/** Taylor's double-seasonal smoothing state: a level, a daily cycle and a weekly cycle (by weekday and interval). */
interface Smoothing {
  level: number;
  daily: Float64Array;
  weekly: Float64Array;
}

/** Whether day d is an ordinary day of its weekday (not a holiday or make-up day) with rows: only those teach the weekly cycle. */
function ordinary(g: Grid, shape: Shape, d: number): boolean {
  return shape.present[d]! && shape.types[d] === String(weekday(dateOfDay(g.firstDay + d)));
}

/** Starts the state from the first two weeks: the level their mean, the weekly cycle each weekly interval's mean deviation. */
function initialSmoothing(g: Grid, shape: Shape): Smoothing {
  const weekly = new Float64Array(7 * g.slots);
  const counts = new Float64Array(7 * g.slots);
  let sum = 0;
  let n = 0;
  const initDays = Math.min(g.days, 14);
  for (let d = 0; d < initDays; d++) {
    if (!ordinary(g, shape, d)) continue;
    const mask = shape.open.get(shape.types[d]!)!;
    for (let s = 0; s < g.slots; s++) {
      if (!mask[s]) continue;
      sum += callsAt(g, d, s);
      n++;
    }
  }
  const level = n === 0 ? 0 : sum / n;
  for (let d = 0; d < initDays; d++) {
    if (!ordinary(g, shape, d)) continue;
    const w = weekday(dateOfDay(g.firstDay + d));
    const mask = shape.open.get(shape.types[d]!)!;
    for (let s = 0; s < g.slots; s++) {
      if (!mask[s]) continue;
      weekly[w * g.slots + s]! += callsAt(g, d, s) - level;
      counts[w * g.slots + s]! += 1;
    }
  }
  for (let i = 0; i < weekly.length; i++) if (counts[i]! > 0) weekly[i]! /= counts[i]!;
  return { level, daily: new Float64Array(g.slots), weekly };
}

/**
 * Runs the smoothing over the grid and returns the final state and the sum of squared week-ahead
 * errors (plus a tenth of the one-step ones): at each week's start the state is frozen and the week forecast from it, as a planner uses
 * it (one-step errors would reward chasing the noise). Closed intervals, missing days, holidays and
 * make-up days are skipped: the state carries over them unchanged, so they neither drag the level to
 * zero nor bend the cycles.
 */
function smooth(g: Grid, shape: Shape, alpha: number, delta: number, omega: number): { state: Smoothing; sse: number } {
  const state = initialSmoothing(g, shape);
  const frozen: Smoothing = { level: state.level, daily: state.daily.slice(), weekly: state.weekly.slice() };
  let sse = 0;
  for (let d = 0; d < g.days; d++) {
    if (d % 7 === 0) {
      frozen.level = state.level;
      frozen.daily.set(state.daily);
      frozen.weekly.set(state.weekly);
    }
    if (!ordinary(g, shape, d)) continue;
    const w = weekday(dateOfDay(g.firstDay + d)) * g.slots;
    const mask = shape.open.get(shape.types[d]!)!;
    for (let s = 0; s < g.slots; s++) {
      if (!mask[s]) continue;
      const y = callsAt(g, d, s);
      // The first fortnight set the cycles: its errors say little about the constants.
      if (d >= 14) {
        const ahead = y - Math.max(0, frozen.level + frozen.daily[s]! + frozen.weekly[w + s]!);
        sse += ahead * ahead;
      }
      const e = y - (state.level + state.daily[s]! + state.weekly[w + s]!);
      // One-step errors count too, less: they break ties when the week-ahead ones cannot tell (a step just seen).
      if (d >= 14) sse += 0.1 * e * e;
      state.level += alpha * e;
      state.daily[s]! += delta * e;
      state.weekly[w + s]! += omega * e;
    }
  }
  return { state, sse };
}

const ALPHAS = [0.002, 0.01, 0.03, 0.1];
const DELTAS = [0, 0.01, 0.05];
const OMEGAS = [0.02, 0.05, 0.1, 0.2];

function smoothingPredictor(g: Grid, shape: Shape): Predictor {
  let best: { state: Smoothing; sse: number } | undefined;
  for (const alpha of ALPHAS) {
    for (const delta of DELTAS) {
      for (const omega of OMEGAS) {
        const fit = smooth(g, shape, alpha, delta, omega);
        if (!best || fit.sse < best.sse) best = fit;
      }
    }
  }
  const { state } = best!;
  // Holidays and make-up days were never smoothed: they come from their own type's recent days.
  const fallback = profilePredictor(g, shape, 6);
  return (k, type, s) => {
    const w = weekday(dateOfDay(g.firstDay + g.days + k));
    if (type !== String(w)) return fallback(k, type, s);
    return Math.max(0, state.level + state.daily[s]! + state.weekly[w * g.slots + s]!);
  };
}

const PROFILE_DEPTHS = [3, 5, 7, 9];

/** The candidates a method stands for: the profile tries a few depths, the others are one each. */
function candidates(method: ForecastMethod): { method: ForecastMethod; fit: (g: Grid, shape: Shape) => Predictor }[] {
  if (method === 'naive') return [{ method, fit: (g, shape) => profilePredictor(g, shape, 1) }];
  if (method === 'hw') return [{ method, fit: smoothingPredictor }];
  return PROFILE_DEPTHS.map((depth) => ({ method, fit: (g: Grid, shape: Shape) => profilePredictor(g, shape, depth) }));
}

/** Calls per open interval of the `days` days after the grid's end. */
function predict(g: Grid, shape: Shape, predictor: Predictor, days: number): { date: string; s: number; calls: number }[] {
  const out: { date: string; s: number; calls: number }[] = [];
  for (let k = 0; k < days; k++) {
    const date = dateOfDay(g.firstDay + g.days + k);
    const type = g.dayType(date);
    const mask = shape.open.get(historyType(shape, type) ?? '');
    if (!mask) continue;
    for (let s = 0; s < g.slots; s++) if (mask[s]) out.push({ date, s, calls: predictor(k, type, s) });
  }
  return out;
}

/** The in-sample mean absolute error of seasonal naive: MASE's yardstick. */
function naiveScale(g: Grid, shape: Shape): number {
  let sum = 0;
  let n = 0;
  const last = new Map<string, number>();
  for (let d = 0; d < g.days; d++) {
    if (!shape.present[d]) continue;
    const type = shape.types[d]!;
    const before = last.get(type);
    if (before !== undefined) {
      const mask = shape.open.get(type)!;
      for (let s = 0; s < g.slots; s++) {
        if (!mask[s]) continue;
        sum += Math.abs(callsAt(g, d, s) - callsAt(g, before, s));
        n++;
      }
    }
    last.set(type, d);
  }
  return n === 0 ? 0 : sum / n;
}

/** Errors of one candidate over the backtest folds, pooled; `yardstick` is Σ over folds of held-out intervals × the fold's naive scale. */
interface Score {
  absError: number;
  actual: number;
  yardstick: number;
}

/** Fits a candidate on the grid up to each fold's origin and scores it on the fold's held-out days (those with rows). */
function score(g: Grid, origins: number[], heldOut: number, fit: (g: Grid, shape: Shape) => Predictor): Score {
  const total: Score = { absError: 0, actual: 0, yardstick: 0 };
  const full = shapeOf(g);
  for (const origin of origins) {
    const train = truncate(g, origin);
    const shape = shapeOf(train);
    const predictor = fit(train, shape);
    const scale = naiveScale(train, shape);
    let absError = 0;
    let n = 0;
    for (let k = 0; k < heldOut; k++) {
      const d = origin + k;
      if (!full.present[d]) continue;
      const type = full.types[d]!;
      const mask = full.open.get(type)!;
      for (let s = 0; s < g.slots; s++) {
        if (!mask[s]) continue;
        const actual = callsAt(g, d, s);
        absError += Math.abs(actual - predictor(k, type, s));
        total.actual += actual;
        n++;
      }
    }
    total.absError += absError;
    total.yardstick += n * scale;
  }
  return total;
}

/** Backtest folds: origins that leave at least three weeks to learn from, the latest last; at most two. */
function folds(g: Grid, heldOut: number): number[] {
  const origins: number[] = [];
  for (let f = 2; f >= 1; f--) {
    const origin = g.days - f * heldOut;
    if (origin >= 21) origins.push(origin);
  }
  return origins;
}

/** Calls-weighted mean AHT of an interval over the last few days of a type, else of the whole history. */
function ahtPredictor(g: Grid, shape: Shape): (type: string, s: number) => number | undefined {
  let handled = 0;
  let handledCalls = 0;
  for (let i = 0; i < g.handled.length; i++) {
    handled += g.handled[i]!;
    handledCalls += g.handledCalls[i]!;
  }
  const overall = handledCalls > 0 ? handled / handledCalls : undefined;
  return (type, s) => {
    const from = historyType(shape, type);
    const days = from === undefined ? [] : recentDays(shape, from, 6);
    let h = 0;
    let c = 0;
    for (const d of days) {
      h += g.handled[d * g.slots + s]!;
      c += g.handledCalls[d * g.slots + s]!;
    }
    return c > 0 ? h / c : overall;
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Forecasts calls (and AHT, when the history has it) per interval for the days after the history,
 * by seasonal naive, a day-type × interval profile or double-seasonal smoothing, or (`auto`) the one
 * that did best in a backtest on the history itself: the last `heldOutDays` days held out, and the
 * same length before them when the history is long enough, each forecast from what came before it.
 * An interval is open on a day type when any day of that type has a row for it; closed intervals
 * are left out of the forecast. The backtest's figures are the method's (for `auto`, the chosen one's).
 *
 * @example
 * forecastCalls(rows, { intervalSeconds: 1800, horizonDays: 14 }); // { method: 'profile', intervals: [{ start: '2026-03-02T08:00', calls: 41.5 }, …], backtest: { wape: 0.12, mase: 0.7 } }
 */
export function forecastCalls(history: readonly IntervalCount[], options: ForecastOptions): ForecastResult {
  const { intervalSeconds, horizonDays } = options;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 60 || 86_400 % intervalSeconds !== 0) {
    throw new WfmInputError('intervalSeconds', `must be a whole number of seconds of at least 60 that divides a day, got ${intervalSeconds}`);
  }
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 366) throw new WfmInputError('horizonDays', `must be a whole number from 1 to 366, got ${horizonDays}`);
  const heldOut = options.heldOutDays ?? Math.min(14, Math.max(7, horizonDays));
  if (!Number.isInteger(heldOut) || heldOut < 1) throw new WfmInputError('heldOutDays', `must be a whole number of at least 1, got ${heldOut}`);
  const grid = buildGrid(history, intervalSeconds, options.dayType ?? byWeekday);
  const origins = folds(grid, heldOut);

  // Without a backtest (short history) nothing beats anything: the first, the profile, stays.
  const methods: ForecastMethod[] = !options.method || options.method === 'auto' ? ['profile', 'hw', 'naive'] : [options.method];
  const wapeOf = (s?: Score) => (s && s.actual > 0 ? s.absError / s.actual : Number.POSITIVE_INFINITY);
  let chosen: { method: ForecastMethod; fit: (g: Grid, shape: Shape) => Predictor; score?: Score } | undefined;
  for (const method of methods) {
    for (const candidate of candidates(method)) {
      const s = origins.length > 0 ? score(grid, origins, heldOut, candidate.fit) : undefined;
      if (!chosen || wapeOf(s) < wapeOf(chosen.score)) chosen = { ...candidate, score: s };
    }
  }
  const { method, fit, score: s } = chosen!;

  const shape = shapeOf(grid);
  const aht = grid.hasAht ? ahtPredictor(grid, shape) : undefined;
  const intervals = predict(grid, shape, fit(grid, shape), horizonDays).map(({ date, s: slot, calls }) => {
    const interval: IntervalCount = { start: localDateTime(date, (slot * intervalSeconds) / 60), calls: round(calls, 2) };
    const mean = aht?.(grid.dayType(date), slot);
    if (mean !== undefined) interval.aht = round(mean, 1);
    return interval;
  });
  return {
    method,
    intervals,
    backtest: {
      wape: s && s.actual > 0 ? round(s.absError / s.actual, 4) : null,
      mase: s && s.yardstick > 0 ? round(s.absError / s.yardstick, 4) : null,
    },
  };
}
