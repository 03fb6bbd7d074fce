import type { Queryable } from '../store/index';

/** How many failed logins lock a key, within which window, and for how long. */
export interface ThrottleRule {
  failures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Guessing one account's password: 5 tries in 15 minutes, then 15 minutes' wait. One address
 * trying many accounts (a password sprayed over all agents): 20 failures, then the same wait;
 * a floor behind one NAT address mistypes far less than that.
 */
export const loginRules = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { failures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleKind = keyof typeof loginRules;

export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${kind === 'account' ? value.toLowerCase() : value}`;

/** Seconds until the longest lock of these keys ends, or 0 when none is locked. */
export async function lockedForSeconds(db: Queryable, keys: string[], now: number): Promise<number> {
  const [row] = await db.query<{ until: Date | null }>('SELECT max(locked_until) AS until FROM login_throttle WHERE key = ANY($1) AND locked_until > $2', [keys, new Date(now)]);
  return row?.until ? Math.ceil((row.until.getTime() - now) / 1000) : 0;
}

/**
 * Counts a failed login against a key; returns the seconds of the lock it starts, or 0. A window
 * that has passed starts again at one failure.
 *
 * @example
 * const locked = await recordFailure(store, throttleKey('account', 'leader1'), loginRules.account, clock.now());
 */
export async function recordFailure(db: Queryable, key: string, rule: ThrottleRule, now: number): Promise<number> {
  const at = new Date(now);
  const [row] = await db.query<{ failures: number }>(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= $2 - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= $2 - make_interval(secs => $3) THEN $2 ELSE t.window_started_at END
     RETURNING failures`,
    [key, at, rule.windowMs / 1000],
  );
  if ((row?.failures ?? 0) < rule.failures) return 0;
  await db.query('UPDATE login_throttle SET locked_until = $2, failures = 0, window_started_at = $3 WHERE key = $1', [key, new Date(now + rule.lockMs), at]);
  return Math.ceil(rule.lockMs / 1000);
}

/** A successful login forgets the account's failures (not the address's: it may be guessing others). */
export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
