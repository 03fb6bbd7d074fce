import { rank } from './ranking';

export interface MetricTarget {
  metricId: string;
  scope: 'center' | 'team' | 'queue' | 'agent';
  /** The team, queue or agent id; '' for the center. */
  scopeId: string;
  target: number;
}

export interface ScorecardInput {
  agentId: string;
  teamId: string | null;
  /** The metrics that have a better direction, in the order the card lists them. */
  metrics: readonly { id: string; better: 'higher' | 'lower' }[];
  /** Every agent of the team with their metrics for the period (the agent among them). */
  teamAgents: readonly { key: string; metrics: Record<string, number | null> }[];
  /** The team's and the center's figures for the period, each computed from its own summed tally. */
  team: Record<string, number | null>;
  center: Record<string, number | null>;
  targets: readonly MetricTarget[];
}

export interface ScorecardLine {
  metricId: string;
  better: 'higher' | 'lower';
  value: number | null;
  team: number | null;
  center: number | null;
  /** The agent's own target, else the team's, else the center's. */
  target: number | null;
  met: boolean | null;
  /** Place among the team's agents with data (1 is best), and how many were ranked. */
  rank: number | null;
  rankedOf: number;
  band: 'top' | 'bottom' | 'middle' | null;
}

/**
 * One agent's card for a period: each metric against the team, the center and the target, with
 * the agent's place in the team. A metric without data (the QA score before any evaluation) stays
 * on the card as null, so the reader sees what is not measured yet.
 *
 * @example
 * scorecard({ agentId, teamId, metrics, teamAgents, team, center, targets }).find((l) => l.metricId === 'averageHandleTime');
 */
export function scorecard(input: ScorecardInput): ScorecardLine[] {
  const targetFor = (metricId: string): number | null => {
    const pick = (scope: MetricTarget['scope'], scopeId: string) => input.targets.find((t) => t.metricId === metricId && t.scope === scope && t.scopeId === scopeId)?.target;
    return pick('agent', input.agentId) ?? (input.teamId ? pick('team', input.teamId) : undefined) ?? pick('center', '') ?? null;
  };
  const lines: ScorecardLine[] = [];
  for (const { id, better } of input.metrics) {
    const ranked = rank(input.teamAgents, (a) => a.metrics[id], better);
    const mine = ranked.find((r) => r.item.key === input.agentId);
    const value = mine?.value ?? null;
    const target = targetFor(id);
    lines.push({
      metricId: id,
      better,
      value,
      team: input.team[id] ?? null,
      center: input.center[id] ?? null,
      target,
      met: value === null || target === null ? null : better === 'higher' ? value >= target : value <= target,
      rank: mine?.rank ?? null,
      rankedOf: ranked.filter((r) => r.rank !== null).length,
      band: mine?.band ?? null,
    });
  }
  return lines;
}
