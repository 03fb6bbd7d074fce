/**
 * Forecast accuracy on the bank's five-minute call counts (examples/call-volumes/bank_calls.csv,
 * summed to 30 minutes): over the last eight fortnights, each forecast from everything before it
 * (14 days ahead, `auto` choosing its method by its own backtest), the pooled WAPE of the chosen
 * method against seasonal naive's. Goal (issue 15): at least 10% lower. Also the time one forecast takes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, forecastCalls, type IntervalCount } from '../packages/core/src/index';
import type { BenchResult } from './index';

const FORTNIGHTS = 8;

function bankRows(): IntervalCount[] {
  const text = readFileSync(fileURLToPath(new URL('../examples/call-volumes/bank_calls.csv', import.meta.url)), 'utf8');
  // The timestamps carry a Z but are the bank's local clock (examples/call-volumes/README.md).
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, at, calls] = line.split(',');
      return { start: at!.slice(0, 16), calls: Number(calls) };
    });
}

/** The actual 30-minute counts of the days from `from` (included) to `to` (excluded). */
function actuals(rows: IntervalCount[], from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.start < from || r.start >= to) continue;
    const key = `${r.start.slice(0, 14)}${Number(r.start.slice(14, 16)) < 30 ? '00' : '30'}`;
    out.set(key, (out.get(key) ?? 0) + r.calls);
  }
  return out;
}

export default async function (): Promise<BenchResult[]> {
  const rows = bankRows();
  const last = rows.at(-1)!.start.slice(0, 10);
  const totals = { naive: 0, chosen: 0, actual: 0 };
  const folds: { origin: string; method: string; naive: number; chosen: number }[] = [];
  let slowest = 0;
  for (let f = FORTNIGHTS; f >= 1; f--) {
    const origin = addDays(last, 1 - 14 * f);
    const history = rows.filter((r) => r.start < origin);
    const actual = actuals(rows, origin, addDays(origin, 14));
    const t0 = process.hrtime.bigint();
    const chosen = forecastCalls(history, { intervalSeconds: 1800, horizonDays: 14 });
    slowest = Math.max(slowest, Number(process.hrtime.bigint() - t0) / 1e6);
    const naive = forecastCalls(history, { intervalSeconds: 1800, horizonDays: 14, method: 'naive' });
    const error = (forecast: IntervalCount[]) => {
      const byStart = new Map(forecast.map((i) => [i.start, i.calls]));
      let sum = 0;
      for (const [start, calls] of actual) sum += Math.abs(calls - (byStart.get(start) ?? 0));
      return sum;
    };
    const sum = [...actual.values()].reduce((a, b) => a + b, 0);
    const fold = { origin, method: chosen.method, naive: error(naive.intervals), chosen: error(chosen.intervals) };
    folds.push({ ...fold, naive: +(fold.naive / sum).toFixed(4), chosen: +(fold.chosen / sum).toFixed(4) });
    totals.naive += fold.naive;
    totals.chosen += fold.chosen;
    totals.actual += sum;
  }
  const naiveWape = totals.naive / totals.actual;
  const chosenWape = totals.chosen / totals.actual;
  const reduction = 1 - chosenWape / naiveWape;
  console.log(
    JSON.stringify({ bench: 'forecast', fortnights: FORTNIGHTS, naiveWape: +naiveWape.toFixed(4), chosenWape: +chosenWape.toFixed(4), reduction: +reduction.toFixed(3), folds }),
  );
  return [
    { name: 'bank 30-min, 8 fortnights: seasonal naive WAPE', value: naiveWape * 100, unit: '%' },
    { name: 'bank 30-min, 8 fortnights: chosen method WAPE', value: chosenWape * 100, unit: '%' },
    { name: 'bank 30-min: WAPE reduction vs seasonal naive', value: reduction * 100, unit: '%', target: '≥ 10', ok: reduction >= 0.1 },
    { name: 'one forecast (auto, 33 weeks of history)', value: slowest, unit: 'ms', target: '< 5000', ok: slowest < 5000 },
  ];
}
