import type { DomainEvent } from '@banzu/core';
import { isStoreUnavailable, reconnectDelay, retryWhileUnavailable, type Queryable, type Store } from '../store/index';

/**
 * A domain event as the log holds it: core's event (its `at` is when it happened, on the domain's
 * clock), its place in the one global order, and when it was written. Readers narrow by `type`.
 */
export type StoredEvent = DomainEvent & {
  /** Position in the one global order: gap-free, starting at 1. */
  seq: number;
  recordedAt: Date;
};

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

export interface Subscription {
  close(): void;
}

export interface SubscribeOptions {
  /** Called when the handler throws; delivery stops there, so no event is skipped. */
  onError?: (err: unknown) => void;
}

interface PendingAppend {
  events: readonly DomainEvent[];
  resolve: (stored: StoredEvent[]) => void;
  reject: (err: unknown) => void;
}

interface EventRow {
  seq: number;
  type: string;
  stream: string;
  payload: unknown;
  occurred_at: Date;
  recorded_at: Date;
}

const CHANNEL = 'banzu_events';
const READ_PAGE = 1000;

// The rows were written by `append`, which takes only core's events: each row is one of them.
const toStored = (r: EventRow) => ({ seq: r.seq, type: r.type, stream: r.stream, at: r.occurred_at.getTime(), payload: r.payload, recordedAt: r.recorded_at }) as StoredEvent;

function validate(event: DomainEvent): void {
  if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidEventError('an event needs a type');
  if (typeof event.stream !== 'string' || event.stream.length === 0) throw new InvalidEventError(`event ${event.type} needs a stream`);
  if (typeof event.at !== 'number' || !Number.isFinite(event.at)) throw new InvalidEventError(`event ${event.type} has an invalid time`);
}

/** Writes events at the head of the log in the transaction `tx`; the head row's lock orders concurrent writers. */
async function insert(tx: Queryable, events: readonly DomainEvent[]): Promise<StoredEvent[]> {
  const json = JSON.stringify(events.map((e) => ({ type: e.type, stream: e.stream, payload: e.payload, occurredAt: new Date(e.at).toISOString() })));
  const rows = await tx.query<EventRow>(
    `WITH head AS (
       UPDATE event_log_head SET seq = seq + $1 RETURNING seq - $1 AS base
     ), inserted AS (
       INSERT INTO events (seq, type, stream, payload, occurred_at)
       SELECT head.base + e.ord, e.value->>'type', e.value->>'stream', e.value->'payload',
              (e.value->>'occurredAt')::timestamptz
       FROM head, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(value, ord)
       RETURNING seq, type, stream, payload, occurred_at, recorded_at
     )
     SELECT * FROM inserted ORDER BY seq`,
    [events.length, json],
  );
  // Delivered when the transaction commits.
  await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, String(rows[rows.length - 1]!.seq)]);
  return rows.map(toStored);
}

/**
 * The append-only, globally ordered event log that every projection reads.
 *
 * Appends are group-committed: while one batch is being written, the appends that arrive
 * wait and go together in the next transaction. An append resolves only after its commit.
 *
 * @example
 * const log = new EventLog(store);
 * const [stored] = await log.append([{ type: 'call.note_added', stream: 'call-1', at: Date.now(), payload: { agentId: 'a1', note: '回电' } }]);
 * log.subscribe(stored.seq, (events) => console.log(events.length));
 */
export class EventLog {
  private readonly queue: PendingAppend[] = [];
  private flushing = false;
  private lastAppend: Promise<unknown> = Promise.resolve();
  private readonly tails = new Set<Tail>();
  private unlisten: Promise<() => Promise<void>> | undefined;
  private closing = false;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 2000,
  ) {}

  /** Appends events in the given order; resolves with their sequence numbers once durable. */
  append(events: readonly DomainEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    try {
      events.forEach(validate);
    } catch (err) {
      return Promise.reject(err);
    }
    const appended = new Promise<StoredEvent[]>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
    this.lastAppend = appended.catch(() => {});
    return appended;
  }

  /**
   * Appends events inside the caller's transaction, so they commit or roll back with its other
   * writes (a campaign task and the event of its result). Keep it the transaction's last step:
   * other writers wait for the log's head until it commits.
   */
  async appendIn(tx: Queryable, events: readonly DomainEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    events.forEach(validate);
    return insert(tx, events);
  }

  /** Resolves once every `append` made so far is durable (or failed): the log then shows all of it. */
  settled(): Promise<void> {
    return this.lastAppend.then(() => {});
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch: PendingAppend[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.events.length <= this.maxBatch)) {
        const next = this.queue.shift()!;
        batch.push(next);
        size += next.events.length;
      }
      try {
        const stored = await this.writeBatch(batch.flatMap((p) => p.events));
        let offset = 0;
        for (const p of batch) {
          p.resolve(stored.slice(offset, offset + p.events.length));
          offset += p.events.length;
        }
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = false;
  }

  /**
   * Writes one batch, again and again while the database is away (a restart): the router has moved
   * on in memory and its events must reach the log. A connection lost during COMMIT leaves it
   * unknown whether the batch was written; the batch is then written again (docs/operations.md).
   */
  private writeBatch(events: DomainEvent[]): Promise<StoredEvent[]> {
    return retryWhileUnavailable(
      () => this.store.transaction((tx) => insert(tx, events)),
      () => this.closing,
    );
  }

  /** Events with seq ≥ fromSeq, in order. */
  async read(fromSeq: number, limit = READ_PAGE): Promise<StoredEvent[]> {
    const rows = await this.store.query<EventRow>('SELECT seq, type, stream, payload, occurred_at, recorded_at FROM events WHERE seq >= $1 ORDER BY seq LIMIT $2', [
      fromSeq,
      limit,
    ]);
    return rows.map(toStored);
  }

  /** The events of one stream (a call, an agent), in order. */
  async readStream(stream: string): Promise<StoredEvent[]> {
    const rows = await this.store.query<EventRow>('SELECT seq, type, stream, payload, occurred_at, recorded_at FROM events WHERE stream = $1 ORDER BY seq', [stream]);
    return rows.map(toStored);
  }

  /** The last sequence number written, 0 for an empty log. */
  async head(): Promise<number> {
    const rows = await this.store.query<{ seq: number }>('SELECT seq FROM event_log_head');
    return rows[0]?.seq ?? 0;
  }

  /**
   * Delivers every event from `fromSeq` on, in order and in batches, then each new one as it
   * is committed by any process. The handler finishes a batch before the next is delivered.
   */
  subscribe(fromSeq: number, handler: (events: StoredEvent[]) => void | Promise<void>, options: SubscribeOptions = {}): Subscription {
    this.unlisten ??= this.store.listen(CHANNEL, () => {
      for (const tail of this.tails) tail.wake();
    });
    const tail = new Tail(this, fromSeq, handler, options.onError, () => this.tails.delete(tail));
    this.tails.add(tail);
    void this.unlisten.then(() => tail.wake());
    return { close: () => tail.close() };
  }

  /** Waits for pending appends and stops listening. */
  async close(): Promise<void> {
    this.closing = true;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    for (const tail of this.tails) tail.close();
    if (this.unlisten) await (await this.unlisten)();
    this.unlisten = undefined;
  }
}

/** One subscriber's reading position; re-reads from the store whenever the log grows. */
class Tail {
  private running = false;
  private again = false;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: EventLog,
    private next: number,
    private readonly handler: (events: StoredEvent[]) => void | Promise<void>,
    private readonly onError: ((err: unknown) => void) | undefined,
    private readonly onClose: () => void,
  ) {}

  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        let page: StoredEvent[];
        do {
          page = await this.log.read(this.next);
          if (this.closed || page.length === 0) break;
          await this.handler(page);
          this.next = page[page.length - 1]!.seq + 1;
        } while (page.length === READ_PAGE);
      } while (this.again && !this.closed);
      this.attempt = 0;
    } catch (err) {
      if (isStoreUnavailable(err)) {
        // The database went away (a restart): read again from the same position once it is back.
        this.retry = setTimeout(() => this.wake(), reconnectDelay(this.attempt++));
        this.retry.unref();
      } else {
        this.close();
        this.onError?.(err);
      }
    } finally {
      this.running = false;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.onClose();
  }
}
