/**
 * Fleiss' kappa: agreement of several raters putting subjects into categories, beyond what chance
 * gives. Each subject is a list of the raters' categories. The number of raters may differ from
 * subject to subject (the usual generalisation: each subject's agreement is over its own pairs of
 * raters, chance from all ratings pooled), so calibration sessions with three and with four
 * inspectors can be taken together; a subject with fewer than 2 raters says nothing about
 * agreement and is left out. Null when it is undefined: no subject left, or chance agreement is
 * already perfect (everyone used one category throughout).
 *
 * @example
 * fleissKappa([['pass', 'pass', 'fail'], ['pass', 'pass', 'pass']]); // -0.2
 */
export function fleissKappa(subjects: readonly (readonly string[])[]): number | null {
  const rated = subjects.filter((s) => s.length >= 2);
  if (rated.length === 0) return null;
  const totals = new Map<string, number>();
  let agreement = 0;
  let all = 0;
  for (const ratings of rated) {
    const n = ratings.length;
    const counts = new Map<string, number>();
    for (const r of ratings) counts.set(r, (counts.get(r) ?? 0) + 1);
    let pairs = 0;
    for (const [category, c] of counts) {
      pairs += c * (c - 1);
      totals.set(category, (totals.get(category) ?? 0) + c);
    }
    agreement += pairs / (n * (n - 1));
    all += n;
  }
  const observed = agreement / rated.length;
  const chance = [...totals.values()].reduce((sum, c) => sum + (c / all) ** 2, 0);
  return chance >= 1 ? null : (observed - chance) / (1 - chance);
}

/** How inspectors' answers to one item spread on a calibration call. */
export interface ItemSpread {
  key: string;
  min: number;
  max: number;
  mean: number;
  /** The answers as categories (full, part, failed, N/A) for the agreement figure. */
  categories: string[];
}

/** An inspector's answer to an item, as scored. */
export interface CalibrationAnswer {
  key: string;
  na: boolean;
  earned: number;
  possible: number;
  failed: boolean;
}

/** What an answer counts as for agreement: N/A, full points, failed outright, or part. */
export function answerCategory(a: CalibrationAnswer): string {
  if (a.na) return 'na';
  if (a.earned >= a.possible) return 'full';
  return a.earned === 0 ? 'none' : `part:${a.earned}`;
}

/**
 * Calibration (校准): several inspectors scored the same call. Per item the spread of points, and
 * Fleiss' kappa over the items, so the ambiguous items stand out (wide spread, low agreement).
 *
 * @example
 * calibrate([inspectorA.items, inspectorB.items, inspectorC.items]); // { kappa: 0.62, items: [{ key: 'greeting', min: 3, max: 5, … }] }
 */
export function calibrate(sheets: readonly (readonly CalibrationAnswer[])[]): { kappa: number | null; items: ItemSpread[] } {
  const keys = sheets[0]?.map((a) => a.key) ?? [];
  const items = keys.map((key) => {
    const answers = sheets.map((s) => s.find((a) => a.key === key)).filter((a): a is CalibrationAnswer => a !== undefined);
    const points = answers.filter((a) => !a.na).map((a) => a.earned);
    return {
      key,
      min: points.length ? Math.min(...points) : 0,
      max: points.length ? Math.max(...points) : 0,
      mean: points.length ? points.reduce((s, p) => s + p, 0) / points.length : 0,
      categories: answers.map(answerCategory),
    };
  });
  return { kappa: fleissKappa(items.filter((i) => i.categories.length === sheets.length).map((i) => i.categories)), items };
}
