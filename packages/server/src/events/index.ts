import type { Store } from '../store/index';

/** An event to append. `occurredAt` is when it happened (the domain's clock), not when it is stored. */
export interface NewEvent<Payload = unknown> {
  type: string;
  /** What the event is about: a call id, an agent id … readers filter by it. */
  stream: string;
  payload: Payload;
  occurredAt: Date | number;
}

export interface StoredEvent<Payload = unknown> {
  /** Position in the one global order: gap-free, starting at 1. */
  seq: number;
  type: string;
  stream: string;
  payload: Payload;
  occurredAt: Date;
  recordedAt: Date;
}

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
  events: NewEvent[];
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

const toStored = (r: EventRow): StoredEvent => ({
  seq: r.seq,
  type: r.type,
  stream: r.stream,
  payload: r.payload,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
});

function validate(event: NewEvent): void {
  if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidEventError('an event needs a type');
  if (typeof event.stream !== 'string' || event.stream.length === 0) throw new InvalidEventError(`event ${event.type} needs a stream`);
  const at = event.occurredAt instanceof Date ? event.occurredAt.getTime() : event.occurredAt;
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new InvalidEventError(`event ${event.type} has an invalid occurredAt`);
}

/**
 * The append-only, globally ordered event log that every projection reads.
 *
 * Appends are group-committed: while one batch is being written, the appends that arrive
 * wait and go together in the next transaction. An append resolves only after its commit.
 *
 * @example
 * const log = new EventLog(store);
 * const [stored] = await log.append([{ type: 'call.queued', stream: 'call-1', payload: {}, occurredAt: Date.now() }]);
 * log.subscribe(stored.seq, (events) => console.log(events.length));
 */
export class EventLog {
  private readonly queue: PendingAppend[] = [];
  private flushing = false;
  private readonly tails = new Set<Tail>();
  private unlisten: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 2000,
  ) {}

  /** Appends events in the given order; resolves with their sequence numbers once durable. */
  append(events: NewEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    try {
      events.forEach(validate);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
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
        const stored = await this.write(batch.flatMap((p) => p.events));
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

  private async write(events: NewEvent[]): Promise<StoredEvent[]> {
    const json = JSON.stringify(
      events.map((e) => ({
        type: e.type,
        stream: e.stream,
        payload: e.payload ?? null,
        occurredAt: new Date(e.occurredAt).toISOString(),
      })),
    );
    return this.store.transaction(async (tx) => {
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
      await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, String(rows[rows.length - 1]!.seq)]);
      return rows.map(toStored);
    });
  }

  /** Events with seq ≥ fromSeq, in order. */
  async read(fromSeq: number, limit = READ_PAGE): Promise<StoredEvent[]> {
    const rows = await this.store.query<EventRow>(
      'SELECT seq, type, stream, payload, occurred_at, recorded_at FROM events WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [fromSeq, limit],
    );
    return rows.map(toStored);
  }

  /** The events of one stream (a call, an agent), in order. */
  async readStream(stream: string): Promise<StoredEvent[]> {
    const rows = await this.store.query<EventRow>(
      'SELECT seq, type, stream, payload, occurred_at, recorded_at FROM events WHERE stream = $1 ORDER BY seq',
      [stream],
    );
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
  subscribe(
    fromSeq: number,
    handler: (events: StoredEvent[]) => void | Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
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
    } catch (err) {
      this.close();
      this.onError?.(err);
    } finally {
      this.running = false;
    }
  }

  close(): void {
    this.closed = true;
    this.onClose();
  }
}
