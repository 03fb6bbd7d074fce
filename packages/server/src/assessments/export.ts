import ExcelJS from 'exceljs';
import { assessmentComponentIds, assessmentComponentNames, type AssessmentRules, leaveKindNames } from '@banzu/core';
import { centerTime, inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';
import type { AssessmentItem } from './service';

/**
 * 月度考核表 in the layout of the paper form: the title, the team and month, one row per agent with
 * each component, the score, the ranks, leave, the bonus, the leader's comment and the agent's
 * confirmation, then the rules and the signature lines; in the user's language, times on the center's clock.
 *
 * @example
 * const xlsx = await assessmentWorkbook(items, { month: '2026-01', teamName: '客服一组', rules, timeZone: 'Asia/Shanghai', names, serviceLevel: '服务水平口径：阈值内接听 / 呼入', language: 'zh' });
 */
export async function assessmentWorkbook(
  items: readonly AssessmentItem[],
  form: { month: string; teamName: string; rules: AssessmentRules; timeZone: string; names: ReadonlyMap<string, string>; serviceLevel: string; language: ExportLanguage },
): Promise<Buffer> {
  const { language } = form;
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet(say('月度考核表', 'Monthly assessment'));
  const headers = [
    say('序号', 'No.'),
    say('工号', 'Employee no.'),
    say('姓名', 'Name'),
    ...assessmentComponentIds.map((id) => `${assessmentComponentNames[id][language]}${id === 'points' ? say('（扣分）', ' (deducted)') : ''}`),
    say('考核得分', 'Score'),
    say('组内名次', 'Team rank'),
    say('中心名次', 'Center rank'),
    say(`${leaveKindNames.sick.zh}（天）`, `${leaveKindNames.sick.en} (days)`),
    say(`${leaveKindNames.personal.zh}（天）`, `${leaveKindNames.personal.en} (days)`),
    say('考勤奖', 'Attendance bonus'),
    say('考评奖', 'Evaluation bonus'),
    say('奖金合计', 'Bonus'),
    say('组长评语', "Leader's comment"),
    say('座席确认', 'Confirmed'),
    say('确认时间', 'Confirmed at'),
  ];
  const width = headers.length;
  const title = sheet.addRow([say('月度考核表', 'Monthly assessment')]);
  sheet.mergeCells(title.number, 1, title.number, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  // The KPIs' service level counts in the center's variant: the form names it, as every report does.
  const info = sheet.addRow(
    safeRow([say(`班组：${form.teamName}`, `Team: ${form.teamName}`), '', '', say(`考核月份：${form.month}`, `Month: ${form.month}`), '', '', form.serviceLevel]),
  );
  sheet.mergeCells(info.number, 1, info.number, 3);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
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
        item.confirmedBy ? `${say('已确认', 'Confirmed')} ${form.names.get(item.confirmedBy) ?? ''}`.trim() : say('未确认', 'Not confirmed'),
        centerTime(item.confirmedAt, form.timeZone),
      ]),
    );
  });
  const border = { style: 'thin' as const };
  for (let r = header.number; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= width; c++) sheet.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  const weights = assessmentComponentIds.map((id) => `${assessmentComponentNames[id][language]} ${form.rules.weights[id]}`).join(say('，', ', '));
  const deductions = Object.entries(form.rules.leaveDeductions)
    .map(([kind, d]) => {
      const name = leaveKindNames[kind as keyof typeof leaveKindNames][language];
      return d!.forfeitAtDays === null
        ? say(`${name}扣发${d!.perDay}元/天`, `${name}: ${d!.perDay} yuan a day deducted`)
        : say(
            `${name}扣发${d!.perDay}元/天，${d!.forfeitAtDays}天及以上扣除全部考勤奖`,
            `${name}: ${d!.perDay} yuan a day deducted, the whole attendance bonus from ${d!.forfeitAtDays} days`,
          );
    })
    .join(say('；', '; '));
  const r = form.rules;
  sheet.addRow([]);
  for (const note of [
    say(`权重：${weights}（缺少数据的项目不计入，其余按权重折算）`, `Weights: ${weights} (a component without data does not count; the others are scaled by weight)`),
    say(
      `全月考勤奖${r.attendanceBonus}元、考评奖${r.evaluationBonus}元；${deductions}；考核得分低于${r.evaluationMinScore}分不发考评奖，其余按得分比例发放。`,
      `Full-month attendance bonus ${r.attendanceBonus} yuan, evaluation bonus ${r.evaluationBonus} yuan; ${deductions}; no evaluation bonus below a score of ${r.evaluationMinScore}, otherwise in proportion to the score.`,
    ),
  ]) {
    const row = sheet.addRow(safeRow([note]));
    sheet.mergeCells(row.number, 1, row.number, width);
  }
  sheet.addRow([]);
  sheet.addRow([say('班组长签字：', 'Team leader:'), '', '', '', '', say('日期：', 'Date:'), '', '', '', '', say('审核：', 'Approved:')]);
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
