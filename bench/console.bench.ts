/**
 * First load of the console in Chromium (issue 20, item 17): bytes over the wire and time to the first
 * screen, for the login page, the team leader's wallboard right after logging in, and the wallboard
 * again with the browser's cache (a reload). Each on localhost as it is, and on "floor Wi-Fi": 10 Mbit/s,
 * 40 ms round trip and the CPU slowed 4 × (Chrome DevTools' throttling), the busy PC of a team leader.
 *
 * The server is `banzu start` of a checkout with the demo seeded and the simulation off, so nothing
 * but the page load runs. `BENCH_CONSOLE_ROOT=<another checkout>` measures that checkout instead: how
 * the before of a change is measured back to back with the after (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BenchResult } from './index';

const root = process.env.BENCH_CONSOLE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;
const PASSWORD = 'bench-console-password';

interface Profile {
  name: string;
  cpuRate: number;
  network: { latency: number; downloadThroughput: number; uploadThroughput: number } | null;
}
const profiles: Profile[] = [
  { name: 'localhost', cpuRate: 1, network: null },
  { name: 'floor Wi-Fi, CPU 4×', cpuRate: 4, network: { latency: 40, downloadThroughput: (10 * 1024 * 1024) / 8, uploadThroughput: (5 * 1024 * 1024) / 8 } },
];

async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  // Built before the server starts, so its start-up does not share the machine with Vite.
  const { ensureWebConsole } = (await import(pathToFileURL(join(root, 'packages/server/src/bootstrap/web-console.ts')).href)) as {
    ensureWebConsole(print: (line: string) => void): Promise<void>;
  };
  await ensureWebConsole(() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'banzu-bench-console-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST.*|BANZU_.*|PORT|HOST|DATABASE_URL)$/.test(key)));
  const child = spawn(process.execPath, [join(root, 'packages/server/bin/banzu.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: dataDir,
    env: { ...env, BANZU_FROM_SOURCE: '1', BANZU_DEMO_PASSWORD: PASSWORD, BANZU_ADMIN_PASSWORD: `${PASSWORD}-2`, BANZU_SIM: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += String(c)));
  child.stderr.on('data', (c) => (output += String(c)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 600_000;
  let port: string | undefined;
  while (
    !port ||
    !(
      await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.text(),
        () => '',
      )
    ).includes('/assets/')
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`banzu start did not serve the console:\n${output}`);
    }
    port ??= /Banzu is running: http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** Bytes the page received (headers and bodies as sent, after compression) while `work` ran, and its wall time. */
async function measure(counter: { bytes: number }, work: () => Promise<unknown>): Promise<{ bytes: number; ms: number }> {
  const bytes0 = counter.bytes;
  const t0 = performance.now();
  await work();
  return { bytes: counter.bytes - bytes0, ms: performance.now() - t0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** On a machine busy enough, a start can miss Fastify's plugin timeout: tried three times before giving up. */
async function startServerRetrying(): Promise<{ url: string; stop(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer();
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

export default async function consoleBench(): Promise<BenchResult[]> {
  const server = await startServerRetrying();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const results: BenchResult[] = [];
  try {
    for (const profile of profiles) {
      const runs: Record<string, { bytes: number; ms: number }[]> = { login: [], wallboard: [], reload: [] };
      for (let i = 0; i < RUNS; i++) {
        // A fresh context each run: an empty cache, as on a first visit.
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const counter = { bytes: 0 };
        cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (counter.bytes += e.encodedDataLength));
        await cdp.send('Network.enable');
        if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
        runs.login!.push(
          await measure(counter, () => page.goto(server.url, { waitUntil: 'commit', timeout: 300_000 }).then(() => page.getByLabel('用户名 / 工号').waitFor({ timeout: 300_000 }))),
        );
        await page.getByLabel('用户名 / 工号').fill('leader1');
        await page.getByLabel('密码').fill(PASSWORD);
        const wallboard = () => page.locator('.agent-grid').waitFor({ timeout: 300_000 });
        runs.wallboard!.push(await measure(counter, () => Promise.all([page.getByRole('button', { name: /登\s*录/ }).click(), wallboard()])));
        runs.reload!.push(await measure(counter, () => page.reload({ waitUntil: 'commit', timeout: 300_000 }).then(wallboard)));
        await context.close();
      }
      for (const [step, label] of [
        ['login', 'login page (empty cache)'],
        ['wallboard', 'log in → wallboard'],
        ['reload', 'wallboard reload (cached)'],
      ] as const) {
        const r = runs[step]!;
        results.push({ name: `${profile.name}: ${label}, bytes`, value: median(r.map((x) => x.bytes)) / 1024, unit: 'KiB' });
        results.push({ name: `${profile.name}: ${label}, time`, value: median(r.map((x) => x.ms)), unit: 'ms' });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return results;
}
