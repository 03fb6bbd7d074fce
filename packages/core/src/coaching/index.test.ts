import { describe, expect, it } from 'vitest';
import { coachingOutcome, coachingPeriods } from './index';

describe('coaching follow-up', () => {
  it('tells improved from worse by which way the figure is better, and small moves as unchanged', () => {
    expect(coachingOutcome({ before: 72, after: 85, better: 'higher' })).toBe('improved');
    expect(coachingOutcome({ before: 72, after: 60, better: 'higher' })).toBe('worse');
    expect(coachingOutcome({ before: 260, after: 210, better: 'lower' })).toBe('improved');
    expect(coachingOutcome({ before: 260, after: 280, better: 'lower' })).toBe('worse');
    expect(coachingOutcome({ before: 200, after: 202, better: 'lower' })).toBe('unchanged');
    // Discipline points: from 4 to none is better.
    expect(coachingOutcome({ before: 4, after: 0, better: 'lower' })).toBe('improved');
    expect(coachingOutcome({ before: 72, after: null, better: 'higher' })).toBe('pending');
    expect(coachingOutcome({ before: null, after: 80, better: 'higher' })).toBe('pending');
  });

  it('compares as many days before the coaching as after it, up to the follow-up or today', () => {
    expect(coachingPeriods('2026-01-10', '2026-01-24', '2026-01-30')).toEqual({
      before: { from: '2025-12-27', to: '2026-01-09' },
      after: { from: '2026-01-11', to: '2026-01-24' },
    });
    // A short follow-up still looks at a week before; before the follow-up, after is so far.
    expect(coachingPeriods('2026-01-10', '2026-01-12', '2026-01-11')).toEqual({
      before: { from: '2026-01-03', to: '2026-01-09' },
      after: { from: '2026-01-11', to: '2026-01-11' },
    });
    // On the day of the coaching there is no after yet.
    expect(coachingPeriods('2026-01-10', '2026-01-17', '2026-01-10').after).toBeNull();
  });
});
