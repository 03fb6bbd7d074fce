import ExcelJS from 'exceljs';
import { assessmentComponentIds, assessmentComponentNames, type AssessmentRules, leaveKindNames } from '@banzu/core';
import { safeRow } from '../spreadsheet/index';
import type { AssessmentItem } from './service';

/**
 * 月度考核表 in the layout of the paper form: the title, the team and month, one row per agent with
 * each component, the score, the ranks, leave, the bonus, the leader's comment and the agent's
 * confirmation, then the rules and the signature lines.
 *
 * @example
 * const xlsx = await assessmentWorkbook(items, { month: '2026-01', teamName: '客服一组', rules, timeZone: 'Asia/Shanghai', names, serviceLevel: '服务水平口径：阈值内接听 / 呼入' });
 */
export async function assessmentWorkbook(
  items: readonly AssessmentItem[],
  form: { month: string; teamName: string; rules: AssessmentRules; timeZone: string; names: ReadonlyMap<string, string>; serviceLevel: string },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet('月度考核表');
  const headers = [
    '序号',
    '工号',
    '姓名',
    ...assessmentComponentIds.map((id) => `${assessmentComponentNames[id].zh}${id === 'points' ? '（扣分）' : ''}`),
    '考核得分',
    '组内名次',
    '中心名次',
    `${leaveKindNames.sick.zh}（天）`,
    `${leaveKindNames.personal.zh}（天）`,
    '考勤奖',
    '考评奖',
    '奖金合计',
    '组长评语',
    '座席确认',
    '确认时间',
  ];
  const width = headers.length;
  const title = sheet.addRow(['月度考核表']);
  sheet.mergeCells(title.number, 1, title.number, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  // The KPIs' service level counts in the center's variant: the form names it, as every report does.
  const info = sheet.addRow(safeRow([`班组：${form.teamName}`, '', '', `考核月份：${form.month}`, '', '', form.serviceLevel]));
  sheet.mergeCells(info.number, 1, info.number, 3);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone: form.timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });
  items.forEach((item, i) => {
    // Points show as deducted; the other components as their 0-100 figure, empty when the source had none.
    const component = (id: (typeof assessmentComponentIds)[number]) => item.componentDetails[id].value ?? '—';
    sheet.addRow(
      safeRow([
        i + 1,
        item.employeeNo,
        item.name,
        ...assessmentComponentIds.map(component),
        item.score ?? '—',
        item.rank === null ? '—' : `${item.rank}/${item.rankedOf}`,
        item.centerRank === null ? '—' : `${item.centerRank}/${item.centerRankedOf}`,
        item.leave.sick,
        item.leave.personal,
        item.bonusDetail.attendance,
        item.bonusDetail.evaluation,
        item.bonus,
        item.comment,
        item.confirmedBy ? `已确认 ${form.names.get(item.confirmedBy) ?? ''}`.trim() : '未确认',
        item.confirmedAt ? time.format(new Date(item.confirmedAt)) : '',
      ]),
    );
  });
  const border = { style: 'thin' as const };
  for (let r = header.number; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= width; c++) sheet.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  const weights = assessmentComponentIds.map((id) => `${assessmentComponentNames[id].zh} ${form.rules.weights[id]}`).join('，');
  const deductions = Object.entries(form.rules.leaveDeductions)
    .map(
      ([kind, d]) =>
        `${leaveKindNames[kind as keyof typeof leaveKindNames].zh}扣发${d!.perDay}元/天${d!.forfeitAtDays === null ? '' : `，${d!.forfeitAtDays}天及以上扣除全部考勤奖`}`,
    )
    .join('；');
  sheet.addRow([]);
  for (const note of [
    `权重：${weights}（缺少数据的项目不计入，其余按权重折算）`,
    `全月考勤奖${form.rules.attendanceBonus}元、考评奖${form.rules.evaluationBonus}元；${deductions}；考核得分低于${form.rules.evaluationMinScore}分不发考评奖，其余按得分比例发放。`,
  ]) {
    const row = sheet.addRow(safeRow([note]));
    sheet.mergeCells(row.number, 1, row.number, width);
  }
  sheet.addRow([]);
  sheet.addRow(['班组长签字：', '', '', '', '', '日期：', '', '', '', '', '审核：']);
  [6, 10, 14].forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (let c = 4; c <= width; c++) sheet.getColumn(c).width = 10;
  sheet.getColumn(width - 2).width = 30;
  sheet.getColumn(width - 1).width = 14;
  sheet.getColumn(width).width = 16;
  sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: header.number }];
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
