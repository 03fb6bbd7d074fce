import ExcelJS from 'exceljs';
import type { QaReport, QaReportRow } from '@banzu/contract';
import { inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';

const byTitle: Record<QaReport['by'], [string, string]> = {
  agent: ['座席', 'Agent'],
  team: ['班组', 'Team'],
  inspector: ['质检员', 'Inspector'],
};

/**
 * The QA report as the page shows it, for the monthly QA analysis: a sheet of rows and the total
 * (汇总), one of every item (评分项) and one of the daily trend (每日趋势); rates as percentages
 * Excel can format, headers in the user's language. `scope` says whom it covers (a team, an agent,
 * an inspector), so a printed sheet is not read as the whole center's.
 *
 * @example
 * sendWorkbook(reply, 'qa-report-2026-01-01-2026-01-31.xlsx', await qaReportWorkbook(report, '2026-01-01 – 2026-01-31', ['客服一组'], 'zh'));
 */
export async function qaReportWorkbook(report: QaReport, period: string, scope: string[], language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';

  const summary = workbook.addWorksheet(say('汇总', 'Summary'));
  summary.addRow(safeRow([`${say('质检报表', 'QA report')} · ${period}${scope.length ? ` · ${scope.join(' · ')}` : ''}`])).font = { bold: true, size: 13 };
  const [zh, en] = byTitle[report.by];
  const header = summary.addRow([
    say(zh, en),
    say('评分数', 'Evaluations'),
    say('平均分', 'Average score'),
    say('致命项率', 'Fatal rate'),
    say('非致命项率', 'Non-fatal rate'),
    say('申诉数', 'Disputes'),
    say('申诉率', 'Dispute rate'),
    say('维持原分', 'Upheld'),
    say('改分', 'Changed'),
  ]);
  header.font = { bold: true };
  const noTeam = say('无班组', 'No team');
  const line = (r: QaReportRow, name: string) =>
    summary.addRow(safeRow([name, r.evaluations, r.averageScore, r.fatalRate, r.nonFatalRate, r.disputes, r.disputeRate, r.upheld, r.changed]));
  for (const r of report.rows) line(r, report.by === 'team' && r.key === '' ? noTeam : r.name);
  line(report.total, say('合计', 'Total')).font = { bold: true };
  [18, 10, 10, 10, 10, 10, 10, 10, 10].forEach((width, i) => {
    summary.getColumn(i + 1).width = width;
  });
  summary.getColumn(3).numFmt = '0.0';
  for (const rate of [4, 5, 7]) summary.getColumn(rate).numFmt = '0.0%';
  summary.views = [{ state: 'frozen', ySplit: header.number }];

  const items = workbook.addWorksheet(say('评分项', 'Items'));
  items.addRow([
    say('评分项', 'Item'),
    say('编号', 'Key'),
    say('致命项', 'Fatal'),
    say('失分次数', 'Failed'),
    say('评分次数', 'Scored'),
    say('平均得分率', 'Average share earned'),
    say('该项致命率', 'Fatal rate of the item'),
  ]).font = { bold: true };
  for (const i of report.items) items.addRow(safeRow([i.text, i.key, i.fatal ? say('是', 'Yes') : '', i.failed, i.of, i.earnedShare, i.fatalRate]));
  [36, 12, 8, 10, 10, 14, 14].forEach((width, i) => {
    items.getColumn(i + 1).width = width;
  });
  items.getColumn(6).numFmt = '0.0%';
  items.getColumn(7).numFmt = '0.0%';

  const trend = workbook.addWorksheet(say('每日趋势', 'Trend'));
  trend.addRow([say('日期', 'Day'), say('评分数', 'Evaluations'), say('平均分', 'Average score'), say('致命项率', 'Fatal rate')]).font = { bold: true };
  for (const d of report.trend) trend.addRow([d.day, d.evaluations, d.averageScore, d.fatalRate]);
  trend.getColumn(1).width = 12;
  trend.getColumn(3).numFmt = '0.0';
  trend.getColumn(4).numFmt = '0.0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Whom a report covers, by name: the team, the agent and the inspector it was narrowed to. */
export async function reportScope(
  db: Queryable,
  report: QaReport,
  narrowed: { teamId: string | null; agentId?: string; inspectorId?: string },
  language: ExportLanguage,
): Promise<string[]> {
  const [team] = narrowed.teamId ? await db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [narrowed.teamId]) : [];
  const named = (list: { id: string; name: string }[], id: string | undefined) => (id ? (list.find((p) => p.id === id)?.name ?? id) : null);
  const agent = named(report.choices.agents, narrowed.agentId);
  const inspector = named(report.choices.inspectors, narrowed.inspectorId);
  return [
    team?.name ?? inLanguage(language, '全部班组', 'All teams'),
    ...(agent ? [`${inLanguage(language, '座席', 'Agent')} ${agent}`] : []),
    ...(inspector ? [`${inLanguage(language, '质检员', 'Inspector')} ${inspector}`] : []),
  ];
}
