import { cohortPassRates, teamScope, type Actor, type ExamResult } from '@banzu/core';
import type { ExamResultRow, ExamResults, MonthlyExamScoreRow, MonthlyExamScores, PassRates } from '@banzu/contract';
import { reportTeam } from '../access/index';
import type { Queryable } from '../store/index';
import { listExams, loadExam } from './exams';
import { NotFoundError } from '../http/errors';
import { missing } from '../http/messages';
import { centerMonth, centerTimeZone } from '../org/index';

/** The month an agent was hired: the staff record's hire date, else the campaign's employment date, else the day the account was made. */
const hireMonth = `to_char(coalesce(sr.hire_date, q.employed_since, (u.created_at AT TIME ZONE $1)::date), 'YYYY-MM')`;

function passRates(results: { teamName: string | null; hireMonth: string; takerId: string; percent: number; passed: boolean }[]): PassRates {
  const by = (cohort: (r: (typeof results)[number]) => string) =>
    cohortPassRates(results.map((r): ExamResult => ({ agentId: r.takerId, cohort: cohort(r), percent: r.percent, passed: r.passed })));
  return { byTeam: by((r) => r.teamName ?? '无班组'), byHireMonth: by((r) => r.hireMonth) };
}

/** Who takes the exam and how each did (best sheet); a team leader sees the own team's agents only. */
export async function examResults(db: Queryable, actor: Actor, examId: string): Promise<ExamResults> {
  const teamId = reportTeam(actor, undefined);
  const exam = await loadExam(db, examId);
  if (teamId !== null && !(await listExams(db, actor)).some((e) => e.id === examId)) throw new NotFoundError(missing('exam', examId));
  const { questions: _key, ...summary } = exam;
  const rows = await db.query<{
    agent_id: string;
    display_name: string;
    employee_no: string | null;
    team_id: string | null;
    team_name: string | null;
    hire_month: string;
    attempts: string | number;
    score: string | null;
    percent: string | null;
    passed: boolean | null;
    submitted_at: Date | null;
  }>(
    `SELECT t.agent_id, u.display_name, a.employee_no, u.team_id, tm.name AS team_name, ${hireMonth} AS hire_month,
            (SELECT count(*) FROM exam_submissions s WHERE s.exam_id = t.exam_id AND s.agent_id = t.agent_id) AS attempts,
            best.score, best.percent, best.passed, best.submitted_at
     FROM exam_takers t JOIN users u ON u.id = t.agent_id LEFT JOIN agents a ON a.user_id = u.id
       LEFT JOIN teams tm ON tm.id = u.team_id LEFT JOIN quotas q ON q.agent_id = u.id LEFT JOIN staff_records sr ON sr.agent_id = u.id
       LEFT JOIN LATERAL (SELECT s.score, s.percent, s.passed, s.submitted_at FROM exam_submissions s
                          WHERE s.exam_id = t.exam_id AND s.agent_id = t.agent_id ORDER BY s.percent DESC, s.attempt LIMIT 1) best ON true
     WHERE t.exam_id = $2 AND ($3::text IS NULL OR u.team_id = $3)
     ORDER BY tm.name NULLS LAST, a.employee_no NULLS LAST, u.display_name`,
    [await centerTimeZone(db), examId, teamId],
  );
  const items: ExamResultRow[] = rows.map((r) => ({
    agentId: r.agent_id,
    agentName: r.display_name,
    employeeNo: r.employee_no,
    teamId: r.team_id,
    teamName: r.team_name,
    hireMonth: r.hire_month,
    attempts: Number(r.attempts),
    score: r.score === null ? null : Number(r.score),
    percent: r.percent === null ? null : Number(r.percent),
    passed: r.passed,
    submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
  }));
  const taken = items.flatMap((r) => (r.percent === null ? [] : [{ ...r, takerId: r.agentId, percent: r.percent, passed: r.passed === true }]));
  return { exam: summary, rows: items, passRates: passRates(taken) };
}

interface MonthFilter {
  agentIds?: readonly string[];
  teamId?: string | null;
}

interface PerExam {
  agent_id: string;
  exam_id: string;
  percent: string;
  passed: boolean;
  display_name: string;
  employee_no: string | null;
  team_id: string | null;
  team_name: string | null;
  hire_month: string;
}

/** Each agent's best sheet per exam handed in during the month: the one source of 每月考试成绩. */
export async function monthSheets(db: Queryable, month: string, filter: MonthFilter): Promise<PerExam[]> {
  const { from, to, timeZone } = await centerMonth(db, month);
  return db.query<PerExam>(
    `SELECT b.agent_id, b.exam_id, b.percent, b.passed, u.display_name, a.employee_no, u.team_id, tm.name AS team_name, ${hireMonth} AS hire_month
     FROM (SELECT agent_id, exam_id, max(percent) AS percent, bool_or(passed) AS passed FROM exam_submissions
           WHERE submitted_at >= $2 AND submitted_at < $3 AND ($4::text[] IS NULL OR agent_id = ANY($4::text[]))
           GROUP BY agent_id, exam_id) b
       JOIN users u ON u.id = b.agent_id LEFT JOIN agents a ON a.user_id = u.id LEFT JOIN teams tm ON tm.id = u.team_id LEFT JOIN quotas q ON q.agent_id = u.id LEFT JOIN staff_records sr ON sr.agent_id = u.id
     WHERE $5::text IS NULL OR u.team_id = $5
     ORDER BY tm.name NULLS LAST, a.employee_no NULLS LAST, u.display_name, b.exam_id`,
    [timeZone, from.toISOString(), to.toISOString(), filter.agentIds ? [...filter.agentIds] : null, filter.teamId ?? null],
  );
}

/** The mean of the per-exam percentages, to one decimal. */
export const meanPercent = (sheets: readonly { percent: string }[]) => Math.round((sheets.reduce((s, r) => s + Number(r.percent), 0) / sheets.length) * 10) / 10;

/** 每月考试成绩 in the caller's scope: an agent the own, a team leader the team's, the floor-wide roles every team or the one asked. */
export async function monthlyScores(db: Queryable, actor: Actor, month: string, team: string | undefined): Promise<MonthlyExamScores> {
  const filter: MonthFilter = actor.role === 'agent' ? { agentIds: [actor.userId] } : { teamId: teamScope(actor).kind === 'all' ? (team ?? null) : reportTeam(actor, team) };
  const sheets = await monthSheets(db, month, filter);
  const byAgent = new Map<string, PerExam[]>();
  for (const s of sheets) byAgent.set(s.agent_id, [...(byAgent.get(s.agent_id) ?? []), s]);
  const items: MonthlyExamScoreRow[] = [...byAgent.values()].map((own) => {
    const first = own[0]!;
    return {
      agentId: first.agent_id,
      agentName: first.display_name,
      employeeNo: first.employee_no,
      teamId: first.team_id,
      teamName: first.team_name,
      hireMonth: first.hire_month,
      exams: own.length,
      passed: own.filter((s) => s.passed).length,
      score: meanPercent(own),
    };
  });
  // A month's pass rate counts sheets (人次): one per agent and exam.
  const taken = sheets.map((s) => ({ teamName: s.team_name, hireMonth: s.hire_month, takerId: `${s.agent_id}/${s.exam_id}`, percent: Number(s.percent), passed: s.passed }));
  return { month, items, passRates: passRates(taken) };
}
