/**
 * A duration as a person reads it, the one format every page uses for a figure in seconds (average
 * handle time, speed of answer, talk time): "45秒", "1分05秒", "2小时03分" in Chinese, "45 s",
 * "1 min 05 s", "2 h 03 min" in English. Whole seconds; from an hour on, whole minutes. A running
 * clock (time in state, a countdown) keeps m:ss: it ticks, it is not read as a figure.
 *
 * @example
 * formatDuration(65, 'zh-CN'); // '1分05秒'
 * formatDuration(7380, 'en'); // '2 h 03 min'
 * formatDuration(null, 'zh-CN'); // '—'
 */
export function formatDuration(seconds: number | null | undefined, language: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const english = language.startsWith('en');
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (total < 60) return sign + (english ? `${total} s` : `${total}秒`);
  if (total < 3600) {
    const [m, s] = [Math.floor(total / 60), total % 60];
    return sign + (english ? `${m} min ${two(s)} s` : `${m}分${two(s)}秒`);
  }
  const minutes = Math.round(total / 60);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return sign + (english ? `${h} h ${two(m)} min` : `${h}小时${two(m)}分`);
}
