import { requiredAgents } from '@banzu/core';
import { numberFlag, parseFlags, requiredNumberFlag, said, UsageError, type Command } from './command';
import { figureLines, headerLines, queueFlags, queueFromFlags } from './erlang';

/** A share below 1 (target, shrinkage): 1 itself can never be reached or scheduled for. */
function belowOne(name: string, value: number): number {
  if (value >= 1) throw new UsageError(said('cli.staff.below_one', { flag: `--${name}`, value }));
  return value;
}

export const staffCommand: Command = {
  name: 'staff',
  summary:
    'Agents needed for a service-level target (answered within the threshold ÷ offered) by Erlang C, or exact Erlang A with --patience; with a maximum occupancy, and scheduled = ⌈agents / (1 − shrinkage)⌉.',
  usage: 'banzu staff --volume <calls> --interval <s> --aht <s> --threshold <s> --target <0..1> [--patience <s>] [--max-occupancy <0..1>] [--shrinkage <0..1>] [--json]',
  async run(argv) {
    const { values } = parseFlags(argv, {
      ...queueFlags,
      target: { type: 'string' },
      'max-occupancy': { type: 'string' },
      shrinkage: { type: 'string' },
    });
    const queue = queueFromFlags(values);
    const target = belowOne('target', requiredNumberFlag('target', values.target, { min: 0 }));
    const maxOccupancy = numberFlag('max-occupancy', values['max-occupancy'], { min: 0.01, max: 1 });
    const shrinkage = belowOne('shrinkage', numberFlag('shrinkage', values.shrinkage, { min: 0 }) ?? 0);
    const result = requiredAgents({
      traffic: queue.traffic,
      ahtSeconds: queue.ahtSeconds,
      thresholdSeconds: queue.thresholdSeconds,
      patienceSeconds: queue.patienceSeconds,
      target,
      maxOccupancy,
      shrinkage,
    });
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    const limit = maxOccupancy === undefined ? '' : `, occupancy at most ${(maxOccupancy * 100).toFixed(0)}%`;
    console.log(
      [
        ...headerLines(result, queue),
        `  目标 target              ${(target * 100).toFixed(1)}% within ${queue.thresholdSeconds} s${limit}`,
        `  在线座席 agents          ${result.agents}`,
        `  排班人数 scheduled       ${result.scheduled} (shrinkage ${(shrinkage * 100).toFixed(0)}%)`,
        ...figureLines(result, queue.thresholdSeconds),
      ].join('\n'),
    );
    return 0;
  },
};
