import type { InterviewRoundDetail } from '@banzu/contract';
import { tableWorkbook, type SheetColumn } from '../reports/excel';

/**
 * A round's ranking as the paper 面试评分汇总表: candidates best first with each question's mean and
 * the total, headers in Chinese, and how many interviewers' sheets count.
 *
 * @example
 * sendWorkbook(reply, 'interview.xlsx', await rankingWorkbook(round));
 */
export function rankingWorkbook(round: InterviewRoundDetail): Promise<Buffer> {
  const ranking = round.ranking ?? [];
  const columns: SheetColumn[] = [
    { title: '名次', width: 6 },
    { title: '工号', width: 10 },
    { title: '姓名', width: 12 },
    { title: '班组', width: 16 },
    ...round.questions.map((q) => ({ title: `${q.code} ${q.kind === 'required' ? '必答题' : '随机问题'}（满分${q.maxPoints}）`, numFmt: '0.0', width: 16 })),
    { title: `总分（满分${round.questions.reduce((sum, q) => sum + q.maxPoints, 0)}）`, numFmt: '0.0', width: 14 },
    { title: '评分面试官人数', width: 14 },
  ];
  const rows = ranking.map((r) => [r.rank, r.employeeNo, r.name, r.teamName ?? '', ...round.questions.map((q) => r.byQuestion[q.code] ?? null), r.total, r.interviewers]);
  const submitted = round.interviewers.filter((i) => i.submitted);
  return tableWorkbook(`面试评分汇总 · ${round.title} · ${round.heldOn}`, columns, rows, [
    `评分模板：${round.rubricName}`,
    `总分为各面试官总分的平均分；已提交评分表的面试官：${submitted.map((i) => i.name).join('、') || '无'}（共 ${round.interviewers.length} 位）`,
  ]);
}
