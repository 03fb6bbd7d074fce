/**
 * Staff records and promotion interviews, pure: a record's dates and what is wrong with them, tenure,
 * an agent's employment split by team (for turnover per team), the days a report row covers; seed
 * 000's interview rubrics (面试问题答案及评分规则), score checks against the scoring bands, totals and ranking.
 *
 * @example
 * staffRecordProblem({ hireDate: '2026-03-01', probationEnd: null, probationOutcome: 'pending', leaveDate: '2026-02-01', leaveCategory: 'resigned' });
 * // { code: 'leave_before_hire', params: { leaveDate: '2026-02-01', hireDate: '2026-03-01' } }
 * interviewRanking(teamLeaderRubric.questions, ['a1', 'a2'], sheets); // best first, with ranks
 */
export * from './records';
export * from './turnover';
export * from './interviews';
