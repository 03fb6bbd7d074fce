import { erlangA, erlangC, offeredTraffic, type ErlangResult } from '@banzu/core';
import { numberFlag, parseFlags, requiredNumberFlag, said, UsageError, type Command } from './command';

/** The flags `banzu erlang` and `banzu staff` share: the queue's traffic, threshold and patience. */
export const queueFlags = {
  volume: { type: 'string' },
  interval: { type: 'string' },
  aht: { type: 'string' },
  threshold: { type: 'string' },
  patience: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function queueFromFlags(values: { volume?: string; interval?: string; aht?: string; threshold?: string; patience?: string }) {
  const volume = requiredNumberFlag('volume', values.volume, { min: 0, max: 10_000_000 });
  const intervalSeconds = requiredNumberFlag('interval', values.interval, { min: 1, max: 86_400 });
  const ahtSeconds = requiredNumberFlag('aht', values.aht, { min: 1, max: 86_400 });
  const traffic = offeredTraffic(volume, intervalSeconds, ahtSeconds);
  // The Erlang recursion takes a step per agent: beyond a million Erlangs that is no longer instant.
  if (traffic > 1_000_000) throw new UsageError(said('cli.erlang.too_much_traffic', { erlangs: Math.round(traffic) }));
  return {
    volume,
    intervalSeconds,
    traffic,
    ahtSeconds,
    thresholdSeconds: requiredNumberFlag('threshold', values.threshold, { min: 0, max: 86_400 }),
    patienceSeconds: numberFlag('patience', values.patience, { min: 1, max: 86_400 }),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The Erlang figures as readable lines, Chinese and English, with the definitions they use. */
export function figureLines(r: ErlangResult, thresholdSeconds: number): string[] {
  return [
    `  等待概率 P(wait)         ${pct(r.probWait)}`,
    `  服务水平 service level   ${pct(r.serviceLevel)} answered within ${thresholdSeconds} s ÷ offered`,
    `  平均应答 ASA             ${r.asa === null ? '—' : `${r.asa.toFixed(1)} s`} (answered calls)`,
    `  占有率 occupancy         ${pct(r.occupancy)}`,
    ...(r.probAbandon === undefined ? [] : [`  放弃率 P(abandon)        ${pct(r.probAbandon)}`]),
    ...(r.unstable ? ['  排队无限增长 unstable: agents ≤ traffic, the queue grows without end (ASA infinite)'] : []),
  ];
}

/** The model's name and the queue's traffic, as the first lines of a readable summary. */
export function headerLines(r: ErlangResult, queue: ReturnType<typeof queueFromFlags>): string[] {
  return [
    r.model === 'erlang-a' ? `爱尔兰A Erlang A: callers hang up after a mean patience of ${queue.patienceSeconds} s` : '爱尔兰C Erlang C: callers wait as long as it takes',
    `  话务量 traffic           ${r.traffic.toFixed(2)} Erlangs (${queue.volume} calls / ${queue.intervalSeconds} s × AHT ${queue.ahtSeconds} s)`,
  ];
}

export const erlangCommand: Command = {
  name: 'erlang',
  summary: 'Erlang C, or exact Erlang A with --patience: P(wait), service level (answered within the threshold ÷ offered), ASA of answered calls, occupancy, P(abandon).',
  usage: 'banzu erlang --volume <calls> --interval <s> --aht <s> --agents <n> --threshold <s> [--patience <s>] [--json]',
  async run(argv) {
    const { values } = parseFlags(argv, { ...queueFlags, agents: { type: 'string' } });
    const queue = queueFromFlags(values);
    const agents = requiredNumberFlag('agents', values.agents, { min: 0, max: 1_000_000, integer: true });
    const input = { traffic: queue.traffic, agents, ahtSeconds: queue.ahtSeconds, thresholdSeconds: queue.thresholdSeconds };
    const result = queue.patienceSeconds === undefined ? erlangC(input) : erlangA({ ...input, patienceSeconds: queue.patienceSeconds });
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    console.log([...headerLines(result, queue), `  座席 agents              ${agents}`, ...figureLines(result, queue.thresholdSeconds)].join('\n'));
    return 0;
  },
};
