import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverPackageDir } from '../package-dir';
import type { Queryable, Store } from './contract';

const migrationsDir = join(serverPackageDir, 'src/store/migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The SQL files in migrations/, named NNN_description.sql, in version order. */
function readMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(join(migrationsDir, file), 'utf8'),
    }));
}

// Any constant works; it only has to be the same for every Banzu node sharing the database.
const MIGRATION_LOCK = 4_212_001;

async function appliedVersions(q: Queryable): Promise<Set<number>> {
  await q.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const rows = await q.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/** Migrations not yet applied to this store; `/ready` is false while any remain. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const rows = await store.query<{ exists: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`);
  const applied = rows[0]?.exists ? new Set((await store.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version)) : new Set<number>();
  return readMigrations()
    .filter((m) => !applied.has(m.version))
    .map((m) => `${m.version}_${m.name}`);
}

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies the pending migrations in one transaction, under a lock so two nodes starting
 * together do not race. The same SQL runs on embedded PostgreSQL and on a server.
 *
 * @example
 * const { applied } = await migrate(store);
 */
export async function migrate(store: Store): Promise<MigrationResult> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = await appliedVersions(tx);
    const applied: string[] = [];
    for (const m of readMigrations()) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(`${m.version}_${m.name}`);
    }
    return { applied };
  });
}
