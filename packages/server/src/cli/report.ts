import { writeFile } from 'node:fs/promises';
import type { ReportDimension } from '@banzu/contract';
import { loadConfig } from '../config/index';
import { startProjections } from '../bootstrap/index';
import { loadCenter } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { dimensionLabels, metricsReport, reportWorkbook } from '../reports/index';
import { parseFlags, requiredFlag, UsageError, type Command } from './command';
import { openExistingBanzu } from './existing';

const dimensions: ReportDimension[] = ['interval', 'day', 'week', 'month', 'agent', 'team', 'site', 'queue'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Every metric of the dictionary for a period, grouped by interval, day, week, month, agent, team or queue.',
  usage: `banzu report --from <YYYY-MM-DD> --to <YYYY-MM-DD> --by <${dimensions.join('|')}> [--interval 15|30|60] [--queue <id>] [--format json|xlsx] [--out <file>] [--data-dir <dir>]`,
  async run(argv) {
    const { values } = parseFlags(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      interval: { type: 'string' },
      queue: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    for (const flag of ['from', 'to'] as const) {
      const value = values[flag];
      if (!value) throw new UsageError(requiredFlag(flag));
      if (!isoDate.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`--${flag} must be a date as YYYY-MM-DD, got "${value}"`);
    }
    if (values.from! > values.to!) throw new UsageError('--from must not be after --to');
    const by = values.by as ReportDimension;
    if (!dimensions.includes(by)) throw new UsageError(`--by must be one of ${dimensions.join(', ')}${values.by ? `, got "${values.by}"` : ''}`);
    const interval = values.interval === undefined ? undefined : Number(values.interval);
    if (interval !== undefined && ![15, 30, 60].includes(interval)) throw new UsageError(`--interval must be 15, 30 or 60, got "${values.interval}"`);
    if (interval !== undefined && by !== 'interval') throw new UsageError('--interval goes with --by interval');
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'xlsx') throw new UsageError(`--format must be json or xlsx, got "${format}"`);
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out <file>');

    const banzu = await openExistingBanzu(loadConfig({ overrides: { dataDir: values['data-dir'] } }), (line) => console.error(line));
    try {
      for (const runner of await startProjections(banzu, () => {})) runner.stop();
      const center = await loadCenter(banzu.store);
      const report = await metricsReport(banzu.store, {
        from: values.from!,
        to: values.to!,
        by,
        intervalMinutes: interval as 15 | 30 | 60 | undefined,
        queueId: values.queue,
        timeZone: center.timeZone,
        parameters: metricParameters(await loadCenterSettings(banzu.store)),
      });
      if (format === 'xlsx') {
        await writeFile(values.out!, await reportWorkbook(report, by, await dimensionLabels(banzu.store, by), `${values.from} – ${values.to}`));
        console.log(`wrote ${values.out} (${report.rows.length} rows and the total)`);
      } else {
        const json = JSON.stringify(report, null, 2);
        if (values.out) await writeFile(values.out, json);
        else console.log(json);
      }
      return 0;
    } finally {
      await banzu.close();
    }
  },
};
