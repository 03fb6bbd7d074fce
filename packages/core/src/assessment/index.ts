/**
 * The monthly assessment (月度考核, seed 003 考核规定): one sheet per agent per month built from five
 * components, each a score of 0-100 or null with the reason it is missing; the weighted score; the
 * rank in the team and in the center; and the month's bonus with seed 003's rules as the default
 * (考勤奖 200 less 10 per day of sick leave and 30 per day of personal leave, forfeited at 7 sick or 5
 * personal days; 考评奖 200 paid in proportion to the score).
 *
 * @example
 * const components = {
 *   kpi: kpiComponent([{ metricId: 'averageHandleTime', value: 200, target: 180, better: 'lower' }]),
 *   qa: qaComponent(92),
 *   attendance: attendanceComponent({ source: 'roster', expected: 1200, attended: 1140 }),
 *   points: pointsComponent(4, defaultAssessmentRules),
 *   exam: examComponent(null),
 * };
 * const sheet = assessAgent(components, { ...emptyLeaveTally(), sick: 2 }, defaultAssessmentRules);
 * sheet.score;        // 92.5: (30 × 90 + 30 × 92 + 15 × 95 + 15 × 96) / 90, the exam left out
 * sheet.bonus.total;  // 365: 考勤奖 180 (200 - 2 × 10) + 考评奖 185 (200 × 92.5%)
 * rankAssessments([{ agentId: 'a', teamId: 't', score: 90 }, { agentId: 'b', teamId: 't', score: 90 }]); // both rank 1
 */
import { rank } from '../analysis/index';
import { type LeaveKind, leaveKinds, type LeaveTally } from '../wfm/index';

export const assessmentComponentIds = ['kpi', 'qa', 'attendance', 'points', 'exam'] as const;
export type AssessmentComponentId = (typeof assessmentComponentIds)[number];

export const assessmentComponentNames: Record<AssessmentComponentId, { zh: string; en: string }> = {
  kpi: { zh: '指标达成', en: 'KPIs against target' },
  qa: { zh: '质检成绩', en: 'QA score' },
  attendance: { zh: '出勤', en: 'Attendance' },
  points: { zh: '现场管理扣分', en: 'Discipline points' },
  exam: { zh: '考试成绩', en: 'Exam results' },
};

/**
 * One component of a sheet: `value` is the figure as its source reports it (the QA mean, the points
 * deducted, the share attended), `score` the 0-100 the weighted score uses; both null with a reason
 * when the source has nothing for the month: a missing figure is never a 0.
 */
export interface AssessmentComponent {
  value: number | null;
  score: number | null;
  reason: string | null;
}

export type AssessmentComponents = Record<AssessmentComponentId, AssessmentComponent>;

/** What one day of a kind of leave costs of the attendance bonus, and the days that forfeit all of it. */
export interface LeaveDeduction {
  perDay: number;
  /** The month's days of this kind at which the whole attendance bonus is gone (null: never). */
  forfeitAtDays: number | null;
}

export interface AssessmentRules {
  /** Relative weights of the components (they need not add up to 100); 0 leaves a component out. */
  weights: Record<AssessmentComponentId, number>;
  /** 全月考勤奖, less leave deductions. */
  attendanceBonus: number;
  /** 考评奖, paid in proportion to the score, nothing below `evaluationMinScore`. */
  evaluationBonus: number;
  evaluationMinScore: number;
  /** Leave kinds that cost attendance bonus; the others (年假, 婚假 …) cost nothing. */
  leaveDeductions: Partial<Record<LeaveKind, LeaveDeduction>>;
  /** Score points one discipline point costs in the points component (100 less the month's points × this). */
  scorePerPoint: number;
  /**
   * The percent of the attendance score that is attending the month's briefings (seed 000's 早会制度:
   * 将早会情况列入当月考核); the rest is attending the shifts. Months without a briefing use the shifts alone.
   */
  briefingPercent: number;
  /**
   * 全月考勤奖 is for the full month: this many days missed without approved leave (旷工: a due shift
   * not worked, or without a roster a working day without a login) take all of it; null: never.
   */
  absenceForfeitDays: number | null;
}

/**
 * Seed 003's rules: 接线员全月考勤奖200元、考评奖200元; 病假扣发10元/天, 7天以上扣除全部考勤奖; 事假扣发30元/天,
 * 5天以上扣除全部考勤奖. The weights are ours (seed 003 names attendance, quality, exams and daily
 * conduct without weights): KPIs 30, QA 30, attendance 15, discipline points 15, exams 10.
 */
export const defaultAssessmentRules: AssessmentRules = {
  weights: { kpi: 30, qa: 30, attendance: 15, points: 15, exam: 10 },
  attendanceBonus: 200,
  evaluationBonus: 200,
  evaluationMinScore: 60,
  leaveDeductions: { sick: { perDay: 10, forfeitAtDays: 7 }, personal: { perDay: 30, forfeitAtDays: 5 } },
  scorePerPoint: 1,
  briefingPercent: 20,
  absenceForfeitDays: 1,
};

/**
 * Rules that cannot be used (a negative amount, all weights 0): nothing was computed. `problem`
 * names what is wrong, `subject` the weight or kind of leave it is about, for a caller to say it in
 * the user's words.
 */
export class AssessmentRulesError extends Error {
  override readonly name = 'AssessmentRulesError';
  constructor(
    readonly problem: 'weight' | 'weights_zero' | 'bonus' | 'evaluation_min_score' | 'score_per_point' | 'briefing_percent' | 'absence_days' | 'leave_kind' | 'leave_deduction',
    message: string,
    readonly subject = '',
  ) {
    super(message);
  }
}

/** Checks rules a center set; throws AssessmentRulesError with a Chinese message naming the problem. */
export function checkAssessmentRules(rules: AssessmentRules): AssessmentRules {
  const finite = (n: number) => Number.isFinite(n) && n >= 0;
  for (const id of assessmentComponentIds)
    if (!finite(rules.weights[id])) throw new AssessmentRulesError('weight', `权重 ${assessmentComponentNames[id].zh} 应为不小于 0 的数`, id);
  if (assessmentComponentIds.every((id) => rules.weights[id] === 0)) throw new AssessmentRulesError('weights_zero', '权重不能全部为 0');
  if (!finite(rules.attendanceBonus) || !finite(rules.evaluationBonus)) throw new AssessmentRulesError('bonus', '考勤奖和考评奖应为不小于 0 的金额');
  if (!finite(rules.evaluationMinScore) || rules.evaluationMinScore > 100) throw new AssessmentRulesError('evaluation_min_score', '考评奖的最低分应在 0 到 100 之间');
  if (!finite(rules.scorePerPoint)) throw new AssessmentRulesError('score_per_point', '每扣 1 分折算的考核分应为不小于 0 的数');
  if (!finite(rules.briefingPercent) || rules.briefingPercent > 100) throw new AssessmentRulesError('briefing_percent', '早会在出勤中的占比应在 0 到 100 之间');
  if (rules.absenceForfeitDays !== null && !(finite(rules.absenceForfeitDays) && rules.absenceForfeitDays > 0)) {
    throw new AssessmentRulesError('absence_days', '扣除全部考勤奖的旷工天数应大于 0');
  }
  for (const [kind, d] of Object.entries(rules.leaveDeductions)) {
    if (!leaveKinds.includes(kind as LeaveKind)) throw new AssessmentRulesError('leave_kind', `没有这种假别：${kind}`, kind);
    if (!d || !finite(d.perDay) || (d.forfeitAtDays !== null && !(finite(d.forfeitAtDays) && d.forfeitAtDays > 0))) {
      throw new AssessmentRulesError('leave_deduction', `${kind}: 每天扣发金额应不小于 0，扣除全部考勤奖的天数应大于 0`, kind);
    }
  }
  return rules;
}

const clampScore = (n: number) => Math.min(100, Math.max(0, n));
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const missing = (reason: string): AssessmentComponent => ({ value: null, score: null, reason });

/** One KPI of the month against its target, as the reports' scorecard gives it. */
export interface KpiLine {
  metricId: string;
  value: number | null;
  target: number | null;
  better: 'higher' | 'lower';
}

/** How much of a target one figure reaches, 0-1: a figure at or beyond its target is 1. */
export function attainment(line: { value: number; target: number; better: 'higher' | 'lower' }): number {
  const { value, target, better } = line;
  if (better === 'higher') return value >= target ? 1 : target > 0 ? Math.max(0, value / target) : 0;
  return value <= target ? 1 : value > 0 ? Math.max(0, target / value) : 0;
}

/** KPIs against target: the mean attainment of the KPIs that have both a figure and a target, as 0-100. */
export function kpiComponent(lines: readonly KpiLine[]): AssessmentComponent {
  const measured = lines.filter((l): l is KpiLine & { value: number; target: number } => l.value !== null && l.target !== null);
  if (lines.every((l) => l.target === null)) return missing('没有设定指标目标');
  if (measured.length === 0) return missing('本月没有设定了目标的指标数据');
  const score = round1((100 * measured.reduce((sum, l) => sum + attainment(l), 0)) / measured.length);
  return { value: score, score, reason: null };
}

/** The QA component: the month's mean monitoring score (监听分值). */
export function qaComponent(monitoringScore: number | null): AssessmentComponent {
  if (monitoringScore === null) return missing('本月没有质检评分');
  return { value: round1(monitoringScore), score: round1(clampScore(monitoringScore)), reason: null };
}

/**
 * Attendance: what was attended of what was expected, leave excused. From a published roster in
 * minutes of shifts; without one from logins, in working days with a login. `value` is that share;
 * the score also counts the month's briefings attended, as `briefingPercent` of it, when any were held.
 */
export function attendanceComponent(
  input: { source: 'roster' | 'logins'; expected: number; attended: number; briefings?: { held: number; attended: number } },
  rules: Pick<AssessmentRules, 'briefingPercent'> = defaultAssessmentRules,
): AssessmentComponent {
  if (input.expected <= 0) return missing(input.source === 'roster' ? '本月排班中没有到期的班次' : '本月还没有应出勤的工作日');
  const share = Math.min(1, Math.max(0, input.attended / input.expected));
  const briefings = input.briefings && input.briefings.held > 0 ? Math.min(1, input.briefings.attended / input.briefings.held) : null;
  const weight = rules.briefingPercent / 100;
  const score = briefings === null ? share : (1 - weight) * share + weight * briefings;
  return { value: round1(share * 100), score: round1(score * 100), reason: null };
}

/** Discipline points (扣分): the month's points deducted, 100 less them (× scorePerPoint) as the score. */
export function pointsComponent(total: number | null, rules: Pick<AssessmentRules, 'scorePerPoint'>, reason = '扣分记录尚未接入'): AssessmentComponent {
  if (total === null) return missing(reason);
  return { value: total, score: round1(clampScore(100 - total * rules.scorePerPoint)), reason: null };
}

/** 每月考试成绩: the mean percentage of the month's exams. */
export function examComponent(mean: number | null, reason = '本月没有考试成绩'): AssessmentComponent {
  if (mean === null) return missing(reason);
  return { value: round1(mean), score: round1(clampScore(mean)), reason: null };
}

export interface BonusBreakdown {
  /** 考勤奖 after the leave deductions. */
  attendance: number;
  /** 考评奖 from the score; 0 without a score. */
  evaluation: number;
  total: number;
  /** The deductions per leave kind, and whether that kind forfeited the whole attendance bonus. */
  deductions: { kind: LeaveKind; days: number; amount: number; forfeit: boolean }[];
  /** Days missed without approved leave, and whether they forfeited the whole attendance bonus. */
  absence: { days: number; forfeit: boolean };
}

/**
 * The month's bonus: 考勤奖 less each deducting leave kind's days × its rate, all of it gone at a
 * kind's threshold or at `absenceForfeitDays` missed without leave; 考评奖 in proportion to the score
 * from `evaluationMinScore` up. Never below 0 nor above the two bonuses together.
 */
export function assessmentBonus(score: number | null, leave: LeaveTally, rules: AssessmentRules, absentDays = 0): BonusBreakdown {
  const deductions: BonusBreakdown['deductions'] = [];
  for (const kind of leaveKinds) {
    const rule = rules.leaveDeductions[kind];
    const days = leave[kind] ?? 0;
    if (!rule || days <= 0) continue;
    const forfeit = rule.forfeitAtDays !== null && days >= rule.forfeitAtDays;
    deductions.push({ kind, days, amount: forfeit ? rules.attendanceBonus : round2(Math.min(rules.attendanceBonus, rule.perDay * days)), forfeit });
  }
  const absence = { days: absentDays, forfeit: rules.absenceForfeitDays !== null && absentDays >= rules.absenceForfeitDays };
  const attendance = absence.forfeit || deductions.some((d) => d.forfeit) ? 0 : round2(Math.max(0, rules.attendanceBonus - deductions.reduce((sum, d) => sum + d.amount, 0)));
  const evaluation = score === null || score < rules.evaluationMinScore ? 0 : round2((rules.evaluationBonus * clampScore(score)) / 100);
  return { attendance, evaluation, total: round2(attendance + evaluation), deductions, absence };
}

export interface AgentAssessment {
  components: AssessmentComponents;
  /** The weighted mean of the components with a score, 0-100, one decimal; null when none has one. */
  score: number | null;
  /** The components the score left out for want of data. */
  missing: AssessmentComponentId[];
  bonus: BonusBreakdown;
}

/**
 * One agent's sheet: the weighted score over the components that have data (their weights
 * renormalised, so a missing source neither helps nor hurts), and the bonus.
 */
export function assessAgent(components: AssessmentComponents, leave: LeaveTally, rules: AssessmentRules, absentDays = 0): AgentAssessment {
  let weighted = 0;
  let weights = 0;
  const missingIds: AssessmentComponentId[] = [];
  for (const id of assessmentComponentIds) {
    const { score } = components[id];
    const weight = rules.weights[id];
    if (weight === 0) continue;
    if (score === null) missingIds.push(id);
    else {
      weighted += weight * score;
      weights += weight;
    }
  }
  const score = weights > 0 ? round1(weighted / weights) : null;
  return { components, score, missing: missingIds, bonus: assessmentBonus(score, leave, rules, absentDays) };
}

export interface RankedAssessment {
  agentId: string;
  teamId: string | null;
  score: number | null;
  /** 1 is best; equal scores share the best place of the tie; null without a score. */
  teamRank: number | null;
  teamRankedOf: number;
  centerRank: number | null;
  centerRankedOf: number;
}

/**
 * Ranks sheets by score in each team and in the whole center (the reports' ranking: ties share a
 * rank, sheets without a score are not ranked).
 */
export function rankAssessments(sheets: readonly { agentId: string; teamId: string | null; score: number | null }[]): RankedAssessment[] {
  const center = rank(sheets, (s) => s.score, 'higher');
  const centerRank = new Map(center.map((r) => [r.item.agentId, r.rank]));
  const centerRankedOf = center.filter((r) => r.rank !== null).length;
  const teams = new Map<string | null, Map<string, number | null>>();
  const teamCounts = new Map<string | null, number>();
  for (const teamId of new Set(sheets.map((s) => s.teamId))) {
    const ranked = rank(
      sheets.filter((s) => s.teamId === teamId),
      (s) => s.score,
      'higher',
    );
    teams.set(teamId, new Map(ranked.map((r) => [r.item.agentId, r.rank])));
    teamCounts.set(teamId, ranked.filter((r) => r.rank !== null).length);
  }
  return sheets.map((s) => ({
    agentId: s.agentId,
    teamId: s.teamId,
    score: s.score,
    teamRank: teams.get(s.teamId)!.get(s.agentId) ?? null,
    teamRankedOf: teamCounts.get(s.teamId)!,
    centerRank: centerRank.get(s.agentId) ?? null,
    centerRankedOf,
  }));
}
