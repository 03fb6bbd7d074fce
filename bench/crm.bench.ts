/**
 * Customers: importing a generated 100,000-row workbook — `banzu import customers` in a process of
 * its own (time, peak memory, target < 500 MB) and the import in this process (rows/s) — and the
 * screen pop's look-up of a caller by number among 1,000,000 customers (target < 10 ms), on embedded
 * PostgreSQL and on the PostgreSQL server.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { BenchResult } from './index';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../packages/server/src/store/index';
import { findCustomerByNumber, importCustomers, screenPopCustomer } from '../packages/server/src/crm/index';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../packages/server/bin/banzu.js');
const url = process.env.BANZU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const IMPORT_ROWS = 100_000;
const CUSTOMERS = 1_000_000;
const LOOKUPS = 2_000;
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '秀英', '晓东', '海燕', '建华'];

/** A workbook as customers' Excel lists look: id, name, mobile, class, tags, date; written streaming. */
async function writeWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户编号', '姓名', '手机', '类别', '标签', '建档日期']).commit();
  const classes = ['普通客户', '意向客户', '优质客户'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const name = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`;
    sheet.addRow([`C${String(i).padStart(7, '0')}`, name, `137${String(i).padStart(8, '0')}`, classes[i % 3], i % 5 === 0 ? '团购，老客户' : '', '2025-06-01']).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * `banzu import customers` in a process of its own, as a user runs it: its peak resident memory
 * (VmHWM, polled) is the import's with nothing else in the process, the embedded database included
 * (opening embedded PostgreSQL alone peaks at about 450 MB).
 */
async function cliPeakMemory(file: string, label: string, env: Record<string, string>, dataDir: string): Promise<BenchResult[]> {
  // Migrated beforehand: a new embedded store's first start (initdb and migrations) has a peak of its own.
  const migrated = spawnSync(process.execPath, [bin, 'migrate', '--data-dir', dataDir], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`${label}: banzu migrate: ${migrated.stderr}`);
  const child = spawn(process.execPath, [bin, 'import', 'customers', file, '--mode', 'valid-only', '--json', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peakKb = 0;
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just ended.
    }
  }, 100);
  const start = performance.now();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const seconds = (performance.now() - start) / 1000;
  const result = JSON.parse(out || '{}') as { imported?: number };
  if (code !== 0 || result.imported !== IMPORT_ROWS) throw new Error(`${label}: banzu import exited ${code}: ${out.slice(0, 300)}`);
  const mb = peakKb / 1024;
  return [
    { name: `${label}: banzu import customers, 100,000 rows (process start to exit)`, value: seconds, unit: 's' },
    { name: `${label}: banzu import customers, peak memory (VmHWM)`, value: mb, unit: 'MB', target: '< 500 MB', ok: mb < 500 },
  ];
}

async function benchImport(store: Store, file: string, label: string): Promise<BenchResult[]> {
  const start = performance.now();
  const result = await importCustomers(store, () => createReadStream(file), 'xlsx', {
    mode: 'valid-only',
    mapping: { externalId: '客户编号', name: '姓名', phone: '手机', class: '类别', tags: '标签', since: '建档日期' },
    userId: null,
    fileName: 'bench.xlsx',
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.imported !== IMPORT_ROWS) throw new Error(`${label}: imported ${result.imported} of ${IMPORT_ROWS}: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return [
    { name: `${label}: import 100,000 rows`, value: seconds, unit: 's' },
    { name: `${label}: import rows/s`, value: IMPORT_ROWS / seconds, unit: 'rows/s' },
  ];
}

/** A million customers with one mobile each (+86139…), generated in the database. */
async function seedMillion(store: Store): Promise<void> {
  for (let from = 0; from < CUSTOMERS; from += 250_000) {
    await store.exec(`
      INSERT INTO customers (id, external_id, name, name_initials, class_code, tags)
      SELECT md5(i::text)::uuid, 'M' || i, 'Customer ' || i, 'c' || (i % 1000), (ARRAY['ordinary','prospect','high_value'])[1 + i % 3], '{}'
      FROM generate_series(${from}, ${from + 249_999}) i;
      INSERT INTO customer_phones (customer_id, number_e164, kind)
      SELECT md5(i::text)::uuid, '+86139' || lpad(i::text, 8, '0'), 'mobile' FROM generate_series(${from}, ${from + 249_999}) i;`);
  }
  await store.exec('ANALYZE customers; ANALYZE customer_phones;');
}

async function benchLookup(store: Store, label: string): Promise<BenchResult[]> {
  await seedMillion(store);
  const numbers = Array.from({ length: LOOKUPS }, (_, k) => `139${String((k * 7919) % CUSTOMERS).padStart(8, '0')}`);
  const manager = { userId: 'bench', role: 'manager' as const, teamId: null };
  const results: BenchResult[] = [];
  for (const [name, run] of [
    ['caller by number', (n: string) => findCustomerByNumber(store, n)],
    ['screen pop (profile, orders, service, visit)', (n: string) => screenPopCustomer(store, manager, n)],
  ] as const) {
    for (const n of numbers.slice(0, 50)) await run(n);
    const times: number[] = [];
    for (const n of numbers) {
      const start = performance.now();
      const found = await run(n);
      times.push(performance.now() - start);
      if (!found) throw new Error(`${label}: ${n} not found`);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length * 0.5)]!;
    const p99 = times[Math.floor(times.length * 0.99)]!;
    results.push({ name: `${label}: ${name}, 1M customers, p50`, value: p50, unit: 'ms' });
    results.push({ name: `${label}: ${name}, 1M customers, p99`, value: p99, unit: 'ms', target: '< 10 ms', ok: p99 < 10 });
  }
  return results;
}

export default async function (): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'banzu-crm-bench-'));
  const file = join(dir, 'customers.xlsx');
  const results: BenchResult[] = [];
  try {
    await writeWorkbook(file);
    results.push(...(await cliPeakMemory(file, 'embedded', {}, join(dir, 'data'))));
    const embedded = await openEmbeddedStore();
    try {
      await migrate(embedded);
      results.push(...(await benchImport(embedded, file, 'embedded')));
      results.push(...(await benchLookup(embedded, 'embedded')));
    } finally {
      await embedded.close();
    }
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openServerStore({ url, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const cliSchema = `${schema}_cli`;
    await admin.exec(`CREATE SCHEMA ${cliSchema}`);
    try {
      const cliUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${cliSchema}`)}`;
      results.push(...(await cliPeakMemory(file, 'PostgreSQL', { DATABASE_URL: cliUrl }, join(dir, 'data-pg'))));
    } finally {
      await admin.exec(`DROP SCHEMA ${cliSchema} CASCADE`);
    }
    const server = await openServerStore({ url, schema });
    try {
      await migrate(server);
      results.push(...(await benchImport(server, file, 'PostgreSQL')));
      results.push(...(await benchLookup(server, 'PostgreSQL')));
    } finally {
      await server.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
