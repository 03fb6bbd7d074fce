/**
 * Telemarketing campaigns (外呼任务): a customer list with its rules (dialing mode, distribution,
 * calling hours, do-not-call list, retries per result, dispositions), the decision of which
 * customer an agent works next, daily quotas, and each dial's contribution to the outbound metrics.
 * Pure: the server keeps the tasks in the store and asks these functions what to do.
 *
 * @example
 * const next = nextTask(rules, { running: true, timeZone: 'Asia/Shanghai' }, tasks, agentId, now);
 * if (next.kind === 'task') save(claimTask(next.task, agentId)); // then dial next.number
 * save(applyResult(rules, task, { agentId, code: 'busy', at: now })); // back in 15 minutes
 */
export {
  CampaignError,
  checkedRules,
  checkRules,
  defaultDispositions,
  defaultRules,
  dispositionOf,
  lineResultDisposition,
  rulesProblems,
  type CampaignRules,
  type DialingMode,
  type Disposition,
  type DispositionEffect,
  type DistributionRule,
  type RulesProblem,
} from './rules';
export {
  applyResult,
  claimTask,
  dialableNumber,
  newTask,
  nextTask,
  releaseTask,
  withinCallingHours,
  type CampaignClock,
  type CampaignTask,
  type NextTask,
  type SavedResult,
  type TaskStatus,
} from './tasks';
export { distribute, type CampaignAgent } from './distribute';
export { dailyQuota, defaultQuotaPolicy, quotaProgress, type QuotaPolicy, type QuotaProgress } from './quota';
export { tallyDial, type DialRecord } from './tally';
