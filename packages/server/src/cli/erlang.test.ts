import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');

/** The real `banzu` binary in a child process, as a user runs it. */
function banzu(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Seed 002's Monday morning: 1000 calls per half hour, AHT 210 s, 20 s threshold. */
const seed002 = ['--volume', '1000', '--interval', '1800', '--aht', '210', '--threshold', '20'];

describe('banzu erlang', () => {
  it('answers the seed 002 puzzle as one JSON object: 60.8% with 121 agents', () => {
    const run = banzu(['erlang', ...seed002, '--agents', '121', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['model', 'traffic', 'agents', 'probWait', 'serviceLevel', 'asa', 'occupancy']);
    expect(result).toMatchObject({ model: 'erlang-c', agents: 121 });
    expect(result.traffic).toBeCloseTo(116.67, 2);
    expect(result.serviceLevel).toBeCloseTo(0.608, 3);
  });

  it('uses exact Erlang A with --patience, and flags an overloaded Erlang C queue', () => {
    const abandon = JSON.parse(banzu(['erlang', ...seed002, '--agents', '110', '--patience', '60', '--json']).stdout);
    expect(abandon.model).toBe('erlang-a');
    expect(abandon.probAbandon).toBeGreaterThan(0.05);
    expect(abandon.probAbandon).toBeLessThan(0.12);
    const overloaded = JSON.parse(banzu(['erlang', ...seed002, '--agents', '110', '--json']).stdout);
    expect(overloaded).toMatchObject({ probWait: 1, serviceLevel: 0, asa: null, unstable: true });
    expect(overloaded).not.toHaveProperty('probAbandon');
  });

  it('prints a readable summary in both languages without --json', () => {
    const run = banzu(['erlang', ...seed002, '--agents', '118']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('服务水平 service level   24.5% answered within 20 s ÷ offered');
    expect(run.stdout).toContain('116.67 Erlangs');
  });
});

describe('banzu staff', () => {
  it('finds the agents for a target and schedules for shrinkage', () => {
    const run = banzu(['staff', ...seed002, '--target', '0.6', '--shrinkage', '0.3', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).slice(0, 3)).toEqual(['agents', 'scheduled', 'model']);
    expect(result).toMatchObject({ agents: 121, scheduled: 173, model: 'erlang-c' });
    expect(result.serviceLevel).toBeCloseTo(0.608, 3);
    const text = banzu(['staff', ...seed002, '--target', '0.8', '--patience', '120', '--max-occupancy', '0.9']).stdout;
    expect(text).toContain('Erlang A');
    // Erlang A reaches 80% with 112 agents, but at 97% occupancy: the 90% limit asks for 129.
    expect(text).toMatch(/在线座席 agents\s+129\n/);
  });

  it.each([
    [['erlang', ...seed002], '缺少 --agents'],
    [['erlang', '--volume', '1000', '--interval', '1800', '--aht', '210', '--agents', '121'], '缺少 --threshold'],
    [['erlang', ...seed002, '--agents', '120.5'], '--agents 须为整数'],
    [['erlang', ...seed002, '--agents', '121', '--patience', '0'], '--patience 不能小于 1'],
    [['staff', ...seed002, '--target', '80'], '--target 须小于 1（比例：80% 写 0.8），收到 80'],
    [['staff', ...seed002, '--target', '0.8', '--shrinkage', '1'], '--shrinkage 须小于 1'],
    [['staff', ...seed002, '--target', '0.8', '--max-occupancy', '1.5'], '--max-occupancy 不能大于 1'],
    [['staff', '--volume', '10000000', '--interval', '1', '--aht', '86400', '--threshold', '20', '--target', '0.8'], '爱尔兰，最多支持 1,000,000'],
  ])('%j exits 2: %s', (args, message) => {
    const run = banzu(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
