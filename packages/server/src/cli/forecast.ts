import { CalendarInputError, forecastCalls, type ForecastMethod, type IntervalCount, parseLocalDateTime, WfmInputError } from '@banzu/core';
import { numberCell, readCsvFile, WfmFileError } from '../wfm/csv';
import { parseFlags, requiredFlag, requiredNumberFlag, said, UsageError, type Command } from './command';

const methods = ['auto', 'naive', 'profile', 'hw'] as const;

/** The history file's rows: `start` and `calls`, and `aht` where the file has it. */
async function readHistory(file: string): Promise<IntervalCount[]> {
  const rows = await readCsvFile(file, ['start', 'calls']);
  return rows.map(({ row, cells }) => {
    try {
      parseLocalDateTime(cells.start!);
    } catch (err) {
      if (err instanceof CalendarInputError) throw new WfmFileError(said('cli.file.cell', { file, row, column: 'start', detail: err.message }));
      throw err;
    }
    const interval: IntervalCount = { start: cells.start!, calls: numberCell(file, row, 'calls', cells.calls!) };
    if (cells.aht !== undefined && cells.aht !== '') interval.aht = numberCell(file, row, 'aht', cells.aht);
    return interval;
  });
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export const forecastCommand: Command = {
  name: 'forecast',
  summary: [
    'Forecasts calls (and AHT, when the history has an aht column) per interval for the days after the history.',
    'The CSV has a start column (local date-time of the interval start, e.g. 2026-03-02T09:00) and calls; weekends or hours with no rows are closed.',
    'Methods: naive (same interval last week), profile (median of recent weeks by weekday), hw (double-seasonal Holt-Winters), auto (the lowest WAPE in a backtest).',
    'The backtest holds out the last days of the history: WAPE = Σ|actual − forecast| ÷ Σ actual, MASE against seasonal naive.',
  ].join('\n'),
  usage: `banzu forecast --history <file.csv> --interval <seconds> --horizon-days <n> [--method ${methods.join('|')}] [--json]`,
  async run(argv) {
    const { values } = parseFlags(argv, {
      history: { type: 'string' },
      interval: { type: 'string' },
      'horizon-days': { type: 'string' },
      method: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!values.history) throw new UsageError(requiredFlag('history'));
    const intervalSeconds = requiredNumberFlag('interval', values.interval, { min: 60, max: 86_400, integer: true });
    if (86_400 % intervalSeconds !== 0) throw new UsageError(said('cli.forecast.interval_divides_day', { value: intervalSeconds }));
    const horizonDays = requiredNumberFlag('horizon-days', values['horizon-days'], { min: 1, max: 366, integer: true });
    const method = (values.method ?? 'auto') as ForecastMethod | 'auto';
    if (!(methods as readonly string[]).includes(method)) throw new UsageError(said('cli.one_of', { flag: '--method', choices: methods.join('、'), value: method }));
    let result: ReturnType<typeof forecastCalls>;
    try {
      result = forecastCalls(await readHistory(values.history), { intervalSeconds, horizonDays, method });
    } catch (err) {
      if (err instanceof WfmFileError) throw new UsageError(err.message);
      if (err instanceof WfmInputError) throw new UsageError(said('cli.flag_problem', { flag: values.history, detail: err.message }));
      throw err;
    }
    if (values.json) {
      console.log(JSON.stringify(result));
      return 0;
    }
    const days = new Map<string, { calls: number; peak: IntervalCount }>();
    for (const i of result.intervals) {
      const day = days.get(i.start.slice(0, 10));
      if (!day) days.set(i.start.slice(0, 10), { calls: i.calls, peak: i });
      else {
        day.calls += i.calls;
        if (i.calls > day.peak.calls) day.peak = i;
      }
    }
    console.log(
      [
        `预测方法 method            ${result.method}`,
        `回测 backtest              WAPE ${pct(result.backtest.wape)}, MASE ${result.backtest.mase ?? '—'}`,
        `  日期 date     话务量 calls   高峰 peak interval`,
        ...[...days].map(([date, d]) => `  ${date}  ${d.calls.toFixed(0).padStart(12)}   ${d.peak.start.slice(11)} (${d.peak.calls.toFixed(1)})`),
        days.size === 0 ? '  (no open interval in the horizon)' : `  ${result.intervals.length} intervals; --json for each`,
      ].join('\n'),
    );
    return 0;
  },
};
