import { Router, type Clock, type RouterConfig, type RouterInput, type SwitchDriver, type SwitchPort, type Timer } from '@banzu/core';
import type { EventLog } from '../events/index';
import { fitSnapshot } from './config';
import type { RouterJournal, SnapshotMeta } from './journal';

export type Rejection = NonNullable<ReturnType<Router['handle']>['rejected']>;

/** The switch the floor drives: one that reports as things happen, one on the floor's clock, or none yet. */
export type FloorSwitch = SwitchPort | SwitchDriver | null;

export interface FloorEngineOptions {
  router: Router;
  log: EventLog;
  clock: Clock;
  /** Wakes the engine for the router's deadlines and the switch's planned moments, on `clock`. */
  timer: Timer;
  switch: FloorSwitch;
  journal: RouterJournal;
  onError: (err: unknown) => void;
  /** What to keep beside each snapshot. */
  meta?: () => SnapshotMeta;
}

/** Without a deadline the engine still wakes this often (clock time), so a clock jump never stalls the floor. */
const idleWakeMs = 5000;

/**
 * Runs the router in real time: inputs from people and the switch go in as they happen, the
 * router's deadlines fire on the timer, its events go to the log in order, its commands to the
 * switch. Every input that changed something is journalled, with a snapshot now and then, so a
 * restart can resume (docs/routing.md).
 *
 * @example
 * const engine = new FloorEngine({ router, log, clock, timer: wallTimer(clock), switch: sip, journal, onError });
 * engine.start();
 * engine.command({ type: 'agent.ready', agentId });
 */
export class FloorEngine {
  private current: Router;
  private readonly log: EventLog;
  private readonly clock: Clock;
  private readonly timer: Timer;
  private readonly switch: FloorSwitch;
  private readonly journal: RouterJournal;
  private readonly onError: (err: unknown) => void;
  private readonly meta: () => SnapshotMeta;
  private cancelWake: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private lastAt: number;
  /** The last append to the log: appends commit in order, so this one resolves after all of them (to its error, if it failed). */
  private appended: Promise<unknown> = Promise.resolve();
  /** The VIP level of a caller's number (known customers); answered from memory, never waiting. */
  private callerVip: ((from: string | null) => number) | null = null;
  private readonly stepDue = (input: RouterInput, at: number) => void this.step(input, at);

  constructor(options: FloorEngineOptions) {
    this.current = options.router;
    this.log = options.log;
    this.clock = options.clock;
    this.timer = options.timer;
    this.switch = options.switch;
    this.journal = options.journal;
    this.onError = options.onError;
    this.meta = options.meta ?? (() => ({}));
    this.lastAt = this.current.snapshot().now;
  }

  get router(): Router {
    return this.current;
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Saves a snapshot, so the inputs handled before (a replay, say) need not be kept, starts taking
   * the switch's events and wakes for what is due.
   */
  start(): void {
    this.journal.snapshot(this.current.snapshot(), Math.max(this.lastAt, this.now()), this.meta());
    if (this.switch && 'onEvent' in this.switch) this.unsubscribe = this.switch.onEvent((event) => this.command(event));
    this.wake();
  }

  /** Stops the timer and the switch's events and saves a last snapshot; resolves once it and every event are written. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelWake?.();
    this.unsubscribe?.();
    this.journal.snapshot(this.current.snapshot(), this.lastAt, this.meta());
    await Promise.all([this.journal.flush(), this.appended]);
  }

  /** Resolves once every event the router emitted so far is in the log. */
  written(): Promise<unknown> {
    return this.appended;
  }

  /**
   * Resolves once every input handled so far is journalled and its events are in the log, so an
   * answer sent after it survives a crash. Group commit makes the inputs of concurrent requests
   * share one write. Rejects with what failed the last append.
   */
  async durable(): Promise<void> {
    const [, failure] = await Promise.all([this.journal.flush(), this.appended]);
    if (failure instanceof Error) throw failure;
  }

  /** A person works this agent's desktop from now on (see `SwitchPort.personAtDesk`). */
  personAtDesk(agentId: string): void {
    this.switch?.personAtDesk(agentId);
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
    this.switch?.execute(result.commands, at);
    if (result.events.length > 0) {
      this.appended = this.log.append(result.events).then(
        () => undefined,
        (err: unknown) => {
          this.onError(err);
          return err;
        },
      );
    }
    if (this.journal.wantsSnapshot(at)) this.journal.snapshot(this.current.snapshot(), at, this.meta());
    return result.rejected;
  }

  private wake(): void {
    if (this.stopped) return;
    try {
      const now = this.now();
      if (this.switch && 'forEachDue' in this.switch) this.switch.forEachDue(now, this.stepDue);
      this.step({ type: 'tick' }, now);
    } catch (err) {
      this.onError(err);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancelWake?.();
    const deadline = this.current.nextDeadline();
    const planned = this.switch && 'nextTime' in this.switch ? this.switch.nextTime() : null;
    const next = deadline === null ? planned : planned === null ? deadline : Math.min(deadline, planned);
    const idle = this.now() + idleWakeMs;
    this.cancelWake = this.timer.at(next === null ? idle : Math.min(next, idle), () => this.wake());
  }
}
