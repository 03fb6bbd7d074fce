import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { migrate, openServerStore, type Store } from './index';
import type { Backend } from './testing';

/**
 * The machine's PostgreSQL really restarting under a running Banzu: a cluster of the test's own (the
 * Debian server binaries, initdb), so stopping it disturbs no other test. restart.test.ts ends the
 * connections only; here the server is also gone for a while and refuses new connections.
 */
const bin = '/usr/lib/postgresql/15/bin';
const root = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root the cluster is the postgres user's. */
const pg = (tool: string, args: string[]) =>
  execFileSync(root ? 'runuser' : join(bin, tool), root ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe', timeout: 120_000 });

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe.skipIf(!existsSync(join(bin, 'initdb')))('PostgreSQL restarting (a cluster of its own, stopped and started with pg_ctl)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banzu-pg-restart-'));
  const data = join(dir, 'data');
  let port = 0;
  let h: TestApp;
  const opened: Store[] = [];
  const stop = () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  const start = () => pg('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);

  beforeAll(async () => {
    if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    port = await freePort();
    pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    start();
    const backend: Backend = {
      name: 'postgres',
      async open() {
        const store = await openServerStore({ url: `postgres://postgres@127.0.0.1:${port}/postgres` });
        opened.push(store);
        await migrate(store);
        return { store, reopen: async () => store, cleanup: async () => {} };
      },
    };
    h = await openTestApp(backend, { floor: true });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    try {
      stop();
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps running while the server is down: /ready 503, requests 503 with Retry-After, then everything as before, nothing lost', async () => {
    const agent = await h.login('8001');
    const log = h.app.banzu.log;
    const first = (await log.head()) + 1;
    expect((await h.call(undefined, 'GET', '/ready')).statusCode).toBe(200);

    stop();
    await vi.waitFor(async () => expect((await h.call(undefined, 'GET', '/ready')).statusCode).toBe(503), { timeout: 10_000, interval: 20 });
    // A desk action and a login while the server is down.
    const during = h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    const logins = await h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'manager', password: 'wrong-password' });
    expect(logins.statusCode).toBe(503);
    start();

    // Cut off before the router took it (the session is read first): 503 with Retry-After, and the
    // desktop's retry is done once the server is back.
    const answer = await during;
    if (answer.statusCode === 503) {
      expect(answer.headers['retry-after']).toBeDefined();
      await vi.waitFor(async () => expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200), { timeout: 30_000, interval: 200 });
    } else expect(answer.statusCode, answer.body).toBe(200);
    await vi.waitFor(async () => expect((await h.call(undefined, 'GET', '/ready')).statusCode).toBe(200), { timeout: 30_000, interval: 100 });
    const after = await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' });
    expect(after.statusCode, after.body).toBe(200);

    // The router's state and the log agree: every change it made is there, in one unbroken sequence.
    const events = await log.read(first, 10_000);
    const changes = events.filter((e) => e.type === 'agent.state_changed').map((e) => e.type === 'agent.state_changed' && e.payload.to);
    expect(changes.slice(-2)).toEqual(['ready', 'not_ready']);
    const sequence = events.map((e) => e.seq);
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => first + i));
  }, 180_000);
});
