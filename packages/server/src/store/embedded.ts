import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Queryable, Store } from './contract';
import type { EmbeddedFailure, EmbeddedReply, EmbeddedRequest, EmbeddedWorkerData } from './embedded-worker';

export interface EmbeddedStoreOptions {
  /** A directory for the data files, or undefined for memory only. */
  dataDir?: string;
  /** A prepared data directory (from `dump`): seconds faster than initialising one. */
  loadDataDir?: Blob;
}

type Question = EmbeddedRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The database thread's entry: built beside the CLI's bundle in dist/, or the TypeScript source,
 * which the thread compiles through tsx as the tests and benches do.
 */
function startWorker(workerData: EmbeddedWorkerData, transfer: ArrayBuffer[]): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './embedded-worker.ts' : './embedded-worker.js', import.meta.url);
  const options = { workerData, transferList: transfer };
  if (!fromSource) return new Worker(entry, options);
  // tsx found from here, not from the working directory a command was started in (its ES module
  // API lies beside the CommonJS one that require finds); its hooks apply to what the thread imports next.
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const start = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(start, { ...options, eval: true });
}

let compiled: Promise<WebAssembly.Module> | undefined;
/**
 * PostgreSQL's WebAssembly, compiled once for every store of the process: PGlite keeps it per thread,
 * so each new thread would compile its 9 MB again (seconds under load).
 */
function postgresModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const wasm = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
    return WebAssembly.compile(await readFile(wasm));
  })();
  return compiled;
}

/** A statement's failure as an Error carrying PostgreSQL's fields (`code`, `constraint` …), with the caller's stack. */
function failed(failure: EmbeddedFailure, trace: Error): Error {
  trace.message = failure.message;
  return Object.assign(trace, failure.fields);
}

/**
 * Embedded PostgreSQL (PGlite, WASM), the default, nothing to install. It runs on a thread of its
 * own: a long statement (an import's batch, a report, a search) then holds only the database, and
 * the live floor and the API keep answering meanwhile. Statements still run one at a time, as on
 * one connection.
 *
 * @example
 * const store = await openEmbeddedStore({ dataDir: './data/pg' });
 * await store.query('select 1');
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<Store & { dump(): Promise<Blob> }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
  const worker = startWorker(
    { postgres: await postgresModule(), ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}), ...(loadDataDir ? { loadDataDir } : {}) },
    loadDataDir ? [loadDataDir] : [],
  );
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void; trace: Error }>();
  const listeners = new Map<number, (payload: string) => void>();
  let nextId = 1;
  let gone: Error | null = null;
  // The thread keeps the process alive only while a statement is out: an idle store, like the
  // in-process one before, lets a command end.
  const hold = () => (waiting.size > 0 ? worker.ref() : worker.unref());
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    waiting.set(0, { resolve: () => resolveReady(), reject: rejectReady, trace: new Error() });
  });
  hold();
  worker.on('message', (reply: EmbeddedReply) => {
    if ('notify' in reply) {
      listeners.get(reply.notify)?.(reply.payload);
      return;
    }
    const asked = waiting.get(reply.id);
    if (!asked) return;
    waiting.delete(reply.id);
    hold();
    if (reply.ok) asked.resolve(reply.value);
    else asked.reject(failed(reply.failure, asked.trace));
  });
  const fail = (err: Error) => {
    gone ??= err;
    for (const asked of waiting.values()) asked.reject(gone);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the embedded database's thread ended (exit code ${code})`)));

  const ask = (question: Question): Promise<unknown> => {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise((resolveAnswer, reject) => {
      waiting.set(id, { resolve: resolveAnswer, reject, trace: new Error() });
      hold();
      worker.postMessage({ ...question, id });
    });
  };
  const on = (tx?: number): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await ask({ op: 'query', sql, params, ...(tx === undefined ? {} : { tx }) })) as Row[];
    },
    async exec(sql: string) {
      await ask({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) });
    },
  });

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    kind: 'embedded',
    ...on(),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = (await ask({ op: 'begin' })) as number;
      let result: T;
      try {
        result = await work(on(tx));
      } catch (err) {
        await ask({ op: 'end', tx, commit: false }).catch(() => {});
        throw err;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    async listen(channel, onNotify) {
      // The listen request's own id names its notifications.
      const id = nextId;
      listeners.set(id, onNotify);
      await ask({ op: 'listen', channel });
      return async () => {
        listeners.delete(id);
        await ask({ op: 'unlisten', listen: id });
      };
    },
    problems: () => (gone ? [gone.message] : []),
    dump: async () => new Blob([(await ask({ op: 'dump' })) as ArrayBuffer]),
    close() {
      closing ??= (async () => {
        try {
          await ask({ op: 'close' });
        } finally {
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
}
