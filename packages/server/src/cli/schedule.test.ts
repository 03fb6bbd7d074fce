import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');
const dir = mkdtempSync(join(tmpdir(), 'banzu-schedule-'));

function banzu(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const shifts = file(
  'shifts.json',
  JSON.stringify({
    shifts: [
      { name: '早班', start: '08:00', end: '16:00' },
      { name: '晚班', start: '12:00', end: '20:00' },
    ],
  }),
);

describe('banzu schedule', () => {
  it('prints the optimum of the covering problem as one JSON object', () => {
    // Two days of half hours 08:00-20:00: 2 agents until noon, 3 from noon to 16:00, 1 after.
    const rows = ['start,agents'];
    for (const date of ['2026-03-02', '2026-03-03']) {
      for (let m = 8 * 60; m < 20 * 60; m += 30) rows.push(`${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'},${m < 720 ? 2 : m < 960 ? 3 : 1}`);
    }
    const run = banzu(['schedule', '--requirements', file('need.csv', rows.join('\n')), '--shifts', shifts, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(result)).toEqual(['status', 'objective', 'assignments', 'coverage']);
    // Two 早班 and one 晚班 a day, 8 hours each: 48.
    expect(result).toMatchObject({ status: 'optimal', objective: 48 });
    expect(result.assignments).toEqual([
      { day: '2026-03-02', shift: '早班', agents: 2 },
      { day: '2026-03-02', shift: '晚班', agents: 1 },
      { day: '2026-03-03', shift: '早班', agents: 2 },
      { day: '2026-03-03', shift: '晚班', agents: 1 },
    ]);
    expect(result.coverage).toHaveLength(48);
    expect(result.coverage[0]).toEqual({ start: '2026-03-02T08:00', required: 2, scheduled: 2 });
  });

  it('answers infeasible naming the interval no shift covers, in JSON and in words', () => {
    const need = file('night.csv', 'start,agents\n2026-03-02T09:00,1\n2026-03-02T22:00,1\n');
    const json = banzu(['schedule', '--requirements', need, '--shifts', shifts, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'infeasible', objective: null, reasons: ['no shift covers the interval at 2026-03-02T22:00, which requires agents'] });
    expect(banzu(['schedule', '--requirements', need, '--shifts', shifts]).stdout).toContain('无可行排班 infeasible');
  });

  it.each([
    [['--shifts', 'x.json'], '缺少 --requirements'],
    [['--requirements', 'x.csv'], '缺少 --shifts'],
    [['--requirements', join(dir, 'none.csv'), '--shifts', 'x.json'], 'cannot read'],
  ])('%j exits 2: %s', (args, message) => {
    const run = banzu(['schedule', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('names the row or shift that is wrong', () => {
    const need = file('ok.csv', 'start,agents\n2026-03-02T09:00,1\n');
    const bad = file('bad.csv', 'start,agents\n2026-03-02T09:00,1.5\n');
    expect(banzu(['schedule', '--requirements', bad, '--shifts', shifts]).stderr).toContain('bad.csv 第 2 行：agents 须为整数，收到“1.5”');
    const noList = file('no-list.json', '{"shift":[]}');
    expect(banzu(['schedule', '--requirements', need, '--shifts', noList]).stderr).toContain('no-list.json 须为 {"shifts":[');
    expect(banzu(['schedule', '--requirements', need, '--shifts', join(dir, 'none.json')]).stderr).toContain(`读不到 ${join(dir, 'none.json')}（ENOENT）`);
    const badTime = file('bad-time.json', JSON.stringify({ shifts: [{ name: '早班', start: '8:00', end: '16:00' }] }));
    const run = banzu(['schedule', '--requirements', need, '--shifts', badTime]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('早班: not a time of day (HH:MM): "8:00"');
  });
});
