import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptRefusal, cohortPassRates, examPaper, examProblems, fullMarksSheet, markExam, type AnswerSheet, type ExamAnswer, type ExamQuestion } from './index';

const questions: ExamQuestion[] = [
  { key: 'q1', kind: 'single', text: '首问负责制是指？', points: 2, options: ['谁先接谁负责到底', '组长负责', '质检负责'], answer: 0 },
  { key: 'q2', kind: 'multiple', text: '交接班要交哪些？', points: 4, options: ['情况', '设备', '午饭', '记录'], answers: [0, 1, 3] },
  { key: 'q3', kind: 'true_false', text: '病假每天扣发10元', points: 2, answer: true },
  { key: 'q4', kind: 'fill', text: '投诉须在__小时内答复', points: 2, accepted: ['48', '四十八'] },
];
const exam = { questions, passPercent: 60 };

describe('marking an exam', () => {
  it('gives each right answer its points and passes at the pass mark', () => {
    const mark = markExam(exam, { q1: 0, q2: [3, 0, 1], q3: false, q4: ' ４８ ' });
    expect(mark).toMatchObject({ score: 8, total: 10, percent: 80, passed: true });
    expect(mark.marks).toEqual([
      { key: 'q1', correct: true, points: 2 },
      { key: 'q2', correct: true, points: 4 },
      { key: 'q3', correct: false, points: 0 },
      { key: 'q4', correct: true, points: 2 },
    ]);
  });

  it('scores a multiple-choice question only for the exact set: one missed or one extra scores nothing', () => {
    expect(markExam(exam, { q2: [0, 1] }).marks[1]).toEqual({ key: 'q2', correct: false, points: 0 });
    expect(markExam(exam, { q2: [0, 1, 2, 3] }).marks[1]?.correct).toBe(false);
    expect(markExam(exam, { q2: [0, 0, 1] }).marks[1]?.correct).toBe(false);
  });

  it('fails below the pass mark and counts unanswered questions as wrong', () => {
    const mark = markExam(exam, { q1: 0, q3: true });
    expect(mark).toMatchObject({ score: 4, percent: 40, passed: false });
    expect(markExam({ questions, passPercent: 40 }, { q1: 0, q3: true }).passed).toBe(true);
  });

  it('accepts any of the fill-in answers, ignoring case, width and spaces, but not an empty one', () => {
    const fill: ExamQuestion[] = [{ key: 'f', kind: 'fill', text: '系统名', points: 1, accepted: ['Call Center', ''] }];
    expect(markExam({ questions: fill, passPercent: 100 }, { f: 'ｃａｌｌ   center' }).passed).toBe(true);
    expect(markExam({ questions: fill, passPercent: 100 }, { f: '  ' }).passed).toBe(false);
    expect(markExam({ questions: fill, passPercent: 100 }, { f: 1 }).passed).toBe(false);
  });

  it('hands the agent a paper without the answers', () => {
    const paper = examPaper(questions);
    expect(JSON.stringify(paper)).not.toMatch(/answer|accepted/);
    expect(paper[1]).toEqual({ key: 'q2', kind: 'multiple', text: '交接班要交哪些？', points: 4, options: ['情况', '设备', '午饭', '记录'] });
  });
});

describe('exam problems', () => {
  it('finds what keeps an exam from being published, naming the question', () => {
    expect(examProblems(exam)).toEqual([]);
    expect(examProblems({ questions: [], passPercent: 60 })).toEqual([{ code: 'no_questions' }]);
    const bad = examProblems({
      passPercent: 120,
      questions: [
        { key: 'a', kind: 'single', text: '', points: 0, options: ['甲'], answer: 3 },
        { key: 'a', kind: 'multiple', text: '多选', points: 1, options: ['甲', '乙'], answers: [] },
        { key: 'c', kind: 'fill', text: '填空', points: 1, accepted: [' '] },
      ],
    });
    expect(bad.map((p) => ('question' in p ? `${p.question} ${p.code}` : p.code))).toEqual([
      'pass_percent',
      '1 no_text',
      '1 points',
      '1 few_options',
      '1 single_answer',
      '2 key_twice',
      '2 no_answers',
      '3 no_accepted',
    ]);
  });
});

describe('attempt rules', () => {
  const rule = { opensAt: 1000, closesAt: 2000, maxAttempts: 1 };
  it('takes a sheet inside the window once', () => {
    expect(attemptRefusal(rule, 0, 999)).toBe('not_open');
    expect(attemptRefusal(rule, 0, 1000)).toBeNull();
    expect(attemptRefusal(rule, 1, 1500)).toBe('no_attempts_left');
    expect(attemptRefusal(rule, 0, 2000)).toBe('closed');
    expect(attemptRefusal({ ...rule, maxAttempts: 2 }, 1, 1500)).toBeNull();
  });
});

describe('pass rate per cohort', () => {
  it('counts each agent once by the best sheet', () => {
    const rates = cohortPassRates([
      { agentId: 'a', cohort: '一组', percent: 50, passed: false },
      { agentId: 'a', cohort: '一组', percent: 90, passed: true },
      { agentId: 'b', cohort: '一组', percent: 40, passed: false },
      { agentId: 'c', cohort: '二组', percent: 70, passed: true },
    ]);
    expect(rates).toEqual([
      { cohort: '一组', takers: 2, passed: 1, passRate: 0.5, meanPercent: 65 },
      { cohort: '二组', takers: 1, passed: 1, passRate: 1, meanPercent: 70 },
    ]);
    expect(cohortPassRates([])).toEqual([]);
  });
});

const option = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '');
const arbQuestion = (key: string): fc.Arbitrary<ExamQuestion> => {
  const points = fc.integer({ min: 1, max: 20 });
  return fc.oneof(
    fc
      .record({ options: fc.array(option, { minLength: 2, maxLength: 5 }), points })
      .chain(({ options, points }) => fc.integer({ min: 0, max: options.length - 1 }).map((answer): ExamQuestion => ({ key, kind: 'single', text: key, points, options, answer }))),
    fc
      .record({ options: fc.array(option, { minLength: 2, maxLength: 5 }), points })
      .chain(({ options, points }) =>
        fc
          .uniqueArray(fc.integer({ min: 0, max: options.length - 1 }), { minLength: 1, maxLength: options.length })
          .map((answers): ExamQuestion => ({ key, kind: 'multiple', text: key, points, options, answers })),
      ),
    fc.record({ answer: fc.boolean(), points }).map(({ answer, points }): ExamQuestion => ({ key, kind: 'true_false', text: key, points, answer })),
    fc
      .record({ accepted: fc.array(option, { minLength: 1, maxLength: 3 }), points })
      .map(({ accepted, points }): ExamQuestion => ({ key, kind: 'fill', text: key, points, accepted })),
  );
};
const arbQuestions = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbQuestion(`q${i + 1}`))));
const arbAnswer: fc.Arbitrary<ExamAnswer | null> = fc.oneof(
  fc.integer({ min: -1, max: 6 }),
  fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }),
  fc.boolean(),
  fc.string(),
  fc.constant(null),
);

describe('marking properties', () => {
  it('scores between 0 and the total whatever is answered', () => {
    fc.assert(
      fc.property(arbQuestions, fc.dictionary(fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q9'), arbAnswer), fc.integer({ min: 0, max: 100 }), (qs, sheet, passPercent) => {
        const mark = markExam({ questions: qs, passPercent }, sheet as AnswerSheet);
        const total = qs.reduce((s, q) => s + q.points, 0);
        expect(mark.total).toBe(total);
        expect(mark.score).toBeGreaterThanOrEqual(0);
        expect(mark.score).toBeLessThanOrEqual(total);
        expect(mark.percent).toBeGreaterThanOrEqual(0);
        expect(mark.percent).toBeLessThanOrEqual(100);
        expect(mark.passed).toBe(mark.percent >= passPercent);
      }),
    );
  });

  it('gives a full-marks answer sheet the total and a pass at any pass mark', () => {
    fc.assert(
      fc.property(arbQuestions, fc.integer({ min: 0, max: 100 }), (qs, passPercent) => {
        expect(examProblems({ questions: qs, passPercent })).toEqual([]);
        const mark = markExam({ questions: qs, passPercent }, fullMarksSheet(qs));
        expect(mark.score).toBe(mark.total);
        expect(mark.percent).toBe(100);
        expect(mark.passed).toBe(true);
        expect(mark.marks.every((m) => m.correct)).toBe(true);
      }),
    );
  });
});
