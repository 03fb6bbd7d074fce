import type { Clock, DomainEvent, RouterInput, Router, SimulatedCenter } from '@banzu/core';
import type { EventLog } from '../events/index';

export type Rejection = NonNullable<ReturnType<Router['handle']>['rejected']>;

/**
 * Runs the router in real time: inputs from people and the switch go in as they happen, the
 * router's deadlines fire on timers, its events go to the log in order, its commands to the
 * switch (here the simulated center, which answers on the same clock).
 *
 * @example
 * const engine = new FloorEngine(router, log, clock, center);
 * engine.start();
 * engine.command({ type: 'agent.ready', agentId });
 */
export class FloorEngine {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastAt = -Infinity;
  private readonly listeners = new Set<(events: DomainEvent[]) => void>();

  constructor(
    readonly router: Router,
    private readonly log: EventLog,
    private readonly clock: Clock,
    readonly center: SimulatedCenter | null,
    private readonly onError: (err: unknown) => void,
    /** Simulated seconds per real second: timers wait 1/speed as long. */
    private readonly speed = 1,
  ) {}

  now(): number {
    return this.clock.now();
  }

  start(): void {
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Called with each step's events before they are durable (the simulation staffing reacts to them). */
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies one input now; returns the router's refusal, which changed nothing. */
  command(input: RouterInput): Rejection | null {
    const rejected = this.step(input, this.now());
    this.schedule();
    return rejected;
  }

  private step(input: RouterInput, scheduledAt: number): Rejection | null {
    // A person's command may have moved the router past a moment the world scheduled earlier.
    const at = Math.max(scheduledAt, this.lastAt);
    this.lastAt = at;
    const result = this.router.handle(input, at);
    this.center?.execute(result.commands, at);
    if (result.events.length > 0) {
      for (const listener of this.listeners) listener(result.events);
      this.log
        .append(result.events.map((e) => ({ type: e.type, stream: e.stream, payload: e.payload, occurredAt: e.at })))
        .catch(this.onError);
    }
    return result.rejected;
  }

  private wake(): void {
    if (this.stopped) return;
    try {
      const now = this.now();
      for (const { at, input } of this.center?.due(now) ?? []) this.step(input, at);
      this.step({ type: 'tick' }, now);
    } catch (err) {
      this.onError(err);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const deadline = this.router.nextDeadline();
    const world = this.center?.nextTime() ?? null;
    const next = deadline === null ? world : world === null ? deadline : Math.min(deadline, world);
    // Wake at least every few seconds so a long gap (or a clock jump) never stalls the floor.
    const waitMs = next === null ? 5000 : Math.min(5000, Math.max(0, (next - this.now()) / this.speed));
    this.timer = setTimeout(() => this.wake(), waitMs);
  }
}
