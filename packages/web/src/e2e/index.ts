import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { localDate, wallClock } from '@banzu/core';
import { beforeEach } from 'vitest';

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
  /** Calls the API as `token`'s user (none: anonymous); the response whatever its status. */
  api(token: string | null, method: string, path: string, body?: unknown): Promise<Response>;
  /** Calls the API and reads its JSON body (undefined when empty); a refusal throws with the status and the server's message. */
  json<T>(token: string | null, method: string, path: string, body?: unknown): Promise<T>;
  /** Logs a demo user in through the API (the demo's password): the token and who that is. */
  desk(username: string): Promise<Desk>;
}

/** A user logged in through the API, as a test drives a desk beside the browser. */
export interface Desk {
  token: string;
  id: string;
  /** The display name. */
  name: string;
  teamId: string | null;
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
    const api = (token: string | null, method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const json = async <T>(token: string | null, method: string, path: string, body?: unknown): Promise<T> => {
      const r = await api(token, method, path, body);
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const desk = async (username: string): Promise<Desk> => {
      const { token } = await json<{ token: string }>(null, 'POST', '/api/v1/auth/login', { username, password });
      const me = await json<{ id: string; displayName: string; teamId: string | null }>(token, 'GET', '/api/v1/auth/me');
      return { token, id: me.id, name: me.displayName, teamId: me.teamId };
    };
    return { url, password, adminPassword, output: () => output, stop, api, json, desk };
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

/** Waits `ms` milliseconds (between polls of the API). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface LogInOptions {
  viewport?: { width: number; height: number };
  /** The browser's time zone (the machine's when not given). */
  timeZone?: string;
  /** The page's default bound for every wait, against a hang on a busy machine. */
  timeout?: number;
  /** Where the login lands. */
  home?: RegExp;
  /** Runs on the page before the console loads (an init script, say). */
  prepare?: (page: Page) => Promise<unknown>;
}

/**
 * Opens a browser context of its own (zh-CN, downloads allowed) and logs `username` in with the
 * demo's password through the login page, as a person does. Resolves on the page the login lands on.
 *
 * @example
 * const leader = await logIn(browser, banzu, 'leader1', { timeZone: 'Asia/Shanghai' });
 */
export async function logIn(browser: Browser, banzu: RunningBanzu, username: string, options: LogInOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: options.timeZone,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(options.timeout ?? 90_000);
  const page = await context.newPage();
  await options.prepare?.(page);
  await page.goto(banzu.url);
  const user = page.getByLabel('用户名 / 工号');
  // A console that a checkout's rebuild swapped in meanwhile is loaded again rather than waited for.
  for (let attempt = 1; !(await user.isVisible()); attempt++) {
    if (await shows(user, 30_000)) break;
    if (attempt === 3) throw new Error('the login page did not show');
    await page.reload();
  }
  await user.fill(username);
  await page.getByLabel('密码').fill(banzu.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(options.home ?? /\/(desktop|wallboard|profile)$/);
  return page;
}

/**
 * A person takes the desk over from the simulation and brings it to not ready (小休): whatever call
 * the simulated twin was on is hung up first, and again if the simulation moved on meanwhile.
 */
export async function takeOver(banzu: RunningBanzu, desk: Desk): Promise<void> {
  for (let step = 0; step < 30; step++) {
    if ((await banzu.api(desk.token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' })).ok) return;
    await banzu.api(desk.token, 'POST', '/api/v1/desktop/hang-up');
    await sleep(500);
  }
  throw new Error('the desk could not be brought to not ready');
}

/** The agent at the desktop answers the next call that rings within `ringTimeout` ms, and is talking. */
export async function answerRinging(page: Page, ringTimeout: number): Promise<void> {
  await page.locator('.incoming-call').waitFor({ timeout: ringTimeout });
  await page.getByTestId('answer').click();
  await page.locator('.state-bar[data-status="talking"]').waitFor();
}

/**
 * Picks an option of an antd select: typed into its search first when `search` is given, then
 * clicked, until the field shows it (a click while the list renders again can miss on a busy machine).
 *
 * @example
 * await choose(page, modal.getByLabel('座席'), /^8001 /, '8001');
 */
export async function choose(page: Page, select: Locator, option: string | RegExp, search?: string): Promise<void> {
  // The select's own box: the label may name it or the search input inside it.
  const field = select.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await select.fill(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    if (await shows(field.getByText(option).first(), 5_000)) return;
    if (attempt === 3) throw new Error(`the select did not take ${String(option)}`);
  }
}

/** Whether `locator` shows within `timeout` ms. */
function shows(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ timeout }).then(
    () => true,
    () => false,
  );
}

/** Saves what the page shows as test-artifacts/e2e-`name`.png (the whole page unless told). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `e2e-${name}.png`), fullPage });
}

/**
 * Runs `start` (a click that exports, say) and saves the file the page downloads as
 * test-artifacts/`file`; resolves on its path.
 *
 * @example
 * const xlsx = await download(page, () => page.getByText('导出 Excel').click(), 'e2e-report.xlsx');
 */
export async function download(page: Page, start: () => Promise<void>, file: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await start();
  const path = join(artifactsDir, file);
  await (await downloading).saveAs(path);
  return path;
}

/**
 * Registers, for every test of the file, a screenshot of each open page when the test fails:
 * test-artifacts/e2e-`prefix`-failed-<test>-<n>.png, what each person saw.
 */
export function screenshotsOnFailure(prefix: string, browser: () => Browser | undefined): void {
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const pages =
        browser()
          ?.contexts()
          .flatMap((c) => c.pages()) ?? [];
      await Promise.all(pages.map((p, i) => screenshot(p, `${prefix}-failed-${task.name.slice(0, 20)}-${i}`).catch(() => undefined)));
    });
  });
}

/** The center's calendar date (YYYY-MM-DD) of an instant. */
export function centerDate(at: number, timeZone: string): string {
  return localDate(at, timeZone);
}

/** The center's wall clock of an instant, as the console writes it: 2026-01-05 09:30. */
export function centerTime(at: number, timeZone: string): string {
  return wallClock(at, timeZone);
}
