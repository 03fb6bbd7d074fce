export * from './zoned';
/**
 * Time is injected: nothing in the core reads the wall clock.
 *
 * @example
 * const clock = manualClock(Date.parse('2026-01-05T09:00:00Z'));
 * clock.advance(30_000);
 * clock.now(); // 30 s later, in epoch milliseconds
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** A clock that moves only when told to: for tests and the simulator. */
export function manualClock(startMs = 0): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      if (ms < 0) throw new RangeError('a clock cannot go backwards');
      current += ms;
    },
    set(epochMs) {
      if (epochMs < current) throw new RangeError('a clock cannot go backwards');
      current = epochMs;
    },
  };
}

/** The wall clock, for production adapters only. */
export const systemClock: Clock = { now: () => Date.now() };
