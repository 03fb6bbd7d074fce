import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { recordJobProgress } from './import-jobs';
import { importCustomers, type FileSource } from './imports';

describe('a customer import the server was running when it stopped', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
  });
  afterAll(() => h.close());

  const restart = async () => {
    const log = new EventLog(h.t.store);
    const app = await buildApp({ config: loadConfig({ env: {}, cwd: '/nonexistent' }), store: h.t.store, log, clock: h.clock });
    const close = async () => {
      await app.close();
      await log.close();
    };
    return { app, close };
  };

  it('shows as failed with the reason after the restart, not as running for ever', async () => {
    const manager = await h.login('manager');
    const [{ id: userId }] = (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`)) as [{ id: string }];
    const [{ id }] = (await h.t.store.query<{ id: string }>(
      `INSERT INTO import_jobs (user_id, subject, file_name, format, file, status, mode) VALUES ($1, 'customers', 'list.csv', 'csv', '\\x00', 'running', 'valid-only') RETURNING id`,
      [userId],
    )) as [{ id: string }];
    expect((await h.call(manager, 'GET', `/api/v1/customers/imports/${id}`)).json()).toMatchObject({ status: 'running' });

    const restarted = await restart();
    try {
      const job = await restarted.app.inject({ method: 'GET', url: `/api/v1/customers/imports/${id}`, headers: { authorization: `Bearer ${manager}` } });
      expect(job.json()).toMatchObject({ status: 'failed', failure: expect.stringContaining('导入时服务器停止了') });
      const [{ file }] = (await h.t.store.query<{ file: Buffer | null }>('SELECT file FROM import_jobs WHERE id = $1', [id])) as [{ file: Buffer | null }];
      expect(file).toBeNull();
    } finally {
      await restarted.close();
    }
  });

  it('says, in the job and the audit log, exactly how many customers the batches before the stop wrote', async () => {
    const manager = await h.login('manager');
    const [{ id: userId }] = (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`)) as [{ id: string }];
    const [{ id }] = (await h.t.store.query<{ id: string }>(
      `INSERT INTO import_jobs (user_id, subject, file_name, format, status, mode) VALUES ($1, 'customers', 'big.csv', 'csv', 'running', 'valid-only') RETURNING id`,
      [userId],
    )) as [{ id: string }];
    const rows = Array.from({ length: 4000 }, (_, i) => `断点客户${i},199${String(70_000_000 + i)}`);
    const file = Buffer.from(`姓名,手机\n${rows.join('\n')}\n`);
    // The server dies while it writes: the first opens read the whole file (size, check), the write pass
    // gets its first 64 KiB and then nothing more, as if the process had stopped there.
    let opens = 0;
    const source: FileSource = () => {
      if (++opens <= 3) return Readable.from([file]);
      const stalled = new PassThrough();
      stalled.write(file.subarray(0, 65_536));
      return stalled;
    };
    // The batches of 500 whole rows within those 64 KiB (after the header) are committed; the next one never is.
    const rowsRead = file.subarray(0, 65_536).toString('utf8').split('\n').length - 2;
    const committed = Math.floor(rowsRead / 500) * 500;
    expect(committed).toBeGreaterThanOrEqual(1000);
    const before = await customerCount();
    void importCustomers(h.t.store, source, 'csv', {
      mode: 'valid-only',
      mapping: { name: '姓名', phone: '手机' },
      userId,
      fileName: 'big.csv',
      batchSize: 500,
      onBatchWritten: recordJobProgress(id),
    });
    let written = 0;
    for (let i = 0; i < 600 && written < committed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [{ written }] = (await h.t.store.query<{ written: number }>('SELECT imported AS written FROM import_jobs WHERE id = $1', [id])) as [{ written: number }];
    }
    expect(written).toBe(committed);

    const restarted = await restart();
    try {
      const job = (await restarted.app.inject({ method: 'GET', url: `/api/v1/customers/imports/${id}`, headers: { authorization: `Bearer ${manager}` } })).json();
      const inStore = (await customerCount()) - before;
      expect(job).toMatchObject({ status: 'failed', imported: inStore, updated: 0 });
      expect(inStore).toBe(committed);
      const audit = await h.t.store.query<{ row_count: number; detail: { fileName: string; interrupted: boolean } }>(
        `SELECT row_count, detail FROM audit_log WHERE action = 'import' AND detail->>'fileName' = 'big.csv'`,
      );
      expect(audit).toEqual([{ row_count: inStore, detail: expect.objectContaining({ fileName: 'big.csv', interrupted: true, imported: inStore }) }]);
    } finally {
      await restarted.close();
    }
  });

  const customerCount = async () => {
    const [{ n }] = (await h.t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')) as [{ n: number }];
    return n;
  };
});
