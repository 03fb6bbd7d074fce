import type { MonthlyExamScores } from '@banzu/contract';
import { tableWorkbook, type SheetColumn } from '../reports/excel';
import { inLanguage, type ExportLanguage } from '../spreadsheet/index';

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/**
 * 每月考试成绩 as a workbook: one row per agent, headers in the user's language, the pass rate per
 * team under the title.
 *
 * @example
 * sendWorkbook(reply, 'exam-scores-2026-01.xlsx', await examScoresWorkbook(scores, 'zh'));
 */
export function examScoresWorkbook(scores: MonthlyExamScores, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const columns: SheetColumn[] = [
    { title: say('工号', 'Employee no.'), width: 9 },
    { title: say('姓名', 'Name'), width: 10 },
    { title: say('班组', 'Team'), width: 18 },
    { title: say('入职月份', 'Hired'), width: 10 },
    { title: say('考试次数', 'Exams'), width: 9 },
    { title: say('及格次数', 'Passed'), width: 9 },
    { title: say('平均成绩', 'Mean score'), width: 10, numFmt: '0.0' },
  ];
  const rows = scores.items.map((r) => [r.employeeNo ?? '', r.agentName, r.teamName ?? '', r.hireMonth, r.exams, r.passed, r.score]);
  const notes = scores.passRates.byTeam.map((c) =>
    say(
      `${c.cohort}：参考 ${c.takers} 人次，及格 ${c.passed} 人次，合格率 ${percent(c.passRate)}，平均 ${c.meanPercent} 分`,
      `${c.cohort}: ${c.takers} sat, ${c.passed} passed, pass rate ${percent(c.passRate)}, mean ${c.meanPercent}`,
    ),
  );
  return tableWorkbook(`${say('每月考试成绩', 'Exam scores')} ${scores.month}`, columns, rows, notes);
}
