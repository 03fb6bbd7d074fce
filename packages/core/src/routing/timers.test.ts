import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue, type TimerKind } from './timers';

/** Pops every entry due up to `until`, as the router does: earliest first, ties in the order set. */
function drain(timers: TimerQueue<string>, until: number): string[] {
  const fired: string[] = [];
  while (timers.nextAt() <= until) {
    fired.push(timers.topOwner());
    timers.pop();
  }
  return fired;
}

describe('TimerQueue', () => {
  it('fires deadlines of fixed delays and of any time together, in time order, ties in the order set', () => {
    const timers = new TimerQueue<string>();
    timers.after(0, 10_000, 'ring', 'ring at 10 s', 1);
    timers.after(0, 120_000, 'max_wait', 'max wait at 120 s', 1);
    timers.push(10_000, 'widen', 'widen at 10 s', 1);
    timers.after(5_000, 5_000, 'wrap_up', 'wrap-up at 10 s', 1);
    timers.push(7_000, 'wrap_up', 'extended wrap-up at 7 s', 1);
    expect(timers.size).toBe(5);
    expect(drain(timers, 10_000)).toEqual(['extended wrap-up at 7 s', 'ring at 10 s', 'widen at 10 s', 'wrap-up at 10 s']);
    expect(timers.nextAt()).toBe(120_000);
    expect(timers.sorted().map((t) => t.owner)).toEqual(['max wait at 120 s']);
  });

  it('matches a sorted list for any mix of delays, times and pops', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('after' as const), advance: fc.nat(3), delay: fc.constantFrom(0, 2, 5, 30, 120) }),
      fc.record({ op: fc.constant('push' as const), advance: fc.nat(3), delay: fc.nat(200) }),
      fc.record({ op: fc.constant('pop' as const), advance: fc.nat(3), delay: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const timers = new TimerQueue<number>();
        const expected: { at: number; seq: number }[] = [];
        let now = 0;
        let seq = 0;
        for (const s of steps) {
          now += s.advance;
          if (s.op === 'pop') {
            if (expected.length === 0) continue;
            expected.sort((a, b) => a.at - b.at || a.seq - b.seq);
            const next = expected.shift()!;
            expect([timers.nextAt(), timers.topOwner()]).toEqual([next.at, next.seq]);
            timers.pop();
            continue;
          }
          const kind: TimerKind = s.op === 'after' ? 'ring' : 'widen';
          if (s.op === 'after') timers.after(now, s.delay, kind, seq, 0);
          else timers.push(now + s.delay, kind, seq, 0);
          expected.push({ at: now + s.delay, seq: seq++ });
        }
        expected.sort((a, b) => a.at - b.at || a.seq - b.seq);
        expect(timers.size).toBe(expected.length);
        expect(timers.sorted().map((t) => [t.at, t.owner])).toEqual(expected.map((e) => [e.at, e.seq]));
      }),
    );
  });
});
