import { describe, expect, it } from 'vitest';
import type { FormVersion } from './forms';
import { answerProblems, scoreEvaluation, type Answer } from './scoring';

const item = (key: string, points: number, more: { fatal?: boolean; allowNA?: boolean } = {}) => ({
  key,
  text: key,
  points,
  type: 'points' as const,
  allowNA: more.allowNA ?? false,
  fatal: more.fatal ?? false,
});

/** 开场 (greeting 10, verify 10 N/A allowed) and 业务 (accuracy 30, privacy 10 fatal). */
const form = (fatalScope: FormVersion['fatalScope'] = 'evaluation'): FormVersion => ({
  name: '服务质量评分表',
  fatalScope,
  sections: [
    { name: '开场', items: [item('greeting', 10), item('verify', 10, { allowNA: true })] },
    { name: '业务', items: [item('accuracy', 30), item('privacy', 10, { fatal: true })] },
  ],
});

const scored = (f: FormVersion, answers: Answer[]) => {
  expect(answerProblems(f, answers)).toEqual([]);
  return scoreEvaluation(f, answers);
};

describe('answer sheets as the API takes them: {key, earned?, na?, failed?}', () => {
  it('gives an item answered without earned all its points, a failed one none', () => {
    const result = scored(form(), [{ key: 'greeting' }, { key: 'verify', failed: true }, { key: 'accuracy', earned: 15 }, { key: 'privacy' }]);
    expect(result.items.map((i) => [i.key, i.earned, i.failed])).toEqual([
      ['greeting', 10, false],
      ['verify', 0, true],
      ['accuracy', 15, true],
      ['privacy', 10, false],
    ]);
    expect(result).toMatchObject({ earned: 35, possible: 60, fatal: false });
    expect(result.score).toBeCloseTo((35 / 60) * 100, 10);
  });

  it('refuses a sheet with items left out, naming the first of them', () => {
    expect(answerProblems(form(), [{ key: 'greeting' }, { key: 'privacy' }])).toEqual([{ code: 'unanswered', message: '评分项 verify 还未评（还有 1 项未评）', key: 'verify' }]);
    expect(answerProblems(form(), [{ key: 'greeting' }, { key: 'verify' }, { key: 'accuracy' }])).toEqual([
      { code: 'unanswered', message: '评分项 privacy 还未评', key: 'privacy' },
    ]);
  });

  it('lets the sheet stop at a fatal failure that zeroes the whole evaluation: 0, fatal, the items left out not scored', () => {
    const result = scored(form(), [{ key: 'greeting' }, { key: 'privacy', failed: true }]);
    expect(result).toMatchObject({ score: 0, fatal: true });
    // The items not heard are neither passed nor failed in the item statistics.
    expect(result.items.map((i) => i.key)).toEqual(['greeting', 'privacy']);
    expect(scored(form(), [{ key: 'privacy', failed: true }])).toMatchObject({ score: 0, fatal: true });
  });

  it('still wants every item when the fatal failure zeroes only its section, or when no fatal item failed', () => {
    expect(answerProblems(form('section'), [{ key: 'greeting' }, { key: 'privacy', failed: true }]).map((p) => p.key)).toEqual(['verify']);
    // A fatal item given 0 points is not the fatal failure (failed: true is): the sheet must go on.
    expect(answerProblems(form(), [{ key: 'greeting' }, { key: 'privacy', earned: 0 }]).map((p) => p.code)).toEqual(['unanswered']);
    // A non-fatal failure decides nothing either.
    expect(answerProblems(form(), [{ key: 'greeting', failed: true }]).map((p) => p.key)).toEqual(['verify']);
  });

  it('still checks what was answered on a sheet a fatal failure decided', () => {
    expect(
      answerProblems(form(), [
        { key: 'greeting', earned: 11 },
        { key: 'privacy', failed: true },
      ]).map((p) => p.code),
    ).toEqual(['earned_out_of_range']);
    expect(answerProblems(form(), [{ key: 'nope' }, { key: 'privacy', failed: true }]).map((p) => p.code)).toEqual(['unknown_item']);
  });
});
