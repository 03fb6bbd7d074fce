import type { DistributionRule } from './rules';
import type { CampaignTask } from './tasks';

export interface CampaignAgent {
  agentId: string;
  /** The agent's level (1-5) in the campaign's skill; 0 or absent: not skilled. */
  skillLevel?: number;
}

/**
 * Spreads the campaign's open customers over its agents. Customers already assigned to one of
 * the agents stay where they are (an agent's list does not change under their feet); those of
 * agents who left the campaign, or of nobody, are dealt out:
 * - equal: to the agent with the fewest open customers (ties in the agents' order);
 * - owner: to the customer's owner when the owner works the campaign, else as equal;
 * - skill: among agents with the campaign's skill, in proportion to their level.
 * A customer in an agent's hands (locked) or closed is never moved. Returns the changed tasks.
 *
 * @example
 * distribute('equal', tasks, [{ agentId: 'a' }, { agentId: 'b' }], new Map());
 */
export function distribute(rule: DistributionRule, tasks: readonly CampaignTask[], agents: readonly CampaignAgent[], owners: ReadonlyMap<string, string | null>): CampaignTask[] {
  const eligible = rule === 'skill' ? agents.filter((a) => (a.skillLevel ?? 0) > 0) : agents;
  const weight = new Map(eligible.map((a) => [a.agentId, rule === 'skill' ? a.skillLevel! : 1]));
  const load = new Map(eligible.map((a) => [a.agentId, 0]));
  const open = (t: CampaignTask) => t.status === 'open' || t.status === 'callback';
  for (const t of tasks) if (open(t) && t.assignedAgentId !== null && load.has(t.assignedAgentId)) load.set(t.assignedAgentId, load.get(t.assignedAgentId)! + 1);
  const lightest = (): string | null => {
    let best: string | null = null;
    for (const a of eligible) {
      const share = (load.get(a.agentId)! + 1) / weight.get(a.agentId)!;
      if (best === null || share < (load.get(best)! + 1) / weight.get(best)!) best = a.agentId;
    }
    return best;
  };
  const changed: CampaignTask[] = [];
  for (const t of [...tasks].sort((a, b) => a.position - b.position)) {
    if (!open(t) || t.lockedBy !== null || (t.assignedAgentId !== null && load.has(t.assignedAgentId))) continue;
    const owner = owners.get(t.customerId) ?? null;
    const to = rule === 'owner' && owner !== null && load.has(owner) ? owner : lightest();
    if (to === t.assignedAgentId) continue;
    if (to !== null) load.set(to, load.get(to)! + 1);
    changed.push({ ...t, assignedAgentId: to });
  }
  return changed;
}
