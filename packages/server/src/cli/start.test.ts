import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');

describe('banzu start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'banzu-start-'));
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const child = spawn(process.execPath, [bin, 'start', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, BANZU_DEMO_PASSWORD: 'start-test-pw', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  child.once('exit', () => (exited = true));
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('becomes ready on a new data directory, with the demo center visible to the manager', async () => {
    // Polls until /ready answers or the server exits; how long that takes is no pass or fail here.
    let ready = false;
    while (!ready && !exited) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, output).toBe(true);
    expect(output).toMatch(/admin password: \S+/);
    expect(output).toContain('demo password: BANZU_DEMO_PASSWORD');

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: 'start-test-pw' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const queues = (await (await fetch(`http://127.0.0.1:${port}/api/v1/queues`, { headers: { authorization: `Bearer ${token}` } })).json()) as unknown[];
    expect(queues).toHaveLength(4);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Banzu');
    // A first start initialises the embedded database and seeds the demo: slow on a busy machine.
  }, 600_000);

  it('refuses a second server on the same data directory', async () => {
    const second = spawn(process.execPath, [bin, 'migrate', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    second.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => second.on('close', resolve));
    expect(code).toBe(1);
    expect(err).toContain('in use by another Banzu process');
  });
});
