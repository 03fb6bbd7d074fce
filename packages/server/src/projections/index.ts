import type { EventLog, StoredEvent, Subscription } from '../events/index';
import type { Queryable, Store } from '../store/index';

/** A read model built from the event log. */
export interface Projection {
  /** Unique and stable: the checkpoint is stored under it. */
  name: string;
  /** Applies events in order. Runs inside the transaction that also moves the checkpoint. */
  apply(tx: Queryable, events: StoredEvent[]): Promise<void>;
}

/** Another runner moved the checkpoint first: this one's batch was rolled back. */
export class ProjectionConflictError extends Error {
  override name = 'ProjectionConflictError';
}

/**
 * Feeds a projection from its checkpoint on. Effects and checkpoint commit together, so after
 * a crash or restart it resumes exactly where it stopped: no gap, no event applied twice.
 *
 * @example
 * const runner = new ProjectionRunner(store, log, callCounts);
 * await runner.start();
 * await runner.caughtUp(await log.head());
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private checkpoint = 0;
  private failure: unknown;
  private readonly waiters: { seq: number; resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(
    private readonly store: Store,
    private readonly log: EventLog,
    private readonly projection: Projection,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** The sequence number of the last event applied. */
  get position(): number {
    return this.checkpoint;
  }

  async start(): Promise<void> {
    const rows = await this.store.query<{ seq: number }>('SELECT seq FROM projection_checkpoints WHERE name = $1', [this.projection.name]);
    this.checkpoint = rows[0]?.seq ?? 0;
    this.failure = undefined;
    this.subscription = this.log.subscribe(this.checkpoint + 1, (events) => this.applyBatch(events), {
      onError: (err) => this.fail(err),
    });
  }

  private async applyBatch(events: StoredEvent[]): Promise<void> {
    const from = this.checkpoint;
    const to = events[events.length - 1]!.seq;
    await this.store.transaction(async (tx) => {
      await this.projection.apply(tx, events);
      const moved = await tx.query(
        `INSERT INTO projection_checkpoints (name, seq) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq, updated_at = now()
         WHERE projection_checkpoints.seq = $3
         RETURNING seq`,
        [this.projection.name, to, from],
      );
      if (moved.length === 0) {
        throw new ProjectionConflictError(`projection ${this.projection.name} was advanced by another runner`);
      }
    });
    this.checkpoint = to;
    for (const w of [...this.waiters]) {
      if (w.seq <= to) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private fail(err: unknown): void {
    this.failure = err;
    this.subscription = undefined;
    for (const w of this.waiters.splice(0)) w.reject(err);
    this.onError(err);
  }

  /** Resolves once every event up to `seq` is applied; rejects if the projection fails first. */
  caughtUp(seq: number): Promise<void> {
    if (this.checkpoint >= seq) return Promise.resolve();
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  stop(): void {
    this.subscription?.close();
    this.subscription = undefined;
  }
}
