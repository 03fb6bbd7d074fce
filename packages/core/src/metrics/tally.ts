/**
 * Additive counters from which every metric is computed. Tallies of intervals, agents, teams or
 * queues add up to the tally of their union, so summary tables can hold tallies and a report over
 * any period or group sums rows and divides once, never averaging averages.
 */
export interface CallTally {
  /** Calls that arrived for a queue while it was open: answered, abandoned, blocked, overflowed or turned into callbacks. */
  offered: number;
  /** Calls that arrived for a queue outside its hours: forwarded to the duty phone or told the center is closed. */
  afterHours: number;
  answered: number;
  /** Answered within the queue's service-level threshold. */
  answeredWithinThreshold: number;
  abandoned: number;
  /** Abandoned within the short-abandon threshold: callers who hung up before they could be served. */
  abandonedShort: number;
  /** Abandoned within the service-level threshold (met, in the Amazon Connect variant of service level). */
  abandonedWithinThreshold: number;
  /** Refused at once: the queue was full or nobody was logged in (the caller heard busy). */
  blocked: number;
  overflowed: number;
  /** After-hours calls forwarded to the duty phone (呼叫转移); part of afterHours. */
  forwarded: number;
  callbacksRequested: number;
  callbacksCompleted: number;
  /** Calls placed in queue: no agent was free when they arrived. */
  queued: number;
  /** Wait of answered calls, seconds. */
  answerWaitSeconds: number;
  /** Wait of abandoned calls, seconds. */
  abandonWaitSeconds: number;
  /** Time in queue before the first offer of the calls placed in queue, however their wait ended, seconds. */
  queueSeconds: number;
  /** Ring time of answered calls, seconds. */
  ringSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  transferred: number;
  /** Answered calls whose resolution is known, and those resolved on this first contact. */
  resolutionKnown: number;
  resolvedFirstContact: number;
}

/**
 * Seconds agents spent in each state, from the agent state events. Additive like CallTally.
 * Kept apart from the call times above: those belong to calls, these to people's hours.
 */
export interface AgentTimeTally {
  loggedInSeconds: number;
  /** Ready and waiting for a call (置闲). */
  availableSeconds: number;
  notReadySeconds: number;
  ringingSeconds: number;
  /** Talking or holding on inbound calls. */
  onCallSeconds: number;
  /** In wrap-up (事后处理). */
  afterCallSeconds: number;
  /** Dialing, talking, holding and wrapping up outbound calls. */
  outboundSeconds: number;
  /** Time the schedule planned this agent to be logged in; 0 while no schedule exists. */
  scheduledSeconds: number;
}

/** Facts from other domains, additive too; 0 counts mean "no data", shown as such. */
export interface QualityTally {
  /** Sum and count of QA evaluation scores (0-100). */
  qaScoreSum: number;
  qaEvaluations: number;
  /** Agents who left, and agent-days of headcount, for turnover. */
  leavers: number;
  headcountDays: number;
}

export interface Tally extends CallTally, AgentTimeTally, QualityTally {}

/** Every call field at zero (the agent-time fields are not a call's). */
export const emptyCallTally = (): CallTally => ({
  offered: 0,
  afterHours: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  abandoned: 0,
  abandonedShort: 0,
  abandonedWithinThreshold: 0,
  blocked: 0,
  overflowed: 0,
  forwarded: 0,
  callbacksRequested: 0,
  callbacksCompleted: 0,
  queued: 0,
  answerWaitSeconds: 0,
  abandonWaitSeconds: 0,
  queueSeconds: 0,
  ringSeconds: 0,
  talkSeconds: 0,
  holdSeconds: 0,
  wrapUpSeconds: 0,
  transferred: 0,
  resolutionKnown: 0,
  resolvedFirstContact: 0,
});

export const emptyTally = (): Tally => ({
  ...emptyCallTally(),
  loggedInSeconds: 0,
  availableSeconds: 0,
  notReadySeconds: 0,
  ringingSeconds: 0,
  onCallSeconds: 0,
  afterCallSeconds: 0,
  outboundSeconds: 0,
  scheduledSeconds: 0,
  qaScoreSum: 0,
  qaEvaluations: 0,
  leavers: 0,
  headcountDays: 0,
});

export const tallyFields = Object.keys(emptyTally()) as (keyof Tally)[];

/** Adds tallies field by field (into a new tally). */
export function addTallies(...tallies: Partial<Tally>[]): Tally {
  const sum = emptyTally();
  for (const t of tallies) for (const f of tallyFields) sum[f] += t[f] ?? 0;
  return sum;
}
