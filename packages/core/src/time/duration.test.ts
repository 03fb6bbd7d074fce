import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

/** Reads a formatted duration back into seconds. */
function readBack(text: string): number {
  const n = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return n(/(\d+)(?:小时| h)/) * 3600 + n(/(\d+)(?:分| min)/) * 60 + n(/(\d+)(?:秒| s)/);
}

describe('a duration as people read it', () => {
  it('reads in seconds, then minutes and seconds, then hours and minutes, in Chinese by default and in English', () => {
    expect(formatDuration(45, 'zh-CN')).toBe('45秒');
    expect(formatDuration(4.3, 'zh-CN')).toBe('4秒');
    expect(formatDuration(65, 'zh-CN')).toBe('1分05秒');
    expect(formatDuration(59.6, 'zh-CN')).toBe('1分00秒');
    expect(formatDuration(7380, 'zh-CN')).toBe('2小时03分');
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatDuration(65, 'en')).toBe('1 min 05 s');
    expect(formatDuration(7380, 'en-US')).toBe('2 h 03 min');
    expect(formatDuration(0, 'zh-CN')).toBe('0秒');
    expect(formatDuration(-90, 'zh-CN')).toBe('-1分30秒');
  });

  it('shows no data as a dash, not as zero', () => {
    expect(formatDuration(null, 'zh-CN')).toBe('—');
    expect(formatDuration(undefined, 'en')).toBe('—');
    expect(formatDuration(Number.NaN, 'en')).toBe('—');
  });

  it('reads back as the value to the second under an hour and to the minute above, in both languages', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200_000, noNaN: true }), fc.constantFrom('zh-CN', 'en'), (seconds, language) => {
        const back = readBack(formatDuration(seconds, language));
        expect(Math.abs(back - seconds)).toBeLessThanOrEqual(seconds < 3599.5 ? 0.5 : 30.5);
      }),
    );
  });
});
