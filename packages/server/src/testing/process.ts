import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');

/**
 * Runs the real `banzu start` (as an operator would, for tests that kill it) and waits until its
 * `/ready` answers or it exits; how long that takes is no pass or fail. `ready` false comes with
 * what the server printed.
 *
 * @example
 * const banzu = await startBanzuProcess(['--port', '8123', '--data-dir', dir], { DATABASE_URL: url }, 'http://127.0.0.1:8123');
 */
export async function startBanzuProcess(args: string[], env: Record<string, string>, base: string): Promise<{ child: ChildProcess; ready: boolean; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'start', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  child.once('exit', () => (exited = true));
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let ready = false;
  while (!ready && !exited) {
    ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  return { child, ready, output: () => output };
}
