import { dayNumber, localDateTime, minuteOfDay, parseLocalDateTime, timeOfDay } from '../calendar/index';
import { WfmInputError } from './errors';

/** A break a shift has: its length and the window of the day it must lie inside (午休 60 min in 11:00-14:00). */
export interface BreakRule {
  name: string;
  minutes: number;
  /** Local `HH:MM` on the day the shift starts; a window whose latest is before its earliest ends the next day. */
  earliest: string;
  latest: string;
}

/** A shift to place breaks in: local start and end `YYYY-MM-DDTHH:MM`, its template's breaks. */
export interface ShiftForBreaks {
  start: string;
  end: string;
  breaks: readonly BreakRule[];
}

export interface PlacedBreak {
  name: string;
  start: string;
  end: string;
}

/** Where a break may start: every quarter-hour. */
const STEP = 15;

/**
 * The breaks a shift template has when the center names none: a shift of 6 hours or more has an
 * hour's lunch (午休), no earlier than 3 hours after the start and ending at least 2 hours before the end.
 *
 * @example
 * defaultBreaks('08:30', '17:30'); // [{ name: '午休', minutes: 60, earliest: '11:30', latest: '15:30' }]
 */
export function defaultBreaks(start: string, end: string): BreakRule[] {
  const from = minuteOfDay(start);
  let to = minuteOfDay(end);
  if (to <= from) to += 1440;
  if (to - from < 360) return [];
  // A night shift's window falls on its second day: written as that day's clock.
  const clock = (m: number) => timeOfDay(m % 1440 === 0 && m > 0 ? 1440 : m % 1440);
  return [{ name: '午休', minutes: 60, earliest: clock(from + 180), latest: clock(to - 120) }];
}

const minuteOf = (local: string) => {
  const { date, seconds } = parseLocalDateTime(local);
  return dayNumber(date) * 1440 + seconds / 60;
};

/**
 * Places each shift's breaks inside their windows where the team can best spare the agent: for
 * each break in turn (shifts by start), the quarter-hour start whose intervals keep the most agents
 * above the requirement, and the agents left on the phones are counted down as breaks are placed,
 * so breaks stagger instead of emptying the floor at noon. `required` maps an interval's minute (as
 * `minuteOf` counts it) to the agents it needs; intervals not in it need none.
 *
 * @example
 * placeBreaks([{ start: '2026-03-02T08:30', end: '2026-03-02T17:30', breaks: defaultBreaks('08:30', '17:30') }], new Map(), 30);
 * // [[{ name: '午休', start: '2026-03-02T11:30', end: '2026-03-02T12:30' }]]
 */
export function placeBreaks(shifts: readonly ShiftForBreaks[], required: ReadonlyMap<number, number>, intervalMinutes: number): PlacedBreak[][] {
  // Agents on the phones per quarter-hour (minute key), before any break.
  const present = new Map<number, number>();
  const spans = shifts.map((s) => [minuteOf(s.start), minuteOf(s.end)] as const);
  for (const [from, to] of spans) for (let m = from - (from % STEP); m < to; m += STEP) present.set(m, (present.get(m) ?? 0) + 1);
  const need = (m: number) => required.get(m - (((m % intervalMinutes) + intervalMinutes) % intervalMinutes)) ?? 0;
  const order = shifts.map((_, i) => i).sort((a, b) => spans[a]![0] - spans[b]![0]);
  const placed: PlacedBreak[][] = shifts.map(() => []);
  for (const i of order) {
    const [from, to] = spans[i]!;
    const day = from - (from % 1440);
    for (const rule of shifts[i]!.breaks) {
      if (!Number.isInteger(rule.minutes) || rule.minutes <= 0 || rule.minutes % STEP !== 0)
        throw new WfmInputError('breaks', `${rule.name}: minutes must be a positive multiple of ${STEP}`);
      // A window before the start of a shift that crosses midnight lies on its second day.
      let opens = day + minuteOfDay(rule.earliest);
      if (opens < from && to > day + 1440) opens += 1440;
      const earliest = Math.max(from, opens);
      let latest = day + minuteOfDay(rule.latest);
      if (latest < earliest) latest += 1440;
      latest = Math.min(latest, to);
      let best: { start: number; score: number } | undefined;
      for (let s = earliest + ((STEP - (earliest % STEP)) % STEP); s + rule.minutes <= latest; s += STEP) {
        if (placed[i]!.some((b) => minuteOf(b.start) < s + rule.minutes && s < minuteOf(b.end))) continue;
        // The tightest quarter-hour the break would leave: agents left on the phones minus those required.
        let score = Number.POSITIVE_INFINITY;
        for (let m = s; m < s + rule.minutes; m += STEP) score = Math.min(score, (present.get(m) ?? 0) - 1 - need(m));
        if (!best || score > best.score) best = { start: s, score };
      }
      if (!best) continue;
      for (let m = best.start; m < best.start + rule.minutes; m += STEP) present.set(m, (present.get(m) ?? 0) - 1);
      const at = (m: number) => localDateTime(dateOfMinute(m), m % 1440);
      placed[i]!.push({ name: rule.name, start: at(best.start), end: at(best.start + rule.minutes) });
    }
  }
  return placed;
}

function dateOfMinute(m: number): string {
  return new Date(Math.floor(m / 1440) * 86_400_000).toISOString().slice(0, 10);
}

/** The minute key `placeBreaks` counts intervals by, of a local `YYYY-MM-DDTHH:MM`. */
export { minuteOf as breakMinute };
