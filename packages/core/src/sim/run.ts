import type { DomainEvent } from '../calls/index';
import type { Router, RouterInput } from '../routing/index';
import type { SimulatedCenter } from './center';

/**
 * Runs the real router against a simulated center on a simulated clock, as fast as it can,
 * from the first scheduled moment until `until` (epoch ms). Each step's events go to `onEvents`.
 *
 * @example
 * runSimulation(router, center, dayEnd, (events) => all.push(...events));
 */
export function runSimulation(router: Router, center: SimulatedCenter, until: number, onEvents: (events: DomainEvent[], at: number) => void): { rejected: number } {
  let rejected = 0;
  const step = (input: RouterInput, at: number) => {
    const result = router.handle(input, at);
    if (result.rejected) rejected++;
    center.execute(result.commands, at);
    if (result.events.length > 0) onEvents(result.events, at);
  };
  const tick: RouterInput = { type: 'tick' };
  for (;;) {
    const deadline = router.nextDeadline();
    const world = center.nextTime();
    const next = deadline === null ? world : world === null ? deadline : Math.min(deadline, world);
    if (next === null || next > until) break;
    if (world === next) center.forEachDue(next, step);
    else step(tick, next);
  }
  return { rejected };
}
