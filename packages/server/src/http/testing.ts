import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { manualClock, type ManualClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import type { Backend, TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { assemble } from '../bootstrap/index';
import type { AppContext } from './app';

/** The password of every login of the test center. */
export const testPassword = 'test-pass-123';

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  t: TestStore;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** A request as the holder of `token`. */
  call(token: string | undefined, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The HTTP app over a fresh store with the test center (`seedTestCenter`), driven in-process (no socket). */
export async function openTestApp(backend: Backend, extra: Pick<AppContext, 'live' | 'liveHeartbeatMs'> & { floor?: boolean } = {}): Promise<TestApp> {
  const t = await backend.open();
  await seedTestCenter(t.store, testPassword);
  const clock = manualClock(Date.UTC(2026, 0, 5, 1, 0));
  const log = new EventLog(t.store);
  // No switch: tests report the switch's events themselves; the floor's timer is the test's clock.
  const { app, close } = await assemble(
    { config: loadConfig({ env: {}, cwd: '/nonexistent' }), store: t.store, log, clock, live: extra.live, liveHeartbeatMs: extra.liveHeartbeatMs },
    { floor: extra.floor ? { timer: clock.timer, onError: (err) => console.error(err) } : null },
  );
  const call: TestApp['call'] = (token, method, url, body) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    clock,
    t,
    call,
    async login(username, password = testPassword) {
      const res = await call(undefined, 'POST', '/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await close();
      await log.close();
      await t.cleanup();
    },
  };
}
