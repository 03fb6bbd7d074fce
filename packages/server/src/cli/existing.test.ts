import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command';
import { importCommand } from './import';
import { reportCommand } from './report';
import { userCommand } from './user';

/** Commands that work on a center's data refuse a data directory without one, and leave it as it was. */
describe('commands on an existing center', () => {
  const refuses = async (run: (dataDir: string) => Promise<number>) => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'banzu-none-')), 'data');
    const refused = run(dataDir);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(`数据目录 ${dataDir} 中没有 Banzu 的数据`);
    // Nothing was created: no database, no administrator.
    expect(existsSync(dataDir)).toBe(false);
  };

  it('banzu report, import customers and user add say there is no data directory instead of creating one', async () => {
    await refuses((dir) => reportCommand.run(['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--data-dir', dir]));
    const csv = join(mkdtempSync(join(tmpdir(), 'banzu-csv-')), 'customers.csv');
    writeFileSync(csv, 'name,phone\n张三,13800138000\n');
    await refuses((dir) => importCommand.run(['customers', csv, '--data-dir', dir]));
    await refuses((dir) => userCommand.run(['add', '--username', 'duty1', '--role', 'supervisor', '--data-dir', dir]));
  });
});
