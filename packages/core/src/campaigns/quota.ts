/** Seed 000 电话营销管理制度: 50 effective calls a day; staff in their first two weeks, 30. */
export interface QuotaPolicy {
  effectiveCallsPerDay: number;
  newHireEffectiveCallsPerDay: number;
  /** Days from the first day of employment during which the new-hire quota applies. */
  newHireDays: number;
}

export const defaultQuotaPolicy: QuotaPolicy = { effectiveCallsPerDay: 50, newHireEffectiveCallsPerDay: 30, newHireDays: 14 };

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * An agent's quota of effective calls on a day (local dates `YYYY-MM-DD`); an override set for
 * the agent wins.
 *
 * @example
 * dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-10'); // 30: day 10 of employment
 * dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-15'); // 50
 */
export function dailyQuota(policy: QuotaPolicy, employedSince: string, date: string, override: number | null = null): number {
  if (override !== null) return override;
  const day = dayNumber(date) - dayNumber(employedSince);
  return day >= 0 && day < policy.newHireDays ? policy.newHireEffectiveCallsPerDay : policy.effectiveCallsPerDay;
}

export interface QuotaProgress {
  target: number;
  done: number;
  remaining: number;
  met: boolean;
}

/** "32 / 50 effective calls". */
export function quotaProgress(target: number, effectiveCalls: number): QuotaProgress {
  return { target, done: effectiveCalls, remaining: Math.max(0, target - effectiveCalls), met: effectiveCalls >= target };
}
