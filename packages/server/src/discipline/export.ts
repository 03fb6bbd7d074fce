import ExcelJS from 'exceljs';
import type { PointStatus } from '@banzu/core';
import type { DisciplinePointPage } from '@banzu/contract';
import { centerTime, inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';

const statusNames: Record<PointStatus, [string, string]> = {
  recorded: ['已记录', 'Recorded'],
  contested: ['申诉中', 'Contested'],
  upheld: ['申诉维持', 'Upheld'],
  withdrawn: ['已撤销', 'Withdrawn'],
};

/**
 * The month's points as the leader keeps them on paper: a sheet of totals per agent (扣分汇总) and
 * one of every item (扣分明细), withdrawn ones shown as such; headers and statuses in the user's
 * language, times on the center's clock.
 *
 * @example
 * sendWorkbook(reply, 'discipline-2026-01.xlsx', await disciplineWorkbook(page, '客服一组', 'Asia/Shanghai', 'zh'));
 */
export async function disciplineWorkbook(page: DisciplinePointPage, scopeName: string, timeZone: string, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const summary = workbook.addWorksheet(say('扣分汇总', 'Totals'));
  summary.addRow(safeRow([say(`${scopeName} ${page.month} 扣分与表扬汇总`, `${scopeName} ${page.month}: points and praise`)])).font = { bold: true, size: 13 };
  summary.addRow([say('工号', 'Employee no.'), say('姓名', 'Name'), say('扣分合计', 'Points'), say('扣分次数', 'Items'), say('表扬次数', 'Praise')]).font = { bold: true };
  for (const t of page.totals) summary.addRow(safeRow([t.employeeNo ?? '', t.agentName, t.total, t.items, t.praise]));
  summary.addRow([say('合计', 'Total'), '', page.total, page.totals.reduce((s, t) => s + t.items, 0), page.totals.reduce((s, t) => s + t.praise, 0)]).font = { bold: true };
  [10, 12, 10, 10, 10].forEach((w, i) => {
    summary.getColumn(i + 1).width = w;
  });

  const detail = workbook.addWorksheet(say('扣分明细', 'Items'));
  detail.addRow([
    say('发生时间', 'When'),
    say('工号', 'Employee no.'),
    say('姓名', 'Name'),
    say('条款编码', 'Rule'),
    say('扣分条款', 'Rule text'),
    say('扣分', 'Points'),
    say('状态', 'Status'),
    say('说明', 'Note'),
    say('记录人', 'Recorded by'),
    say('记录时间', 'Recorded'),
    say('申诉理由', 'Contest reason'),
    say('处理人', 'Decided by'),
    say('处理说明', 'Decision'),
  ]).font = { bold: true };
  for (const i of [...page.items].reverse()) {
    const [zh, en] = statusNames[i.status];
    detail.addRow(
      safeRow([
        centerTime(i.occurredAt, timeZone),
        i.employeeNo ?? '',
        i.agentName,
        i.ruleCode,
        i.ruleText,
        i.points,
        say(zh, en),
        i.note,
        i.recordedByName,
        centerTime(i.recordedAt, timeZone),
        i.contestReason ?? '',
        i.decidedByName ?? '',
        i.decisionNote ?? '',
      ]),
    );
  }
  [19, 8, 10, 9, 40, 6, 9, 24, 10, 19, 24, 10, 20].forEach((w, i) => {
    detail.getColumn(i + 1).width = w;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
