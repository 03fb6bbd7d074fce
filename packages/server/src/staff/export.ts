import type { InterviewRoundDetail } from '@banzu/contract';
import { tableWorkbook, type SheetColumn } from '../reports/excel';
import { inLanguage, type ExportLanguage } from '../spreadsheet/index';

/**
 * A round's ranking as the paper 面试评分汇总表: candidates best first with each question's mean and
 * the total, headers in the user's language, and how many interviewers' sheets count.
 *
 * @example
 * sendWorkbook(reply, 'interview.xlsx', await rankingWorkbook(round, 'zh'));
 */
export function rankingWorkbook(round: InterviewRoundDetail, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const ranking = round.ranking ?? [];
  const full = round.questions.reduce((sum, q) => sum + q.maxPoints, 0);
  const columns: SheetColumn[] = [
    { title: say('名次', 'Rank'), width: 6 },
    { title: say('工号', 'Employee no.'), width: 10 },
    { title: say('姓名', 'Name'), width: 12 },
    { title: say('班组', 'Team'), width: 16 },
    ...round.questions.map((q) => ({
      title:
        q.kind === 'required'
          ? say(`${q.code} 必答题（满分${q.maxPoints}）`, `${q.code} required (of ${q.maxPoints})`)
          : say(`${q.code} 随机问题（满分${q.maxPoints}）`, `${q.code} drawn (of ${q.maxPoints})`),
      numFmt: '0.0',
      width: 16,
    })),
    { title: say(`总分（满分${full}）`, `Total (of ${full})`), numFmt: '0.0', width: 14 },
    { title: say('评分面试官人数', 'Interviewers'), width: 14 },
  ];
  const rows = ranking.map((r) => [r.rank, r.employeeNo, r.name, r.teamName ?? '', ...round.questions.map((q) => r.byQuestion[q.code] ?? null), r.total, r.interviewers]);
  const submitted = round.interviewers.filter((i) => i.submitted);
  const names = submitted.map((i) => i.name);
  return tableWorkbook(`${say('面试评分汇总', 'Interview ranking')} · ${round.title} · ${round.heldOn}`, columns, rows, [
    say(`评分模板：${round.rubricName}`, `Rubric: ${round.rubricName}`),
    say(
      `总分为各面试官总分的平均分；已提交评分表的面试官：${names.join('、') || '无'}（共 ${round.interviewers.length} 位）`,
      `The total is the mean of the interviewers' totals; sheets handed in by: ${names.join(', ') || 'nobody'} (of ${round.interviewers.length})`,
    ),
  ]);
}
