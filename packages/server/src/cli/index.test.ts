import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBanzu } from '../bootstrap/index';
import { loadConfig } from '../config/index';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');
/**
 * A bound against a hang, not a speed requirement: the migrate test runs six processes, most of them
 * opening the embedded database, which takes minutes on a busy machine. vitest judges a synchronous
 * test's time only after it has ended, so a tight bound fails a slow run that worked.
 */
const HANG_MS = 600_000;

/** The real `banzu` binary in a child process, as a user runs it. */
function banzu(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'banzu-cli-')),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('banzu CLI', { timeout: HANG_MS }, () => {
  it('exits 2 with a clear message and no stack trace for a bad flag', () => {
    const run = banzu(['start', '--prot', '80']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有选项 --prot');
    expect(run.stderr).toContain('用法：banzu start');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a flag value out of range and for an unknown command', () => {
    const port = banzu(['start', '--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port 须为数字，收到“abc”');
    // In English when asked, as the console's language switch.
    const english = banzu(['start', '--port', 'abc', '--verbose'], { BANZU_LANG: 'en' });
    expect(english.stderr).toContain('unknown option --verbose');
    expect(english.stderr).toContain('usage: banzu start');
    expect(banzu(['start', '--port'], { BANZU_LANG: 'en' }).stderr).toContain('option --port needs a value');
    expect(banzu(['frobnicate']).stderr).toContain('没有命令“frobnicate”');
    expect(banzu(['frobnicate']).code).toBe(2);
  });

  it('exits 2 naming the key when the environment holds an invalid value', () => {
    const run = banzu(['migrate'], { LOG_LEVEL: 'shouty' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('migrates an existing center’s data directory only, adds a user who exists afterwards, and reports by direction', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'banzu-data-'));
    // A directory with no store is not made one by a mistyped --data-dir.
    const refused = banzu(['migrate', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${dataDir} 中还没有 Banzu 的数据库：若要在这里新建一个空数据库，请加 --create`);
    // The center and administrator a first start makes.
    const first = await openBanzu(loadConfig({ env: { BANZU_DATA_DIR: dataDir, BANZU_ADMIN_PASSWORD: 'cli-test-Pw-2026' }, cwd: dataDir }), () => {});
    await first.close();
    const migrate = banzu(['migrate', '--data-dir', dataDir]);
    expect(migrate.stderr).toBe('');
    expect(migrate.stdout).toContain(`${dataDir}：数据库已是最新`);
    const add = banzu(['user', 'add', '--username', 'duty1', '--name', '值班长', '--role', 'supervisor', '--data-dir', dataDir]);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/created supervisor duty1, password: \S{8,}/);
    const again = banzu(['user', 'add', '--username', 'duty1', '--name', 'x', '--role', 'supervisor', '--data-dir', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--username：“duty1”已被占用');
    const badRole = banzu(['user', 'add', '--username', 'x', '--role', 'boss', '--data-dir', dataDir]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role 须为 agent、team_leader');
    expect(badRole.stderr).toContain('之一，收到“boss”');
    const report = banzu(['report', '--from', '2026-01-05', '--to', '2026-01-06', '--by', 'day', '--data-dir', dataDir]);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ rows: [], direction: null, total: { metrics: { totalCalls: 0, serviceLevel: null } } });
    const outbound = banzu(['report', '--from', '2026-01-05', '--to', '2026-01-06', '--by', 'day', '--direction', 'outbound', '--data-dir', dataDir]);
    expect(outbound.code, outbound.stderr).toBe(0);
    expect(JSON.parse(outbound.stdout)).toMatchObject({ direction: 'outbound' });
  });

  it('simulates a queue and prints the JSON summary, reproducibly; bad flags exit 2', () => {
    const args = ['simulate', '--agents', '12', '--volume', '200', '--interval', '3600', '--aht', '180', '--patience', '120', '--hours', '8', '--seed', '4', '--json'];
    const first = JSON.parse(banzu(args).stdout);
    expect(Object.keys(first).sort()).toEqual(['abandonRate', 'abandoned', 'answered', 'asa', 'occupancy', 'offered', 'serviceLevel', 'simulatedSeconds', 'wallSeconds'].sort());
    expect(first.offered).toBeGreaterThan(1400);
    expect(first.answered + first.abandoned).toBeLessThanOrEqual(first.offered);
    const { wallSeconds: _a, ...one } = first;
    const { wallSeconds: _b, ...two } = JSON.parse(banzu(args).stdout);
    expect(two).toEqual(one);
    const bad = banzu(['simulate', '--agents', '0', '--volume', '10', '--interval', '1800', '--aht', '200']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--agents 不能小于 1');
    expect(banzu(['simulate', '--volume', '10']).stderr).toContain('缺少 --agents');
  });

  it.each([
    [['--from', '2026-01-05', '--to', '2026-01-05'], '缺少 --by：可选 interval、day、week、month、agent、team、site、queue'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'year'], '--by 须为 interval、day、week、month、agent、team、site、queue 之一，收到“year”'],
    [['--from', '5 Jan', '--to', '2026-01-05', '--by', 'day'], '--from 须为日期 YYYY-MM-DD，收到“5 Jan”'],
    [['--from', '2026-01-06', '--to', '2026-01-05', '--by', 'day'], '--from 不能晚于 --to'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--format', 'xlsx'], '--format xlsx 需要 --out <文件>'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--format', 'csv'], '--format 须为 json、xlsx 之一，收到“csv”'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--interval', '20'], '--interval 须为 15、30、60 之一，收到“20”'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--interval', '30'], '--interval 只与 --by interval 一起使用'],
    [['--from', '2026-01-05', '--to', '2026-01-05', '--by', 'day', '--direction', 'both'], '--direction 须为 inbound、outbound 之一，收到“both”'],
  ])('banzu report %j exits 2: %s', (args, message) => {
    const run = banzu(['report', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('用法：banzu report');
  });

  it('says the usage errors of report and user in English with BANZU_LANG=en', () => {
    expect(banzu(['report', '--from', '2026-01-06', '--to', '2026-01-05', '--by', 'day'], { BANZU_LANG: 'en' }).stderr).toContain('--from must not be after --to');
    expect(banzu(['user', 'remove'], { BANZU_LANG: 'en' }).stderr).toContain('unknown action "remove": only add');
    expect(banzu(['user', 'remove']).stderr).toContain('没有操作“remove”：只有 add');
  });
});
