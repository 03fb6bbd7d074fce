/** The kinds of question a trainer writes: 单选, 多选, 判断, 填空. */
export const examQuestionKinds = ['single', 'multiple', 'true_false', 'fill'] as const;
export type ExamQuestionKind = (typeof examQuestionKinds)[number];

interface QuestionBase {
  /** Unique within the exam; answer sheets refer to it. */
  key: string;
  text: string;
  /** Points for a right answer; a wrong or missing one scores 0. */
  points: number;
}

/** A question with its correct answer: the trainer's copy, never sent to an agent before they submit. */
export type ExamQuestion =
  | (QuestionBase & { kind: 'single'; options: string[]; answer: number })
  | (QuestionBase & { kind: 'multiple'; options: string[]; answers: number[] })
  | (QuestionBase & { kind: 'true_false'; answer: boolean })
  | (QuestionBase & { kind: 'fill'; accepted: string[] });

/** The question as the agent sees it while taking the exam: the text and options, no answer. */
export type PaperQuestion = (QuestionBase & { kind: 'single' | 'multiple'; options: string[] }) | (QuestionBase & { kind: 'true_false' | 'fill' });

/** One answer: an option's index (single), indexes (multiple), true/false, or the text written in. */
export type ExamAnswer = number | number[] | boolean | string;
/** An agent's answers by question key; a question left out is unanswered. */
export type AnswerSheet = Readonly<Record<string, ExamAnswer | null | undefined>>;

export interface QuestionMark {
  key: string;
  correct: boolean;
  points: number;
}

export interface ExamMark {
  score: number;
  total: number;
  /** score / total × 100, to one decimal. */
  percent: number;
  passed: boolean;
  marks: QuestionMark[];
}

/** The exam as marking needs it. */
export interface ExamKey {
  questions: readonly ExamQuestion[];
  /** The percentage a pass needs (及格线), 0–100. */
  passPercent: number;
}

/**
 * How a fill-in answer compares: full-width letters, digits and spaces as half-width (an agent types
 * with a Chinese input method), case and surrounding or repeated spaces ignored.
 */
export function normalizeFill(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function isRight(question: ExamQuestion, answer: ExamAnswer | null | undefined): boolean {
  switch (question.kind) {
    case 'single':
      return answer === question.answer;
    case 'multiple': {
      // 多选题: only the exact set scores; one missed or one extra scores nothing.
      if (!Array.isArray(answer)) return false;
      const given = new Set(answer);
      return given.size === answer.length && given.size === question.answers.length && question.answers.every((a) => given.has(a));
    }
    case 'true_false':
      return answer === question.answer;
    case 'fill':
      return typeof answer === 'string' && answer.trim() !== '' && question.accepted.some((a) => normalizeFill(a) === normalizeFill(answer));
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The total an exam is marked out of. */
export function examTotal(questions: readonly ExamQuestion[]): number {
  return round2(questions.reduce((sum, q) => sum + q.points, 0));
}

/**
 * Marks an answer sheet: each question's points when right, 0 otherwise; passed when the
 * percentage reaches the pass mark.
 *
 * @example
 * markExam({ questions, passPercent: 60 }, { q1: 2, q2: [0, 2], q3: true, q4: '12345' });
 * // { score: 8, total: 10, percent: 80, passed: true, marks: [...] }
 */
export function markExam(exam: ExamKey, sheet: AnswerSheet): ExamMark {
  const marks = exam.questions.map((q): QuestionMark => {
    const correct = isRight(q, sheet[q.key]);
    return { key: q.key, correct, points: correct ? q.points : 0 };
  });
  const score = round2(marks.reduce((sum, m) => sum + m.points, 0));
  const total = examTotal(exam.questions);
  const percent = total > 0 ? round1((score / total) * 100) : 0;
  return { score, total, percent, passed: percent >= exam.passPercent, marks };
}

/** The exam paper an agent takes: the correct answers left out. */
export function examPaper(questions: readonly ExamQuestion[]): PaperQuestion[] {
  return questions.map((q): PaperQuestion => {
    const base = { key: q.key, text: q.text, points: q.points };
    return q.kind === 'single' || q.kind === 'multiple' ? { ...base, kind: q.kind, options: [...q.options] } : { ...base, kind: q.kind };
  });
}

/** The answer sheet that scores every question: what a trainer checks the key with. */
export function fullMarksSheet(questions: readonly ExamQuestion[]): Record<string, ExamAnswer> {
  const rightAnswer = (q: ExamQuestion): ExamAnswer => {
    if (q.kind === 'multiple') return [...q.answers];
    if (q.kind === 'fill') return q.accepted[0] ?? '';
    return q.answer;
  };
  return Object.fromEntries(questions.map((q) => [q.key, rightAnswer(q)]));
}

/**
 * One thing wrong with an exam, for the caller to say in the user's words: `question` is the
 * question's number (from 1), `key` its code.
 */
export type ExamProblem =
  | { code: 'no_questions' | 'pass_percent' }
  | {
      code: 'key_twice' | 'no_text' | 'points' | 'few_options' | 'empty_option' | 'single_answer' | 'no_answers' | 'multiple_answers' | 'no_accepted';
      question: number;
      key: string;
    };

/** What is wrong with an exam; empty when it can be published. */
export function examProblems(exam: ExamKey): ExamProblem[] {
  const problems: ExamProblem[] = [];
  if (exam.questions.length === 0) problems.push({ code: 'no_questions' });
  if (!(exam.passPercent >= 0 && exam.passPercent <= 100)) problems.push({ code: 'pass_percent' });
  const seen = new Set<string>();
  exam.questions.forEach((q, i) => {
    const at = (code: Exclude<ExamProblem['code'], 'no_questions' | 'pass_percent'>) => problems.push({ code, question: i + 1, key: q.key });
    if (seen.has(q.key)) at('key_twice');
    seen.add(q.key);
    if (q.text.trim() === '') at('no_text');
    if (!(q.points > 0)) at('points');
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (q.options.length < 2) at('few_options');
      if (q.options.some((o) => o.trim() === '')) at('empty_option');
      const inRange = (a: number) => Number.isInteger(a) && a >= 0 && a < q.options.length;
      if (q.kind === 'single' && !inRange(q.answer)) at('single_answer');
      if (q.kind === 'multiple') {
        if (q.answers.length === 0) at('no_answers');
        else if (!q.answers.every(inRange) || new Set(q.answers).size !== q.answers.length) at('multiple_answers');
      }
    }
    if (q.kind === 'fill' && q.accepted.every((a) => a.trim() === '')) at('no_accepted');
  });
  return problems;
}

/** An exam's window and how many answer sheets each agent may hand in (1 by default: 交卷一次). */
export interface AttemptRule {
  opensAt: number;
  closesAt: number;
  maxAttempts: number;
}

export type AttemptRefusal = 'not_open' | 'closed' | 'no_attempts_left';

/**
 * Whether an agent may hand in an answer sheet at `now`: inside the window [opensAt, closesAt) and
 * with an attempt left.
 *
 * @example
 * attemptRefusal({ opensAt, closesAt, maxAttempts: 1 }, 1, clock.now()); // 'no_attempts_left'
 */
export function attemptRefusal(rule: AttemptRule, attemptsUsed: number, now: number): AttemptRefusal | null {
  if (now < rule.opensAt) return 'not_open';
  if (now >= rule.closesAt) return 'closed';
  if (attemptsUsed >= rule.maxAttempts) return 'no_attempts_left';
  return null;
}
