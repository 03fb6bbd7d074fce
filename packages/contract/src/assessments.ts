import type { AssessmentComponent, AssessmentComponentId, AssessmentRules, BonusBreakdown, LeaveKind, LeaveTally } from '@banzu/core';

/**
 * Leave (请假) and the monthly assessment (月度考核) as `/api/v1/leave` and `/api/v1/assessments`
 * answer them. Times are ISO 8601 strings; dates and months local to the center.
 */

export type LeaveStatus = 'pending' | 'approved' | 'refused' | 'cancelled';

export interface LeaveRequest {
  id: string;
  agentId: string;
  agentName: string;
  teamId: string | null;
  kind: LeaveKind;
  startDate: string;
  endDate: string;
  halfDay: boolean;
  /** Which half of a half-day leave: 上午 (am) or 下午 (pm); null for whole days (and half days from before halves were named). */
  half: 'am' | 'pm' | null;
  /** Working days on the center calendar (0.5 for half a day). */
  days: number;
  reason: string;
  status: LeaveStatus;
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string;
}

/** A KPI line of the sheet: the reports' figure for the agent's month against the agent's target. */
export interface AssessmentKpiLine {
  metricId: string;
  value: number | null;
  target: number | null;
  met: boolean | null;
}

export interface AssessmentAttendance extends AssessmentComponent {
  /** roster: minutes of the published shifts attended; logins: working days with a login. */
  source: 'roster' | 'logins';
  expected: number;
  attended: number;
  late: number;
  earlyLeave: number;
  absent: number;
  /** The month's published briefings (班前会) the agent was on the roll of, and attended. */
  briefingsHeld: number;
  briefingsAttended: number;
}

export interface AssessmentSheetComponents {
  kpi: AssessmentComponent & { lines: AssessmentKpiLine[] };
  qa: AssessmentComponent;
  attendance: AssessmentAttendance;
  points: AssessmentComponent;
  exam: AssessmentComponent;
}

/** One agent's sheet of a month. */
export interface AssessmentSheet {
  agentId: string;
  employeeNo: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  month: string;
  score: number | null;
  /** Rank in the team (1 best, ties share), and of how many ranked. */
  rank: number | null;
  rankedOf: number;
  centerRank: number | null;
  centerRankedOf: number;
  /** The month's bonus in yuan (考勤奖 + 考评奖). */
  bonus: number;
  bonusDetail: BonusBreakdown;
  /** Each component's figure, as the API names them (points: the month's discipline points deducted); null without a source. */
  components: Record<AssessmentComponentId, number | null>;
  /** Each component with its 0-100 score, the reason when it has no figure, and its detail. */
  componentDetails: AssessmentSheetComponents;
  /** The components the score left out for want of data. */
  missing: AssessmentComponentId[];
  /** Approved leave days of the month by kind. */
  leave: LeaveTally;
  comment: string;
  commentedBy: string | null;
  commentedAt: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** Confirmed: the figures are the ones stored when the agent confirmed. */
  frozen: boolean;
}

/** GET /api/v1/assessments. */
export interface AssessmentPage {
  month: string;
  /** Only after it may an agent confirm. */
  monthOver: boolean;
  rules: AssessmentRules;
  items: AssessmentSheet[];
}
