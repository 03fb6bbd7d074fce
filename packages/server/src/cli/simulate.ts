import { simulateSingleQueue } from '@banzu/core';
import { numberFlag, parseFlags, requiredNumberFlag, type Command } from './command';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const sec = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} s`);

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'What-if: run the real router against simulated traffic (one queue, Poisson arrivals, exponential talk and patience).',
  usage:
    'banzu simulate --agents <n> --volume <calls per interval> --interval <s> --aht <s> [--patience <s>] [--threshold <s>] [--hours <h>] [--seed <n>] [--json]',
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
    });
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
    const result = simulateSingleQueue(scenario);
    const wallSeconds = (performance.now() - started) / 1000;
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
