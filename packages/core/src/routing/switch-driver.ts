import type { SwitchPort } from '../telephony/index';
import type { RouterInput } from './inputs';

/**
 * A switch that runs on the floor's clock instead of reporting as things happen: the simulated
 * one, whose callers and agents act at planned moments, sped up or on a manual clock. The floor
 * asks when it next acts and lets it act then; what it reports includes its simulated agents'
 * own inputs (log in, breaks), so they are router inputs, not only switch events.
 *
 * @example
 * const next = driver.nextTime();
 * driver.forEachDue(clock.now(), (input, at) => driver.execute(router.handle(input, at).commands, at));
 */
export interface SwitchDriver extends Omit<SwitchPort, 'onEvent'> {
  /** When it next has something to report; null when nothing is planned. */
  nextTime(): number | null;
  /** Hands everything due up to `now` to `handle`, one input at a time in time order. */
  forEachDue(now: number, handle: (input: RouterInput, at: number) => void): void;
}
