/** With more skill groups than this needed in one interval, only each group alone and all of them together are required, not every subset. */
const MAX_SKILL_GROUPS = 6;

/**
 * The sets of skill groups whose summed requirement an interval's agents must meet, smallest first:
 * every subset of the groups needed (all of them only up to MAX_SKILL_GROUPS groups).
 */
export function groupSets(needs: ReadonlyMap<string, number>): string[][] {
  const groups = [...needs.keys()].sort();
  if (groups.length > MAX_SKILL_GROUPS) return [...groups.map((g) => [g]), groups];
  const sets: string[][] = [];
  for (let mask = 1; mask < 1 << groups.length; mask++) sets.push(groups.filter((_, i) => mask & (1 << i)));
  return sets.sort((a, b) => a.length - b.length);
}

/** A set of skill groups the agents on the phones cannot serve together in an interval. */
export interface SkillShortage {
  /** The groups ('' for a requirement without a skill: anyone), sorted. */
  groups: string[];
  /** Their summed requirement. */
  required: number;
  /** The agents on the phones having any of them. */
  scheduled: number;
}

/**
 * The smallest sets of skill groups an interval's agents cannot serve together. Each agent answers
 * one group at a time, so a set is served when the agents having any of its groups are at least its
 * summed requirement (Hall's condition: exactly when the agents can be shared out); an agent with two
 * skills counts once. What the roster model requires and what its short list and the leader's grid
 * report.
 *
 * @example
 * skillShortage(new Map([['粤语', 1], ['普通话', 1]]), [new Set(['粤语', '普通话'])]);
 * // [{ groups: ['普通话', '粤语'], required: 2, scheduled: 1 }]
 */
export function skillShortage(needs: ReadonlyMap<string, number>, onPhones: readonly ReadonlySet<string>[]): SkillShortage[] {
  const capable = (groups: readonly string[]) => onPhones.filter((skills) => groups.some((g) => g === '' || skills.has(g))).length;
  const lacking: SkillShortage[] = [];
  for (const groups of groupSets(needs)) {
    if (lacking.some((l) => l.groups.every((g) => groups.includes(g)))) continue;
    const required = groups.reduce((sum, g) => sum + needs.get(g)!, 0);
    const scheduled = capable(groups);
    if (scheduled < required) lacking.push({ groups, required, scheduled });
  }
  return lacking;
}
