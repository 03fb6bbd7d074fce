import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestStore } from '../store/testing';
import { importCustomers, type FileSource } from './imports';

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
});
