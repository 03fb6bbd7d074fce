/** One interval of recorded traffic. */
export interface IntervalVolume {
  /** Local clock time of the interval's start, written as if it were UTC (the files carry no zone). */
  start: number;
  seconds: number;
  calls: number;
  /** Average handle time in seconds, when the file has it. */
  ahtSeconds?: number;
}

export class IntervalVolumeError extends Error {
  override name = 'IntervalVolumeError';
}

/** Column names accepted for each field: the center export (`tc,call_volume,aht`) and the bank data (`DateTime,Calls`). */
const columns = {
  start: ['tc', 'datetime', 'start', 'interval'],
  calls: ['call_volume', 'calls', 'volume', 'offered'],
  aht: ['aht', 'aht_seconds'],
};

function parseLocalTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
}

/**
 * Reads interval volumes from CSV text; the interval length is the most common gap between rows.
 * Errors name the line and the problem.
 *
 * @example
 * parseIntervalVolumes('tc,call_volume,aht\n2023-03-01 00:00:00,15,413\n2023-03-01 00:15:00,11,421');
 */
export function parseIntervalVolumes(csv: string): IntervalVolume[] {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new IntervalVolumeError('the file needs a header line and at least one interval');
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase().replace(/^"|"$/g, ''));
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const startCol = find(columns.start);
  const callsCol = find(columns.calls);
  const ahtCol = find(columns.aht);
  if (startCol < 0) throw new IntervalVolumeError(`no time column: expected one of ${columns.start.join(', ')}`);
  if (callsCol < 0) throw new IntervalVolumeError(`no volume column: expected one of ${columns.calls.join(', ')}`);

  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const start = parseLocalTime(cells[startCol] ?? '');
    const calls = Number(cells[callsCol]);
    if (Number.isNaN(start)) throw new IntervalVolumeError(`line ${i + 2}: "${cells[startCol]}" is not a date and time`);
    if (!(Number.isFinite(calls) && calls >= 0)) throw new IntervalVolumeError(`line ${i + 2}: "${cells[callsCol]}" is not a call count`);
    const aht = ahtCol >= 0 ? Number(cells[ahtCol]) : Number.NaN;
    return { start, calls, ...(Number.isFinite(aht) && aht > 0 ? { ahtSeconds: aht } : {}) };
  });
  rows.sort((a, b) => a.start - b.start);

  const gaps = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.start - rows[i - 1]!.start;
    if (gap > 0) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
  }
  const typicalGap = [...gaps.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!typicalGap) throw new IntervalVolumeError('cannot tell the interval length: the file needs two intervals at different times');
  return rows.map((r) => ({ ...r, seconds: typicalGap / 1000 }));
}
