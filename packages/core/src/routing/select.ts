import type { Random } from '../random/index';
import type { Strategy } from './config';
import type { ReadyList } from './ready';

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
 * Within a tier the strategy decides; each tier lists its agents in the order they became ready,
 * so its head is the longest idle agent (O(1)); the other strategies scan the tier's ready agents.
 *
 * @example
 * pickAgents('longest_idle', readyByTier, 0, ctx); // [the agent ready the longest], or []
 */
export function pickAgents<C extends Candidate>(strategy: Strategy, tiers: readonly ReadyList<C>[], maxTier: number, ctx: SelectionContext): C[] {
  if (strategy === 'ring_all') {
    const all: C[] = [];
    for (let t = 0; t <= maxTier && t < tiers.length; t++) for (let n = tiers[t]!.head; n; n = n.next) all.push(n.value);
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

function pickOne<C extends Candidate>(strategy: Exclude<Strategy, 'ring_all'>, tier: ReadyList<C>, ctx: SelectionContext): C | undefined {
  switch (strategy) {
    case 'longest_idle':
      return tier.head?.value;
    case 'random': {
      let n = tier.head;
      // One draw of next() per pick, so a restored router can skip exactly the draws already made.
      for (let k = Math.floor(ctx.random.next() * tier.size); n && k > 0; k--) n = n.next;
      return n?.value;
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
function minBy<C>(tier: ReadyList<C>, key: (c: C) => number): C | undefined {
  let best: C | undefined;
  let bestKey = Infinity;
  for (let n = tier.head; n; n = n.next) {
    const k = key(n.value);
    if (best === undefined || k < bestKey) {
      best = n.value;
      bestKey = k;
    }
  }
  return best;
}
