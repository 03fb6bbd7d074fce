import type { Store } from '../store/index';
import { meanPercent, monthSheets } from './results';

/**
 * 每月考试成绩: each agent's mean percentage (0–100, one decimal) over the exams they handed in
 * during the month (the center's time zone), an exam counted once by its best sheet. Agents without
 * an exam that month are absent from the map. The same figures as the training page's month.
 *
 * @example
 * const exam = await monthlyExamScores(store, '2026-01', agentIds);
 * exam.get(agentId); // 85.5, or undefined when the agent took no exam
 */
export async function monthlyExamScores(store: Store, month: string, agentIds: readonly string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const sheets = await monthSheets(store, month, { agentIds });
  const byAgent = new Map<string, typeof sheets>();
  for (const s of sheets) byAgent.set(s.agent_id, [...(byAgent.get(s.agent_id) ?? []), s]);
  return new Map([...byAgent].map(([agentId, own]) => [agentId, meanPercent(own)]));
}
