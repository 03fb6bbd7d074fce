import { ratio, type MetricDefinition } from './dictionary';

/**
 * Additive counters of outbound work (外呼), from the campaign's dial records (one per dial).
 * Kept apart from the inbound `Tally`: a dial's result is the disposition the agent saved, which
 * says whether it was a connect, an effective call, a success or a refusal (seed 000 电话营销管理制度).
 */
export interface OutboundTally {
  dials: number;
  /** Dials whose result says somebody picked up. */
  connects: number;
  /** 有效沟通电话: a conversation with the customer about the offer (the quota counts these). */
  effectiveCalls: number;
  successes: number;
  refusals: number;
  talkSeconds: number;
  /** From the dial to the saved disposition: dialing, talk and the notes afterwards. */
  workSeconds: number;
  /** Scheduled callbacks due by the end of the day and not yet made. */
  followUpsDue: number;
  /** The daily quota of effective calls, summed over agent-days. */
  quotaTarget: number;
}

export const emptyOutboundTally = (): OutboundTally => ({
  dials: 0,
  connects: 0,
  effectiveCalls: 0,
  successes: 0,
  refusals: 0,
  talkSeconds: 0,
  workSeconds: 0,
  followUpsDue: 0,
  quotaTarget: 0,
});

const outboundFields = Object.keys(emptyOutboundTally()) as (keyof OutboundTally)[];

/** Adds outbound tallies field by field (into a new tally). */
export function addOutboundTallies(...tallies: Partial<OutboundTally>[]): OutboundTally {
  const sum = emptyOutboundTally();
  for (const t of tallies) for (const f of outboundFields) sum[f] += t[f] ?? 0;
  return sum;
}

/** Defined like the inbound metrics, computed from the outbound tally. */
export interface OutboundMetricDefinition extends Omit<MetricDefinition, 'compute' | 'dataSource' | 'group' | 'lacksInput'> {
  compute(t: OutboundTally): number | null;
}

const seed000 = 'seed 000 电话营销管理制度';

/**
 * The outbound metrics: telemarketers' daily and monthly figures, per agent, team or campaign,
 * computed once here from summed `OutboundTally`s; docs/metrics.md lists them after the inbound ones.
 *
 * @example
 * computeOutboundMetrics(addOutboundTallies(a, b)).refusalRate; // 0.25
 */
export const outboundMetricDictionary: readonly OutboundMetricDefinition[] = [
  {
    id: 'dials',
    zh: '拨打量',
    en: 'Dials',
    unit: 'count',
    better: 'higher',
    formula: 'dials',
    note: 'Every outbound dial of a campaign customer, reached or not.',
    source: seed000,
    compute: (t) => t.dials,
  },
  {
    id: 'connects',
    zh: '接通量',
    en: 'Connects',
    unit: 'count',
    better: 'higher',
    formula: 'connects',
    note: 'Dials whose saved result says somebody picked up (a wrong number too); no answer, busy and invalid numbers are not.',
    source: seed000,
    compute: (t) => t.connects,
  },
  {
    id: 'connectRate',
    zh: '接通率',
    en: 'Connect rate',
    unit: 'ratio',
    better: 'higher',
    formula: 'connects / dials',
    note: 'Dials without a saved result count as not connected.',
    source: seed000,
    compute: (t) => ratio(t.connects, t.dials),
  },
  {
    id: 'effectiveCalls',
    zh: '有效通话量',
    en: 'Effective calls',
    unit: 'count',
    better: 'higher',
    formula: 'effectiveCalls',
    note: 'Conversations with the customer about the offer (有效沟通): interested, not interested, call back, success by default. The daily quota counts these.',
    source: `${seed000}: 50 a day, 30 in the first two weeks`,
    compute: (t) => t.effectiveCalls,
  },
  {
    id: 'successes',
    zh: '成功量',
    en: 'Successes',
    unit: 'count',
    better: 'higher',
    formula: 'successes',
    note: 'Dials whose result is a success (a sale or a booked visit, as the campaign defines it).',
    source: seed000,
    compute: (t) => t.successes,
  },
  {
    id: 'successRate',
    zh: '成功率',
    en: 'Success rate',
    unit: 'ratio',
    better: 'higher',
    formula: 'successes / effectiveCalls',
    note: 'Successes per effective call.',
    source: seed000,
    compute: (t) => ratio(t.successes, t.effectiveCalls),
  },
  {
    id: 'refusalRate',
    zh: '拒绝率',
    en: 'Refusal rate',
    unit: 'ratio',
    better: 'lower',
    formula: 'refusals / connects',
    note: 'Connected customers who refused (not interested, or refused to talk) over every connect.',
    source: seed000,
    compute: (t) => ratio(t.refusals, t.connects),
  },
  {
    id: 'outboundTalkTime',
    zh: '外呼通话时长',
    en: 'Outbound talk time',
    unit: 'seconds',
    better: null,
    formula: 'talkSeconds',
    note: 'Total talk time of the dials, from the customer picking up to the end of the call.',
    source: `${seed000}: dial detail`,
    compute: (t) => (t.dials > 0 ? t.talkSeconds : null),
  },
  {
    id: 'outboundWorkTime',
    zh: '外呼工作时长',
    en: 'Outbound work time',
    unit: 'seconds',
    better: null,
    formula: 'workSeconds',
    note: 'From each dial to its saved disposition: dialing, talk and the notes after the call.',
    source: seed000,
    compute: (t) => (t.dials > 0 ? t.workSeconds : null),
  },
  {
    id: 'followUpsDue',
    zh: '待跟进',
    en: 'Follow-ups due',
    unit: 'count',
    better: 'lower',
    formula: 'followUpsDue',
    note: 'Scheduled callbacks due by the end of the day and not yet made (a snapshot, not a flow).',
    source: `${seed000}: 标注可持续跟进的客户`,
    compute: (t) => t.followUpsDue,
  },
  {
    id: 'quotaAttainment',
    zh: '定额完成率',
    en: 'Quota attainment',
    unit: 'ratio',
    better: 'higher',
    formula: 'effectiveCalls / quotaTarget',
    note: 'Effective calls against the daily quota summed over the agent-days; no data without a quota.',
    source: seed000,
    compute: (t) => ratio(t.effectiveCalls, t.quotaTarget),
  },
];

/** Every outbound metric's value for a tally; null where there is no data. */
export function computeOutboundMetrics(tally: OutboundTally): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const m of outboundMetricDictionary) values[m.id] = m.compute(tally);
  return values;
}
