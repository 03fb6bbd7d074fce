/**
 * WFM benchmark: the Erlang formulas and staffing as a planner uses them. One exact Erlang A
 * evaluation at about 4,167 Erlangs, staffed (series) and overloaded (quadrature); staffing a day of 96 quarter-hours for 100 queues (the demo
 * center's real day shape, 500 to 50,000 calls a day per queue, AHT 180-420 s) by Erlang C and by
 * Erlang A; Erlang C and staffing at 100,000 Erlangs. Each figure is the median of several runs after
 * a warm-up.
 */
import { erlangA, erlangC, requiredAgents, weekdayShares, type StaffingInput } from '../packages/core/src/index';
import type { BenchResult } from './index';

function medianMs(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** 100 queues × 96 quarter-hours: daily volumes spread geometrically, each with its own AHT. */
function plan(patienceSeconds?: number): StaffingInput[] {
  const inputs: StaffingInput[] = [];
  for (let q = 0; q < 100; q++) {
    const daily = 500 * 100 ** (q / 99);
    const ahtSeconds = 180 + ((q * 37) % 241);
    for (const share of weekdayShares) {
      inputs.push({ traffic: (daily * share * ahtSeconds) / 900, ahtSeconds, thresholdSeconds: 20, target: 0.8, maxOccupancy: 0.9, shrinkage: 0.3, patienceSeconds });
    }
  }
  return inputs;
}

export default async function (): Promise<BenchResult[]> {
  // 25,000 calls per half hour of 300 s: 4,166.7 Erlangs, on 4,200 agents, patience 2 minutes.
  const big = { traffic: (25_000 * 300) / 1800, agents: 4200, ahtSeconds: 300, thresholdSeconds: 20, patienceSeconds: 120 };
  const erlangAMs = medianMs(51, () => erlangA(big));
  // 3,500 agents: 16% short, too far below the traffic for the series, so the quadrature runs.
  const overloadedMs = medianMs(51, () => erlangA({ ...big, agents: 3500 }));
  const byC = plan();
  const byA = plan(120);
  let agentsC = 0;
  let agentsA = 0;
  const staffingCMs = medianMs(5, () => {
    agentsC = byC.reduce((sum, input) => sum + requiredAgents(input).agents, 0);
  });
  const staffingAMs = medianMs(5, () => {
    agentsA = byA.reduce((sum, input) => sum + requiredAgents(input).agents, 0);
  });
  const huge = { traffic: 100_000, agents: 100_316, ahtSeconds: 180, thresholdSeconds: 20 };
  const erlangC100kMs = medianMs(21, () => erlangC(huge));
  const staffing100kMs = medianMs(11, () => requiredAgents({ ...huge, target: 0.8 }));
  console.log(
    JSON.stringify({
      bench: 'wfm',
      erlangAMs: +erlangAMs.toFixed(3),
      erlangAOverloadedMs: +overloadedMs.toFixed(3),
      staffingQueueIntervals: byC.length,
      staffingErlangCMs: +staffingCMs.toFixed(1),
      staffingErlangAMs: +staffingAMs.toFixed(1),
      agentQuarterHoursErlangC: agentsC,
      agentQuarterHoursErlangA: agentsA,
      erlangC100kMs: +erlangC100kMs.toFixed(3),
      staffing100kMs: +staffing100kMs.toFixed(3),
    }),
  );
  return [
    { name: 'Erlang A, one evaluation at 4,167 Erlangs', value: erlangAMs, unit: 'ms', target: '< 5', ok: erlangAMs < 5 },
    { name: 'Erlang A, 4,167 Erlangs on 3,500 agents (quadrature)', value: overloadedMs, unit: 'ms', target: '< 5', ok: overloadedMs < 5 },
    { name: 'staffing 100 queues × 96 intervals, Erlang C', value: staffingCMs, unit: 'ms', target: '< 100', ok: staffingCMs < 100 },
    { name: 'staffing 100 queues × 96 intervals, Erlang A', value: staffingAMs, unit: 'ms', target: '< 100', ok: staffingAMs < 100 },
    { name: 'Erlang C, one evaluation at 100,000 Erlangs', value: erlangC100kMs, unit: 'ms' },
    { name: 'staffing one queue at 100,000 Erlangs, Erlang C', value: staffing100kMs, unit: 'ms' },
  ];
}
