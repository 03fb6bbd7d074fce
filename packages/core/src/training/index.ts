/**
 * Training and exams (培训与考试), pure: the four kinds of question with their answers, automatic
 * marking with points per question and a pass mark, the window and attempts an agent has, and the
 * pass rate per cohort (team or hire month).
 *
 * @example
 * const problems = examProblems({ questions, passPercent: 60 }); // [] when it can be published
 * const paper = examPaper(questions);                             // what the agent sees: no answers
 * attemptRefusal({ opensAt, closesAt, maxAttempts: 1 }, used, now); // null, or why not
 * const mark = markExam({ questions, passPercent: 60 }, sheet);   // { score, total, percent, passed, marks }
 * cohortPassRates(results);                                       // [{ cohort, takers, passed, passRate, meanPercent }]
 */
export {
  attemptRefusal,
  examPaper,
  examProblems,
  examQuestionKinds,
  examTotal,
  fullMarksSheet,
  markExam,
  normalizeFill,
  type AnswerSheet,
  type AttemptRefusal,
  type AttemptRule,
  type ExamAnswer,
  type ExamKey,
  type ExamMark,
  type ExamProblem,
  type ExamQuestion,
  type ExamQuestionKind,
  type PaperQuestion,
  type QuestionMark,
} from './exam';
export { cohortPassRates, type CohortPassRate, type ExamResult } from './cohort';
