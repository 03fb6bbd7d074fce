import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBanzu } from '../bootstrap/index';
import { loadConfig } from '../config/index';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');

/** Each run opens (and the first migrates) an embedded store: seconds each. */
function banzu(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: mkdtempSync(join(tmpdir(), 'banzu-cli-')), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('banzu import customers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banzu-import-'));
  const dataDir = join(dir, 'data');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const list = file('list.csv', '客户编号,姓名,手机\nK1,张三,13800000001\nK2,,13800000002\nK3,李四,13800000003\n');

  // Imports go into an existing center: the data directory a first start made.
  beforeAll(async () => {
    const banzu = await openBanzu(loadConfig({ env: { BANZU_DATA_DIR: dataDir, BANZU_ADMIN_PASSWORD: 'import-test-Pw-2026' }, cwd: dir }), () => {});
    await banzu.close();
  }, 300_000);

  it('exits 2 for bad flags, a missing file or columns it cannot use, without a stack trace', () => {
    const mode = banzu(['import', 'customers', list, '--mode', 'some', '--data-dir', dataDir]);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('--mode 须为 all-or-nothing、valid-only 之一，收到“some”');
    expect(banzu(['import', 'customers', list, '--mapping', '{name:', '--data-dir', dataDir]).stderr).toContain('--mapping 须为 JSON');
    expect(banzu(['import', 'customers', join(dir, 'nope.csv'), '--data-dir', dataDir]).stderr).toContain(`没有文件 ${join(dir, 'nope.csv')}`);
    const orders = banzu(['import', 'orders', list]);
    expect(orders.code).toBe(2);
    expect(orders.stderr).toContain('不能导入“orders”：只能导入 customers（客户）');
    const columns = banzu(['import', 'customers', list, '--mapping', '{"name":"Name"}', '--data-dir', dataDir]);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toContain('这些列无法使用：name: the file has no column "Name"');
    expect(columns.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);

  it('writes nothing all-or-nothing with an error, the valid rows with valid-only, and updates on re-import', () => {
    const strict = banzu(['import', 'customers', list, '--json', '--data-dir', dataDir]);
    expect(strict.code, strict.stderr).toBe(1);
    expect(JSON.parse(strict.stdout)).toEqual({
      imported: 0,
      updated: 0,
      rejected: 1,
      errors: [{ row: 3, column: '姓名', code: 'missing_name', message: '客户没有姓名' }],
    });
    const lenient = banzu(['import', 'customers', list, '--mode', 'valid-only', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ imported: 2, updated: 0, rejected: 1 });
    const fixed = file('fixed.csv', '客户编号,姓名,手机\nK1,张三丰,13800000001\nK2,王五,13800000002\n');
    const again = banzu(['import', 'customers', fixed, '--mapping', '{"externalId":"客户编号","name":"姓名","phone":"手机"}', '--json', '--data-dir', dataDir]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 1, updated: 1, rejected: 0, errors: [] });
  }, 300_000);
});
