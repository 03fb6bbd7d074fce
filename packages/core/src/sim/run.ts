import type { DomainEvent } from '../calls/index';
import type { Router } from '../routing/index';
import type { SimulatedCenter } from './center';

export interface SimulationStep {
  at: number;
  events: DomainEvent[];
}

/**
 * Runs the real router against a simulated center on a simulated clock, as fast as it can,
 * from the first scheduled moment until `until` (epoch ms). Each step's events go to `onStep`.
 *
 * @example
 * runSimulation(router, center, dayEnd, ({ events }) => all.push(...events));
 */
export function runSimulation(
  router: Router,
  center: SimulatedCenter,
  until: number,
  onStep: (step: SimulationStep) => void,
): { rejected: number } {
  let rejected = 0;
  for (;;) {
    const deadline = router.nextDeadline();
    const world = center.nextTime();
    const next = deadline === null ? world : world === null ? deadline : Math.min(deadline, world);
    if (next === null || next > until) break;
    const inputs = world === next ? center.due(next) : [{ at: next, input: { type: 'tick' } as const }];
    for (const { at, input } of inputs) {
      const result = router.handle(input, at);
      if (result.rejected) rejected++;
      center.execute(result.commands, at);
      if (result.events.length > 0) onStep({ at, events: result.events });
    }
  }
  return { rejected };
}
