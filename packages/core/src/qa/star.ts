/** A confirmed evaluation as the QA star counts it. */
export interface ScoredAgent {
  agentId: string;
  teamId: string | null;
  score: number;
}

export interface QaStar {
  teamId: string | null;
  agentId: string;
  average: number;
  evaluations: number;
}

/**
 * 质检明星: per team, the agent with the highest average confirmed score among those with at
 * least `minEvaluations` in the period; more evaluations break a tie, then the agent id (stable).
 * A team without anyone qualified has no star.
 *
 * @example
 * qaStars(evaluationsOfToday, 3); // [{ teamId: 't1', agentId: 'a2', average: 97.5, evaluations: 4 }]
 */
export function qaStars(evaluations: readonly ScoredAgent[], minEvaluations: number): QaStar[] {
  const byAgent = new Map<string, { teamId: string | null; sum: number; n: number }>();
  for (const e of evaluations) {
    const a = byAgent.get(e.agentId) ?? { teamId: e.teamId, sum: 0, n: 0 };
    a.sum += e.score;
    a.n += 1;
    byAgent.set(e.agentId, a);
  }
  const best = new Map<string | null, QaStar>();
  for (const [agentId, a] of byAgent) {
    if (a.n < minEvaluations) continue;
    const candidate = { teamId: a.teamId, agentId, average: a.sum / a.n, evaluations: a.n };
    const current = best.get(a.teamId);
    const better =
      !current ||
      candidate.average > current.average ||
      (candidate.average === current.average && (candidate.evaluations > current.evaluations || (candidate.evaluations === current.evaluations && agentId < current.agentId)));
    if (better) best.set(a.teamId, candidate);
  }
  return [...best.values()].sort((x, y) => String(x.teamId).localeCompare(String(y.teamId)));
}
