import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../store/index';
import { testDatabaseUrl } from '../store/testing';
import { UsageError } from './command';
import { importCommand } from './import';
import { migrateCommand } from './migrate';
import { reportCommand } from './report';
import { userCommand } from './user';

const csv = join(mkdtempSync(join(tmpdir(), 'banzu-csv-')), 'customers.csv');
writeFileSync(csv, 'name,phone\n张三,13800138000\n');

/** Every command that reads or writes a center's data, on the data directory `dir`. */
const commands: [string, (dir?: string) => Promise<number>][] = [
  ['report', (dir) => reportCommand.run(['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', ...(dir ? ['--data-dir', dir] : [])])],
  ['import customers', (dir) => importCommand.run(['customers', csv, ...(dir ? ['--data-dir', dir] : [])])],
  ['user add', (dir) => userCommand.run(['add', '--username', 'duty1', '--role', 'supervisor', ...(dir ? ['--data-dir', dir] : [])])],
];

/** Runs a command and returns what it refused with; fails when it did not refuse as a usage error. */
async function refusal(run: Promise<number>): Promise<string> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as UsageError).message;
}

const counts = async (store: Store) => {
  const [row] = await store.query<{ users: number; centers: number }>('SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM centers) AS centers');
  return row;
};

/** Commands that work on a center's data refuse a store without one, named, and leave it as it was. */
describe('commands on an existing center', { timeout: 600_000 }, () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each(commands)('banzu %s refuses a data directory that does not exist, and creates none', async (_name, run) => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'banzu-none-')), 'data');
    expect(await refusal(run(dataDir))).toContain(`没有数据目录 ${dataDir}`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each(commands)('banzu %s refuses an empty data directory and leaves it empty', async (_name, run) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'banzu-empty-'));
    expect(await refusal(run(dataDir))).toContain(`数据目录 ${dataDir} 中没有 Banzu 的数据`);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('without --data-dir, names ./data of the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'banzu-cwd-'));
    vi.spyOn(process, 'cwd').mockReturnValue(cwd);
    try {
      expect(await refusal(commands[0]![1]())).toContain(`没有数据目录 ${join(cwd, 'data')}`);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  describe('a store that banzu migrate made, with no center yet', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'banzu-migrated-'));

    beforeAll(async () => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        expect(await migrateCommand.run(['--create', '--data-dir', dataDir])).toBe(0);
      } finally {
        log.mockRestore();
      }
    }, 600_000);

    it.each(commands)('banzu %s refuses it, saying banzu start creates the center, and creates no administrator or center', async (_name, run) => {
      expect(await refusal(run(dataDir))).toContain(`${dataDir} 中的数据库还没有呼叫中心和管理员：请先运行 banzu start`);
      const store = await openEmbeddedStore({ dataDir: join(dataDir, 'pg') });
      try {
        expect(await counts(store)).toEqual({ users: 0, centers: 0 });
      } finally {
        await store.close();
      }
    });
  });

  describe('with DATABASE_URL', () => {
    const name = `banzu_cli_${process.pid}_${Date.now()}`;
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    let admin: Store;

    beforeAll(async () => {
      admin = await openServerStore({ url: testDatabaseUrl, maxConnections: 1 });
      await admin.exec(`CREATE DATABASE ${name}`);
    });
    afterAll(async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    });

    it('refuses an empty database, then one banzu migrate made without a center, naming the URL without its password', async () => {
      const withPassword = new URL(url);
      withPassword.password = 'secret-pw';
      vi.stubEnv('DATABASE_URL', withPassword.toString());
      const named = withPassword.toString().replace(':secret-pw', '');
      for (const [, run] of commands) {
        const said = await refusal(run());
        expect(said).toContain(`数据库 ${named} 中没有 Banzu 的数据`);
        expect(said).not.toContain('secret-pw');
      }
      const db = await openServerStore({ url: url.toString(), maxConnections: 1 });
      try {
        // Nothing was created: not even Banzu's tables.
        expect(await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);
        await migrate(db);
        for (const [, run] of commands) expect(await refusal(run())).toContain(`${named} 中的数据库还没有呼叫中心和管理员`);
        expect(await counts(db)).toEqual({ users: 0, centers: 0 });
      } finally {
        await db.close();
      }
    });
  });
});

describe('banzu migrate', { timeout: 600_000 }, () => {
  const printed = () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    return lines;
  };
  afterEach(() => vi.restoreAllMocks());

  it('refuses a mistyped data directory instead of making a store there; --create makes one and says what it made', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'banzu-typo-')), 'dtaa');
    expect(await refusal(migrateCommand.run(['--data-dir', dataDir]))).toContain(`${dataDir} 中还没有 Banzu 的数据库：若要在这里新建一个空数据库，请加 --create`);
    expect(existsSync(dataDir)).toBe(false);
    const empty = mkdtempSync(join(tmpdir(), 'banzu-empty-'));
    await refusal(migrateCommand.run(['--data-dir', empty]));
    expect(readdirSync(empty)).toEqual([]);

    mkdirSync(dataDir, { recursive: true });
    const lines = printed();
    expect(await migrateCommand.run(['--create', '--data-dir', dataDir])).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`已在 ${dataDir} 新建 Banzu 数据库，应用了 \\d+ 个迁移（1_foundation … .+）。其中还没有中心和管理员：第一次 banzu start 时创建`));
    expect(await migrateCommand.run(['--data-dir', dataDir])).toBe(0);
    expect(lines.at(-1)).toBe(`${dataDir}：数据库已是最新`);
  });
});
