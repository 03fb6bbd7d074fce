import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');
const dir = mkdtempSync(join(tmpdir(), 'banzu-forecast-'));

function banzu(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Six weeks of weekdays from Monday 2 March 2026, 09:00 and 09:15: 10 and 20 calls in even weeks, 12 and 24 in odd ones; AHT 200 s. */
function history(): string {
  const lines = ['start,calls,aht'];
  for (let d = 0; d < 42; d++) {
    const date = new Date(Date.UTC(2026, 2, 2 + d)).toISOString().slice(0, 10);
    if (d % 7 >= 5) continue;
    const odd = Math.floor(d / 7) % 2 === 1;
    lines.push(`${date}T09:00,${odd ? 12 : 10},200`, `${date}T09:15,${odd ? 24 : 20},200`);
  }
  return file('history.csv', `${lines.join('\n')}\n`);
}

describe('banzu forecast', () => {
  it('prints one JSON object: the method, the intervals (summed to 30 minutes) and the backtest', () => {
    const run = banzu(['forecast', '--history', history(), '--interval', '1800', '--horizon-days', '3', '--method', 'naive', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(result)).toEqual(['method', 'intervals', 'backtest']);
    // Saturday and Sunday are closed; Monday repeats last Monday: 12 + 24.
    expect(result).toMatchObject({ method: 'naive', intervals: [{ start: '2026-04-13T09:00', calls: 36, aht: 200 }] });
    // Every held-out day is 6 calls off: 6 ÷ 30 and 6 ÷ 36 over the two weeks; seasonal naive's own in-sample error is 6 too.
    expect(result.backtest.wape).toBeCloseTo(12 / 66, 4);
    expect(result.backtest.mase).toBe(1);
  });

  it('chooses a method by backtest with --method auto and says so in words', () => {
    const run = banzu(['forecast', '--history', history(), '--interval', '3600', '--horizon-days', '7']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/预测方法 method\s+(naive|profile|hw)/);
    expect(run.stdout).toContain('2026-04-17');
  });

  it.each([
    [['--interval', '1800', '--horizon-days', '3'], '缺少 --history'],
    [['--history', 'x.csv', '--interval', '700', '--horizon-days', '3'], '--interval 须能整除一天（900、1800、3600 …），收到 700'],
    [['--history', 'x.csv', '--interval', '1800', '--horizon-days', '0'], '--horizon-days 不能小于 1'],
    [['--history', 'x.csv', '--interval', '1800', '--horizon-days', '3', '--method', 'arima'], '--method 须为 auto、naive、profile、hw 之一，收到“arima”'],
    [['--history', join(dir, 'none.csv'), '--interval', '1800', '--horizon-days', '3'], 'cannot read'],
  ])('%j exits 2: %s', (args, message) => {
    const run = banzu(['forecast', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('names the file, row and column of a bad row', () => {
    const noCalls = file('no-calls.csv', 'start,volume\n2026-03-02T09:00,1\n');
    expect(banzu(['forecast', '--history', noCalls, '--interval', '1800', '--horizon-days', '1']).stderr).toContain('no column "calls" (columns: start, volume)');
    const bad = file('bad.csv', 'start,calls\n2026-03-02T09:00,1\n2026-03-02T09:30,many\n');
    const run = banzu(['forecast', '--history', bad, '--interval', '1800', '--horizon-days', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.csv row 3: calls must be a number of at least 0, got "many"');
    const badDate = file('bad-date.csv', 'start,calls\n2026-02-30T09:00,1\n');
    expect(banzu(['forecast', '--history', badDate, '--interval', '1800', '--horizon-days', '1']).stderr).toContain('bad-date.csv 第 2 行：start：no such date: "2026-02-30"');
  });
});
