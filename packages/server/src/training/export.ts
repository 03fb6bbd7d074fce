import type { MonthlyExamScores } from '@banzu/contract';
import { tableWorkbook, type SheetColumn } from '../reports/excel';

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/**
 * 每月考试成绩 as a workbook: one row per agent, Chinese headers, the pass rate per team under the title.
 *
 * @example
 * sendWorkbook(reply, 'exam-scores-2026-01.xlsx', await examScoresWorkbook(scores));
 */
export function examScoresWorkbook(scores: MonthlyExamScores): Promise<Buffer> {
  const columns: SheetColumn[] = [
    { title: '工号', width: 9 },
    { title: '姓名', width: 10 },
    { title: '班组', width: 18 },
    { title: '入职月份', width: 10 },
    { title: '考试次数', width: 9 },
    { title: '及格次数', width: 9 },
    { title: '平均成绩', width: 10, numFmt: '0.0' },
  ];
  const rows = scores.items.map((r) => [r.employeeNo ?? '', r.agentName, r.teamName ?? '', r.hireMonth, r.exams, r.passed, r.score]);
  const notes = scores.passRates.byTeam.map((c) => `${c.cohort}：参考 ${c.takers} 人次，及格 ${c.passed} 人次，合格率 ${percent(c.passRate)}，平均 ${c.meanPercent} 分`);
  return tableWorkbook(`每月考试成绩 ${scores.month}`, columns, rows, notes);
}
