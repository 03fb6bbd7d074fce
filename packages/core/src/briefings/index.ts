/**
 * 班前会 and 班后会 (seed 002): the agenda a team leader finds prepared for the pre-shift briefing
 * from the system's own data, the debrief problems that carry over to the next briefing, and each
 * agent's briefings in a month for the assessment (seed 000 早会制度).
 *
 * @example
 * const agenda = assembleAgenda({ date: '2026-01-06', teamId, figures, targets, metrics: metricDictionary, qaItems, articles, roster, leave: null, problems });
 * agenda.carriedOver.map((p) => p.text); // yesterday's unsolved problems
 * briefingAttendance(marks, ['a1']);     // [{ agentId: 'a1', held: 20, attended: 18, confirmed: 19, missed: 1 }]
 */
export {
  assembleAgenda,
  briefingKpis,
  briefingMetrics,
  briefingQaDays,
  briefingQaItems,
  briefingSchedule,
  carriedOver,
  teamTarget,
  type AgendaInput,
  type AgentOnLeave,
  type BriefingAgenda,
  type BriefingArticle,
  type BriefingKnowledgeLine,
  type BriefingKpiLine,
  type BriefingQaItem,
  type BriefingSchedule,
  type DebriefProblem,
  type ScheduledAgent,
  type TeamAgent,
} from './agenda';
export { briefingAttendance, type BriefingAttendance, type BriefingMark } from './attendance';
