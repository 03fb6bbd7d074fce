import { describe, expect, it } from 'vitest';
import { overlapsUnavailable, unavailableSpans } from './availability';
import { rosterModel } from './roster';

const shifts = [
  { name: '早班', start: '08:30', end: '17:30' },
  { name: '晚班', start: '13:00', end: '22:00' },
  { name: '夜班', start: '22:00', end: '07:00' },
];

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

  it('the roster model offers the agent no shift overlapping the window, and the others as before', () => {
    const model = rosterModel({
      agents: [{ id: 'a', unavailableSpans: unavailableSpans([{ weekday: 3, date: null, start: '18:00', end: '24:00' }], '2026-03-04', '2026-03-04') }, { id: 'b' }],
      from: '2026-03-04',
      to: '2026-03-04',
      shifts,
      requirements: [{ start: '2026-03-04T19:00', agents: 1 }],
    });
    const binaries = model.lp.slice(model.lp.indexOf('Binary')).split(/\s+/);
    // Agent a (index 0) keeps 早班 only on 周三; agent b has all three.
    expect(binaries.filter((v) => v.startsWith('y0_'))).toEqual(['y0_0_0']);
    expect(binaries.filter((v) => v.startsWith('y1_'))).toEqual(['y1_0_0', 'y1_0_1', 'y1_0_2']);
  });
});
