import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command';
import { progressBar } from './simulate';
import { loadScenario } from './simulate-scenario';

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
    expect(rows.map((r: { key: string }) => r.key)).toEqual([
      '2026-03-02 00:00',
      '2026-03-02 01:00',
      '2026-03-02 02:00',
      '2026-03-02 03:00',
      '2026-03-02 04:00',
      '2026-03-02 05:00',
    ]);
    expect(banzu([...args, '--record']).stderr).toContain('--record 需要 --date <YYYY-MM-DD>：模拟的呼叫记在哪一天');
    expect(banzu([...args, '--record', '--date', '2026-02-30']).stderr).toContain('--date 须为日历上的日期 YYYY-MM-DD，收到 "2026-02-30"');
    // Three processes, each opening the embedded database: slow on a busy machine.
  }, 180_000);
});

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples');

describe('banzu simulate --scenario', () => {
  it('runs the example scenario: totals, a per-queue breakdown that adds up, and the same figures from the same seed', () => {
    const args = ['simulate', '--scenario', join(examples, 'scenario.json'), '--hours', '12', '--json'];
    const run = banzu(args);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['offered', 'answered', 'abandoned', 'serviceLevel', 'asa', 'occupancy', 'abandonRate', 'simulatedSeconds', 'wallSeconds', 'queues']);
    expect(Object.keys(result.queues)).toEqual(['general', 'english', 'vip']);
    const sum = (field: string) => Object.values(result.queues as Record<string, Record<string, number>>).reduce((a, q) => a + q[field]!, 0);
    expect(sum('offered')).toBe(result.offered);
    expect(sum('answered')).toBe(result.answered);
    expect(result.offered).toBeGreaterThan(1000);
    expect(result.serviceLevel).toBeGreaterThan(0);
    expect(result.serviceLevel).toBeLessThanOrEqual(1);
    expect(result.simulatedSeconds).toBe(12 * 3600);
    const again = JSON.parse(banzu(args).stdout);
    expect({ ...again, wallSeconds: 0 }).toEqual({ ...result, wallSeconds: 0 });
    const text = banzu(['simulate', '--scenario', join(examples, 'scenario.json'), '--hours', '2', '--seed', '5']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('3 queues');
    expect(text.stdout).toMatch(/vip\s+\d+/);
    // Not a terminal: no progress bar on stderr.
    expect(text.stderr).toBe('');
  });

  it('replays recorded interval volumes (the 15-minute export with AHT, the bank’s 5-minute counts)', () => {
    const replay = banzu(['simulate', '--scenario', join(examples, 'scenario-replay.json'), '--hours', '3', '--json']);
    expect(replay.status, replay.stderr).toBe(0);
    // 2023-03-06 00:00-03:00 in the export: 188 calls (Poisson: within 4σ).
    const offered = JSON.parse(replay.stdout).offered;
    expect(offered).toBeGreaterThan(188 - 4 * Math.sqrt(188));
    expect(offered).toBeLessThan(188 + 4 * Math.sqrt(188));

    const dir = mkdtempSync(join(tmpdir(), 'banzu-scenario-'));
    const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},2003-03-03T07:${String(i * 5).padStart(2, '0')}:00Z,100`);
    writeFileSync(join(dir, 'bank.csv'), ['rownames,DateTime,Calls', ...rows, '13,2003-03-03T08:00:00Z,0'].join('\n'));
    writeFileSync(
      join(dir, 'bank.json'),
      JSON.stringify({
        start: '2026-03-02T07:00',
        hours: 2,
        talk: { kind: 'exponential', mean: 120 },
        patience: null,
        queues: [{ id: 'bank', arrivals: { csv: 'bank.csv', scale: 0.5 } }],
        agentGroups: [{ id: 'a', count: 100, shifts: [{ logIn: '07:00', logOut: '09:00' }] }],
      }),
    );
    const bank = banzu(['simulate', '--scenario', join(dir, 'bank.json'), '--json']);
    expect(bank.status, bank.stderr).toBe(0);
    // 12 five-minute intervals of 100 calls, at half scale: 600 expected.
    expect(JSON.parse(bank.stdout).offered).toBeGreaterThan(600 - 4 * Math.sqrt(600));
    expect(JSON.parse(bank.stdout).offered).toBeLessThan(600 + 4 * Math.sqrt(600));
  });

  it('refuses a bad scenario file with the JSON path and the problem, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-scenario-'));
    const good = JSON.parse(readFileSync(join(examples, 'scenario.json'), 'utf8'));
    const write = (name: string, content: unknown) => {
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
      return join(dir, name);
    };
    const cases: [string, unknown, string][] = [
      ['calls.json', { ...good, queues: [{ ...good.queues[0], arrivals: { intervalMinutes: 30, calls: [1, 'x'] } }] }, 'queues[0].arrivals'],
      ['interval.json', { ...good, queues: [{ ...good.queues[0], arrivals: { intervalMinutes: 20, calls: [1] } }] }, 'queues[0].arrivals'],
      ['skill.json', { ...good, skills: ['english'] }, 'queues[2].requiredSkills[0].skill: 技能 "vip" 不在 "skills" 中'],
      ['shift.json', { ...good, agentGroups: [{ ...good.agentGroups[0], shifts: [{ logIn: '8:00', logOut: '17:00' }] }] }, 'agentGroups[0].shifts[0].logIn: 须为时刻 HH:MM'],
      [
        'overlap.json',
        {
          ...good,
          agentGroups: [
            {
              ...good.agentGroups[0],
              shifts: [
                { logIn: '22:00', logOut: '06:00' },
                { logIn: '05:00', logOut: '09:00' },
              ],
            },
          ],
        },
        'agentGroups[0].shifts[1]: 与同组的班次 0 重叠',
      ],
      ['queue.json', { ...good, agentGroups: [{ ...good.agentGroups[0], queues: ['nowhere'] }] }, 'agentGroups[0].queues[0]: 没有队列 "nowhere"'],
      ['talk.json', { ...good, talk: { kind: 'lognormal', mean: 200 } }, 'talk.cv'],
      ['unknown.json', { ...good, agnets: [] }, 'agnets'],
      [
        'share.json',
        {
          ...good,
          customerClasses: [
            { name: 'a', share: 0.7, vipLevel: 1 },
            { name: 'b', share: 0.6, vipLevel: 2 },
          ],
        },
        'customerClasses: 占比合计 1.3，超过 1',
      ],
      ['date.json', { ...good, start: '2026-02-30' }, 'start: 不是日历上的日期'],
      ['csv.json', { ...good, queues: [{ ...good.queues[0], arrivals: { csv: 'missing.csv' } }, ...good.queues.slice(1)] }, 'queues[0].arrivals.csv：读不到'],
      ['broken.json', '{"start": ', '不是有效的 JSON'],
    ];
    for (const [name, content, message] of cases) {
      const path = write(name, content);
      expect(() => loadScenario(path), name).toThrow(UsageError);
      expect(() => loadScenario(path), name).toThrow(message);
    }
    // As the command line shows it: the message, exit 2, no stack trace, nothing on stdout.
    const run = banzu(['simulate', '--scenario', join(dir, 'skill.json'), '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('queues[2].requiredSkills[0].skill: 技能 "vip" 不在 "skills" 中');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    const mixed = banzu(['simulate', '--scenario', join(examples, 'scenario.json'), '--agents', '10']);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('请去掉 --agents');
    expect(banzu(['simulate', '--scenario', join(dir, 'nope.json')]).stderr).toContain('读不到（ENOENT）');
  });
});

describe('banzu simulate --scenario --record', () => {
  // Two queues, one needing a skill with its own wrap-up, answer delays, ring-no-answers, impatient
  // callers of whom half ask for a callback: every path of a call the reports count.
  const scenario = {
    start: '2026-03-02T08:00',
    hours: 4,
    seed: 3,
    skills: ['english'],
    talk: { kind: 'lognormal', mean: 180, cv: 0.6 },
    wrapUp: { kind: 'lognormal', mean: 20, cv: 0.5 },
    patience: { kind: 'exponential', mean: 60 },
    answerDelay: { kind: 'lognormal', mean: 4, cv: 0.5 },
    noAnswerProbability: 0.05,
    callbackShare: 0.5,
    queues: [
      { id: 'sales', arrivals: { intervalMinutes: 60, calls: [60, 80, 80, 60] } },
      {
        id: 'english',
        requiredSkills: [{ skill: 'english', minLevel: 2 }],
        wrapUp: { kind: 'fixed', value: 45 },
        arrivals: { intervalMinutes: 60, calls: [20, 30, 30, 20] },
      },
    ],
    agentGroups: [
      { id: 'general', count: 5, queues: ['sales'], shifts: [{ logIn: '08:00', logOut: '12:00' }] },
      { id: 'bilingual', count: 3, skills: { english: 3 }, shifts: [{ logIn: '08:00', logOut: '12:00' }] },
    ],
  };

  it('records the run on the given day of the center, and each queue’s report equals the simulator’s counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-scenario-record-'));
    const file = join(dir, 'two-queues.json');
    writeFileSync(file, JSON.stringify(scenario));
    const dataDir = join(dir, 'data');
    const run = banzu(['simulate', '--scenario', file, '--json', '--record', '--date', '2026-03-09', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('已记录');
    const summary = JSON.parse(run.stdout);
    const report = banzu(['report', '--from', '2026-03-09', '--to', '2026-03-09', '--by', 'queue', '--data-dir', dataDir]);
    expect(report.status, report.stderr).toBe(0);
    const rows = JSON.parse(report.stdout).rows as { key: string; tally: Record<string, number> }[];
    const counts = (t: Record<string, number>) => ({
      offered: t.offered,
      answered: t.answered,
      abandoned: t.abandoned,
      callbacksRequested: t.callbacksRequested,
      callbacksCompleted: t.callbacksCompleted,
    });
    for (const queueId of ['sales', 'english']) {
      const row = rows.find((r) => r.key === queueId);
      expect(row, queueId).toBeDefined();
      expect(counts(row!.tally), queueId).toEqual(counts(summary.queues[queueId]));
    }
    // Every path was taken, so the equality above says something about each.
    const sum = (field: string) => summary.queues.sales[field] + summary.queues.english[field];
    expect(sum('abandoned')).toBeGreaterThan(0);
    expect(sum('callbacksCompleted')).toBeGreaterThan(0);
    expect(sum('offered')).toBe(summary.offered);
    // The scenario's 08:00-12:00 lands on the center's clock of the day asked for, not the file's day.
    const byHour = banzu(['report', '--from', '2026-03-09', '--to', '2026-03-09', '--by', 'interval', '--interval', '60', '--data-dir', dataDir]);
    expect(byHour.status, byHour.stderr).toBe(0);
    expect(JSON.parse(byHour.stdout).rows.map((r: { key: string }) => r.key)).toEqual(['2026-03-09 08:00', '2026-03-09 09:00', '2026-03-09 10:00', '2026-03-09 11:00']);
    // The same run again would count every call twice: refused, and the day's figures stay.
    const again = banzu(['simulate', '--scenario', file, '--json', '--record', '--date', '2026-03-09', '--data-dir', dataDir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('这一天已记录过同一次模拟');
    const after = banzu(['report', '--from', '2026-03-09', '--to', '2026-03-09', '--by', 'queue', '--data-dir', dataDir]);
    expect(JSON.parse(after.stdout).rows).toEqual(rows);
  }, 180_000);

  it('refuses bad flags and a bad scenario file in Chinese, exit 2, before anything is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-scenario-record-'));
    const file = join(dir, 'two-queues.json');
    writeFileSync(file, JSON.stringify(scenario));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...scenario, queues: [{ ...scenario.queues[0], arrivals: { intervalMinutes: 60, calls: [-5] } }] }));
    const dataDir = join(dir, 'never-written');
    const cases: [string[], string][] = [
      [['--scenario', file, '--record'], '--record 需要 --date'],
      [['--scenario', file, '--record', '--date', '2026-02-30', '--data-dir', dataDir], '--date 须为日历上的日期 YYYY-MM-DD，收到 "2026-02-30"'],
      [['--scenario', file, '--date', '2026-03-09', '--data-dir', dataDir], '--date 和 --data-dir 只与 --record 一起使用'],
      [['--scenario', file, '--record', '--date', '2026-03-09', '--agents', '3', '--data-dir', dataDir], '请去掉 --agents'],
      [['--scenario', bad, '--record', '--date', '2026-03-09', '--data-dir', dataDir], `场景文件 ${bad} 有误：queues[0].arrivals`],
      [['--scenario', join(dir, 'missing.json'), '--record', '--date', '2026-03-09', '--data-dir', dataDir], '读不到（ENOENT）'],
    ];
    for (const [args, message] of cases) {
      const run = banzu(['simulate', ...args]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
      expect(existsSync(dataDir), args.join(' ')).toBe(false);
    }
  }, 180_000);
});

describe('a scenario file on the simulated clock', () => {
  it('places shifts on every day of the run, the night shift of the day before included, and repeats a one-day profile daily', () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-scenario-'));
    const file = join(dir, 'night.json');
    writeFileSync(
      file,
      JSON.stringify({
        start: '2026-03-02',
        hours: 48,
        talk: { kind: 'fixed', value: 60 },
        patience: null,
        queues: [{ id: 'q', arrivals: { intervalMinutes: 60, calls: Array.from({ length: 24 }, (_, h) => h) } }],
        agentGroups: [{ id: 'n', count: 1, shifts: [{ logIn: '22:00', logOut: '06:00' }] }],
      }),
    );
    const s = loadScenario(file);
    const day = Date.UTC(2026, 2, 2);
    const h = 3_600_000;
    expect(s.agentGroups[0]!.shifts).toEqual([
      { logIn: day, logOut: day + 6 * h },
      { logIn: day + 22 * h, logOut: day + 30 * h },
      { logIn: day + 46 * h, logOut: day + 54 * h },
    ]);
    const arrivals = s.queues[0]!.arrivals;
    expect(arrivals).toHaveLength(48);
    expect(arrivals[25]).toEqual({ start: day + 25 * h, seconds: 3600, calls: 1 });
  });
});

describe('the progress bar', () => {
  it('draws the share of simulated time on a terminal, and nothing elsewhere', () => {
    const written: string[] = [];
    const tty = progressBar({ isTTY: true, write: (s: string) => written.push(s) > 0 }, 'simulating', 0);
    tty.update(0.5);
    tty.update(0.5);
    tty.update(1);
    tty.clear();
    expect(written).toHaveLength(3);
    expect(written[0]).toBe(`\rsimulating [${'#'.repeat(15)}${'.'.repeat(15)}]  50%`);
    expect(written[1]).toContain('100%');
    expect(written[2]).toBe('\r\x1b[2K');
    const piped: string[] = [];
    const pipe = progressBar({ isTTY: false, write: (s: string) => piped.push(s) > 0 }, 'simulating', 0);
    pipe.update(0.5);
    pipe.clear();
    expect(piped).toEqual([]);
  });
});
