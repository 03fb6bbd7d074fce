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
  'banned_phrase',
  'new_agent',
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
  schedule: 'manual',
};

/**
 * The rule reasons each call matches (without `random` and `new_agent`, which are about the quota).
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
    if (c.bannedPhrase) r.push('banned_phrase');
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
  /** Calls already sampled or scored this period, per agent: they count toward the quota. */
  alreadySampled: ReadonlyMap<string, number>;
  /** Calls already excluded (sampled before, scored, the agent's own inspector …). */
  exclude: ReadonlySet<string>;
  /** Inspectors with the open work they have now: new calls go to the least loaded. */
  inspectors: readonly { id: string; open: number }[];
  random: Random;
}

/**
 * Picks each agent's calls for the period: up to the quota (weighted for new agents, less what is
 * already sampled), calls matching the most rules first, the rest at random; each pick says why.
 * The picks are dealt to the inspectors so their queues even out (seed 004 also rotates who hears
 * whom: an inspector gets no more of one agent than the others while loads are level).
 *
 * @example
 * selectSample({ plan, calls, newAgents, alreadySampled, exclude, inspectors: [{ id: 'qa1', open: 0 }], random: seededRandom(1) });
 */
export function selectSample(input: SampleInput): SampledCall[] {
  const { plan, calls, newAgents, alreadySampled, exclude, inspectors, random } = input;
  if (inspectors.length === 0) return [];
  const rules = sampleRuleReasons(calls, plan);
  const byAgent = new Map<string, SampleCandidate[]>();
  for (const c of calls) if (!exclude.has(c.callId)) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  const picked: Omit<SampledCall, 'inspectorId'>[] = [];
  for (const agentId of [...byAgent.keys()].sort()) {
    const isNew = newAgents.has(agentId);
    const quota = Math.max(0, Math.round(plan.perAgent * (isNew ? plan.newAgentWeight : 1)) - (alreadySampled.get(agentId) ?? 0));
    // A random key per call first, so ties among flagged calls and the random rest are both fair and replayable.
    const shuffled = byAgent
      .get(agentId)!
      .map((c) => ({ c, key: random.next() }))
      .sort((a, b) => rules.get(b.c.callId)!.length - rules.get(a.c.callId)!.length || a.key - b.key);
    for (const { c } of shuffled.slice(0, quota)) {
      const reasons = [...rules.get(c.callId)!];
      if (reasons.length === 0) reasons.push('random');
      if (isNew) reasons.push('new_agent');
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
