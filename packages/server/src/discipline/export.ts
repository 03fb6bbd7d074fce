import ExcelJS from 'exceljs';
import { localParts, type PointStatus } from '@banzu/core';
import type { DisciplinePointPage } from '@banzu/contract';
import { safeRow } from '../spreadsheet/index';

const statusNames: Record<PointStatus, string> = { recorded: '已记录', contested: '申诉中', upheld: '申诉维持', withdrawn: '已撤销' };

/** A time in the center's zone as people read it: 2026-01-05 09:30. */
function local(isoTime: string | null, timeZone: string): string {
  if (!isoTime) return '';
  const p = localParts(Date.parse(isoTime), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The month's points as the leader keeps them on paper: a sheet of totals per agent (扣分汇总) and
 * one of every item (扣分明细), withdrawn ones shown as such, times in the center's zone.
 *
 * @example
 * sendWorkbook(reply, 'discipline-2026-01.xlsx', await disciplineWorkbook(page, '客服一组', 'Asia/Shanghai'));
 */
export async function disciplineWorkbook(page: DisciplinePointPage, scopeName: string, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const summary = workbook.addWorksheet('扣分汇总');
  summary.addRow(safeRow([`${scopeName} ${page.month} 扣分与表扬汇总`])).font = { bold: true, size: 13 };
  summary.addRow(['工号', '姓名', '扣分合计', '扣分次数', '表扬次数']).font = { bold: true };
  for (const t of page.totals) summary.addRow(safeRow([t.employeeNo ?? '', t.agentName, t.total, t.items, t.praise]));
  summary.addRow(['合计', '', page.total, page.totals.reduce((s, t) => s + t.items, 0), page.totals.reduce((s, t) => s + t.praise, 0)]).font = { bold: true };
  [10, 12, 10, 10, 10].forEach((w, i) => {
    summary.getColumn(i + 1).width = w;
  });

  const detail = workbook.addWorksheet('扣分明细');
  detail.addRow(['发生时间', '工号', '姓名', '条款编码', '扣分条款', '扣分', '状态', '说明', '记录人', '记录时间', '申诉理由', '处理人', '处理说明']).font = { bold: true };
  for (const i of [...page.items].reverse()) {
    detail.addRow(
      safeRow([
        local(i.occurredAt, timeZone),
        i.employeeNo ?? '',
        i.agentName,
        i.ruleCode,
        i.ruleText,
        i.points,
        statusNames[i.status],
        i.note,
        i.recordedByName,
        local(i.recordedAt, timeZone),
        i.contestReason ?? '',
        i.decidedByName ?? '',
        i.decisionNote ?? '',
      ]),
    );
  }
  [17, 8, 10, 9, 40, 6, 9, 24, 10, 17, 24, 10, 20].forEach((w, i) => {
    detail.getColumn(i + 1).width = w;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
