import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webPackageDir = join(dirname(fileURLToPath(import.meta.url)), '../../../web');
const builtIndex = join(webPackageDir, 'dist/index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The built console when there is one, else the static page that ships with the repository. */
export function webRoot(): string {
  return existsSync(builtIndex) ? join(webPackageDir, 'dist') : join(webPackageDir, 'public');
}

/**
 * Builds the console with Vite when it is missing or older than its sources (a second or two),
 * so `npm start` always serves the console of the checked-out code.
 */
export async function ensureWebConsole(print: (line: string) => void): Promise<void> {
  const sources = join(webPackageDir, 'src');
  if (!existsSync(sources)) return;
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  if (builtAt >= Math.max(newestSource(sources), statSync(join(webPackageDir, 'index.html')).mtimeMs)) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    print('the web console is not built and Vite is not installed (npm install without --omit=dev builds it)');
    return;
  }
  print('building the web console …');
  await vite.build({ root: webPackageDir, configFile: join(webPackageDir, 'vite.config.ts'), logLevel: 'warn' });
}
