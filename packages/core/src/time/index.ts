export * from './zoned';
export * from './duration';
export * from './month';
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

/**
 * Calls back when its clock reaches a moment: on the wall clock after a wait, on a manual clock as
 * the test moves it. Server code that waits takes one, so its tests run on a manual clock.
 */
export interface Timer {
  /** Calls `callback` once the clock reaches `time` (at once if it has); returns a function that cancels it. */
  at(time: number, callback: () => void): () => void;
}

export interface ManualClock extends Clock {
  /** Moves the clock on, firing its timer's callbacks that fall due on the way, in time order, each at its moment. */
  advance(ms: number): void;
  set(epochMs: number): void;
  readonly timer: Timer;
}

/**
 * A clock that moves only when told to: for tests and the simulator.
 *
 * @example
 * const clock = manualClock(0);
 * clock.timer.at(5_000, () => console.log(clock.now())); // 5000, printed by the advance below
 * clock.advance(10_000);
 */
export function manualClock(startMs = 0): ManualClock {
  let current = startMs;
  let pending: { time: number; order: number; callback: () => void }[] = [];
  let order = 0;
  const set = (epochMs: number) => {
    if (epochMs < current) throw new RangeError('a clock cannot go backwards');
    for (;;) {
      const due = pending.filter((p) => p.time <= epochMs).sort((a, b) => a.time - b.time || a.order - b.order)[0];
      if (!due) break;
      pending = pending.filter((p) => p !== due);
      current = Math.max(current, due.time);
      due.callback();
    }
    current = epochMs;
  };
  return {
    now: () => current,
    advance: (ms) => set(current + ms),
    set,
    timer: {
      at(time, callback) {
        const entry = { time, order: order++, callback };
        pending.push(entry);
        return () => {
          pending = pending.filter((p) => p !== entry);
        };
      },
    },
  };
}

/** The wall clock, for production adapters only. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A timer on the wall clock for `clock`, which runs `speed` times as fast as the wall clock (1 for
 * the real one, more for a sped-up simulation). For production adapters only.
 *
 * @example
 * const cancel = wallTimer(systemClock).at(Date.now() + 1000, () => console.log('a second later'));
 */
export function wallTimer(clock: Clock, speed = 1): Timer {
  return {
    at(time, callback) {
      const handle = setTimeout(callback, Math.max(0, (time - clock.now()) / speed));
      return () => clearTimeout(handle);
    },
  };
}
