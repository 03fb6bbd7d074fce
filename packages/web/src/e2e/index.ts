import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Debian's chromium: `.ci/run` installs it; nothing is downloaded. */
export const chromiumPath = '/usr/bin/chromium';
/** Where end-to-end runs leave their screenshots (gitignored). */
export const artifactsDir = join(repo, 'test-artifacts');

export interface RunningBanzu {
  url: string;
  /** The demo's password, every demo login's. */
  password: string;
  /** The administrator's (the password rules refuse one that contains the username). */
  adminPassword: string;
  /** What the server printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `banzu start` as a child process on a free port with a fresh data directory: the demo
 * center, the simulated switch, and the console the server builds when its build is stale.
 * Resolves once the built console (not the placeholder) is served.
 *
 * @example
 * const banzu = await startBanzu({ BANZU_SIM_LOAD: '5' });
 * await banzu.stop();
 */
export async function startBanzu(env: Record<string, string> = {}, timeoutMs = 240_000): Promise<RunningBanzu> {
  const dataDir = mkdtempSync(join(tmpdir(), 'banzu-e2e-'));
  const password = 'demo-e2e-password';
  const adminPassword = `${password}-root`;
  // The child is a server of its own: none of the test runner's settings (NODE_ENV=test would make
  // Vite build React's development bundle), except that it runs the sources under test (BANZU_FROM_SOURCE).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST.*|BANZU_(?!FROM_SOURCE$).*|PORT|HOST|DATABASE_URL|LOG_LEVEL|TEST)$/.test(key)),
  );
  const child = spawn(process.execPath, [join(repo, 'packages/server/bin/banzu.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: dataDir,
    env: { ...inherited, BANZU_DEMO_PASSWORD: password, BANZU_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const stop = () => stopChild(child).finally(() => rmSync(dataDir, { recursive: true, force: true }));

  try {
    const deadline = Date.now() + timeoutMs;
    let port: string | undefined;
    while (!port) {
      if (child.exitCode !== null) throw new Error(`banzu start exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('banzu start did not listen in time');
      port = /Banzu is running: http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
      await sleep(200);
    }
    const url = `http://127.0.0.1:${port}`;
    // The server answers at once and builds the console in the background when it is stale.
    while (
      !(
        await fetch(url).then(
          (r) => r.text(),
          () => '',
        )
      ).includes('/assets/')
    ) {
      if (child.exitCode !== null) throw new Error(`banzu start exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('the console was not built in time');
      await sleep(500);
    }
    return { url, password, adminPassword, output: () => output, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

/**
 * Headless Debian chromium for a machine without network: no sandbox (CI runs as root), and none
 * of the background fetches that would wait on a network that is not there.
 *
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
