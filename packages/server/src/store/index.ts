import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Queryable, Store } from './contract';

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric arrive as strings by default; our figures fit in a double. */
const toNumber = (value: string) => Number(value);

export interface EmbeddedStoreOptions {
  /** A directory for the data files, or undefined for memory only. */
  dataDir?: string;
  /** A prepared data directory (from `dumpDataDir`): seconds faster than initialising one. */
  loadDataDir?: Blob;
}

/**
 * Embedded PostgreSQL (PGlite, WASM) in this process: the default, nothing to install.
 *
 * @example
 * const store = await openEmbeddedStore({ dataDir: './data/pg' });
 * await store.query('select 1');
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<Store & { dump(): Promise<Blob> }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [NUMERIC]: toNumber, [INT8]: toNumber },
    // The buffer pool lives in the WebAssembly heap, which never shrinks: PostgreSQL's 128 MB default
    // keeps a laptop install (and a 100,000-row import) far above what it needs; files stay in the OS cache.
    postgresqlconf: ['shared_buffers=32MB'],
  });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await q.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'embedded',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, onNotify);
      return async () => unlisten();
    },
    dump: () => db.dumpDataDir('none'),
    close: () => db.close(),
  };
}

export interface ServerStoreOptions {
  url: string;
  /** Confine every connection to this schema (tests isolate themselves this way). */
  schema?: string;
  maxConnections?: number;
}

/**
 * A PostgreSQL server through a connection pool: for production and several Banzu nodes.
 *
 * @example
 * const store = await openServerStore({ url: 'postgres://postgres@127.0.0.1:5432/banzu' });
 */
export async function openServerStore(options: ServerStoreOptions): Promise<Store> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)),
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
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
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await work(wrap(conn));
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        conn.release();
      }
    },
    async listen(channel, onNotify) {
      const conn = await pool.connect();
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onNotify(msg.payload ?? '');
      };
      conn.on('notification', handler);
      await conn.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        conn.off('notification', handler);
        await conn.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
        conn.release();
      };
    },
    close: () => pool.end(),
  };
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
export { migrate, pendingMigrations, type MigrationResult } from './migrate';
