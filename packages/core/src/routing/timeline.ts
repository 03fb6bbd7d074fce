import type { DomainEvent } from '../calls/index';
import type { SwitchCommand } from '../telephony/index';
import type { RouterInput } from './inputs';
import type { HandleResult, Router } from './router';

export interface TimedInput {
  at: number;
  input: RouterInput;
}

/**
 * Feeds a router inputs sorted by time, then lets time run to `until`. `handle` fires every
 * deadline due before an input at its own time, so this is exactly what a discrete-event simulator
 * does; a simulator that must react to commands (an agent answering a ring) interleaves its own
 * inputs the same way.
 *
 * @example
 * const { events } = runTimeline(router, [{ at: t0, input: { type: 'agent.login', agentId: 'a1' } }], t0 + 60_000);
 */
export function runTimeline(
  router: Router,
  inputs: readonly TimedInput[],
  until: number,
  onResult?: (result: HandleResult, input: TimedInput) => void,
): { events: DomainEvent[]; commands: SwitchCommand[] } {
  const events: DomainEvent[] = [];
  const commands: SwitchCommand[] = [];
  const collect = (r: HandleResult, t: TimedInput) => {
    events.push(...r.events);
    commands.push(...r.commands);
    onResult?.(r, t);
  };
  for (const item of inputs) {
    collect(router.handle(item.input, item.at), item);
  }
  const deadline = router.nextDeadline();
  if (deadline !== null && deadline <= until) {
    const tick: TimedInput = { at: until, input: { type: 'tick' } };
    collect(router.handle(tick.input, until), tick);
  }
  return { events, commands };
}
