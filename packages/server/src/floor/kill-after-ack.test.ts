import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../store/index';
import { testDatabaseUrl } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { startBanzuProcess } from '../testing/process';

const password = 'kill-test-pass-1';

/**
 * The real `banzu start`, killed with SIGKILL the moment it acknowledged a desk action: after the
 * restart the action is there, in the log and in the router. On PostgreSQL (lost 3 of 3 before the
 * answer waited for the journal) and on the embedded store in its data directory (lost 1 of 3).
 */
describe.each(['PostgreSQL', 'embedded'] as const)('an acknowledged desk action survives kill -9 (%s)', (backend) => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'banzu-kill-'));
  const port = 20_000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;
  let admin: Store | undefined;
  let child: ChildProcess | undefined;
  let agentId: string;

  /** The store as the test reads it: the embedded one only while no Banzu process has it open. */
  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const store = backend === 'embedded' ? await openEmbeddedStore({ dataDir: join(dataDir, 'pg') }) : await openServerStore({ url: testDatabaseUrl, schema, maxConnections: 2 });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const start = async () => {
    const env: Record<string, string> = backend === 'embedded' ? {} : { DATABASE_URL: `${testDatabaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    const { child: running, ready, output } = await startBanzuProcess(['--port', String(port), '--data-dir', dataDir, '--no-demo', '--no-sim'], env, base);
    child = running;
    expect(ready, output()).toBe(true);
  };
  const killNow = async () => {
    const running = child!;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  };
  const login = async () => {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '8001', password }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const setState = (token: string, body: object) =>
    fetch(`${base}/api/v1/desktop/state`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const changes = () =>
    withStore(async (store) =>
      (await store.query<{ payload: { from: string; to: string } }>("SELECT payload FROM events WHERE type = 'agent.state_changed' AND stream = $1 ORDER BY seq", [agentId])).map(
        (r) => `${r.payload.from}→${r.payload.to}`,
      ),
    );

  beforeAll(async () => {
    if (backend === 'PostgreSQL') {
      admin = await openServerStore({ url: testDatabaseUrl, maxConnections: 1 });
      await admin.exec(`CREATE SCHEMA ${schema}`);
    }
    agentId = await withStore(async (store) => {
      await migrate(store);
      await seedTestCenter(store, password);
      return (await store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8001'"))[0]!.id;
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) await killNow();
    await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps each state change answered 200 right before the process was killed', async () => {
    await start();
    let token = await login();
    expect((await setState(token, { status: 'ready' })).status).toBe(200);
    await killNow();
    expect(await changes()).toEqual(['logged_out→ready']);

    await start();
    token = await login();
    // The restarted router has the agent ready: the next change starts from there.
    expect((await setState(token, { status: 'not_ready', reason: 'meal' })).status).toBe(200);
    await killNow();
    expect(await changes()).toEqual(['logged_out→ready', 'ready→not_ready']);

    await start();
    token = await login();
    expect((await setState(token, { status: 'ready' })).status).toBe(200);
    await killNow();
    expect(await changes()).toEqual(['logged_out→ready', 'ready→not_ready', 'not_ready→ready']);
  }, 600_000);
});
