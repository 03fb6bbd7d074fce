export interface PeakWindow {
  /** Local hours, [fromHour, toHour). */
  fromHour: number;
  toHour: number;
  /** Average offered calls per hour inside the window. */
  averageCalls: number;
}

/**
 * The peak windows of a day (seed 000: "typically 9-11 and 14-16"): runs of hours whose average
 * offered calls reach `share` of the busiest hour. Plan staff for these first.
 *
 * @example
 * peakWindows(hourlyAverages); // [{ fromHour: 9, toHour: 11, … }, { fromHour: 14, toHour: 16, … }]
 */
export function peakWindows(hourly: readonly number[], share = 0.85): PeakWindow[] {
  const max = Math.max(0, ...hourly);
  if (max === 0) return [];
  const windows: PeakWindow[] = [];
  let start = -1;
  for (let h = 0; h <= hourly.length; h++) {
    const busy = h < hourly.length && hourly[h]! >= share * max;
    if (busy && start < 0) start = h;
    if (!busy && start >= 0) {
      const slice = hourly.slice(start, h);
      windows.push({ fromHour: start, toHour: h, averageCalls: slice.reduce((a, b) => a + b, 0) / slice.length });
      start = -1;
    }
  }
  return windows;
}
