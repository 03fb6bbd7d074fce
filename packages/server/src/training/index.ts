/**
 * Training and exams (培训与考试) on the server: courses with materials (texts, links, calls of QA's
 * model-call library), exams a trainer writes and publishes to teams or agents for a window, agents'
 * answer sheets marked on hand-in, 每月考试成绩 and pass rates per cohort. The rules are core's
 * (`packages/core/src/training`).
 *
 * @example
 * const exam = await monthlyExamScores(store, '2026-01', agentIds); // Map agentId → mean percentage
 */
export { monthlyExamScores } from './scores';
