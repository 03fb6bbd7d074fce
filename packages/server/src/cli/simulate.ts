import { fromLocal, simulateSingleQueue, type DomainEvent } from '@banzu/core';
import { openBanzu, startProjections } from '../bootstrap/index';
import { loadConfig } from '../config/index';
import { loadCenter } from '../org/index';
import { numberFlag, parseFlags, requiredNumberFlag, UsageError, type Command } from './command';

async function withStore<T>(dataDir: string | undefined, work: (banzu: Awaited<ReturnType<typeof openBanzu>>) => Promise<T>): Promise<T> {
  const banzu = await openBanzu(loadConfig({ overrides: { dataDir, demo: false } }), (line) => console.error(line));
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
    for (let i = 0; i < events.length; i += 5000) {
      await banzu.log.append(events.slice(i, i + 5000).map((e) => ({ type: e.type, stream: e.stream, payload: e.payload, occurredAt: e.at })));
    }
    (await startProjections(banzu, () => {})).forEach((runner) => runner.stop());
    console.error(`recorded ${events.length} events`);
  });
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const sec = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} s`);

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'What-if: run the real router against simulated traffic (one queue, Poisson arrivals, exponential talk and patience).',
  usage:
    'banzu simulate --agents <n> --volume <calls per interval> --interval <s> --aht <s> [--patience <s>] [--threshold <s>] [--hours <h>] [--seed <n>] [--json] [--record --date <YYYY-MM-DD> [--data-dir <dir>]]',
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
    });
    if (values.record && !values.date) throw new UsageError('--record needs --date <YYYY-MM-DD>: the day the simulated calls are recorded on');
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date must be YYYY-MM-DD, got "${values.date}"`);
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
    const started = performance.now();
    const recorded: DomainEvent[] = [];
    const result = values.record
      ? simulateSingleQueue({ ...scenario, start: await centerMidnight(values.date!, values['data-dir']) }, (events) => recorded.push(...events))
      : simulateSingleQueue(scenario);
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
