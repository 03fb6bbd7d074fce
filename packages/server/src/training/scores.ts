import type { Store } from '../store/index';
import { centerTimeZone, monthInstants } from './month';

/**
 * 每月考试成绩: each agent's mean percentage (0–100) over the exams they handed in during the month
 * (the center's time zone), an exam counted once by its best sheet. Agents without an exam that
 * month are absent from the map.
 *
 * @example
 * const exam = await monthlyExamScores(store, '2026-01', agentIds);
 * exam.get(agentId); // 85.5, or undefined when the agent took no exam
 */
export async function monthlyExamScores(store: Store, month: string, agentIds: readonly string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const { from, to } = monthInstants(month, await centerTimeZone(store));
  const rows = await store.query<{ agent_id: string; score: string | number }>(
    `SELECT agent_id, avg(best) AS score FROM (
       SELECT agent_id, exam_id, max(percent) AS best FROM exam_submissions
       WHERE agent_id = ANY($1::text[]) AND submitted_at >= $2 AND submitted_at < $3
       GROUP BY agent_id, exam_id
     ) per_exam GROUP BY agent_id`,
    [[...agentIds], from.toISOString(), to.toISOString()],
  );
  return new Map(rows.map((r) => [r.agent_id, Math.round(Number(r.score) * 10) / 10]));
}
