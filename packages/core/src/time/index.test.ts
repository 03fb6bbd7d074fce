import { describe, expect, it } from 'vitest';
import { manualClock } from './index';

describe('manual clock timer', () => {
  it('fires callbacks in time order, each at its moment, as the clock moves past them', () => {
    const clock = manualClock(1000);
    const fired: [string, number][] = [];
    clock.timer.at(4000, () => fired.push(['late', clock.now()]));
    clock.timer.at(2000, () => fired.push(['early', clock.now()]));
    clock.advance(500);
    expect(fired).toEqual([]);
    clock.advance(5000);
    expect(fired).toEqual([
      ['early', 2000],
      ['late', 4000],
    ]);
    expect(clock.now()).toBe(6500);
  });

  it('fires a callback set for a moment already past at the next move, and never a cancelled one', () => {
    const clock = manualClock(10_000);
    const fired: string[] = [];
    clock.timer.at(0, () => fired.push('past'));
    const cancel = clock.timer.at(11_000, () => fired.push('cancelled'));
    cancel();
    clock.advance(0);
    clock.advance(5000);
    expect(fired).toEqual(['past']);
  });

  it('fires a callback that a callback sets, when its moment is still on the way', () => {
    const clock = manualClock(0);
    const fired: number[] = [];
    clock.timer.at(100, () => clock.timer.at(clock.now() + 100, () => fired.push(clock.now())));
    clock.advance(1000);
    expect(fired).toEqual([200]);
  });
});
