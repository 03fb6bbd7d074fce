/**
 * 个别辅导 (one-to-one coaching), pure: what started it (a QA evaluation, a KPI, a discipline item) and,
 * at the follow-up, whether the figure it was about moved the right way.
 *
 * @example
 * coachingOutcome({ before: 72, after: 85, better: 'higher' });   // 'improved'
 * coachingOutcome({ before: 260, after: 280, better: 'lower' });  // 'worse'
 * coachingOutcome({ before: 72, after: null, better: 'higher' }); // 'pending'
 */

/** What opened the coaching: an evaluation of a call, a KPI behind its target, a discipline item (扣分). */
export const coachingSources = ['qa_evaluation', 'kpi', 'discipline'] as const;
export type CoachingSource = (typeof coachingSources)[number];

export type CoachingOutcome = 'improved' | 'unchanged' | 'worse' | 'pending';

/** A change smaller than this share of the value before is no change: one call more or less moves a week's AHT. */
export const COACHING_NOISE_SHARE = 0.02;

/**
 * Did it improve? `pending` while there is nothing after the coaching (or nothing before to compare
 * with). `better` says which way is good, as the metric dictionary does; a count of discipline points
 * is better lower.
 */
export function coachingOutcome(f: { before: number | null; after: number | null; better: 'higher' | 'lower' }): CoachingOutcome {
  if (f.before === null || f.after === null) return 'pending';
  const noise = Math.abs(f.before) * COACHING_NOISE_SHARE;
  const gain = f.better === 'higher' ? f.after - f.before : f.before - f.after;
  if (gain > noise) return 'improved';
  if (gain < -noise) return 'worse';
  return 'unchanged';
}

/**
 * The periods compared: as long before the coaching as from it to the follow-up date (at least a
 * week), and from the day after it up to the follow-up date or today, whichever comes first. Dates are local
 * `YYYY-MM-DD`, inclusive.
 */
export function coachingPeriods(openedOn: string, followUpOn: string, today: string): { before: { from: string; to: string }; after: { from: string; to: string } | null } {
  const day = 86_400_000;
  const at = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const length = Math.max(7, Math.round((at(followUpOn) - at(openedOn)) / day));
  const before = { from: iso(at(openedOn) - length * day), to: iso(at(openedOn) - day) };
  // The day of the coaching itself is neither: part of it went before the talk.
  const start = at(openedOn) + day;
  const end = Math.min(at(followUpOn), at(today));
  return { before, after: end >= start ? { from: iso(start), to: iso(end) } : null };
}
