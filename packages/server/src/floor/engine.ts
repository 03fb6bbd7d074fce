import { Router, type Clock, type DomainEvent, type RouterConfig, type RouterInput, type SimulatedCenter, type SwitchEvent } from '@banzu/core';
import type { EventLog } from '../events/index';
import { fitSnapshot } from './config';
import type { RouterJournal, SnapshotMeta } from './journal';

export type Rejection = NonNullable<ReturnType<Router['handle']>['rejected']>;

/**
 * Runs the router in real time: inputs from people and the switch go in as they happen, the
 * router's deadlines fire on timers, its events go to the log in order, its commands to the
 * switch (here the simulated center, which answers on the same clock). Every input that changed
 * something is journalled, with a snapshot now and then, so a restart can resume (docs/routing.md).
 *
 * @example
 * const engine = new FloorEngine(router, log, clock, center, journal, onError);
 * engine.start();
 * engine.command({ type: 'agent.ready', agentId });
 */
export class FloorEngine {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastAt: number;
  /** The last append to the log: appends commit in order, so this one resolves after all of them. */
  private appended: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(events: DomainEvent[]) => void>();
  /** The VIP level of a caller's number (known customers); answered from memory, never waiting. */
  private callerVip: ((from: string | null) => number) | null = null;
  private readonly switchListeners = new Set<(event: SwitchEvent, at: number) => void>();
  private readonly stepDue = (input: RouterInput, at: number) => void this.step(input, at);

  constructor(
    private current: Router,
    private readonly log: EventLog,
    private readonly clock: Clock,
    readonly center: SimulatedCenter | null,
    private readonly journal: RouterJournal,
    private readonly onError: (err: unknown) => void,
    /** Simulated seconds per real second: timers wait 1/speed as long. */
    private readonly speed = 1,
    /** What to keep beside each snapshot. */
    private readonly meta: () => SnapshotMeta = () => ({}),
  ) {
    this.lastAt = current.snapshot().now;
  }

  get router(): Router {
    return this.current;
  }

  now(): number {
    return this.clock.now();
  }

  /** Saves a snapshot, so the inputs handled before (a replay, say) need not be kept, and starts the timers. */
  start(): void {
    this.journal.snapshot(this.current.snapshot(), Math.max(this.lastAt, this.now()), this.meta());
    this.wake();
  }

  /** Stops the timers and saves a last snapshot; resolves once it and every event are written. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.journal.snapshot(this.current.snapshot(), this.lastAt, this.meta());
    await Promise.all([this.journal.flush(), this.appended]);
  }

  /** Called with each step's events before they are durable (the simulation staffing reacts to them). */
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each switch event the router took: what the line did (busy, no answer) is in no domain event. */
  onSwitchEvent(listener: (event: SwitchEvent, at: number) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /** Raises an arriving call's VIP level to its caller's as a customer, so routing serves it first. */
  lookUpCallerVip(level: (from: string | null) => number): void {
    this.callerVip = level;
  }

  /** Applies one input now; returns the router's refusal, which changed nothing. */
  command(input: RouterInput): Rejection | null {
    const rejected = this.step(input, this.now());
    this.schedule();
    return rejected;
  }

  /**
   * Carries the router's whole state over to a new configuration (queues, members, skills, hours),
   * then lets it act at once: a waiting call may have an agent now. The snapshot is saved, so a
   * restart replays the later inputs under the configuration they were handled with.
   */
  reconfigure(config: RouterConfig): void {
    if (this.stopped) return;
    const fitted = fitSnapshot(config, this.current.snapshot());
    this.current = Router.restore(fitted.config, fitted.snapshot);
    this.journal.snapshot(fitted.snapshot, this.lastAt, this.meta());
    this.command({ type: 'tick' });
  }

  private step(input: RouterInput, scheduledAt: number): Rejection | null {
    // A person's command may have moved the router past a moment the world scheduled earlier.
    const at = Math.max(scheduledAt, this.lastAt);
    this.lastAt = at;
    if (input.type === 'switch.call_arrived' && this.callerVip) {
      const vip = this.callerVip(input.from);
      // Journalled with the level found, so a replay routes the call the same way.
      if (vip > input.vipLevel) input = { ...input, vipLevel: vip };
    }
    const result = this.current.handle(input, at);
    // A tick that fired nothing only moved the clock: replaying without it gives the same state.
    if (input.type !== 'tick' || result.events.length > 0 || result.commands.length > 0) this.journal.record(at, input);
    this.center?.execute(result.commands, at);
    if (!result.rejected && input.type.startsWith('switch.')) for (const listener of this.switchListeners) listener(input as SwitchEvent, at);
    if (result.events.length > 0) {
      for (const listener of this.listeners) listener(result.events);
      this.appended = this.log
        .append(result.events)
        .catch(this.onError);
    }
    if (this.journal.wantsSnapshot(at)) this.journal.snapshot(this.current.snapshot(), at, this.meta());
    return result.rejected;
  }

  private wake(): void {
    if (this.stopped) return;
    try {
      const now = this.now();
      this.center?.forEachDue(now, this.stepDue);
      this.step({ type: 'tick' }, now);
    } catch (err) {
      this.onError(err);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const deadline = this.current.nextDeadline();
    const world = this.center?.nextTime() ?? null;
    const next = deadline === null ? world : world === null ? deadline : Math.min(deadline, world);
    // Wake at least every few seconds so a long gap (or a clock jump) never stalls the floor.
    const waitMs = next === null ? 5000 : Math.min(5000, Math.max(0, (next - this.now()) / this.speed));
    this.timer = setTimeout(() => this.wake(), waitMs);
  }
}
