import { describe, expect, it } from 'vitest';
import { overlapsUnavailable, unavailableSpans } from './availability';

describe('availability (可用性): when an agent cannot work', () => {
  it('a weekly window falls on that weekday of each week, a dated one on its date', () => {
    const windows = [
      { weekday: 3, date: null, start: '18:00', end: '24:00' },
      { weekday: null, date: '2026-03-06', start: '00:00', end: '24:00' },
    ];
    expect(unavailableSpans(windows, '2026-03-02', '2026-03-12')).toEqual([
      { start: '2026-03-04T18:00', end: '2026-03-05T00:00' },
      { start: '2026-03-06T00:00', end: '2026-03-07T00:00' },
      { start: '2026-03-11T18:00', end: '2026-03-12T00:00' },
    ]);
  });

  it('a shift is out when it overlaps the window at all, including a night shift from the evening before', () => {
    const wednesdayEvening = [{ start: '2026-03-04T18:00', end: '2026-03-05T00:00' }];
    expect(overlapsUnavailable(wednesdayEvening, '2026-03-04', 8 * 60 + 30, 17 * 60 + 30)).toBe(false);
    expect(overlapsUnavailable(wednesdayEvening, '2026-03-04', 13 * 60, 22 * 60)).toBe(true);
    // Ending exactly when the window starts is no overlap.
    expect(overlapsUnavailable(wednesdayEvening, '2026-03-04', 9 * 60, 18 * 60)).toBe(false);
    const thursdayMorning = [{ start: '2026-03-05T00:00', end: '2026-03-05T08:00' }];
    expect(overlapsUnavailable(thursdayMorning, '2026-03-04', 22 * 60, 31 * 60)).toBe(true);
  });
});
