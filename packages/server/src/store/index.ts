import { resolve } from 'node:path';
import pg from 'pg';
import type { Queryable, Store } from './contract';
import { openEmbeddedStore } from './embedded';

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric arrive as strings by default; our figures fit in a double. */
const toNumber = (value: string) => Number(value);

export interface ServerStoreOptions {
  url: string;
  /** Confine every connection to this schema (tests isolate themselves this way). */
  schema?: string;
  maxConnections?: number;
  /** How the connections name themselves in pg_stat_activity (default `banzu`). */
  applicationName?: string;
}

/** SQLSTATE classes and socket errors that mean the server went away, not that a statement was wrong. */
const unavailableCodes = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error says the database is unreachable for now (a restart, a terminated connection),
 * so the work may be retried once it is back, rather than that the work itself was wrong.
 *
 * @example
 * if (isStoreUnavailable(err)) setTimeout(retry, 1000);
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect/i.test(err.message);
}

/** Waits before the next attempt to reach the database: 100 ms doubling up to 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(5000, 100 * 2 ** Math.min(attempt, 6));
}

/**
 * Runs `work` until it succeeds, waiting with backoff while the database is away; any other error,
 * or one after `stop()` says so, is thrown.
 *
 * @example
 * await retryWhileUnavailable(() => store.query('INSERT …'), () => closing);
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, stop: () => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (stop() || !isStoreUnavailable(err)) throw err;
      await new Promise((r) => setTimeout(r, reconnectDelay(attempt)));
    }
  }
}

/**
 * A PostgreSQL server through a connection pool: for production and several Banzu nodes. The
 * server going away (a restart) fails the statements that were running, never the process: the
 * pool opens new connections when it is back, and `listen` reconnects with backoff and LISTENs again.
 *
 * @example
 * const store = await openServerStore({ url: 'postgres://postgres@127.0.0.1:5432/banzu' });
 */
export async function openServerStore(options: ServerStoreOptions): Promise<Store> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)),
  } as pg.CustomTypesConfig;
  const connection = {
    connectionString: options.url,
    types,
    application_name: options.applicationName ?? 'banzu',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as Row[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const client = await pool.connect();
  client.release();
  const listeners = new Set<Listener>();
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const conn = await pool.connect();
      // A checked-out client has no error listener of the pool's: the server going away between two
      // statements would otherwise be an unhandled 'error' event, which ends the process.
      let lost: Error | undefined;
      const onError = (err: Error) => {
        lost = err;
      };
      conn.on('error', onError);
      try {
        await conn.query('BEGIN');
        const result = await work(wrap(conn));
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        lost ??= isStoreUnavailable(err) ? (err as Error) : undefined;
        if (!lost) await conn.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        conn.off('error', onError);
        // A broken connection is destroyed instead of going back to the pool.
        conn.release(lost);
      }
    },
    async listen(channel, onNotify) {
      const listener = new Listener(connection, channel, onNotify);
      listeners.add(listener);
      await listener.start();
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    problems: () => ([...listeners].some((l) => !l.connected) ? ['the connection that follows the event log is reconnecting to PostgreSQL'] : []),
    async close() {
      await Promise.all([...listeners].map((l) => l.stop()));
      await pool.end();
    },
  };
}

/**
 * One LISTEN connection of its own, outside the pool, that outlives the server going away: it
 * reconnects with backoff, LISTENs again, and then calls `onNotify('')` once, because notifications
 * sent while it was away are lost and the listener must look for itself.
 */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  /** Connects the first time: a failure here is the caller's (the server is not there at start). */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.connection);
    // 'end' follows every error of a connected client; that is where it reconnects.
    client.on('error', () => {});
    client.on('notification', (msg) => {
      if (msg.channel === this.channel) this.onNotify(msg.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    client.once('end', () => {
      if (this.client !== client) return;
      this.client = null;
      this.reconnect();
    });
    return client;
  }

  private reconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(async () => {
      try {
        const client = await this.connect();
        if (this.stopped) {
          await client.end().catch(() => {});
          return;
        }
        this.client = client;
        this.attempt = 0;
        this.onNotify('');
      } catch {
        this.attempt++;
        this.reconnect();
      }
    }, reconnectDelay(this.attempt));
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

export interface StoreConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** The server when DATABASE_URL is set, else embedded PostgreSQL under the data directory. */
export function openStore(config: StoreConfig): Promise<Store> {
  return config.databaseUrl ? openServerStore({ url: config.databaseUrl }) : openEmbeddedStore({ dataDir: resolve(config.dataDir, 'pg') });
}

export type { Queryable, Store } from './contract';
export { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded';
export { migrate, pendingMigrations, type MigrationResult } from './migrate';
