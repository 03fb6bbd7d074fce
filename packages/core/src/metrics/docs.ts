import { metricDictionary } from './dictionary';
import { adherenceMetricDictionary } from './adherence';
import { outboundMetricDictionary } from './outbound';
import { ticketMetricDictionary } from './tickets';

const units: Record<string, string> = {
  ratio: 'ratio (0–1, shown as %)',
  seconds: 'seconds',
  count: 'calls',
  'per hour': 'calls per agent hour',
  score: 'points (0–100)',
  money: 'currency',
  rings: 'rings',
  hours: 'hours',
  tickets: 'tickets',
  times: 'times (each counted)',
  rating: 'points (1–5, the callback’s scale)',
  'per customer': 'tickets per customer',
};

/** Whether a metric has data today, and what a report says where its input is missing. */
function dataToday(source: { available: boolean; missing?: { zh: string; en: string; when: string } }): string {
  if (!source.available) return '**no data source yet**: reports show 暂无数据来源 / no data source yet';
  if (!source.missing) return 'has data today';
  return `has data ${source.missing.when}; otherwise reports and exports say ${source.missing.zh} / ${source.missing.en}`;
}

/** docs/metrics.md, generated from the dictionary so the two cannot disagree. */
export function renderMetricsMarkdown(): string {
  const lines = [
    '# Metric dictionary',
    '',
    'Generated from `packages/core/src/metrics/dictionary.ts` by `npm run docs:metrics`; a test fails when this',
    'file and the code disagree. Every figure in Banzu — wallboard, reports, exports — is computed by these',
    'definitions from additive tallies (`packages/core/src/metrics/tally.ts`), summed over the interval, agent,',
    'team or queue first and divided once. A figure whose denominator is zero, or whose input does not exist',
    'yet, is *no data*, never 0.',
    '',
    'The service-level threshold (seconds) is the queue’s; the short-abandon threshold (seconds, default 5) the',
    'center’s, for calls counted from its change on. A call counts in the interval in which it arrived, on the',
    'center’s local clock. The center’s settings (`/api/v1/center/settings`) choose the service-level variant,',
    'the short-abandon threshold and whether short abandons leave the service level’s denominator,',
    'the cost of an agent hour and the overheads, and the repeat-call window of first-contact resolution; every',
    'report and export names the service-level variant it used.',
    '',
    'The calls counted are the inbound calls that reached a queue and ended answered, abandoned, overflowed or',
    'as a callback (the offered calls), and the calls that arrived for a queue after hours and were forwarded to',
    'the duty phone or heard the closed message (`afterHours`, in 总呼叫数 and 呼损 only). Outbound calls and calls',
    'still in progress are not counted. Agent time of outbound work (dialing, talking, holding and wrapping up',
    'outbound calls) is `outboundSeconds`: occupancy counts it as busy, inbound figures per agent hour leave it',
    'out, and a report filtered by direction (`direction=inbound|outbound`) keeps only that direction’s work.',
    'A report row counts them by arrival time, queue, and the agent who answered (with the',
    'agent’s team and site); calls nobody answered, and agent time outside any queue, are in the row',
    '未分配 Unassigned, so every dimension’s rows add up to the total. A row’s calls',
    '(`/api/v1/reports/calls` with `by` and `key`) are exactly the calls the row counts; `format=xlsx` gives them',
    'as a sheet, times on the center’s clock and durations in seconds. The report page shows the columns the',
    'user picks by group (服务水平, 效率, 质量, 人员; remembered per user), and its Excel has exactly those columns',
    'in the page’s order (`columns=`); without `columns` the Excel has the default columns first, then every',
    'other metric.',
    '',
  ];
  const section = (
    m: (typeof metricDictionary)[number] | (typeof outboundMetricDictionary)[number] | (typeof adherenceMetricDictionary)[number] | (typeof ticketMetricDictionary)[number],
  ) =>
    lines.push(
      `## ${m.zh} — ${m.en} (\`${m.id}\`)`,
      '',
      `- formula: \`${m.formula}\``,
      `- unit: ${units[m.unit]}`,
      `- counts: ${m.note}`,
      ...('dataSource' in m ? [`- data: ${m.dataSource.from}; ${dataToday(m.dataSource)}`] : []),
      `- better: ${m.better ?? 'neither (a volume or a balance)'}`,
      `- asked for in: ${m.source}`,
      '',
    );
  for (const m of metricDictionary) section(m);
  lines.push(
    '# Outbound (外呼) metrics',
    '',
    'Telemarketing campaigns: per agent, team or campaign and day or month, from the dial records',
    '(`campaign_attempts`) folded into additive outbound tallies (`packages/core/src/metrics/outbound.ts`).',
    'A dial counts on the local day it was made; what it counts as (connect, effective call, success,',
    'refusal) is decided by the disposition the agent saved, as the campaign defines its dispositions.',
    '',
  );
  for (const m of outboundMetricDictionary) section(m);
  lines.push(
    '# Schedule adherence (排班遵守) metrics',
    '',
    'Per agent and published shift, summed over a month or a team, from the roster (the shift, its breaks',
    'and lunch) against the agent’s states in the reports’ quarter-hours, folded into additive adherence',
    'tallies (`packages/core/src/metrics/adherence.ts`); the shift counts on its roster date, so far as it',
    'has gone. The 考勤 report (`/api/v1/wfm/attendance/:teamId/:month`) and its Excel export show them.',
    '',
  );
  for (const m of adherenceMetricDictionary) section(m);
  lines.push(
    '# Ticket (工单) metrics',
    '',
    'The ticket report (`/api/v1/tickets/report`, the 工单统计 card on the tickets page and its Excel) by type,',
    'team, assignee, month or customer, from the tickets themselves as they stand when it is read, folded into',
    'additive ticket tallies (`packages/core/src/metrics/tickets.ts`). A ticket counts in the period and the',
    'month in which it was accepted (受理), on the center’s calendar; its team is the team of the agent who',
    'accepted it (首问负责制), its assignee the one handling it now. Every ticket is in exactly one row of each',
    'grouping (none: the row 未分配), so the rows add up to the report’s total. A filter by type or by',
    'register (市长专线 and other types kept as registers of their own) narrows every row and the total.',
    '',
  );
  for (const m of ticketMetricDictionary) section(m);
  return lines.join('\n');
}
