import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageDirAbove(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  return packageDirAbove(parent);
}

/**
 * The server package's directory (where its package.json is), for the files the server reads at run
 * time: the SQL migrations, the web console. Found by walking up, not by a fixed `../..`, because this
 * code runs both from src/ (tests, tsx) and bundled into dist/ (the `banzu` command), at other depths.
 *
 * @example
 * const migrationsDir = join(serverPackageDir, 'src/store/migrations');
 */
export const serverPackageDir = packageDirAbove(dirname(fileURLToPath(import.meta.url)));
