import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openBanzu, type Banzu } from '../bootstrap/index';
import type { Config } from '../config/index';
import { UsageError } from './command';

/**
 * Opens the center's existing store for a command that works on its data (report, import, add a
 * user; `simulate --record` may start a store of its own). Without DATABASE_URL and without a store in the data directory it refuses,
 * naming the directory, instead of creating an empty center and administrator there.
 *
 * @example
 * const banzu = await openExistingBanzu(loadConfig({ overrides: { dataDir: values['data-dir'] } }), console.error);
 */
export async function openExistingBanzu(config: Config, print: (line: string) => void): Promise<Banzu> {
  const store = resolve(config.dataDir, 'pg');
  if (!config.databaseUrl && !existsSync(store)) {
    throw new UsageError(`数据目录 ${resolve(config.dataDir)} 中没有 Banzu 的数据：请用 --data-dir 或 BANZU_DATA_DIR 指向已有的数据目录，或先运行 banzu start 创建中心`);
  }
  return openBanzu(config, print);
}
