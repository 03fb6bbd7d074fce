import type { RouterInput, RouterSnapshot } from '@banzu/core';
import { retryWhileUnavailable, type Store } from '../store/index';

/** What the floor keeps beside the router's own state. */
export interface SnapshotMeta {
  /** Agents a simulated switch was playing: after a restart it logs them out and staffs afresh. */
  simulated?: string[];
}

export interface JournalledInput {
  at: number;
  input: RouterInput;
}

export interface SavedRouter {
  snapshot: RouterSnapshot;
  meta: SnapshotMeta;
  /** Inputs handled after the snapshot, in order, with the time each was handled at. */
  inputs: JournalledInput[];
}

/** A snapshot after this many inputs or this much floor time, whichever comes first. */
const snapshotEveryInputs = 1000;
const snapshotEveryMs = 60_000;

/**
 * The router's memory in the store: the last snapshot (`router_snapshots`) and the inputs handled
 * since (`router_inputs`), numbered as they are handled; a snapshot names the last number it
 * includes. Writes go one at a time in the order asked for, batching the inputs that arrive while
 * one runs; the router never waits for them. Writing a snapshot drops what it supersedes.
 *
 * @example
 * const { journal, saved } = await RouterJournal.open(store, onError);
 * journal.record(at, input);
 * if (journal.wantsSnapshot(at)) journal.snapshot(router.snapshot(), at, meta);
 * await journal.flush();
 */
export class RouterJournal {
  private pending: (JournalledInput & { seq: number })[] = [];
  private writing: Promise<void> = Promise.resolve();
  private inputsSinceSnapshot = 0;
  private lastSnapshotAt = -Infinity;

  private constructor(
    private readonly store: Store,
    private readonly onError: (err: unknown) => void,
    private lastSeq: number,
  ) {}

  /** Opens the journal and reads what the last run left: null when it never saved a snapshot. */
  static async open(store: Store, onError: (err: unknown) => void): Promise<{ journal: RouterJournal; saved: SavedRouter | null }> {
    const [last] = await store.query<{ input_seq: string; snapshot: RouterSnapshot; meta: SnapshotMeta }>(
      'SELECT input_seq, snapshot, meta FROM router_snapshots ORDER BY id DESC LIMIT 1',
    );
    const [{ seq }] = (await store.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM router_inputs')) as [{ seq: string }];
    const journal = new RouterJournal(store, onError, Math.max(Number(seq), Number(last?.input_seq ?? 0)));
    if (!last) return { journal, saved: null };
    const inputs = await store.query<{ at: number; input: RouterInput }>('SELECT at, input FROM router_inputs WHERE seq > $1 ORDER BY seq', [last.input_seq]);
    return { journal, saved: { snapshot: last.snapshot, meta: last.meta, inputs: inputs.map((r) => ({ at: Number(r.at), input: r.input })) } };
  }

  record(at: number, input: RouterInput): void {
    this.pending.push({ seq: ++this.lastSeq, at, input });
    this.inputsSinceSnapshot++;
    if (this.pending.length === 1) this.enqueue(() => this.writeInputs());
  }

  wantsSnapshot(at: number): boolean {
    return this.inputsSinceSnapshot >= snapshotEveryInputs || (this.inputsSinceSnapshot > 0 && at - this.lastSnapshotAt >= snapshotEveryMs);
  }

  /** Saves `snapshot`, which must include every input recorded so far. */
  snapshot(snapshot: RouterSnapshot, at: number, meta: SnapshotMeta = {}): void {
    this.inputsSinceSnapshot = 0;
    this.lastSnapshotAt = at;
    const params = [this.lastSeq, at, JSON.stringify(snapshot), JSON.stringify(meta)];
    this.enqueue(() => this.writeInputs());
    this.enqueue(() =>
      this.store.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>('INSERT INTO router_snapshots (input_seq, at, snapshot, meta) VALUES ($1, $2, $3, $4) RETURNING id', params);
        await tx.query('DELETE FROM router_inputs WHERE seq <= $1', [params[0]]);
        await tx.query('DELETE FROM router_snapshots WHERE id < $1', [row!.id]);
      }),
    );
  }

  /** Resolves once everything asked for so far is written. */
  async flush(): Promise<void> {
    this.enqueue(() => this.writeInputs());
    await this.writing;
  }

  // While the database is away (a restart) a write waits and tries again: the router has moved on in memory.
  private enqueue(write: () => Promise<void>): void {
    this.writing = this.writing.then(() => retryWhileUnavailable(write)).catch(this.onError);
  }

  private async writeInputs(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      // A retry after a connection lost during the commit may find the inputs written already.
      await this.store.query(
        `INSERT INTO router_inputs (seq, at, input)
         SELECT (i->>'seq')::bigint, (i->>'at')::double precision, i->'input' FROM jsonb_array_elements($1::jsonb) i
         ON CONFLICT (seq) DO NOTHING`,
        [JSON.stringify(batch)],
      );
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      throw err;
    }
  }
}
