import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Schedule } from './schedule';

describe('the simulated world’s schedule', () => {
  it('gives items back in time order, ties in the order they were scheduled, however pushes and pops interleave', () => {
    fc.assert(
      fc.property(
        // A push at a time (a small range, so ties are common), or a pop.
        fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(null)), { maxLength: 300 }),
        (steps) => {
          const schedule = new Schedule<number>();
          const waiting: { at: number; id: number }[] = [];
          let id = 0;
          for (const step of steps) {
            if (step !== null) {
              schedule.push(step, id);
              waiting.push({ at: step, id: id++ });
              continue;
            }
            const earliest = waiting.reduce<number>((best, w, i) => (best < 0 || w.at < waiting[best]!.at ? i : best), -1);
            expect(schedule.peekTime()).toBe(earliest < 0 ? null : waiting[earliest]!.at);
            expect(schedule.pop()).toBe(earliest < 0 ? undefined : waiting[earliest]!.id);
            if (earliest >= 0) waiting.splice(earliest, 1);
            expect(schedule.size).toBe(waiting.length);
          }
        },
      ),
    );
  });

  it('serves a long run of in-order items (a day of arrivals) in time order while other items arrive', () => {
    const schedule = new Schedule<string>();
    for (let t = 0; t < 20_000; t++) schedule.push(t * 10, `arrival-${t}`);
    const popped: { at: number; item: string }[] = [];
    for (let at = schedule.peekTime(); at !== null; at = schedule.peekTime()) {
      const item = schedule.pop()!;
      popped.push({ at, item });
      if (item.startsWith('arrival')) schedule.push(at + 15, `end-${at}`);
    }
    expect(popped).toHaveLength(40_000);
    expect(popped.every((p, i) => i === 0 || popped[i - 1]!.at <= p.at)).toBe(true);
    expect(popped.slice(0, 4).map((p) => p.item)).toEqual(['arrival-0', 'arrival-1', 'end-0', 'arrival-2']);
    expect(schedule.size).toBe(0);
  });

  it('keeps order through a heap of thousands of items scheduled out of order', () => {
    const schedule = new Schedule<number>();
    const times = Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 5_003);
    for (const [i, at] of times.entries()) schedule.push(at, i);
    const popped: number[] = [];
    for (let at = schedule.peekTime(); at !== null; at = schedule.peekTime()) popped.push(times[schedule.pop()!]!);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps order when items are scheduled for the moment being handled or for earlier moments', () => {
    const schedule = new Schedule<string>();
    schedule.push(30, 'a at 30');
    schedule.push(10, 'b at 10');
    expect(schedule.pop()).toBe('b at 10');
    schedule.push(10, 'c at 10, now');
    schedule.push(5, 'd at 5, in the past');
    expect(schedule.pop()).toBe('d at 5, in the past');
    schedule.push(5, 'e at 5, now');
    schedule.push(10, 'f at 10');
    const rest: string[] = [];
    for (let item = schedule.pop(); item !== undefined; item = schedule.pop()) rest.push(item);
    expect(rest).toEqual(['e at 5, now', 'c at 10, now', 'f at 10', 'a at 30']);
  });
});
