import { formItems, type FormVersion, type QaProblem } from './forms';

/** The inspector's answer to one item: points given, not applicable, or (on any item) failed. */
export interface Answer {
  key: string;
  /** Points given, 0..points; left out it means all of them, unless the item failed. */
  earned?: number;
  na?: boolean;
  /** Failed outright: on a fatal item the fatal failure, on another item 0 points. */
  failed?: boolean;
}

export interface ItemResult {
  key: string;
  section: number;
  na: boolean;
  earned: number;
  possible: number;
  /** Did not earn all its points (or failed outright). */
  failed: boolean;
  fatal: boolean;
}

export interface ScoreResult {
  /** 0-100: Σ earned ÷ Σ possible × 100 over the items not N/A, after fatal failures zeroed their scope. */
  score: number;
  /** A fatal item failed (致命项). */
  fatal: boolean;
  earned: number;
  possible: number;
  items: ItemResult[];
  sections: { name: string; earned: number; possible: number; fatal: boolean }[];
}

/**
 * A sheet that failed a fatal item of a form whose fatal failure zeroes the whole evaluation: its
 * score is 0 whatever the rest says, so the inspector may stop there (seed 004: a fatal error decides
 * the call) and the items left out are not scored.
 */
export function decidedByFatal(form: FormVersion, answers: readonly Answer[]): boolean {
  if (form.fatalScope !== 'evaluation') return false;
  const fatalKeys = new Set(
    formItems(form)
      .filter((i) => i.fatal)
      .map((i) => i.key),
  );
  return answers.some((a) => a.failed === true && a.na !== true && fatalKeys.has(a.key));
}

/**
 * What is wrong with an answer sheet for this form: unknown or repeated keys, unanswered items
 * (unless a fatal failure decided the sheet, `decidedByFatal`), earned above the item's points or
 * below 0, a yes/no item given part of its points, a scale item given a fraction, N/A on an item that
 * does not allow it, nothing left to score.
 *
 * @example
 * answerProblems(form, [{ key: 'greeting' }]); // [{ code: 'unanswered', message: '评分项 privacy 还未评', key: 'privacy' }]
 */
export function answerProblems(form: FormVersion, answers: readonly Answer[]): QaProblem[] {
  const problems: QaProblem[] = [];
  const items = new Map(formItems(form).map((i) => [i.key, i]));
  const answered = new Set<string>();
  for (const a of answers) {
    const item = items.get(a.key);
    if (!item) {
      problems.push({ code: 'unknown_item', message: `评分表中没有评分项 ${a.key}`, key: a.key });
      continue;
    }
    if (answered.has(a.key)) problems.push({ code: 'duplicate_answer', message: `评分项 ${a.key} 回答了两次`, key: a.key });
    answered.add(a.key);
    if (a.na && !item.allowNA) problems.push({ code: 'na_not_allowed', message: `评分项 ${a.key} 不允许选"不适用"`, key: a.key });
    if (a.na && (a.failed || a.earned !== undefined)) problems.push({ code: 'na_with_score', message: `评分项 ${a.key} 选了"不适用"就不能再给分`, key: a.key });
    if (a.earned === undefined) continue;
    if (!Number.isFinite(a.earned) || a.earned < 0 || a.earned > item.points) {
      problems.push({ code: 'earned_out_of_range', message: `评分项 ${a.key} 的得分必须在 0 到 ${item.points} 之间`, key: a.key });
    } else if (item.type === 'yes_no' && a.earned !== 0 && a.earned !== item.points) {
      problems.push({ code: 'earned_not_allowed', message: `是否项 ${a.key} 只能得 0 或 ${item.points} 分`, key: a.key });
    } else if (item.type === 'scale' && !Number.isInteger(a.earned)) {
      problems.push({ code: 'earned_not_allowed', message: `量表项 ${a.key} 只能得整数分`, key: a.key });
    }
  }
  const missing = [...items.keys()].filter((k) => !answered.has(k));
  if (missing.length > 0 && !decidedByFatal(form, answers)) {
    const more = missing.length > 1 ? `（还有 ${missing.length - 1} 项未评）` : '';
    problems.push({ code: 'unanswered', message: `评分项 ${missing[0]} 还未评${more}`, key: missing[0] });
  }
  if (problems.length === 0 && answers.every((a) => a.na)) problems.push({ code: 'all_na', message: '所有评分项都不适用，无法计分' });
  return problems;
}

/**
 * Scores an answer sheet (answerProblems must be empty): Σ earned ÷ Σ possible × 100 with N/A
 * items left out of both; an answer without `earned` earns all the item's points, `failed` none; a
 * failed fatal item zeroes the evaluation, or its section when the form says `fatalScope: 'section'`.
 * Items a fatal failure left unanswered are not in `items`: they were neither passed nor failed.
 *
 * @example
 * scoreEvaluation(form, [{ key: 'greeting', earned: 5 }, { key: 'privacy', failed: true }]); // { score: 0, fatal: true, … }
 */
export function scoreEvaluation(form: FormVersion, answers: readonly Answer[]): ScoreResult {
  const byKey = new Map(answers.map((a) => [a.key, a]));
  const heard = decidedByFatal(form, answers) ? formItems(form).filter((item) => byKey.has(item.key)) : formItems(form);
  const items: ItemResult[] = heard.map((item) => {
    const a = byKey.get(item.key) ?? { key: item.key };
    const na = a.na === true;
    const earned = na || a.failed ? 0 : (a.earned ?? item.points);
    return {
      key: item.key,
      section: item.section,
      na,
      earned,
      possible: na ? 0 : item.points,
      failed: !na && (a.failed === true || earned < item.points),
      fatal: item.fatal && !na && a.failed === true,
    };
  });
  const fatalSections = new Set(items.filter((i) => i.fatal).map((i) => i.section));
  const fatal = fatalSections.size > 0;
  const sections = form.sections.map((s, index) => {
    const own = items.filter((i) => i.section === index);
    const possible = own.reduce((sum, i) => sum + i.possible, 0);
    const zeroed = fatalSections.has(index) || (fatal && form.fatalScope === 'evaluation');
    return { name: s.name, possible, earned: zeroed ? 0 : own.reduce((sum, i) => sum + i.earned, 0), fatal: fatalSections.has(index) };
  });
  const possible = sections.reduce((sum, s) => sum + s.possible, 0);
  const earned = sections.reduce((sum, s) => sum + s.earned, 0);
  const score = fatal && form.fatalScope === 'evaluation' ? 0 : possible > 0 ? (earned / possible) * 100 : 0;
  return { score, fatal, earned, possible, items, sections };
}
