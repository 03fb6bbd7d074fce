import { existsSync } from 'node:fs';
import { hasEmbeddedStore, openPreparedBanzu, storeName, type Banzu } from '../bootstrap/index';
import type { Config } from '../config/index';
import { migrate, type Queryable } from '../store/index';
import { said, UsageError } from './command';

/** Whether the store holds Banzu's tables, and a center in them; asks without changing anything. */
export async function storeContents(db: Queryable): Promise<'nothing' | 'no center' | 'center'> {
  const [tables] = await db.query<{ migrated: boolean; centers: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS migrated, to_regclass('centers') IS NOT NULL AS centers`,
  );
  if (!tables?.migrated) return 'nothing';
  if (!tables.centers) return 'no center';
  return (await db.query('SELECT 1 FROM centers LIMIT 1')).length > 0 ? 'center' : 'no center';
}

/**
 * Opens the center's existing store for a command that works on its data (report, import, add a
 * user; `simulate --record` may start a store of its own). A data directory that is missing or holds
 * no store, a database without Banzu's tables, and a store with no center yet (only `banzu migrate`
 * ran on it) are refused, named, before anything is written: no first start, no administrator or
 * center is created here. An existing center's store is brought up to date with the migrations.
 *
 * @example
 * const banzu = await openExistingBanzu(loadConfig({ overrides: { dataDir: values['data-dir'] } }));
 */
export async function openExistingBanzu(config: Config): Promise<Banzu> {
  const store = storeName(config);
  const empty = config.databaseUrl ? said('cli.store.empty_database', { store }) : said('cli.store.empty_data_dir', { store });
  if (!config.databaseUrl) {
    if (!existsSync(store)) throw new UsageError(said('cli.store.no_data_dir', { store }));
    if (!hasEmbeddedStore(config.dataDir)) throw new UsageError(empty);
  }
  return openPreparedBanzu(config, async (db) => {
    const found = await storeContents(db);
    if (found === 'nothing') throw new UsageError(empty);
    if (found === 'no center') throw new UsageError(said('cli.store.no_center', { store }));
    await migrate(db);
  });
}
