import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestStore } from '../store/testing';
import { failInterruptedImports, finishDecidedImports, finishImportJob, recordJobProgress } from './import-jobs';
import { bufferSource, importCustomers, type FileSource } from './imports';

describe.each(backends)('an all-or-nothing import ($name)', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t.cleanup());

  const count = async (prefix: string) => {
    const [{ n }] = (await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE name LIKE $1', [`${prefix}%`])) as [{ n: number }];
    return n;
  };
  const staged = async () => (await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM customer_import_rows'))[0]!.n;

  /**
   * A CSV of `rows` customers whose write pass (the opens after the size and the check) gives the first
   * 64 KiB, then waits for `release` (the rest) or `fail` (the upload is cut off).
   */
  const stallingFile = (prefix: string, rows: number, firstNumber: number) => {
    const file = Buffer.from(`姓名,手机\n${Array.from({ length: rows }, (_, i) => `${prefix}${i},199${String(firstNumber + i)}`).join('\n')}\n`);
    const waiting: PassThrough[] = [];
    let opens = 0;
    const source: FileSource = () => {
      if (++opens <= 3) return Readable.from([file]);
      const stream = new PassThrough();
      stream.write(file.subarray(0, 65_536));
      waiting.push(stream);
      return stream;
    };
    const stalled = async () => {
      for (let i = 0; i < 600 && waiting.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    return {
      source,
      stalled,
      release: () => {
        for (const s of waiting) s.end(file.subarray(65_536));
      },
      fail: () => {
        for (const s of waiting) s.destroy(new Error('the upload was cut off'));
      },
    };
  };
  const run = (source: FileSource) =>
    importCustomers(t.store, source, 'csv', { mode: 'all-or-nothing', mapping: { name: '姓名', phone: '手机' }, userId: null, fileName: 'all.csv', batchSize: 500 });

  it('lets the store answer while it reads the file, shows nothing until the end, then everything', async () => {
    const file = stallingFile('整批客户', 4000, 71_000_000);
    const importing = run(file.source);
    await file.stalled();
    // Mid-file: another statement (a desk action's journal write, the floor's read) is answered at
    // once; before, the import's one transaction held the embedded store for the whole file.
    const written = t.store.transaction(async (tx) => (await tx.query<{ one: number }>('SELECT 1 AS one'))[0]!.one);
    expect(await written).toBe(1);
    expect(await count('整批客户')).toBe(0);
    file.release();
    expect(await importing).toMatchObject({ imported: 4000, updated: 0, rejected: 0 });
    expect(await count('整批客户')).toBe(4000);
    const [phone] = await t.store.query<{ name: string; position: number }>(
      `SELECT c.name, p.position FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.number_e164 = '+8619971003999'`,
    );
    expect(phone).toEqual({ name: '整批客户3999', position: 0 });
    expect(await staged()).toBe(0);
  });

  it('writes nothing, and leaves nothing aside, when the file breaks off halfway', async () => {
    const file = stallingFile('断开客户', 4000, 72_000_000);
    const importing = run(file.source);
    await file.stalled();
    file.fail();
    await expect(importing).rejects.toThrow();
    expect(await count('断开客户')).toBe(0);
    expect(await staged()).toBe(0);
  });

  const csv = (prefix: string, rows: number, firstNumber: number) =>
    bufferSource(Buffer.from(`姓名,手机\n${Array.from({ length: rows }, (_, i) => `${prefix}${i},199${String(firstNumber + i)}`).join('\n')}\n`));

  it('lets a desk action write between the batches of its final write', async () => {
    let batches = 0;
    let batchesWhenDeskWrote = 0;
    let desk: Promise<void> | undefined;
    const result = await importCustomers(t.store, csv('批间客户', 2000, 73_000_000), 'csv', {
      mode: 'all-or-nothing',
      mapping: { name: '姓名', phone: '手机' },
      userId: null,
      fileName: 'desk.csv',
      batchSize: 500,
      onBatchWritten: async () => {
        batches++;
        // An agent presses 示闲 while the final write runs: its journal write goes in between batches.
        desk ??= t.store
          .transaction(async (tx) => {
            await tx.query(`INSERT INTO audit_log (user_id, action, subject, row_count) VALUES (NULL, 'desk-state', 'agents', 1)`);
          })
          .then(() => {
            batchesWhenDeskWrote = batches;
          });
      },
    });
    await desk;
    expect(result).toMatchObject({ imported: 2000, rejected: 0 });
    expect(batches).toBe(4);
    // Before, the final write was one transaction: the desk action waited for all four batches.
    expect(batchesWhenDeskWrote).toBeGreaterThan(0);
    expect(batchesWhenDeskWrote).toBeLessThan(4);
    expect(await count('批间客户')).toBe(2000);
  });

  it('finishes at start-up, each row once, when the process stops between batches of its final write', async () => {
    const [{ id: jobId }] = (await t.store.query<{ id: string }>(
      `INSERT INTO import_jobs (subject, file_name, format, status, mode) VALUES ('customers', 'crash.csv', 'csv', 'running', 'all-or-nothing') RETURNING id`,
    )) as [{ id: string }];
    const job = async () =>
      (
        await t.store.query<{ status: string; imported: number; updated: number; processed_rows: number }>(
          'SELECT status, imported, updated, processed_rows FROM import_jobs WHERE id = $1',
          [jobId],
        )
      )[0]!;
    const audit = () => t.store.query<{ row_count: number }>(`SELECT row_count FROM audit_log WHERE action = 'import' AND detail->>'fileName' = 'crash.csv'`);
    const keepJob = recordJobProgress(jobId);
    let batches = 0;
    const importing = importCustomers(t.store, csv('续写客户', 2000, 74_000_000), 'csv', {
      mode: 'all-or-nothing',
      mapping: { name: '姓名', phone: '手机' },
      userId: null,
      fileName: 'crash.csv',
      batchSize: 500,
      jobId,
      onFinished: finishImportJob(jobId),
      onBatchWritten: async (tx, written) => {
        // The process stops in the third batch: the first two are committed, the third never is.
        if (++batches === 3) throw new Error('the process stopped');
        await keepJob(tx, written);
      },
    });
    await expect(importing).rejects.toThrow('the process stopped');
    expect(await count('续写客户')).toBe(1000);
    expect(await job()).toMatchObject({ status: 'running', imported: 1000, processed_rows: 1000 });
    expect(await audit()).toEqual([]);

    // Start-up: the import decided to write every row is not failed but finished.
    await failInterruptedImports(t.store, []);
    expect(await job()).toMatchObject({ status: 'running' });
    await finishDecidedImports(t.store);

    expect(await count('续写客户')).toBe(2000);
    const [{ names, phones }] = (await t.store.query<{ names: number; phones: number }>(
      `SELECT count(DISTINCT c.name)::int AS names, count(p.number_e164)::int AS phones
       FROM customers c LEFT JOIN customer_phones p ON p.customer_id = c.id WHERE c.name LIKE '续写客户%'`,
    )) as [{ names: number; phones: number }];
    expect({ names, phones }).toEqual({ names: 2000, phones: 2000 });
    expect(await job()).toMatchObject({ status: 'done', imported: 2000, updated: 0, processed_rows: 2000 });
    expect(await audit()).toEqual([{ row_count: 2000 }]);
    expect(await staged()).toBe(0);
    expect(await t.store.query('SELECT import_id FROM customer_import_commits')).toEqual([]);
    // A second start finds nothing left to write.
    await finishDecidedImports(t.store);
    expect(await count('续写客户')).toBe(2000);
    expect(await audit()).toHaveLength(1);
  });
});
