/**
 * Six weeks of call history before Monday 5 January 2026 (the test clock) as the forecast's CSV:
 * 10 calls of 180 s every half hour from 09:00 until `untilHour`, on weekdays unless `weekends`.
 *
 * @example
 * await h.call(leader, 'POST', `/api/v1/wfm/history/${queueId}`, { csv: historyCsv() });
 */
export function historyCsv({ weekends = false, untilHour = 17 } = {}): string {
  const lines = ['start,calls,aht'];
  for (let d = 42; d >= 1; d--) {
    const day = new Date(Date.UTC(2026, 0, 5 - d));
    if (!weekends && (day.getUTCDay() === 0 || day.getUTCDay() === 6)) continue;
    const date = day.toISOString().slice(0, 10);
    for (let h = 9; h < untilHour; h++) for (const m of ['00', '30']) lines.push(`${date}T${String(h).padStart(2, '0')}:${m},10,180`);
  }
  return lines.join('\n');
}
