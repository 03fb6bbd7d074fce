import { describe, expect, it } from 'vitest';
import { coveringModel, readCovering } from './index';

describe('coveringModel', () => {
  it('has a column per shift and day, and a covering row per interval with agents required', () => {
    const model = coveringModel(
      [
        { start: '2026-03-02T09:00', agents: 3 },
        { start: '2026-03-02T09:30', agents: 0 },
        { start: '2026-03-03T09:00', agents: 1 },
      ],
      [{ name: '早班', start: '08:30', end: '17:30' }],
    );
    expect(model.intervalSeconds).toBe(1800);
    expect(model.columns).toEqual([
      { name: 'x0_0', day: '2026-03-02', shift: 0, cost: 9 },
      { name: 'x1_0', day: '2026-03-03', shift: 0, cost: 9 },
    ]);
    expect(model.intervals.map((i) => i.covering)).toEqual([[0], [0], [1]]);
    expect(model.lp).toContain(' c0:\n  x0_0\n  >= 3');
    expect(model.lp).not.toContain(' c1:');
    expect(model.lp).toContain('General\n x0_0 x1_0\nEnd');
    // A solution read back: coverage and cost.
    const result = readCovering(model, [{ name: '早班', start: '08:30', end: '17:30' }], 'optimal', (name) => (name === 'x0_0' ? 3.0000001 : 1));
    expect(result).toEqual({
      status: 'optimal',
      objective: 36,
      assignments: [
        { day: '2026-03-02', shift: '早班', agents: 3 },
        { day: '2026-03-03', shift: '早班', agents: 1 },
      ],
      coverage: [
        { start: '2026-03-02T09:00', required: 3, scheduled: 3 },
        { start: '2026-03-02T09:30', required: 0, scheduled: 3 },
        { start: '2026-03-03T09:00', required: 1, scheduled: 1 },
      ],
    });
  });

  it('adds the day before when a shift crosses midnight, and names intervals no shift covers', () => {
    const model = coveringModel(
      [
        { start: '2026-03-02T02:00', agents: 1 },
        { start: '2026-03-02T07:00', agents: 1 },
      ],
      [{ name: '夜班', start: '22:00', end: '06:00', cost: 10 }],
    );
    expect(model.columns.map((c) => c.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(model.uncovered).toEqual(['2026-03-02T07:00']);
  });

  it.each([
    [[], [{ name: 'a', start: '08:00', end: '16:00' }], 'requirements has no rows'],
    [[{ start: '2026-03-02T09:00', agents: 1 }], [], 'shifts has no shift'],
    [[{ start: '2026-03-02T09:00', agents: 1.5 }], [{ name: 'a', start: '08:00', end: '16:00' }], 'row 1: agents must be a whole number'],
    [[{ start: '2026-03-02 9:00', agents: 1 }], [{ name: 'a', start: '08:00', end: '16:00' }], 'row 1: not a local date-time'],
    [
      [
        { start: '2026-03-02T09:00', agents: 1 },
        { start: '2026-03-02T09:00', agents: 2 },
      ],
      [{ name: 'a', start: '08:00', end: '16:00' }],
      'row 2: 2026-03-02T09:00 appears twice',
    ],
    [[{ start: '2026-03-02T09:00', agents: 1 }], [{ name: 'a', start: '8:00', end: '16:00' }], 'a: not a time of day'],
    [[{ start: '2026-03-02T09:00', agents: 1 }], [{ name: 'a', start: '08:00', end: '16:00', cost: -1 }], 'a: cost must be a number of at least 0'],
    [
      [{ start: '2026-03-02T09:00', agents: 1 }],
      [
        { name: 'a', start: '08:00', end: '16:00' },
        { name: 'a', start: '09:00', end: '17:00' },
      ],
      'a appears twice',
    ],
  ])('refuses bad input: %#', (requirements, shifts, message) => {
    expect(() => coveringModel(requirements, shifts)).toThrow(message);
  });
});
