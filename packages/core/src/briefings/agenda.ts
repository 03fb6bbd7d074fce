import type { MetricTarget } from '../analysis/index';
import { addDays } from '../calendar/index';
import type { MetricDefinition } from '../metrics/index';
import type { ServiceLevelSetting } from '../settings/index';

/**
 * The figures a leader reads out first (seed 002: the floor's four linked figures — attendance,
 * talk utilization, not-ready time, AHT — with the calls answered, the QA score and FCR); any other
 * metric with a target for the team or the center follows them.
 */
export const briefingMetrics = ['answered', 'averageHandleTime', 'attendanceRate', 'talkUtilization', 'notReadyTime', 'monitoringScore', 'firstContactResolution'] as const;

/** How many of the most-failed QA items the agenda lists. */
export const briefingQaItems = 5;
/** The QA items are counted over this many days up to yesterday: one day holds too few evaluations. */
export const briefingQaDays = 7;

export interface BriefingKpiLine {
  metricId: string;
  zh: string;
  en: string;
  unit: MetricDefinition['unit'];
  better: 'higher' | 'lower' | null;
  /** Yesterday's team figure as the reports compute it; null when there was nothing to measure. */
  value: number | null;
  /** The team's target, else the center's. */
  target: number | null;
  met: boolean | null;
}

export interface BriefingQaItem {
  key: string;
  text: string;
  failed: number;
  of: number;
  fatal: boolean;
}

export interface BriefingArticle {
  id: string;
  title: string;
  category: string;
  /** Version 1: new (业务新增); a later version: changed (变更). */
  version: number;
  updatedAt: string;
}

export interface BriefingKnowledgeLine extends BriefingArticle {
  change: 'new' | 'changed';
  /** In a notice category (通知, 公告): passed on as a notice from above (上级通知). */
  notice: boolean;
}

export interface TeamAgent {
  agentId: string;
  employeeNo: string;
  name: string;
}

export interface ScheduledAgent extends TeamAgent {
  shift: string;
  /** Local `YYYY-MM-DDTHH:MM`. */
  start: string;
  end: string;
}

export interface AgentOnLeave extends TeamAgent {
  kind: string;
}

export interface BriefingSchedule {
  /** The team's roster of the month: published (agents on and off are known), a draft, or none. */
  roster: 'published' | 'draft' | 'missing';
  on: ScheduledAgent[];
  off: TeamAgent[];
  /** `missing` when the system keeps no leave yet: the agenda says so rather than guessing. */
  leave: { source: 'available' | 'missing'; agents: AgentOnLeave[] };
}

/** A problem raised at a 班后会 (debrief). */
export interface DebriefProblem {
  id: string;
  teamId: string;
  /** The local date of the debrief it was raised at. */
  date: string;
  text: string;
  raisedBy: string;
  raisedByName: string;
  raisedAt: string;
  /** open: not yet answered; solved: answered; unsolved: the leader could not answer it at the debrief. */
  status: 'open' | 'solved' | 'unsolved';
  answer: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The local date it was decided on. */
  decidedDate: string | null;
}

export interface BriefingAgenda {
  date: string;
  /** The day the figures are of. */
  yesterday: string;
  kpis: BriefingKpiLine[];
  qa: { from: string; to: string; items: BriefingQaItem[] };
  knowledge: { from: string; items: BriefingKnowledgeLine[] };
  schedule: BriefingSchedule;
  /**
   * Problems of earlier debriefs not solved yet, and those answered after their debrief since
   * yesterday, whose answer this briefing passes on (seed 002: 解决不了时,记录下来,在第二天班前会传达).
   */
  carriedOver: DebriefProblem[];
  /** The center's service-level variant the figures use, named as on every report (absent from agendas frozen before it was). */
  serviceLevel?: ServiceLevelSetting & { zh: string; en: string };
}

export interface AgendaInput {
  /** The briefing's local date, `YYYY-MM-DD`. */
  date: string;
  teamId: string;
  /** The team's figures for yesterday as the reports computed them (metric id → value). */
  figures: Readonly<Record<string, number | null>>;
  targets: readonly MetricTarget[];
  /** The metric dictionary (or the part of it to consider). */
  metrics: readonly Pick<MetricDefinition, 'id' | 'zh' | 'en' | 'unit' | 'better'>[];
  /** The team's failed QA items over the QA period, as the QA report counts them. */
  qaItems: readonly BriefingQaItem[];
  /** Published articles new or changed since the start of yesterday. */
  articles: readonly BriefingArticle[];
  roster: {
    status: 'published' | 'draft' | 'missing';
    agents: readonly TeamAgent[];
    shifts: readonly { userId: string; date: string; shift: string; start: string; end: string }[];
  };
  /** Agents on approved leave on the date; null when the system has no leave source. */
  leave: readonly { agentId: string; kind: string }[] | null;
  /** The team's debrief problems (the assembly picks those carried over). */
  problems: readonly DebriefProblem[];
}

const noticeCategory = /通知|公告|notice/i;

/** The team's target for a metric, else the center's (an agent's own target is the scorecard's, not the team's). */
export function teamTarget(targets: readonly MetricTarget[], metricId: string, teamId: string): number | null {
  const pick = (scope: MetricTarget['scope'], scopeId: string) => targets.find((t) => t.metricId === metricId && t.scope === scope && t.scopeId === scopeId)?.target;
  return pick('team', teamId) ?? pick('center', '') ?? null;
}

/**
 * Yesterday's team figures against target: the briefing's metrics first, then every other metric
 * the team or the center has a target for, in the dictionary's order.
 */
export function briefingKpis(input: Pick<AgendaInput, 'figures' | 'targets' | 'metrics' | 'teamId'>): BriefingKpiLine[] {
  const watched = new Set<string>(briefingMetrics);
  const chosen = [
    ...briefingMetrics.map((id) => input.metrics.find((m) => m.id === id)).filter((m) => m !== undefined),
    ...input.metrics.filter((m) => !watched.has(m.id) && m.better !== null && teamTarget(input.targets, m.id, input.teamId) !== null),
  ];
  return chosen.map((m) => {
    const value = input.figures[m.id] ?? null;
    const target = m.better === null ? null : teamTarget(input.targets, m.id, input.teamId);
    return {
      metricId: m.id,
      zh: m.zh,
      en: m.en,
      unit: m.unit,
      better: m.better,
      value,
      target,
      met: value === null || target === null ? null : m.better === 'higher' ? value >= target : value <= target,
    };
  });
}

/**
 * What a briefing on `date` carries from earlier debriefs, oldest first (the order given on a tie):
 * the problems not solved yet, and those solved after their own debrief since yesterday, so the
 * answer found later is passed on once. A problem answered at its debrief stays there.
 */
export function carriedOver(problems: readonly DebriefProblem[], date: string): DebriefProblem[] {
  const yesterday = addDays(date, -1);
  const answeredLate = (p: DebriefProblem) => p.decidedDate !== null && p.decidedDate > p.date && p.decidedDate >= yesterday && p.decidedDate <= date;
  return problems.filter((p) => p.date < date && (p.status !== 'solved' || answeredLate(p))).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}

/** Who is on today (by shift start), who is off, who is on leave (taken out of those on). */
export function briefingSchedule(date: string, roster: AgendaInput['roster'], leave: AgendaInput['leave']): BriefingSchedule {
  const byAgent = new Map(roster.agents.map((a) => [a.agentId, a] as const));
  const onLeave = new Map((leave ?? []).map((l) => [l.agentId, l.kind] as const));
  const leaveAgents = [...onLeave]
    .map(([agentId, kind]) => {
      const agent = byAgent.get(agentId);
      return agent ? { ...agent, kind } : null;
    })
    .filter((a) => a !== null)
    .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
  const leaveLine = { source: leave === null ? ('missing' as const) : ('available' as const), agents: leaveAgents };
  if (roster.status !== 'published') return { roster: roster.status, on: [], off: [], leave: leaveLine };
  const on = roster.shifts
    .filter((s) => s.date === date && byAgent.has(s.userId) && !onLeave.has(s.userId))
    .map((s) => ({ ...byAgent.get(s.userId)!, shift: s.shift, start: s.start, end: s.end }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.employeeNo.localeCompare(b.employeeNo));
  const working = new Set(roster.shifts.filter((s) => s.date === date).map((s) => s.userId));
  const off = roster.agents.filter((a) => !working.has(a.agentId) && !onLeave.has(a.agentId));
  return { roster: 'published', on, off, leave: leaveLine };
}

/**
 * The agenda a team leader finds prepared for a day's 班前会 (seed 002): yesterday's team figures
 * against target, the QA items failed most, what is new or changed in the knowledge base (notices
 * among them), who is on today and who is away, and the problems carried over from earlier
 * debriefs. Pure: the server gathers the inputs from the reports, QA, the knowledge base, the
 * roster and the debriefs.
 *
 * @example
 * const agenda = assembleAgenda({ date: '2026-01-06', teamId: 't1', figures, targets, metrics: metricDictionary, qaItems, articles, roster, leave: null, problems });
 * agenda.kpis[0]; // { metricId: 'answered', value: 120, target: null, met: null, … }
 */
export function assembleAgenda(input: AgendaInput): BriefingAgenda {
  const yesterday = addDays(input.date, -1);
  return {
    date: input.date,
    yesterday,
    kpis: briefingKpis(input),
    qa: {
      from: addDays(input.date, -briefingQaDays),
      to: yesterday,
      items: [...input.qaItems]
        .filter((i) => i.failed > 0)
        .sort((a, b) => b.failed - a.failed || Number(b.fatal) - Number(a.fatal) || a.key.localeCompare(b.key))
        .slice(0, briefingQaItems),
    },
    knowledge: {
      from: yesterday,
      items: [...input.articles]
        .map((a) => ({ ...a, change: a.version === 1 ? ('new' as const) : ('changed' as const), notice: noticeCategory.test(a.category) }))
        // Notices first: the leader passes on what comes from above before the new knowledge.
        .sort((a, b) => Number(b.notice) - Number(a.notice) || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id)),
    },
    schedule: briefingSchedule(input.date, input.roster, input.leave),
    carriedOver: carriedOver(input.problems, input.date),
  };
}
