import { writeFile } from 'node:fs/promises';
import type { ReportDimension } from '@banzu/contract';
import type { CallDirection } from '@banzu/core';
import { loadConfig } from '../config/index';
import { startProjections } from '../bootstrap/index';
import { loadCenter } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { dimensionLabels, metricsReport, reportWorkbook } from '../reports/index';
import { parseFlags, requiredFlag, said, UsageError, type Command } from './command';
import { openExistingBanzu } from './existing';

const dimensions: ReportDimension[] = ['interval', 'day', 'week', 'month', 'agent', 'team', 'site', 'queue'];
const directions: CallDirection[] = ['inbound', 'outbound'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Every metric of the dictionary for a period, grouped by interval, day, week, month, agent, team or queue; --direction narrows it to inbound or outbound work.',
  usage: `banzu report --from <YYYY-MM-DD> --to <YYYY-MM-DD> --by <${dimensions.join('|')}> [--interval 15|30|60] [--queue <id>] [--direction inbound|outbound] [--format json|xlsx] [--out <file>] [--data-dir <dir>]`,
  async run(argv) {
    const { values } = parseFlags(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      interval: { type: 'string' },
      queue: { type: 'string' },
      direction: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    for (const flag of ['from', 'to'] as const) {
      const value = values[flag];
      if (!value) throw new UsageError(requiredFlag(flag));
      if (!isoDate.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(said('cli.not_a_date', { flag: `--${flag}`, value }));
    }
    if (values.from! > values.to!) throw new UsageError(said('cli.report.from_after_to'));
    const by = values.by as ReportDimension;
    if (!values.by) throw new UsageError(said('cli.choose', { flag: '--by', choices: dimensions.join('、') }));
    if (!dimensions.includes(by)) throw new UsageError(said('cli.one_of', { flag: '--by', choices: dimensions.join('、'), value: values.by }));
    const interval = values.interval === undefined ? undefined : Number(values.interval);
    if (interval !== undefined && ![15, 30, 60].includes(interval))
      throw new UsageError(said('cli.one_of', { flag: '--interval', choices: '15、30、60', value: values.interval! }));
    if (interval !== undefined && by !== 'interval') throw new UsageError(said('cli.report.interval_needs_by'));
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'xlsx') throw new UsageError(said('cli.one_of', { flag: '--format', choices: 'json、xlsx', value: format }));
    if (format === 'xlsx' && !values.out) throw new UsageError(said('cli.report.xlsx_needs_out'));
    const direction = values.direction as CallDirection | undefined;
    if (direction !== undefined && !directions.includes(direction))
      throw new UsageError(said('cli.one_of', { flag: '--direction', choices: directions.join('、'), value: direction }));

    const banzu = await openExistingBanzu(loadConfig({ overrides: { dataDir: values['data-dir'] } }));
    try {
      for (const runner of await startProjections(banzu, () => {})) runner.stop();
      const center = await loadCenter(banzu.store);
      const report = await metricsReport(banzu.store, {
        from: values.from!,
        to: values.to!,
        by,
        intervalMinutes: interval as 15 | 30 | 60 | undefined,
        queueId: values.queue,
        direction,
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
