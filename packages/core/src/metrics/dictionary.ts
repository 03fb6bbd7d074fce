import type { ServiceLevelSetting } from '../settings/index';
import type { Tally } from './tally';

export type MetricUnit = 'ratio' | 'seconds' | 'count' | 'per hour' | 'score' | 'money' | 'rings';

/** Settings some definitions need (the center's, see settings/); a metric without its setting shows "no data". */
export interface MetricParameters {
  /** Fully loaded cost of one logged-in agent hour, in the center's currency. */
  costPerAgentHour?: number;
  /** Overheads as a share on top of the agent cost. */
  overheadRate?: number;
  /** One ring in seconds: China's ringback is 1 s on, 4 s off. */
  ringCycleSeconds: number;
  serviceLevel: ServiceLevelSetting;
  /** The days the figures cover (a report row's day, week, month or range): average headcount is per day of it. */
  periodDays?: number;
}

export const defaultMetricParameters: MetricParameters = { ringCycleSeconds: 5, serviceLevel: { variant: 'offered', excludeShortAbandons: false } };

/** The report page's column groups, in their order: reception, agent efficiency, quality, people. */
export const metricGroups = ['service', 'efficiency', 'quality', 'people'] as const;
export type MetricGroup = (typeof metricGroups)[number];

/**
 * Why a figure is empty when its input is missing for a row: what the report's cell says instead
 * of an empty cell, where a user supplies the input, and (for docs/metrics.md) when it has data.
 */
export interface MissingInput {
  zh: string;
  en: string;
  hint: { zh: string; en: string };
  when: string;
}

export interface MetricDefinition {
  id: string;
  zh: string;
  en: string;
  unit: MetricUnit;
  /** The formula in tally fields, as docs/metrics.md prints it. */
  formula: string;
  /** Which calls or which time count, and why. */
  note: string;
  /** Where users asked for it: seed 002's 23 indicators, the floor's four figures … */
  source: string;
  /** Where its input comes from in Banzu, whether that source exists today, and what a row says that lacks it. */
  dataSource: { from: string; available: boolean; missing?: MissingInput };
  /** The report page's column group. */
  group: MetricGroup;
  /** Which way is good, for targets and rankings; null for plain volumes. */
  better: 'higher' | 'lower' | null;
  /** null means no data: a zero denominator, or an input that does not exist yet. */
  compute(t: Tally, p: MetricParameters): number | null;
  /** Whether a row lacks the input `dataSource.missing` names: its figure is then that reason, not "no data". */
  lacksInput?(t: Tally, p: MetricParameters): boolean;
}

/** A share, or no data when nothing was counted below the line. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
const handled = (t: Tally) => t.talkSeconds + t.holdSeconds + t.wrapUpSeconds;
const working = (t: Tally) => t.onCallSeconds + t.afterCallSeconds;
/** Logged-in seconds not spent on outbound work: the time inbound figures are per. */
const inboundSeconds = (t: Tally) => t.loggedInSeconds - t.outboundSeconds;

/** The service level in the center's variant; see settings/ for the variants. */
function serviceLevel(t: Tally, { variant, excludeShortAbandons }: ServiceLevelSetting): number | null {
  const short = excludeShortAbandons ? t.abandonedShort : 0;
  switch (variant) {
    case 'offered':
      return ratio(t.answeredWithinThreshold, t.offered - t.callbacksCompleted - short);
    case 'answered_abandoned':
      return ratio(t.answeredWithinThreshold, t.answered + t.abandoned - short);
    case 'abandon_met':
      // Amazon Connect's "Service level X" is over the contacts queued: a call blocked on arrival never was.
      return ratio(t.answeredWithinThreshold + t.abandonedWithinThreshold - short, t.offered - t.blocked - t.callbacksCompleted - short);
  }
}

const calls = 'call detail records (the reports projection of the event log)';
const agentTime = 'agent state changes in the event log';
const fromCalls = { from: calls, available: true };
const fromAgentTime = { from: agentTime, available: true };
const fromBoth = { from: `${calls} and ${agentTime}`, available: true };

/**
 * The metric dictionary: every KPI in Banzu is defined here once, and docs/metrics.md is
 * generated from this list. Ratios are fractions (0.8, shown as 80%).
 *
 * @example
 * metric('serviceLevel').compute(tally, defaultMetricParameters); // 0.83
 */
export const metricDictionary: readonly MetricDefinition[] = [
  {
    id: 'wrapUpTime',
    group: 'efficiency',
    zh: '事后处理时间',
    en: 'Average wrap-up time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'wrapUpSeconds / answered',
    note: 'After-call work per answered call, including wrap-up extended by the agent.',
    source: '23 indicators #1',
    compute: (t) => ratio(t.wrapUpSeconds, t.answered),
  },
  {
    id: 'actualWorkEfficiency',
    group: 'efficiency',
    zh: '实际工作效率',
    en: 'Actual work efficiency',
    unit: 'ratio',
    dataSource: fromAgentTime,
    better: 'higher',
    formula: '(onCallSeconds + afterCallSeconds + outboundSeconds) / loggedInSeconds',
    note: 'Share of logged-in time spent working calls, inbound and outbound; not-ready time counts against it.',
    source: '23 indicators #2',
    compute: (t) => ratio(working(t) + t.outboundSeconds, t.loggedInSeconds),
  },
  {
    id: 'averageAbandonTime',
    group: 'service',
    zh: '平均放弃时间',
    en: 'Average abandon time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'abandonWaitSeconds / abandoned',
    note: 'How long callers waited before hanging up, over every abandoned call including short ones.',
    source: '23 indicators #3',
    compute: (t) => ratio(t.abandonWaitSeconds, t.abandoned),
  },
  {
    id: 'costPerCall',
    group: 'efficiency',
    zh: '平均单呼成本',
    en: 'Cost per call',
    unit: 'money',
    dataSource: {
      from: `the center's cost per agent hour and overhead rate (center settings), ${agentTime} and ${calls}`,
      available: true,
      missing: {
        zh: '未设置成本',
        en: 'No cost set',
        hint: { zh: '请在 系统管理 → 中心设置 中填写每座席小时成本与管理费用比例', en: 'Set the cost per agent hour and the overhead rate in Admin → Center settings' },
        when: 'once the center sets its cost per agent hour in 中心设置 (center settings)',
      },
    },
    better: 'lower',
    formula: '((loggedInSeconds − outboundSeconds) / 3600 × costPerAgentHour × (1 + overheadRate)) / answered',
    note: 'Agent cost with the center’s overheads per answered inbound call (seed 002’s 平均每通电话成本 of the customer-service department): the agent hours outside outbound work, as 每小时呼叫次数 counts them, so a telemarketer’s dialing and selling hours do not make an inbound call dearer. No data until the center sets its cost per agent hour.',
    source: '23 indicators #4',
    compute: (t, p) => (p.costPerAgentHour === undefined ? null : ratio((inboundSeconds(t) / 3600) * p.costPerAgentHour * (1 + (p.overheadRate ?? 0)), t.answered)),
    lacksInput: (_t, p) => p.costPerAgentHour === undefined,
  },
  {
    id: 'averageCallTime',
    group: 'efficiency',
    zh: '平均通话时间',
    en: 'Average call time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: null,
    formula: '(talkSeconds + holdSeconds) / answered',
    note: 'The time a caller spends connected to an agent, holds included.',
    source: '23 indicators #5',
    compute: (t) => ratio(t.talkSeconds + t.holdSeconds, t.answered),
  },
  {
    id: 'averageHoldTime',
    group: 'efficiency',
    zh: '平均持线时间',
    en: 'Average hold time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'holdSeconds / answered',
    note: 'Over all answered calls, those never held included.',
    source: '23 indicators #6',
    compute: (t) => ratio(t.holdSeconds, t.answered),
  },
  {
    id: 'averageRings',
    group: 'service',
    zh: '平均振铃次数',
    en: 'Average rings',
    unit: 'rings',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'ringSeconds / ringCycleSeconds / answered',
    note: 'Rings heard before an agent picked up, over the answered calls (ring time of calls nobody answered is not in it); a ring is one cycle of the ringback tone (5 s in China).',
    source: '23 indicators #7',
    compute: (t, p) => ratio(t.ringSeconds / p.ringCycleSeconds, t.answered),
  },
  {
    id: 'averageQueueTime',
    group: 'service',
    zh: '平均排队时间',
    en: 'Average queue time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'queueSeconds / queued',
    note: 'Time in queue before the first offer to an agent (ring time excluded), over the calls placed in queue, however their wait ended.',
    source: '23 indicators #8',
    compute: (t) => ratio(t.queueSeconds, t.queued),
  },
  {
    id: 'averageSpeedOfAnswer',
    group: 'service',
    zh: '平均应答速度',
    en: 'Average speed of answer (ASA)',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'answerWaitSeconds / answered',
    note: 'Over all answered calls, those answered at once included.',
    source: '23 indicators #9',
    compute: (t) => ratio(t.answerWaitSeconds, t.answered),
  },
  {
    id: 'averageTalkTime',
    group: 'efficiency',
    zh: '平均交谈时间',
    en: 'Average talk time',
    unit: 'seconds',
    dataSource: fromCalls,
    better: null,
    formula: 'talkSeconds / answered',
    note: 'Conversation only: hold and wrap-up excluded.',
    source: '23 indicators #10',
    compute: (t) => ratio(t.talkSeconds, t.answered),
  },
  {
    id: 'callsPerHour',
    group: 'efficiency',
    zh: '每小时呼叫次数',
    en: 'Calls per hour',
    unit: 'per hour',
    dataSource: fromBoth,
    better: 'higher',
    formula: 'answered / ((loggedInSeconds − outboundSeconds) / 3600)',
    note: 'Answered inbound calls per logged-in agent hour not spent on outbound work: telemarketing hours do not dilute it.',
    source: '23 indicators #11',
    compute: (t) => ratio(t.answered, inboundSeconds(t) / 3600),
  },
  {
    id: 'monitoringScore',
    group: 'quality',
    zh: '监听分值',
    en: 'Monitoring (QA) score',
    unit: 'score',
    dataSource: {
      from: 'QA evaluations of calls (the QA module), in the call’s row',
      available: true,
      missing: {
        zh: '暂无质检评分',
        en: 'Not scored yet',
        hint: {
          zh: '质检员评分、且评分生效（座席签字、过了签字期限或申诉已裁定）后计入',
          en: 'Counts once QA scores a call and the score stands (signed, past the deadline, or the dispute decided)',
        },
        when: 'for rows with answered calls once a QA score of one of them stands',
      },
    },
    better: 'higher',
    formula: 'qaScoreSum / qaEvaluations',
    note: 'Mean score (0-100) of the QA evaluations of the calls in the period, in the call’s row (the agent who answered, the team, the queue, the call’s start). Only scores that stand count: where the center asks agents to sign (签字, the default), once the agent signed, the deadline passed without a word, or a QA lead decided the agent’s dispute (with the decided score, upheld or changed); where it needs no signature, at once. A score waiting for the agent or for a dispute’s decision does not count yet; a fatal failure (致命项) counts as 0; calibration sheets do not count.',
    source: '23 indicators #12',
    compute: (t) => ratio(t.qaScoreSum, t.qaEvaluations),
    lacksInput: (t) => t.answered > 0 && t.qaEvaluations === 0,
  },
  {
    id: 'occupancy',
    group: 'efficiency',
    zh: '占有率',
    en: 'Occupancy',
    unit: 'ratio',
    dataSource: fromAgentTime,
    better: null,
    formula: '(onCallSeconds + afterCallSeconds + outboundSeconds) / (onCallSeconds + afterCallSeconds + outboundSeconds + availableSeconds + ringingSeconds)',
    note: 'How busy agents were (seed 002: 员工的忙碌程度): all handling, inbound and outbound, over the time they were handling or available; not-ready time is outside it. Depends on scheduling.',
    source: '23 indicators #13',
    compute: (t) => ratio(working(t) + t.outboundSeconds, working(t) + t.outboundSeconds + t.availableSeconds + t.ringingSeconds),
  },
  {
    id: 'abandonmentRate',
    group: 'service',
    zh: '呼叫放弃率',
    en: 'Abandonment rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'lower',
    formula: '(abandoned − abandonedShort) / (offered − abandonedShort)',
    note: 'Short abandons (within the center’s short-abandon threshold) are left out of both sides.',
    source: '23 indicators #14',
    compute: (t) => ratio(t.abandoned - t.abandonedShort, t.offered - t.abandonedShort),
  },
  {
    id: 'attendanceRate',
    group: 'people',
    zh: '出勤率',
    en: 'Attendance rate',
    unit: 'ratio',
    dataSource: {
      from: `published rosters (排班: each shift's time in the agent's rows when the month is published) against ${agentTime}`,
      available: true,
      missing: {
        zh: '无已发布排班',
        en: 'No published roster',
        hint: { zh: '在 排班 中发布该月排班后才有出勤率', en: 'Publish the month’s roster in Scheduling to get attendance' },
        when: 'for logged-in time that a published roster covers',
      },
    },
    better: 'higher',
    formula: 'loggedInSeconds / scheduledSeconds',
    note: 'Logged-in time against the published shifts; empty for an agent or a period without a published roster.',
    source: '23 indicators #15; the floor’s four figures',
    compute: (t) => ratio(t.loggedInSeconds, t.scheduledSeconds),
    // Agents logged in, but no published shift for them: the roster is missing, not the attendance.
    lacksInput: (t) => t.loggedInSeconds > 0 && t.scheduledSeconds === 0,
  },
  {
    id: 'busyRate',
    group: 'service',
    zh: '忙音率',
    en: 'Busy rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'blocked / offered',
    note: 'Calls refused at once because the queue was full or nobody was logged in.',
    source: '23 indicators #16',
    compute: (t) => ratio(t.blocked, t.offered),
  },
  {
    id: 'firstContactResolution',
    group: 'quality',
    zh: '一次性解决问题的呼叫率',
    en: 'First-contact resolution',
    unit: 'ratio',
    dataSource: {
      from: `the wrap-up's answer to “resolved?”, repeat calls from the same number on the same topic (center settings) and calls linked to the same open ticket (工单), in ${calls}`,
      available: true,
      missing: {
        zh: '未记录是否解决',
        en: 'Resolution not recorded',
        hint: { zh: '座席在话后处理中回答“问题已解决？”后才有', en: 'Counts once agents answer “Resolved?” in the wrap-up' },
        when: 'for answered calls whose wrap-up answered “resolved?”',
      },
    },
    better: 'higher',
    formula: 'resolvedFirstContact / resolutionKnown',
    note: 'Over answered calls whose wrap-up recorded whether the issue was resolved. A call resolved at wrap-up still is no first-contact resolution when the same number calls again on the same topic within the center’s repeat window (48 h by default), or a later call is linked to the same open ticket. The topic is the center’s setting: the queue the calls entered first (the default: the line the caller chose, 售前 or 售后 …), the disposition saved at wrap-up, or any call from the number.',
    source: '23 indicators #17',
    compute: (t) => ratio(t.resolvedFirstContact, t.resolutionKnown),
    lacksInput: (t) => t.answered > 0 && t.resolutionKnown === 0,
  },
  {
    id: 'queuePlacementRate',
    group: 'service',
    zh: '队列放置率',
    en: 'Queue placement rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'queued / offered',
    note: 'Share of offered calls placed in queue: no agent was free when they arrived, so they waited before their first offer. A call offered at once is not placed, however long it rang.',
    source: '23 indicators #18',
    compute: (t) => ratio(t.queued, t.offered),
  },
  {
    id: 'transferRate',
    group: 'quality',
    zh: '转接呼叫率',
    en: 'Transfer rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'transferred / answered',
    note: 'Answered calls passed on to another agent or queue, blind or consulted.',
    source: '23 indicators #19',
    compute: (t) => ratio(t.transferred, t.answered),
  },
  {
    id: 'callbackCompletionRate',
    group: 'service',
    zh: '已复电话百分比',
    en: 'Callbacks completed',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'higher',
    formula: 'callbacksCompleted / callbacksRequested',
    note: 'Callbacks requested in the queue that were made and reached the customer.',
    source: '23 indicators #20',
    compute: (t) => ratio(t.callbacksCompleted, t.callbacksRequested),
  },
  {
    id: 'serviceLevel',
    group: 'service',
    zh: '服务水平',
    en: 'Service level',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'higher',
    formula: 'answeredWithinThreshold / (offered − callbacksCompleted), in the default variant',
    note: 'Answered within the queue’s threshold (e.g. 20 s) over every offered call: abandoned, blocked and overflowed calls count against it; a callback that reached the customer does not. The center picks the variant (center settings) and every report names it: answeredWithinThreshold / (answered + abandoned) (Genesys), or (answeredWithinThreshold + abandonedWithinThreshold) / (offered − blocked − callbacksCompleted) (Amazon Connect, over the calls queued: a call blocked on arrival never queued); with the short-abandon switch on, abandonedShort leaves the denominator.',
    source: '23 indicators #21',
    compute: (t, p) => serviceLevel(t, p.serviceLevel),
  },
  {
    id: 'totalCalls',
    group: 'service',
    zh: '总呼叫数',
    en: 'Total calls',
    unit: 'count',
    dataSource: fromCalls,
    better: null,
    formula: 'offered + afterHours',
    note: 'Every inbound call that arrived for a queue: offered while it was open, and after hours forwarded to the duty phone or told the center is closed.',
    source: '23 indicators #22',
    compute: (t) => t.offered + t.afterHours,
  },
  {
    id: 'agentTurnover',
    group: 'people',
    zh: '座席人员流动率',
    en: 'Agent turnover',
    unit: 'ratio',
    dataSource: {
      from: 'staff records (员工档案: hire and leaving dates, team moves)',
      available: true,
      missing: {
        zh: '无员工档案',
        en: 'No staff records',
        hint: { zh: '在 员工档案 中录入座席的入职（与离职）日期后才有流动率', en: 'Enter the agents’ hire (and leaving) dates in Staff records to get turnover' },
        when: 'for agents with a staff record (hire date), by day, week, month, agent or team',
      },
    },
    better: 'lower',
    formula: 'leavers / (headcountDays / periodDays)',
    note: 'Leavers in the period over its average headcount: agents whose last day at work (离职日期) falls in it, over the agent-days employed (hire date to leaving date, both included) divided by the days of the period (a month row: the days of that month). Each day counts in the team the agent was in that day, a leaver in the team of the last day, so team rows add up to the center. Only agents with a staff record count. People are no queue’s: a report by queue has them in its unassigned row, one filtered by a queue or by interval has none.',
    source: '23 indicators #23; seed 004 (50% attrition)',
    compute: (t, p) => (p.periodDays ? ratio(t.leavers, t.headcountDays / p.periodDays) : null),
    // Agents at work in a row that counts people (not by interval or queue), yet no one employed on file.
    lacksInput: (t, p) => p.periodDays !== undefined && t.loggedInSeconds > 0 && t.headcountDays === 0,
  },
  {
    id: 'talkUtilization',
    group: 'efficiency',
    zh: '通话利用率',
    en: 'Talk utilization',
    unit: 'ratio',
    dataSource: fromAgentTime,
    better: 'higher',
    formula: 'onCallSeconds / (loggedInSeconds − outboundSeconds)',
    note: 'Share of logged-in time on inbound calls, of the time not spent on outbound work.',
    source: 'the floor’s four figures',
    compute: (t) => ratio(t.onCallSeconds, inboundSeconds(t)),
  },
  {
    id: 'notReadyTime',
    group: 'efficiency',
    zh: '示忙时长',
    en: 'Not-ready time',
    unit: 'seconds',
    dataSource: fromAgentTime,
    better: 'lower',
    formula: 'notReadySeconds',
    note: 'Total time in not-ready, every reason; per agent in agent reports.',
    source: 'the floor’s four figures',
    compute: (t) => (t.loggedInSeconds > 0 ? t.notReadySeconds : null),
  },
  {
    id: 'averageHandleTime',
    group: 'efficiency',
    zh: '平均处理时长',
    en: 'Average handle time (AHT)',
    unit: 'seconds',
    dataSource: fromCalls,
    better: 'lower',
    formula: '(talkSeconds + holdSeconds + wrapUpSeconds) / answered',
    note: 'Talk, hold and wrap-up per answered call.',
    source: 'the floor’s four figures',
    compute: (t) => ratio(handled(t), t.answered),
  },
  {
    id: 'answered',
    group: 'service',
    zh: '接听量',
    en: 'Answered calls',
    unit: 'count',
    dataSource: fromCalls,
    better: 'higher',
    formula: 'answered',
    note: 'Calls an agent answered.',
    source: 'reception figures',
    compute: (t) => t.answered,
  },
  {
    id: 'answerRate',
    group: 'service',
    zh: '接听率',
    en: 'Answer rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'higher',
    formula: 'answered / offered',
    note: 'Answered calls over the calls offered while the queue was open.',
    source: 'reception figures',
    compute: (t) => ratio(t.answered, t.offered),
  },
  {
    id: 'callLossRate',
    group: 'service',
    zh: '呼损率',
    en: 'Call-loss rate',
    unit: 'ratio',
    dataSource: fromCalls,
    better: 'lower',
    formula: '(offered + afterHours − answered − callbacksCompleted − forwarded) / (offered + afterHours)',
    note: 'Calls nobody served, for any reason (seed 000: 呼损): not answered, not called back successfully, not forwarded to the duty phone; after-hours calls that only heard the closed message are lost.',
    source: 'call-loss analysis',
    compute: (t) => ratio(t.offered + t.afterHours - t.answered - t.callbacksCompleted - t.forwarded, t.offered + t.afterHours),
  },
  {
    id: 'abandoned',
    group: 'service',
    zh: '放弃量',
    en: 'Abandoned calls',
    unit: 'count',
    dataSource: fromCalls,
    better: 'lower',
    formula: 'abandoned',
    note: 'Callers who hung up while waiting, short abandons included.',
    source: 'reception figures',
    compute: (t) => t.abandoned,
  },
];

const byId = new Map(metricDictionary.map((m) => [m.id, m]));

export function metric(id: string): MetricDefinition {
  const found = byId.get(id);
  if (!found) throw new RangeError(`no metric "${id}"`);
  return found;
}

/** The metrics a report page shows as its columns, in their order: what a team leader reads first. */
export const reportColumnIds = [
  'totalCalls',
  'answered',
  'abandoned',
  'callLossRate',
  'serviceLevel',
  'abandonmentRate',
  'averageSpeedOfAnswer',
  'averageHandleTime',
  'occupancy',
  'callsPerHour',
  'transferRate',
] as const;

/** The dictionary in a report's column order: the page's columns first, so an export (which has every metric) reads as the page does, then the rest in dictionary order. */
export const metricsInReportOrder: readonly MetricDefinition[] = [
  ...reportColumnIds.map(metric),
  ...metricDictionary.filter((m) => !(reportColumnIds as readonly string[]).includes(m.id)),
];

/**
 * Every metric in the report page's order: by group (服务水平, 效率, 质量, 人员), within a group the
 * default columns first in their order, then the dictionary's. The page's chosen columns, and its
 * Excel, keep this order.
 */
export const metricsInPageOrder: readonly MetricDefinition[] = metricGroups.flatMap((g) => metricsInReportOrder.filter((m) => m.group === g));

/**
 * The metrics whose input a tally lacks (see `dataSource.missing`): a report shows the reason there
 * instead of an empty cell.
 *
 * @example
 * missingInputs(tally, { ...defaultMetricParameters }); // ['costPerCall'] while the center has set no cost
 */
export function missingInputs(tally: Tally, parameters: MetricParameters = defaultMetricParameters): string[] {
  return metricDictionary.filter((m) => m.lacksInput?.(tally, parameters)).map((m) => m.id);
}

/** Every metric's value for a tally; null where there is no data. */
export function computeMetrics(tally: Tally, parameters: MetricParameters = defaultMetricParameters): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const m of metricDictionary) values[m.id] = m.compute(tally, parameters);
  return values;
}
