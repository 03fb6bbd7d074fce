import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Report, ReportCall, ReportDimension, ReportRow } from '@banzu/contract';
import { metricsInReportOrder, type CallOutcome, type MetricDefinition } from '@banzu/core';
import type { Queryable } from '../store/index';
import { centerTime, inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';

const dimensionTitle: Record<ReportDimension, { zh: string; en: string }> = {
  interval: { zh: '时段', en: 'Interval' },
  day: { zh: '日期', en: 'Day' },
  week: { zh: '周（周一）', en: 'Week (Monday)' },
  month: { zh: '月', en: 'Month' },
  agent: { zh: '座席', en: 'Agent' },
  team: { zh: '班组', en: 'Team' },
  site: { zh: '场地', en: 'Site' },
  queue: { zh: '队列', en: 'Queue' },
};

/** What a report shows for a metric whose input Banzu does not have yet. */
const noDataSource = { zh: '暂无数据来源', en: 'no data source yet' };

/**
 * A metric's column header in the user's language; a figure in seconds says so, as the cells hold
 * plain seconds (a number Excel can add up) while the pages show 1分05秒.
 *
 * @example
 * metricHeader({ zh: '平均处理时长', en: 'Average handle time', unit: 'seconds' }, 'zh'); // '平均处理时长（秒）'
 */
export function metricHeader(m: { zh: string; en: string; unit: string }, language: ExportLanguage): string {
  if (m.unit === 'seconds') return inLanguage(language, `${m.zh}（秒）`, `${m.en} (s)`);
  return inLanguage(language, m.zh, m.en);
}

/** Names for the ids a report is grouped by: agents as "工号 姓名", teams and queues by name. */
export async function dimensionLabels(db: Queryable, by: ReportDimension, language: ExportLanguage = 'zh'): Promise<Map<string, string>> {
  const sql = {
    agent: `SELECT u.id, coalesce(a.employee_no || ' ', '') || u.display_name AS label FROM users u LEFT JOIN agents a ON a.user_id = u.id`,
    team: 'SELECT id, name AS label FROM teams',
    site: 'SELECT id, name AS label FROM sites',
    queue: 'SELECT id, name AS label FROM queues',
  }[by as 'agent'];
  if (!sql) return new Map();
  // The row of calls nobody answered (by agent, team or site) and of agent time outside a queue.
  return new Map([['', inLanguage(language, '未分配', 'Unassigned')], ...(await db.query<{ id: string; label: string }>(sql)).map((r) => [r.id, r.label] as const)]);
}

/**
 * The report as an Excel workbook with exactly the numbers of the page: one row per group and
 * the total, one column per metric (the page's chosen columns in its order; every metric, the page's
 * default columns first, when none are given), ratios as percentages, "no data" left empty, and a
 * row's missing input named as the page names it (未设置成本 …); headers and labels in the user's language.
 *
 * @example
 * const xlsx = await reportWorkbook(report, 'day', new Map(), '2026-01-05 – 2026-01-11', 'zh');
 */
export async function reportWorkbook(
  report: Report,
  by: ReportDimension,
  labels: Map<string, string>,
  period: string,
  language: ExportLanguage = 'zh',
  columns: readonly MetricDefinition[] = metricsInReportOrder,
): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet(say('报表', 'Report'));
  sheet.addRow([`班组 Banzu · ${period}`]).font = { bold: true, size: 13 };
  sheet.addRow([say(report.serviceLevel.zh, report.serviceLevel.en)]);
  if (report.direction) sheet.addRow([report.direction === 'inbound' ? say('仅呼入工作', 'Inbound work only') : say('仅外呼工作', 'Outbound work only')]);
  const header = sheet.addRow([say(dimensionTitle[by].zh, dimensionTitle[by].en), ...columns.map((m) => metricHeader(m, language))]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 36;
  // A metric whose input Banzu does not have yet, or this row lacks, says so, rather than an empty cell that looks like no calls.
  const cell = (m: MetricDefinition, row: ReportRow) => {
    if (!m.dataSource.available) return say(noDataSource.zh, noDataSource.en);
    if (m.dataSource.missing && row.missingInputs.includes(m.id)) return say(m.dataSource.missing.zh, m.dataSource.missing.en);
    return row.metrics[m.id] ?? null;
  };
  const addRow = (label: string, row: ReportRow) => sheet.addRow(safeRow([label, ...columns.map((m) => cell(m, row))]));
  for (const row of report.rows) addRow(labels.get(row.key) ?? row.key, row);
  const total = addRow(say('合计', 'Total'), report.total);
  total.font = { bold: true };
  sheet.getColumn(1).width = 22;
  columns.forEach((m, i) => {
    const column = sheet.getColumn(i + 2);
    column.width = 14;
    column.numFmt = m.unit === 'ratio' ? '0.0%' : m.unit === 'count' ? '0' : '0.0';
  });
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A call's outcome as the drill-down names it. */
const outcomeTitle: Record<CallOutcome, { zh: string; en: string }> = {
  answered: { zh: '已接听', en: 'Answered' },
  abandoned: { zh: '放弃', en: 'Abandoned' },
  overflowed: { zh: '溢出', en: 'Overflowed' },
  forwarded_after_hours: { zh: '下班转移', en: 'Forwarded after hours' },
  after_hours_message: { zh: '下班提示', en: 'After-hours message' },
  callback: { zh: '回拨', en: 'Callback' },
  not_connected: { zh: '未接通', en: 'Not connected' },
};

/** What the calls of a drill-down are: the period, and the row by its dimension and label when they are one row's. */
export interface CallsSheetTitle {
  period: string;
  row?: { by: ReportDimension; label: string };
}

/**
 * The calls behind a figure (a report row's drill-down) as a workbook: the page's columns in its
 * order, then queue, agent and end; moments on the center's clock, outcomes and names in the
 * user's language, durations as whole seconds (the unit in the header) that Excel can add up.
 *
 * @example
 * await callsWorkbook(calls, { period: '2026-01-05', row: { by: 'agent', label: '8001 张三' } }, labels, 'Asia/Shanghai', 'zh');
 */
export async function callsWorkbook(
  calls: ReportCall[],
  title: CallsSheetTitle,
  labels: { agents: Map<string, string>; queues: Map<string, string> },
  timeZone: string,
  language: ExportLanguage = 'zh',
): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const seconds = (ms: number) => Math.round(ms / 1000);
  const row = title.row ? [`${say(dimensionTitle[title.row.by].zh, dimensionTitle[title.row.by].en)}${say('：', ': ')}${title.row.label}`] : [];
  return tableWorkbook(
    `${say('通话明细', 'Calls')} · ${title.period}`,
    [
      { title: say('来电时间', 'Arrived'), width: 20 },
      { title: say('主叫号码', 'Caller'), width: 16 },
      { title: say('结果', 'Outcome') },
      { title: say('等待（秒）', 'Wait (s)'), numFmt: '0' },
      { title: say('通话（秒）', 'Talk (s)'), numFmt: '0' },
      { title: say('队列', 'Queue') },
      { title: say('座席', 'Agent'), width: 18 },
      { title: say('结束时间', 'Ended'), width: 20 },
    ],
    calls.map((c) => [
      centerTime(c.startedAt, timeZone),
      c.from,
      c.outcome ? say(outcomeTitle[c.outcome].zh, outcomeTitle[c.outcome].en) : '',
      seconds(c.record.queueMs + c.record.ringMs),
      seconds(c.record.talkMs),
      c.queueId ? (labels.queues.get(c.queueId) ?? '') : '',
      c.agentId ? (labels.agents.get(c.agentId) ?? '') : '',
      centerTime(c.endedAt, timeZone),
    ]),
    row,
  );
}

/** A cell; a number may carry its own format where one column mixes units (a scorecard's ratios and seconds). */
export type SheetCell = string | number | null | { value: number | null; numFmt: string };

export interface SheetColumn {
  title: string;
  /** Excel number format, e.g. '0.0%' for a ratio. */
  numFmt?: string;
  width?: number;
}

/** A sheet's name from its title: Excel allows 31 characters and none of \\ / ? * [ ] :. */
function sheetName(title: string): string {
  return (
    title
      .replace(/[\\/?*[\]:]/g, ' ')
      .trim()
      .slice(0, 31)
      .trim() || 'Banzu'
  );
}

/**
 * Any report table as a workbook: a title line, a header, the rows, exactly as the page shows them.
 * The sheet is named by the title, so a workbook is in the one language its caller wrote it in.
 *
 * @example
 * await tableWorkbook('高峰分析 · 2026-01', [{ title: '时段' }], [[9]]);
 */
export async function tableWorkbook(title: string, columns: SheetColumn[], rows: SheetCell[][], notes: string[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet(sheetName(title));
  sheet.addRow(safeRow([title])).font = { bold: true, size: 13 };
  for (const note of notes) sheet.addRow([note]);
  const header = sheet.addRow(columns.map((c) => c.title));
  header.font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(safeRow(row.map((cell) => (cell !== null && typeof cell === 'object' ? cell.value : cell))));
    row.forEach((cell, i) => {
      if (cell !== null && typeof cell === 'object') added.getCell(i + 1).numFmt = cell.numFmt;
    });
  }
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width ?? 14;
    if (c.numFmt) column.numFmt = c.numFmt;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a workbook as a download. */
export function sendWorkbook(reply: FastifyReply, filename: string, xlsx: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(xlsx);
}
