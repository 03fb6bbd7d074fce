/**
 * Seed 004's penalty ladder (质检扣罚): 口头提醒, 口头警告, 质检提醒单 (signed by the agent), 下岗培训,
 * 经济扣罚, 辞退. A center may configure its own steps.
 */
export interface PenaltyStep {
  code: string;
  zh: string;
  en: string;
  /** The agent signs a reminder slip (质检提醒单) at this step. */
  slip: boolean;
}

export interface PenaltyLadder {
  steps: PenaltyStep[];
  /** Offences older than this many days no longer count. */
  windowDays: number;
  /** Seed 004: "下次再犯同样错误" — a repeat of the same fatal item escalates; `any_fatal` counts every fatal failure. */
  countBy: 'same_item' | 'any_fatal';
}

export const defaultPenaltyLadder: PenaltyLadder = {
  steps: [
    { code: 'verbal_reminder', zh: '口头提醒', en: 'Verbal reminder', slip: false },
    { code: 'verbal_warning', zh: '口头警告', en: 'Verbal warning', slip: false },
    { code: 'reminder_slip', zh: '质检提醒单', en: 'QA reminder slip', slip: true },
    { code: 'retraining', zh: '下岗培训', en: 'Off-line retraining', slip: true },
    { code: 'fine', zh: '经济扣罚', en: 'Fine', slip: true },
    { code: 'dismissal', zh: '辞退', en: 'Dismissal', slip: true },
  ],
  windowDays: 90,
  countBy: 'same_item',
};

/** A confirmed fatal failure of an agent: when the call was scored and which fatal items failed. */
export interface Offence {
  at: number;
  itemKeys: readonly string[];
}

const DAY = 86_400_000;

/**
 * The step for a new confirmed fatal failure, from the agent's earlier confirmed ones within the
 * window: the first offence is the first step, each repeat one more, the last step the ceiling.
 * Null when the new evaluation has no fatal failure.
 *
 * @example
 * penaltyStep(defaultPenaltyLadder, [{ at: monday, itemKeys: ['privacy'] }], { at: friday, itemKeys: ['privacy'] }); // 口头警告
 */
export function penaltyStep(ladder: PenaltyLadder, earlier: readonly Offence[], offence: Offence): PenaltyStep | null {
  if (offence.itemKeys.length === 0 || ladder.steps.length === 0) return null;
  const counted = earlier.filter(
    (o) =>
      o.at <= offence.at &&
      o.at > offence.at - ladder.windowDays * DAY &&
      (ladder.countBy === 'any_fatal' ? o.itemKeys.length > 0 : o.itemKeys.some((k) => offence.itemKeys.includes(k))),
  );
  return ladder.steps[Math.min(counted.length, ladder.steps.length - 1)]!;
}
