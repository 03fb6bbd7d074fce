import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serverPackageDir } from '../package-dir';

export const webPackageDir = join(serverPackageDir, '../web');
/** The contract's value lists (roles allowed to act, statuses) are part of the console's bundle. */
const contractSources = join(serverPackageDir, '../contract/src');
/** Where the built console is served from. */
export const webDistDir = join(webPackageDir, 'dist');
/** Shown at every page path while there is no built console yet. */
export const webPlaceholder = join(webPackageDir, 'public/index.html');
const builtIndex = join(webDistDir, 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webConsoleBuilt(): boolean {
  return existsSync(builtIndex);
}

/**
 * Builds the console with Vite when it is missing or older than its sources, so `npm start` serves
 * the console of the checked-out code. The build goes to a directory of its own and is swapped in
 * whole, so the server, already answering meanwhile, never serves a half-written console.
 *
 * @example
 * void ensureWebConsole(console.log).catch((err) => console.error(err));
 */
export async function ensureWebConsole(print: (line: string) => void): Promise<void> {
  const sources = join(webPackageDir, 'src');
  if (!existsSync(sources)) return;
  const builtAt = webConsoleBuilt() ? statSync(builtIndex).mtimeMs : 0;
  const newest = Math.max(newestSource(sources), existsSync(contractSources) ? newestSource(contractSources) : 0, statSync(join(webPackageDir, 'index.html')).mtimeMs);
  if (builtAt >= newest) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    print('the web console is not built and Vite is not installed (npm install without --omit=dev builds it)');
    return;
  }
  print('building the web console …');
  const outDir = join(webPackageDir, `.dist-${process.pid}-${Date.now().toString(36)}`);
  try {
    await vite.build({ root: webPackageDir, configFile: join(webPackageDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
    rmSync(webDistDir, { recursive: true, force: true });
    renameSync(outDir, webDistDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  print('the web console is built');
}
