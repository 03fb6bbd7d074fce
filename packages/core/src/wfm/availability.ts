import { addDays, dayNumber, localDateTime, minuteOfDay, weekday } from '../calendar/index';
import type { LocalSpan } from './coverage';

/**
 * A window an agent cannot work (可用性): every week on a weekday (ISO, 1 Monday … 7 Sunday), or on
 * one date; local times of the center's zone, `end` after `start` (24:00 ends the day).
 */
export interface UnavailableWindow {
  weekday: number | null;
  date: string | null;
  start: string;
  end: string;
}

/** `1` Monday … `7` Sunday of a local date. */
export const isoWeekday = (date: string): number => weekday(date) || 7;

export const weekdayNames: Record<number, { zh: string; en: string }> = {
  1: { zh: '周一', en: 'Mon' },
  2: { zh: '周二', en: 'Tue' },
  3: { zh: '周三', en: 'Wed' },
  4: { zh: '周四', en: 'Thu' },
  5: { zh: '周五', en: 'Fri' },
  6: { zh: '周六', en: 'Sat' },
  7: { zh: '周日', en: 'Sun' },
};

/**
 * The windows as local spans on the dates `from`..`to` (inclusive) they fall on, in order.
 *
 * @example
 * unavailableSpans([{ weekday: 3, date: null, start: '18:00', end: '24:00' }], '2026-03-02', '2026-03-08');
 * // [{ start: '2026-03-04T18:00', end: '2026-03-05T00:00' }]
 */
export function unavailableSpans(windows: readonly UnavailableWindow[], from: string, to: string): LocalSpan[] {
  const spans: LocalSpan[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const w of windows) {
      if (w.date === date || (w.date === null && w.weekday === isoWeekday(date))) {
        spans.push({ start: localDateTime(date, minuteOfDay(w.start)), end: localDateTime(date, minuteOfDay(w.end)) });
      }
    }
  }
  return spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Minutes of a local `YYYY-MM-DDTHH:MM` after the start of `date`. */
const minutesFrom = (date: string, local: string) => (dayNumber(local.slice(0, 10)) - dayNumber(date)) * 1440 + minuteOfDay(local.slice(11, 16));

/**
 * Whether a shift of `date` from `start` to `end` minutes after that midnight (the end past 1440
 * when it crosses midnight) overlaps one of the spans: the agent cannot work it.
 *
 * @example
 * overlapsUnavailable([{ start: '2026-03-04T18:00', end: '2026-03-05T00:00' }], '2026-03-04', 13 * 60, 22 * 60); // true: 晚班 on 周三
 */
export function overlapsUnavailable(spans: readonly LocalSpan[], date: string, start: number, end: number): boolean {
  return spans.some((s) => minutesFrom(date, s.start) < end && start < minutesFrom(date, s.end));
}
