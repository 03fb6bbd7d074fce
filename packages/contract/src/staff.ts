import type { CandidateResult, InterviewQuestion, InterviewRubric, LeaveCategory, ProbationOutcome, Role } from '@banzu/core';

export type { InterviewQuestion, InterviewRubric, LeaveCategory, ProbationOutcome, ScoringBand } from '@banzu/core';

/** Who sees staff records (员工档案): a team leader the own team's, the others every team's. */
export const staffViewers: readonly Role[] = ['team_leader', 'supervisor', 'manager', 'admin'];
/** Who edits them: a team leader the own team's, managers and administrators everyone's. */
export const staffEditors: readonly Role[] = ['team_leader', 'manager', 'admin'];
/** Who opens promotion interview rounds and edits rubrics; interviewers are named per round. */
export const interviewOrganizers: readonly Role[] = ['supervisor', 'manager', 'admin'];

/** An agent's staff record; dates are local `YYYY-MM-DD`. */
export interface StaffRecord {
  agentId: string;
  hireDate: string;
  probationEnd: string | null;
  probationOutcome: ProbationOutcome;
  leaveDate: string | null;
  leaveCategory: LeaveCategory | null;
  leaveNote: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** One line of the staff list: every agent in scope, with the record when there is one. */
export interface StaffRow {
  agentId: string;
  name: string;
  employeeNo: string;
  teamId: string | null;
  teamName: string | null;
  record: StaffRecord | null;
  /** Completed months of service today (to the leaving date for a leaver); null without a record. */
  tenureMonths: number | null;
}

/** An edit of a record: who, when, the fields before and after. */
export interface StaffRecordChange {
  at: string;
  by: string | null;
  byName: string | null;
  action: 'create' | 'update';
  before: Partial<StaffRecord> | null;
  after: Partial<StaffRecord>;
}

export interface TeamMoveRow {
  at: string;
  fromTeamId: string | null;
  fromTeamName: string | null;
  toTeamId: string | null;
  toTeamName: string | null;
  byName: string | null;
}

export interface StaffDetail extends StaffRow {
  changes: StaffRecordChange[];
  moves: TeamMoveRow[];
}

/** One team's (or the center's) month: the agentTurnover figures from the reports. */
export interface TurnoverCell {
  month: string;
  leavers: number;
  /** Average headcount: agent-days employed over the days of the month. */
  headcount: number;
  turnover: number | null;
}

export interface TurnoverReport {
  months: string[];
  teams: { teamId: string; name: string; cells: TurnoverCell[] }[];
  total: TurnoverCell[];
  /** Leavers per month by reason category. */
  byCategory: { month: string; category: LeaveCategory; leavers: number }[];
}

export interface StoredRubric extends InterviewRubric {
  /** Built-in templates (seed 000) are copied to be edited. */
  builtin: boolean;
}

export interface InterviewRoundSummary {
  id: string;
  title: string;
  rubricName: string;
  heldOn: string;
  status: 'open' | 'closed';
  candidates: number;
  interviewers: number;
  submitted: number;
}

export interface InterviewScore {
  agentId: string;
  questionCode: string;
  points: number;
  note: string;
}

export interface RankingRow extends CandidateResult {
  name: string;
  employeeNo: string;
  teamName: string | null;
}

export interface InterviewRoundDetail extends Omit<InterviewRoundSummary, 'candidates' | 'interviewers' | 'submitted'> {
  questions: InterviewQuestion[];
  candidates: { agentId: string; name: string; employeeNo: string; teamName: string | null }[];
  interviewers: { userId: string; name: string; submitted: boolean }[];
  /** The caller's own sheet when the caller is an interviewer: drafts are nobody else's to see. */
  mySheet: { scores: InterviewScore[]; submitted: boolean } | null;
  /** Totals from the handed-in sheets: for organizers, and for an interviewer once the own sheet is in; null otherwise. */
  ranking: RankingRow[] | null;
}
