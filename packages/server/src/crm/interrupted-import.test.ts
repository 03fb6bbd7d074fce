import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

describe('a customer import the server was running when it stopped', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
  });
  afterAll(() => h.close());

  it('shows as failed with the reason after the restart, not as running for ever', async () => {
    const manager = await h.login('manager');
    const [{ id: userId }] = (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`)) as [{ id: string }];
    const [{ id }] = (await h.t.store.query<{ id: string }>(
      `INSERT INTO import_jobs (user_id, subject, file_name, format, file, status, mode) VALUES ($1, 'customers', 'list.csv', 'csv', '\\x00', 'running', 'valid-only') RETURNING id`,
      [userId],
    )) as [{ id: string }];
    expect((await h.call(manager, 'GET', `/api/v1/customers/imports/${id}`)).json()).toMatchObject({ status: 'running' });

    const log = new EventLog(h.t.store);
    const restarted = await buildApp({ config: loadConfig({ env: {}, cwd: '/nonexistent' }), store: h.t.store, log, clock: h.clock });
    try {
      const job = await restarted.inject({ method: 'GET', url: `/api/v1/customers/imports/${id}`, headers: { authorization: `Bearer ${manager}` } });
      expect(job.json()).toMatchObject({ status: 'failed', failure: expect.stringContaining('the server stopped during the import') });
      const [{ file }] = (await h.t.store.query<{ file: Buffer | null }>('SELECT file FROM import_jobs WHERE id = $1', [id])) as [{ file: Buffer | null }];
      expect(file).toBeNull();
    } finally {
      await restarted.close();
      await log.close();
    }
  });
});
