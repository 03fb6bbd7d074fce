/** One agent's marked answer sheet as the pass rate counts it. */
export interface ExamResult {
  agentId: string;
  /** The group the agent is counted in: a team, or the month they were hired (新员工 by intake). */
  cohort: string;
  percent: number;
  passed: boolean;
}

export interface CohortPassRate {
  cohort: string;
  /** Agents who handed in at least one sheet (参考人数). */
  takers: number;
  passed: number;
  /** passed / takers, 0–1. */
  passRate: number;
  /** The mean of each taker's best percentage, to one decimal. */
  meanPercent: number;
}

/**
 * The pass rate (合格率) per cohort: each agent counted once, by their best sheet, so a retake that
 * passes counts as a pass and two failed attempts as one taker.
 *
 * @example
 * cohortPassRates([{ agentId: 'a', cohort: '2026-01', percent: 80, passed: true }]);
 * // [{ cohort: '2026-01', takers: 1, passed: 1, passRate: 1, meanPercent: 80 }]
 */
export function cohortPassRates(results: readonly ExamResult[]): CohortPassRate[] {
  const best = new Map<string, ExamResult>();
  for (const r of results) {
    const id = `${r.cohort}\u0000${r.agentId}`;
    const seen = best.get(id);
    if (!seen || r.percent > seen.percent || (r.passed && !seen.passed)) best.set(id, r);
  }
  const cohorts = new Map<string, ExamResult[]>();
  for (const r of best.values()) cohorts.set(r.cohort, [...(cohorts.get(r.cohort) ?? []), r]);
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, rows]) => {
      const passed = rows.filter((r) => r.passed).length;
      return {
        cohort,
        takers: rows.length,
        passed,
        passRate: passed / rows.length,
        meanPercent: Math.round((rows.reduce((s, r) => s + r.percent, 0) / rows.length) * 10) / 10,
      };
    });
}
