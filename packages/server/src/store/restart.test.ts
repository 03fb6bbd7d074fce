import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallNoteAdded } from '@banzu/core';
import { EventLog, type StoredEvent } from '../events/index';
import { openTestApp, type TestApp } from '../http/testing';
import { migrate, openServerStore, type Store } from './index';
import { testDatabaseUrl, type Backend } from './testing';

/**
 * PostgreSQL going away under a running Banzu, on the machine's real server. Restarting the cluster
 * would disturb every other test using it, so the test ends Banzu's own connections instead with
 * pg_terminate_backend: each client gets 57P01 (admin_shutdown), the very error a restart sends.
 */
describe('PostgreSQL going away (its connections terminated as a restart does)', () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const applicationName = `banzu-restart-${randomBytes(4).toString('hex')}`;
  let admin: Store;
  let h: TestApp;
  const opened: Store[] = [];

  // Banzu's connections name themselves; the test's own writer and admin do not, so they stay.
  const backend: Backend = {
    name: 'postgres',
    async open() {
      const open = async () => {
        const store = await openServerStore({ url: testDatabaseUrl, schema, applicationName });
        opened.push(store);
        return store;
      };
      const store = await open();
      await migrate(store);
      return { store, reopen: open, cleanup: async () => {} };
    },
  };
  const terminate = async () => {
    const rows = await admin.query<{ done: boolean }>('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect(rows.length).toBeGreaterThan(0);
  };
  const note = (n: number): CallNoteAdded => ({ type: 'call.note_added', stream: 'restart-probe', at: Date.UTC(2026, 0, 5, 9), payload: { agentId: 'x', note: String(n) } });

  beforeAll(async () => {
    admin = await openServerStore({ url: testDatabaseUrl, maxConnections: 2, applicationName: 'banzu-test-admin' });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    h = await openTestApp(backend, { floor: true });
  });
  afterAll(async () => {
    await h.close();
    await Promise.all(opened.map((s) => s.close()));
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  });

  it('keeps running: /ready says 503 while it reconnects, then the API, the floor and the log follow on', async () => {
    const agent = await h.login('8001');
    const log = h.app.banzu.log;
    const seen: StoredEvent[] = [];
    const subscription = log.subscribe((await log.head()) + 1, (events) => void seen.push(...events));
    // Another process (its own pool, not terminated) writes while Banzu is cut off: the NOTIFY is lost to Banzu.
    const other = await openServerStore({ url: testDatabaseUrl, schema, applicationName: 'banzu-test-other' });
    opened.push(other);
    const otherLog = new EventLog(other);
    expect((await h.call(undefined, 'GET', '/ready')).statusCode).toBe(200);

    await terminate();
    await otherLog.append([note(1)]);
    // The LISTEN connection is gone until its backoff lets it reconnect: /ready tells the load balancer.
    await vi.waitFor(
      async () => {
        const ready = await h.call(undefined, 'GET', '/ready');
        expect(ready.statusCode).toBe(503);
        expect(ready.json().status).toBe('store reconnecting');
      },
      { timeout: 10_000, interval: 2 },
    );
    await vi.waitFor(async () => expect((await h.call(undefined, 'GET', '/ready')).statusCode).toBe(200), { timeout: 20_000, interval: 50 });
    // Re-read from its position after reconnecting: the event written while away arrives.
    await vi.waitFor(() => expect(seen.map((e) => e.type === 'call.note_added' && e.payload.note)).toContain('1'), { timeout: 20_000 });

    // The pool opens fresh connections: logins, the desktop and the log work as before.
    const state = await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' });
    expect(state.statusCode, state.body).toBe(200);
    await otherLog.append([note(2)]);
    await vi.waitFor(() => expect(seen.map((e) => e.type === 'call.note_added' && e.payload.note)).toContain('2'), { timeout: 20_000 });
    await vi.waitFor(() => expect(seen.some((e) => e.type === 'agent.state_changed' && e.payload.to === 'ready')).toBe(true), { timeout: 20_000 });

    // Twice more, with the floor's writes in flight: nothing is lost and nothing throws out of the process.
    // A request whose statement the termination cut off is a 503 with Retry-After, never a 500: the desktop tries again.
    for (const status of ['not_ready', 'ready'] as const) {
      const body = { status, ...(status === 'not_ready' ? { reason: 'break' } : {}) };
      const changed = h.call(agent, 'POST', '/api/v1/desktop/state', body);
      await terminate();
      const first = await changed;
      if (first.statusCode === 503) {
        expect(first.headers['retry-after']).toBeDefined();
        expect(first.json().error.code).toBe('store_unavailable');
        await vi.waitFor(async () => expect((await h.call(agent, 'POST', '/api/v1/desktop/state', body)).statusCode).toBe(200), { timeout: 20_000, interval: 100 });
      } else expect(first.statusCode, first.body).toBe(200);
    }
    await vi.waitFor(
      async () => {
        const changes = (await log.readStream((await h.app.banzu.store.query<{ user_id: string }>("SELECT user_id FROM agents WHERE employee_no = '8001'"))[0]!.user_id))
          .filter((e) => e.type === 'agent.state_changed')
          .map((e) => e.type === 'agent.state_changed' && e.payload.to);
        expect(changes.slice(-3)).toEqual(['ready', 'not_ready', 'ready']);
      },
      { timeout: 20_000, interval: 100 },
    );
    const sequence = seen.map((e) => e.seq);
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => sequence[0]! + i));
    subscription.close();
    await otherLog.close();
  }, 120_000);
});
