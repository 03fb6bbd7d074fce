import { describe, expect, it } from 'vitest';
import { centerDateTime } from './center';

describe('centerDateTime', () => {
  it('shows an instant on the center’s clock, whatever the browser’s zone', () => {
    expect(centerDateTime('2026-01-05T01:30:12Z', 'Asia/Shanghai')).toBe('2026-01-05 09:30');
    expect(centerDateTime(Date.parse('2026-01-05T01:30:12Z'), 'Europe/London', { seconds: true })).toBe('2026-01-05 01:30:12');
  });

  it('turns the date at the center’s midnight, not UTC’s, and writes midnight as 00', () => {
    expect(centerDateTime('2026-01-04T16:00:00Z', 'Asia/Shanghai', { seconds: true })).toBe('2026-01-05 00:00:00');
  });

  it('leaves a missing time empty', () => {
    expect(centerDateTime(null, 'Asia/Shanghai')).toBe('');
    expect(centerDateTime(undefined, 'Asia/Shanghai')).toBe('');
  });
});
