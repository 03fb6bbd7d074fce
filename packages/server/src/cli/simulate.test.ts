import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/banzu.js');
const banzu = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LOG_LEVEL: 'silent' } });

describe('banzu simulate --record', () => {
  it('writes a simulated day into the store, and the report equals the simulator’s summary', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'banzu-record-'));
    const args = ['simulate', '--agents', '8', '--volume', '90', '--interval', '1800', '--aht', '240', '--patience', '150', '--hours', '6', '--seed', '2'];
    const run = banzu([...args, '--json', '--record', '--date', '2026-03-02', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    const report = banzu(['report', '--from', '2026-03-02', '--to', '2026-03-02', '--by', 'interval', '--interval', '60', '--data-dir', dataDir]);
    expect(report.status, report.stderr).toBe(0);
    const { rows, total } = JSON.parse(report.stdout);
    // Calls still in the system when the run stops have no outcome yet, in both.
    expect(total.tally.offered).toBe(summary.offered);
    expect(total.tally.answered).toBe(summary.answered);
    expect(total.tally.abandoned).toBe(summary.abandoned);
    expect(total.metrics.serviceLevel).toBeCloseTo(summary.serviceLevel, 10);
    expect(total.metrics.averageSpeedOfAnswer).toBeCloseTo(summary.asa, 10);
    expect(rows.map((r: { key: string }) => r.key)).toEqual(['2026-03-02 00:00', '2026-03-02 01:00', '2026-03-02 02:00', '2026-03-02 03:00', '2026-03-02 04:00', '2026-03-02 05:00']);
    expect(banzu([...args, '--record']).stderr).toContain('--record needs --date');
  });
});
