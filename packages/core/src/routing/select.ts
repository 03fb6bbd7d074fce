import type { Random } from '../random/index';
import type { Strategy } from './config';

export interface Candidate {
  agentId: string;
  callsToday: number;
  talkMsToday: number;
}

export interface SelectionContext {
  /** Member order of the queue, for linear and round robin. */
  memberIndex: ReadonlyMap<string, number>;
  /** Member index of the agent last offered a call by this queue (round robin), -1 at first. */
  lastOffered: number;
  random: Random;
}

/**
 * Picks the agent(s) to ring from a queue's ready agents, grouped in tiers by how far below the
 * queue's skill requirement they are (tier 0 meets it). Only tiers up to `maxTier` may take this
 * call (time-based widening), and a lower tier is always preferred: widening adds agents as a
 * fallback, it does not spread calls onto less skilled agents while skilled ones are idle.
 * Within a tier the strategy decides; each tier is a Set in the order its agents became ready,
 * so its first element is the longest idle agent.
 *
 * @example
 * pickAgents('longest_idle', readyByTier, 0, ctx); // [the agent ready the longest], or []
 */
export function pickAgents<C extends Candidate>(strategy: Strategy, tiers: readonly Set<C>[], maxTier: number, ctx: SelectionContext): C[] {
  if (strategy === 'ring_all') {
    const all: C[] = [];
    for (let t = 0; t <= maxTier && t < tiers.length; t++) for (const c of tiers[t]!) all.push(c);
    return all;
  }
  for (let t = 0; t <= maxTier && t < tiers.length; t++) {
    const tier = tiers[t]!;
    if (tier.size === 0) continue;
    const pick = pickOne(strategy, tier, ctx);
    if (pick) return [pick];
  }
  return [];
}

function pickOne<C extends Candidate>(strategy: Exclude<Strategy, 'ring_all'>, tier: Set<C>, ctx: SelectionContext): C | undefined {
  switch (strategy) {
    case 'longest_idle':
      return tier.values().next().value;
    case 'random': {
      let k = ctx.random.int(tier.size);
      for (const c of tier) if (k-- === 0) return c;
      return undefined;
    }
    case 'fewest_calls':
      return minBy(tier, (c) => c.callsToday);
    case 'least_talk_time':
      return minBy(tier, (c) => c.talkMsToday);
    case 'linear':
      return minBy(tier, (c) => ctx.memberIndex.get(c.agentId) ?? Infinity);
    case 'round_robin': {
      // The next member after the last one offered, wrapping round to the start of the list.
      const n = ctx.memberIndex.size;
      return minBy(tier, (c) => {
        const i = ctx.memberIndex.get(c.agentId) ?? Infinity;
        return i > ctx.lastOffered ? i : i + n;
      });
    }
  }
}

/** The minimum by key; ties go to the earlier element, i.e. the longer idle agent. */
function minBy<C>(items: Iterable<C>, key: (c: C) => number): C | undefined {
  let best: C | undefined;
  let bestKey = Infinity;
  for (const c of items) {
    const k = key(c);
    if (best === undefined || k < bestKey) {
      best = c;
      bestKey = k;
    }
  }
  return best;
}
