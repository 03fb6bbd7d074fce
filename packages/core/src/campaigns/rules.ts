import type { LineResult } from '../calls/index';
import type { Weekday } from '../routing/index';

/**
 * preview: the agent reads the customer's profile and presses dial; progressive: the next
 * customer is dialled as soon as the agent takes the task, one call per agent, never more.
 */
export type DialingMode = 'preview' | 'progressive';
/** equal share among the campaign's agents; the customer's owner first; agents with the campaign's skill, more to higher levels. */
export type DistributionRule = 'equal' | 'owner' | 'skill';

/**
 * What a saved result does to the customer's task besides counting:
 * - `final`: the customer is done (`final` flag);
 * - `callback`: comes back at the time the agent set (预约回访);
 * - `next_number`: this number is wrong, dial the customer's next number if there is one;
 * - `retry`: dial again after the campaign's retry interval for this result.
 */
export type DispositionEffect = 'final' | 'callback' | 'next_number' | 'retry';

export interface Disposition {
  code: string;
  zh: string;
  en: string;
  effect: DispositionEffect;
  /** Somebody picked up. */
  connect: boolean;
  /** 有效沟通: a conversation about the offer; the daily quota counts these. */
  effective: boolean;
  success: boolean;
  refusal: boolean;
}

/** The dispositions a campaign has unless it defines its own. */
export const defaultDispositions: readonly Disposition[] = [
  { code: 'success', zh: '成功', en: 'Success', effect: 'final', connect: true, effective: true, success: true, refusal: false },
  { code: 'interested', zh: '有意向', en: 'Interested', effect: 'final', connect: true, effective: true, success: false, refusal: false },
  { code: 'callback', zh: '预约回访', en: 'Call back at a time', effect: 'callback', connect: true, effective: true, success: false, refusal: false },
  { code: 'not_interested', zh: '无意向', en: 'Not interested', effect: 'final', connect: true, effective: true, success: false, refusal: true },
  { code: 'refused', zh: '拒接', en: 'Refused to talk', effect: 'final', connect: true, effective: false, success: false, refusal: true },
  { code: 'wrong_number', zh: '号码错误', en: 'Wrong number', effect: 'next_number', connect: true, effective: false, success: false, refusal: false },
  { code: 'no_answer', zh: '无人接听', en: 'No answer', effect: 'retry', connect: false, effective: false, success: false, refusal: false },
  { code: 'busy', zh: '占线', en: 'Busy', effect: 'retry', connect: false, effective: false, success: false, refusal: false },
  { code: 'invalid_number', zh: '空号停机', en: 'Invalid number', effect: 'next_number', connect: false, effective: false, success: false, refusal: false },
];

export interface CampaignRules {
  dialingMode: DialingMode;
  distribution: DistributionRule;
  /** For `distribution: 'skill'`. */
  skillId?: string;
  /** Calling hours (拨打时段) per weekday in the center's time zone, [from, to) "HH:MM"; a missing day has none. */
  callingHours: Partial<Record<Weekday, [string, string][]>>;
  /** Days without calls (holidays), `YYYY-MM-DD`. */
  holidays: string[];
  /** Dials per customer at most, whatever the results. */
  maxAttempts: number;
  /** Minutes to wait before dialling again, per result with the `retry` effect. */
  retryMinutes: Record<string, number>;
  /** Whether a scheduled callback comes back to the agent who set it or to anyone in the campaign. */
  callbackTo: 'same_agent' | 'anyone';
  dispositions: Disposition[];
  /** Numbers never to dial (E.164). */
  doNotCall: string[];
}

export class CampaignError extends Error {
  override readonly name = 'CampaignError';
  constructor(
    readonly code: 'invalid_rules' | 'unknown_disposition' | 'not_your_task' | 'task_taken' | 'not_dialable' | 'callback_time_needed' | 'task_closed' | 'not_connected',
    message: string,
  ) {
    super(message);
  }
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** One thing wrong with a campaign's rules, for the caller to say in the user's words. */
export type RulesProblem =
  | { kind: 'max_attempts' | 'skill_needed' | 'no_dispositions' }
  | { kind: 'disposition_twice' | 'effective_not_connect' | 'retry_needed' | 'retry_unknown' | 'retry_range'; code: string }
  | { kind: 'calling_window'; day: Weekday; from: string; to: string };

/**
 * The problems of a campaign's rules; empty when they are sound.
 *
 * @example
 * checkRules({ ...rules, maxAttempts: 0 }); // [{ kind: 'max_attempts' }]
 */
export function checkRules(rules: CampaignRules): RulesProblem[] {
  const problems: RulesProblem[] = [];
  if (!Number.isInteger(rules.maxAttempts) || rules.maxAttempts < 1 || rules.maxAttempts > 50) problems.push({ kind: 'max_attempts' });
  if (rules.distribution === 'skill' && !rules.skillId) problems.push({ kind: 'skill_needed' });
  const codes = new Set<string>();
  for (const d of rules.dispositions) {
    if (codes.has(d.code)) problems.push({ kind: 'disposition_twice', code: d.code });
    codes.add(d.code);
    if (d.effective && !d.connect) problems.push({ kind: 'effective_not_connect', code: d.code });
    if (d.effect === 'retry' && !(rules.retryMinutes[d.code] !== undefined)) problems.push({ kind: 'retry_needed', code: d.code });
  }
  if (rules.dispositions.length === 0) problems.push({ kind: 'no_dispositions' });
  for (const code of Object.keys(rules.retryMinutes)) {
    const minutes = rules.retryMinutes[code]!;
    if (!codes.has(code)) problems.push({ kind: 'retry_unknown', code });
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 7 * 24 * 60) problems.push({ kind: 'retry_range', code });
  }
  for (const [day, windows] of Object.entries(rules.callingHours)) {
    for (const [from, to] of windows ?? []) {
      if (!hhmm.test(from) || !hhmm.test(to) || from >= to) problems.push({ kind: 'calling_window', day: day as Weekday, from, to });
    }
  }
  return problems;
}

/**
 * `checkRules`'s problems in English, each naming its field.
 *
 * @example
 * rulesProblems({ ...rules, maxAttempts: 0 }); // ['maxAttempts: a whole number from 1 to 50']
 */
export function rulesProblems(rules: CampaignRules): string[] {
  return checkRules(rules).map(problemText);
}

function problemText(p: RulesProblem): string {
  switch (p.kind) {
    case 'max_attempts':
      return 'maxAttempts: a whole number from 1 to 50';
    case 'skill_needed':
      return 'skillId: distribution by skill needs a skill';
    case 'no_dispositions':
      return 'dispositions: at least one';
    case 'disposition_twice':
      return `dispositions: ${p.code} is listed twice`;
    case 'effective_not_connect':
      return `dispositions: ${p.code} is effective but not a connect`;
    case 'retry_needed':
      return `retryMinutes: ${p.code} needs a retry interval`;
    case 'retry_unknown':
      return `retryMinutes: no disposition ${p.code}`;
    case 'retry_range':
      return `retryMinutes.${p.code}: from 1 minute to 7 days`;
    case 'calling_window':
      return `callingHours.${p.day}: ${p.from}-${p.to} is not a window HH:MM-HH:MM`;
  }
}

/** Rules with their problems refused, so everything after may trust them. */
export function checkedRules(rules: CampaignRules): CampaignRules {
  const problems = rulesProblems(rules);
  if (problems.length > 0) throw new CampaignError('invalid_rules', problems.join('; '));
  return rules;
}

export function dispositionOf(rules: Pick<CampaignRules, 'dispositions'>, code: string): Disposition {
  const d = rules.dispositions.find((x) => x.code === code);
  if (!d) throw new CampaignError('unknown_disposition', `no disposition ${code} in this campaign`);
  return d;
}

/** What the switch heard on a dial nobody took, and the result that says so (defaultDispositions' codes). */
const lineResultCodes: Record<LineResult, string> = { busy: 'busy', no_answer: 'no_answer', failed: 'invalid_number' };

/**
 * The result to propose for a dial nobody picked up, by what the switch heard: the campaign's
 * result of that code when it has one that needs no conversation; null when it has none or the
 * switch said nothing (the agent gave the dial up).
 *
 * @example
 * lineResultDisposition(defaultRules, 'failed'); // 'invalid_number'
 */
export function lineResultDisposition(rules: Pick<CampaignRules, 'dispositions'>, lineResult: LineResult | null): string | null {
  const code = lineResult === null ? null : lineResultCodes[lineResult];
  return rules.dispositions.find((d) => d.code === code && !d.connect)?.code ?? null;
}

/** Seed 000's day: 9:00-12:00 and 13:00-17:00 on weekdays; retry no answer after 2 h, busy after 15 min; 3 dials. */
export const defaultRules: CampaignRules = {
  dialingMode: 'preview',
  distribution: 'equal',
  callingHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ] as [string, string][],
    ]),
  ),
  holidays: [],
  maxAttempts: 3,
  retryMinutes: { no_answer: 120, busy: 15 },
  callbackTo: 'same_agent',
  dispositions: [...defaultDispositions],
  doNotCall: [],
};
