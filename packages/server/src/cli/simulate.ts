import { fromLocal, simulateScenario, simulateSingleQueue, type DomainEvent } from '@banzu/core';
import { openBanzu, startProjections } from '../bootstrap/index';
import { loadConfig } from '../config/index';
import { loadCenter } from '../org/index';
import { numberFlag, parseFlags, requiredNumberFlag, said, UsageError, type Command } from './command';
import { loadScenario, onCenterDate } from './simulate-scenario';

async function withStore<T>(dataDir: string | undefined, work: (banzu: Awaited<ReturnType<typeof openBanzu>>) => Promise<T>): Promise<T> {
  const banzu = await openBanzu(loadConfig({ overrides: { dataDir } }), (line) => console.error(line));
  try {
    return await work(banzu);
  } finally {
    await banzu.close();
  }
}

/** Midnight of the date on the center's clock, where a recorded run starts. */
function centerMidnight(date: string, dataDir: string | undefined): Promise<number> {
  return withStore(dataDir, async (banzu) => {
    const { timeZone } = await loadCenter(banzu.store);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return fromLocal(y, m, d, 0, 0, timeZone);
  });
}

/**
 * Writes a simulated run into the store's event log as if it were real traffic, then brings the
 * reports up to date, so the reports can be checked against the simulator's own summary.
 */
function record(events: DomainEvent[], dataDir: string | undefined): Promise<void> {
  return withStore(dataDir, async (banzu) => {
    await append(banzu, events);
    console.error(`recorded ${events.length} events`);
  });
}

/**
 * Appends a run and brings the reports up to date. The same run (day and seed) recorded twice would
 * put each call's events in its record twice: refused before anything is written.
 */
async function append(banzu: Awaited<ReturnType<typeof openBanzu>>, events: DomainEvent[]): Promise<void> {
  const firstCall = events.find((e) => e.type.startsWith('call.'));
  if (firstCall && (await banzu.log.readStream(firstCall.stream)).length > 0) {
    throw new UsageError(said('cli.simulate.recorded_twice'));
  }
  for (let i = 0; i < events.length; i += 5000) await banzu.log.append(events.slice(i, i + 5000));
  for (const runner of await startProjections(banzu, () => {})) runner.stop();
}

/**
 * A progress bar on stderr, by the simulated time reached, for a person watching a terminal: drawn
 * only on a TTY, and only once the run has taken a moment, so short runs print nothing extra.
 */
export function progressBar(
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr,
  label = 'simulating',
  delayMs = 300,
): { update(done: number): void; clear(): void } {
  const started = performance.now();
  let drawn = false;
  let last = -1;
  return {
    update(done) {
      if (!stream.isTTY || performance.now() - started < delayMs) return;
      const percent = Math.floor(done * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round(done * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const sec = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} s`);

export const simulateCommand: Command = {
  name: 'simulate',
  summary:
    'What-if: run the real router against simulated traffic: one queue (Poisson arrivals, exponential talk and patience), or a scenario file of several queues, skills, profiles and shifts (docs/simulation.md).',
  usage:
    'banzu simulate --agents <n> --volume <calls per interval> --interval <s> --aht <s> [--patience <s>] [--threshold <s>] [--hours <h>] [--seed <n>] [--json] [--record --date <YYYY-MM-DD> [--data-dir <dir>]]\n' +
    '       banzu simulate --scenario <file.json> [--hours <h>] [--seed <n>] [--json] [--record --date <YYYY-MM-DD> [--data-dir <dir>]]',
  async run(argv) {
    const { values } = parseFlags(argv, {
      agents: { type: 'string' },
      volume: { type: 'string' },
      interval: { type: 'string' },
      aht: { type: 'string' },
      patience: { type: 'string' },
      threshold: { type: 'string' },
      hours: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      record: { type: 'boolean' },
      date: { type: 'string' },
      'data-dir': { type: 'string' },
      scenario: { type: 'string' },
    });
    if (values.scenario !== undefined) return runScenario(values);
    if (values.record && !values.date) throw new UsageError(said('cli.simulate.record_needs_date'));
    if (values.date && !isCalendarDate(values.date)) throw new UsageError(said('cli.simulate.not_a_date', { value: values.date }));
    const scenario = {
      agents: requiredNumberFlag('agents', values.agents, { min: 1, max: 100_000, integer: true }),
      volume: requiredNumberFlag('volume', values.volume, { min: 0, max: 10_000_000 }),
      intervalSeconds: requiredNumberFlag('interval', values.interval, { min: 1, max: 86_400 }),
      ahtSeconds: requiredNumberFlag('aht', values.aht, { min: 1, max: 86_400 }),
      patienceSeconds: numberFlag('patience', values.patience, { min: 1, max: 86_400 }),
      thresholdSeconds: numberFlag('threshold', values.threshold, { min: 0, max: 86_400 }) ?? 20,
      hours: numberFlag('hours', values.hours, { min: 0.1, max: 24 * 31 }) ?? 24,
      seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1,
    };
    const start = values.record ? await centerMidnight(values.date!, values['data-dir']) : undefined;
    const started = performance.now();
    const recorded: DomainEvent[] = [];
    const bar = progressBar();
    const result = simulateSingleQueue(
      start === undefined ? scenario : { ...scenario, start },
      values.record ? (events) => recorded.push(...events) : undefined,
      values.json ? undefined : bar.update,
    );
    bar.clear();
    const wallSeconds = (performance.now() - started) / 1000;
    if (values.record) await record(recorded, values['data-dir']);
    if (values.json) {
      console.log(JSON.stringify({ ...result, wallSeconds }));
      return 0;
    }
    console.log(
      [
        `模拟 simulated ${scenario.hours} h with ${scenario.agents} agents, seed ${scenario.seed} (${wallSeconds.toFixed(2)} s)`,
        `  呼入 offered            ${result.offered}`,
        `  接听 answered           ${result.answered}`,
        `  放弃 abandoned          ${result.abandoned}  (${pct(result.abandonRate)})`,
        `  服务水平 service level  ${pct(result.serviceLevel)} within ${scenario.thresholdSeconds} s`,
        `  平均应答 ASA            ${sec(result.asa)}`,
        `  占有率 occupancy        ${pct(result.occupancy)}`,
      ].join('\n'),
    );
    return 0;
  },
};

type Values = ReturnType<typeof parseFlags<Record<string, { type: 'string' } | { type: 'boolean' }>>>['values'];

/** A day of the calendar as YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/**
 * `--scenario`: several queues, skills, profiles and shifts from a file; the single-queue flags do not
 * apply. With `--record` the run is moved to `--date` on the center's clock and written into the store;
 * every flag and the file are checked before the store is opened, so a mistake writes nothing.
 */
async function runScenario(values: Values): Promise<number> {
  const singleQueueFlags = ['agents', 'volume', 'interval', 'aht', 'patience', 'threshold'].filter((f) => values[f] !== undefined);
  if (singleQueueFlags.length > 0) {
    throw new UsageError(said('cli.simulate.scenario_flags', { flags: singleQueueFlags.map((f) => `--${f}`).join('、') }));
  }
  const date = values.date as string | undefined;
  const dataDir = values['data-dir'] as string | undefined;
  if (!values.record && (date !== undefined || dataDir !== undefined)) throw new UsageError(said('cli.simulate.record_only'));
  if (values.record && date === undefined) throw new UsageError(said('cli.simulate.record_needs_date'));
  if (date !== undefined && !isCalendarDate(date)) throw new UsageError(said('cli.simulate.not_a_date', { value: date }));
  const file = values.scenario as string;
  const loaded = loadScenario(file, {
    seed: numberFlag('seed', values.seed as string | undefined, { min: 0, max: 2 ** 32 - 1, integer: true }),
    hours: numberFlag('hours', values.hours as string | undefined, { min: 0.1, max: 24 * 31 }),
  });
  const simulate = (scenario: typeof loaded, onEvents?: (events: DomainEvent[]) => void) => {
    const started = performance.now();
    const bar = progressBar();
    const result = simulateScenario(scenario, { ...(values.json ? {} : { onProgress: bar.update }), ...(onEvents ? { onEvents } : {}) });
    bar.clear();
    return { result, wallSeconds: (performance.now() - started) / 1000 };
  };
  const { result, wallSeconds } =
    date === undefined
      ? simulate(loaded)
      : await withStore(dataDir, async (banzu) => {
          const { timeZone } = await loadCenter(banzu.store);
          const recorded: DomainEvent[] = [];
          const run = simulate(onCenterDate(loaded, date, timeZone), (events) => recorded.push(...events));
          await append(banzu, recorded);
          console.error(`已记录 ${recorded.length} 个事件，日期 ${date}`);
          return run;
        });
  if (values.json) {
    const { queues, ...totals } = result;
    console.log(JSON.stringify({ ...totals, wallSeconds, queues }));
    return 0;
  }
  const agents = loaded.agentGroups.reduce((a, g) => a + g.count, 0);
  // Chinese characters take two columns in a terminal.
  const padEnd = (text: string, columns: number) => text.padEnd(columns - (text.match(/[\u3000-\u9fff\uff00-\uffef]/g)?.length ?? 0));
  const row = (name: string, f: { offered: number; answered: number; abandoned: number; serviceLevel: number | null; asa: number | null }) =>
    `  ${padEnd(name, 16)} ${String(f.offered).padStart(8)} ${String(f.answered).padStart(8)} ${String(f.abandoned).padStart(8)} ${pct(f.serviceLevel).padStart(8)} ${sec(f.asa).padStart(9)}`;
  console.log(
    [
      `模拟 simulated ${loaded.hours} h of ${file}: ${loaded.queues.length} queues, ${agents} agents, seed ${loaded.seed} (${wallSeconds.toFixed(2)} s)`,
      `  ${padEnd('队列 queue', 16)} ${'offered'.padStart(8)} ${'answered'.padStart(8)} ${'abandon'.padStart(8)} ${'SL'.padStart(8)} ${'ASA'.padStart(9)}`,
      ...Object.entries(result.queues).map(([id, f]) => row(id, f)),
      row('合计 total', result),
      `  放弃率 abandon rate ${pct(result.abandonRate)} · 占有率 occupancy ${pct(result.occupancy)}`,
    ].join('\n'),
  );
  return 0;
}
