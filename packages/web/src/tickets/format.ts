/**
 * The deadline clock: how long is left (or how late it is), as 12:05:09, or 2天 03:00:00 beyond a day.
 *
 * @example
 * deadlineClock(Date.parse('2026-01-07T01:00:00Z'), Date.parse('2026-01-05T01:00:00Z')); // { late: false, text: '2天 00:00:00' }
 */
export function deadlineClock(dueAt: number, now: number): { late: boolean; text: string } {
  const late = now >= dueAt;
  const total = Math.floor(Math.abs(dueAt - now) / 1000);
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return { late, text: days > 0 ? `${days}天 ${hms}` : hms };
}
