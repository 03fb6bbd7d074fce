import type { CallDetailRecord } from '../calls/index';
import type { Random } from '../random/index';

/** Why a call was picked for review: seed 004 samples "with the reports, not blindly". */
export const sampleReasons = [
  'long_talk',
  'short_talk',
  'long_hold',
  'transferred',
  'repeat_caller',
  'complaint_queue',
  'low_satisfaction',
  'abandon_after_answer',
  'banned_phrase',
  'keyword',
  'new_agent',
  'poor_tier',
  'good_tier',
  'random',
] as const;
export type SampleReason = (typeof sampleReasons)[number];

/** A call that may be sampled, with the facts the rules look at. */
export interface SampleCandidate {
  callId: string;
  agentId: string;
  startedAt: number;
  talkSeconds: number;
  holdSeconds: number;
  transfers: number;
  /** The caller's number, to find repeat callers; null when withheld. */
  from: string | null;
  queueId: string | null;
  /** The customer's satisfaction (1-5) when surveyed. */
  satisfaction?: number | null;
  /** The transcript, when there is one, has a banned phrase (禁语) of the agent. */
  bannedPhrase?: boolean;
  /** The transcript, when there is one, has a keyword of the center's speech rules. */
  keyword?: boolean;
  /** Who ended the call and the phase the caller was in then (the call record's; none on records from before they were kept). */
  endedBy?: CallDetailRecord['endedBy'];
  endedIn?: CallDetailRecord['endedIn'];
}

/**
 * Seed 004's 优/中等/差: agents classed by their recent confirmed QA scores, the good heard less and
 * the poor more. An agent with fewer scores than `minEvaluations` in the window is 中等.
 */
export interface QualityTiers {
  /** Off: every agent's quota is the plan's, whatever the scores. */
  enabled: boolean;
  /** The scores of calls in this many days before the period count. */
  lookbackDays: number;
  minEvaluations: number;
  /** An average at or above this is 优. */
  goodFrom: number;
  /** An average below this is 差. */
  poorBelow: number;
  /** The quota of 优 agents is multiplied by this (at most 1), of 差 agents by `poorWeight` (at least 1). */
  goodWeight: number;
  poorWeight: number;
}

export type QualityTier = 'good' | 'middle' | 'poor';

/** An agent's confirmed QA scores in the look-back window: their mean and how many. */
export interface RecentScores {
  average: number;
  evaluations: number;
}

/**
 * The agent's tier by the recent confirmed scores; 中等 (`middle`) with tiers off or too few scores.
 *
 * @example
 * qualityTier({ average: 93, evaluations: 4 }, defaultSamplingPlan.tiers); // 'good'
 */
export function qualityTier(scores: RecentScores | undefined, tiers: QualityTiers): QualityTier {
  if (!tiers.enabled || !scores || scores.evaluations < tiers.minEvaluations) return 'middle';
  if (scores.average >= tiers.goodFrom) return 'good';
  return scores.average < tiers.poorBelow ? 'poor' : 'middle';
}

/** A sampling plan (抽检计划): a quota per agent and period, and the rules that pick the calls worth hearing. */
export interface SamplingPlan {
  /** Calls per agent per period: seed 004's inspector hears about 60 calls a day across the floor. */
  perAgent: number;
  period: 'day' | 'week' | 'month';
  longTalkSeconds: number;
  shortTalkSeconds: number;
  longHoldSeconds: number;
  /** The same number calling again within this many hours marks the earlier call (not resolved first time). */
  repeatHours: 24 | 48;
  complaintQueueIds: string[];
  /** Satisfaction at or below this is low. */
  lowSatisfaction: number;
  /** New agents' quota is multiplied by this (seed 004: new agents are monitored closely). */
  newAgentWeight: number;
  tiers: QualityTiers;
  /**
   * Whether Banzu samples by itself, on the center's clock: `manual` only when asked; `nightly` an
   * hour after midnight, the period holding the day before; `hourly` each hour, the period so far.
   * A round before the period's end samples the quota's share of the time gone (docs/qa.md).
   */
  schedule: SamplingSchedule;
}

export const samplingSchedules = ['manual', 'nightly', 'hourly'] as const;
export type SamplingSchedule = (typeof samplingSchedules)[number];

export const defaultSamplingPlan: SamplingPlan = {
  perAgent: 2,
  period: 'day',
  longTalkSeconds: 600,
  shortTalkSeconds: 20,
  longHoldSeconds: 120,
  repeatHours: 24,
  complaintQueueIds: [],
  lowSatisfaction: 2,
  newAgentWeight: 2,
  tiers: { enabled: true, lookbackDays: 30, minEvaluations: 3, goodFrom: 90, poorBelow: 75, goodWeight: 0.5, poorWeight: 2 },
  schedule: 'manual',
};

/** The phases a caller waits in once answered: held (or while the agent consults), a transfer ringing, back in a queue. */
const waitingAfterAnswer = new Set<CallDetailRecord['endedIn']>(['hold', 'ring', 'queue']);

/**
 * The rule reasons each call matches (without `random`, `new_agent` and the tiers, which are about
 * the quota). The candidates are answered calls: a caller who hung up while waiting on one
 * (`abandon_after_answer`) was left on hold or in a transfer by the agent who answered.
 *
 * @example
 * sampleRuleReasons(calls, plan).get('c1'); // ['long_talk', 'repeat_caller']
 */
export function sampleRuleReasons(calls: readonly SampleCandidate[], plan: SamplingPlan): Map<string, SampleReason[]> {
  const byNumber = new Map<string, SampleCandidate[]>();
  for (const c of calls) if (c.from) byNumber.set(c.from, [...(byNumber.get(c.from) ?? []), c]);
  const repeated = new Set<string>();
  for (const list of byNumber.values()) {
    const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 0; i + 1 < sorted.length; i++) {
      if (sorted[i + 1]!.startedAt - sorted[i]!.startedAt <= plan.repeatHours * 3_600_000) repeated.add(sorted[i]!.callId);
    }
  }
  const reasons = new Map<string, SampleReason[]>();
  for (const c of calls) {
    const r: SampleReason[] = [];
    if (c.talkSeconds >= plan.longTalkSeconds) r.push('long_talk');
    if (c.talkSeconds > 0 && c.talkSeconds <= plan.shortTalkSeconds) r.push('short_talk');
    if (c.holdSeconds >= plan.longHoldSeconds) r.push('long_hold');
    if (c.transfers > 0) r.push('transferred');
    if (repeated.has(c.callId)) r.push('repeat_caller');
    if (c.queueId !== null && plan.complaintQueueIds.includes(c.queueId)) r.push('complaint_queue');
    if (c.satisfaction != null && c.satisfaction <= plan.lowSatisfaction) r.push('low_satisfaction');
    if (c.endedBy === 'caller' && waitingAfterAnswer.has(c.endedIn ?? null)) r.push('abandon_after_answer');
    if (c.bannedPhrase) r.push('banned_phrase');
    if (c.keyword) r.push('keyword');
    reasons.set(c.callId, r);
  }
  return reasons;
}

export interface SampledCall {
  callId: string;
  agentId: string;
  reasons: SampleReason[];
  inspectorId: string;
}

export interface SampleInput {
  plan: SamplingPlan;
  calls: readonly SampleCandidate[];
  /** Agents in their first weeks: their quota is weighted up. */
  newAgents: ReadonlySet<string>;
  /** Each agent's confirmed QA scores in the plan's look-back window, for the tiers; an agent without is 中等. */
  recentScores?: ReadonlyMap<string, RecentScores>;
  /** Calls already sampled or scored this period, per agent: they count toward the quota. */
  alreadySampled: ReadonlyMap<string, number>;
  /** Calls already excluded (sampled before, scored, the agent's own inspector …). */
  exclude: ReadonlySet<string>;
  /** Inspectors with the open work they have now: new calls go to the least loaded. */
  inspectors: readonly { id: string; open: number }[];
  random: Random;
}

/**
 * Picks each agent's calls for the period: up to the quota (weighted for new agents and by the
 * agent's tier, less what is already sampled), calls matching the most rules first, the rest at
 * random; each pick says why, with the agent's tier when it is 优 or 差.
 * The picks are dealt to the inspectors so their queues even out (seed 004 also rotates who hears
 * whom: an inspector gets no more of one agent than the others while loads are level).
 *
 * @example
 * selectSample({ plan, calls, newAgents, alreadySampled, exclude, inspectors: [{ id: 'qa1', open: 0 }], random: seededRandom(1) });
 */
export function selectSample(input: SampleInput): SampledCall[] {
  const { plan, calls, newAgents, recentScores, alreadySampled, exclude, inspectors, random } = input;
  if (inspectors.length === 0) return [];
  const rules = sampleRuleReasons(calls, plan);
  const byAgent = new Map<string, SampleCandidate[]>();
  for (const c of calls) if (!exclude.has(c.callId)) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  const picked: Omit<SampledCall, 'inspectorId'>[] = [];
  for (const agentId of [...byAgent.keys()].sort()) {
    const isNew = newAgents.has(agentId);
    const tier = qualityTier(recentScores?.get(agentId), plan.tiers);
    const weight = (isNew ? plan.newAgentWeight : 1) * (tier === 'good' ? plan.tiers.goodWeight : tier === 'poor' ? plan.tiers.poorWeight : 1);
    const quota = Math.max(0, Math.round(plan.perAgent * weight) - (alreadySampled.get(agentId) ?? 0));
    // A random key per call first, so ties among flagged calls and the random rest are both fair and replayable.
    const shuffled = byAgent
      .get(agentId)!
      .map((c) => ({ c, key: random.next() }))
      .sort((a, b) => rules.get(b.c.callId)!.length - rules.get(a.c.callId)!.length || a.key - b.key);
    for (const { c } of shuffled.slice(0, quota)) {
      const reasons = [...rules.get(c.callId)!];
      if (reasons.length === 0) reasons.push('random');
      if (isNew) reasons.push('new_agent');
      if (tier !== 'middle') reasons.push(tier === 'good' ? 'good_tier' : 'poor_tier');
      picked.push({ callId: c.callId, agentId, reasons });
    }
  }
  const load = new Map(inspectors.map((i) => [i.id, i.open]));
  return picked.map((p) => {
    const inspectorId = [...load.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]![0];
    load.set(inspectorId, load.get(inspectorId)! + 1);
    return { ...p, inspectorId };
  });
}
