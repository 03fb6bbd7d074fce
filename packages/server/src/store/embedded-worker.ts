/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs every
 * statement on the thread that holds it, so held by the server's thread a long statement (an
 * import's batch, a report) stopped the live floor and every request until it ended. Here it
 * answers the messages of `openEmbeddedStore` (embedded.ts) one statement at a time, as before.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

/** What the server's thread asks; `id` pairs the answer with the question. */
export type EmbeddedRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  /** Opens a transaction; its id is this request's id. */
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  /** Notifications on `channel` come as `{ notify: id, payload }` until `unlisten`. */
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; listen: number }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** A statement's error as plain fields (SQLSTATE `code`, `constraint` …): an Error's own fields do not cross threads. */
export interface EmbeddedFailure {
  message: string;
  fields: Record<string, string | number>;
}

export type EmbeddedReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: EmbeddedFailure } | { notify: number; payload: string };

export interface EmbeddedWorkerData {
  /** PostgreSQL's WebAssembly, compiled by the server's thread once for all its stores. */
  postgres: WebAssembly.Module;
  dataDir?: string;
  /** A prepared data directory (a tarball from `dump`). */
  loadDataDir?: ArrayBuffer;
}

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric arrive as strings by default; our figures fit in a double. */
const toNumber = (value: string) => Number(value);

function failure(err: unknown): EmbeddedFailure {
  if (!(err instanceof Error)) return { message: String(err), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(err)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { message: err.message, fields };
}

interface OpenTransaction {
  tx: Transaction | null;
  /** Settles the transaction: commit or roll back. */
  end: (commit: boolean) => void;
  /** Resolves once committed or rolled back; rejects when the commit failed. */
  ended: Promise<void>;
}

/** Thrown into PGlite's transaction to roll it back when the server's side gave up on it. */
class RolledBack extends Error {}

async function serve(port: NonNullable<typeof parentPort>, options: EmbeddedWorkerData): Promise<void> {
  const answer = (reply: EmbeddedReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  let db: PGlite;
  try {
    db = await PGlite.create({
      pgliteWasmModule: options.postgres,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: new Blob([options.loadDataDir]) } : {}),
      parsers: { [NUMERIC]: toNumber, [INT8]: toNumber },
      // The buffer pool lives in the WebAssembly heap, which never shrinks: PostgreSQL's 128 MB default
      // keeps a laptop install (and a 100,000-row import) far above what it needs; files stay in the OS cache.
      postgresqlconf: ['shared_buffers=32MB'],
    });
  } catch (err) {
    answer({ id: 0, ok: false, failure: failure(err) });
    return;
  }
  const transactions = new Map<number, OpenTransaction>();
  const listening = new Map<number, () => Promise<void>>();
  const on = (tx: number | undefined): Pick<Transaction, 'query' | 'exec'> => {
    if (tx === undefined) return db;
    const open = transactions.get(tx)?.tx;
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open;
  };
  const handle = async (request: EmbeddedRequest): Promise<unknown> => {
    switch (request.op) {
      case 'query':
        return (await on(request.tx).query(request.sql, request.params)).rows;
      case 'exec':
        await on(request.tx).exec(request.sql);
        return null;
      case 'begin':
        return new Promise((begun, refused) => {
          const open: OpenTransaction = { tx: null, end: () => {}, ended: Promise.resolve() };
          const decided = new Promise<boolean>((resolve) => {
            open.end = resolve;
          });
          open.ended = db
            .transaction(async (tx) => {
              open.tx = tx;
              transactions.set(request.id, open);
              begun(request.id);
              if (!(await decided)) throw new RolledBack();
            })
            .catch((err: unknown) => {
              if (!(err instanceof RolledBack)) throw err;
            })
            .finally(() => transactions.delete(request.id));
          // Failing before it began (BEGIN refused) is the begin's failure; after, the end's.
          open.ended.catch(refused);
        });
      case 'end': {
        const open = transactions.get(request.tx);
        if (!open) throw new Error(`transaction ${request.tx} is not open`);
        open.end(request.commit);
        await open.ended;
        return null;
      }
      case 'listen': {
        const unlisten = await db.listen(request.channel, (payload) => answer({ notify: request.id, payload }));
        listening.set(request.id, unlisten);
        return null;
      }
      case 'unlisten':
        await listening.get(request.listen)?.();
        listening.delete(request.listen);
        return null;
      case 'dump':
        return (await db.dumpDataDir('none')).arrayBuffer();
      case 'close':
        await db.close();
        return null;
    }
  };
  port.on('message', (request: EmbeddedRequest) => {
    handle(request).then(
      (value) => answer({ id: request.id, ok: true, value }, value instanceof ArrayBuffer ? [value] : []),
      (err: unknown) => answer({ id: request.id, ok: false, failure: failure(err) }),
    );
  });
  answer({ id: 0, ok: true, value: null });
}

if (parentPort) await serve(parentPort, workerData as EmbeddedWorkerData);
