import type { DisciplineCategory, PointStatus, ProposalKind, Role } from '@banzu/core';

/**
 * Discipline points (扣分) and recognition (表扬, 树标杆) as `/api/v1/discipline` answers them.
 * Times are ISO 8601 strings; months YYYY-MM and weeks (their Monday) in the center's time zone.
 */

/** Who records an item or praise: the agent's team leader, and the floor-wide roles for any team. */
export const disciplineRecorders: readonly Role[] = ['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'];
/** Who decides a contest, accepts the system's proposals and picks the model agent: the team's leader and the floor's managers. */
export const disciplineDeciders: readonly Role[] = ['team_leader', 'supervisor', 'manager', 'admin'];
/** Who edits the catalogue: the center. */
export const disciplineCatalogueEditors: readonly Role[] = ['manager', 'admin'];

export interface DisciplineRuleView {
  code: string;
  text: string;
  points: number;
  category: DisciplineCategory | string;
  source: string;
  afterWarning: boolean;
  active: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface DisciplinePoint {
  id: string;
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  teamId: string | null;
  ruleCode: string;
  ruleText: string;
  points: number;
  occurredAt: string;
  note: string;
  status: PointStatus;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
  contestReason: string | null;
  contestedAt: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface DisciplineAgentTotal {
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  /** Points of the month's items that are not withdrawn. */
  total: number;
  items: number;
  praise: number;
}

export interface DisciplinePointPage {
  month: string;
  items: DisciplinePoint[];
  /** The listed items' points, withdrawn ones left out. */
  total: number;
  /** Per agent in scope (the team's, or the agent's own). */
  totals: DisciplineAgentTotal[];
}

export interface DisciplineProposal {
  id: string;
  kind: ProposalKind;
  agentId: string;
  agentName: string;
  ruleCode: string;
  ruleText: string;
  points: number;
  occurredAt: string;
  detail: { reason?: string | null; lateMinutes?: number; shiftStart?: number; shiftEnd?: number };
  status: 'open' | 'accepted' | 'dismissed';
}

export interface Praise {
  id: string;
  agentId: string;
  agentName: string;
  text: string;
  occurredAt: string;
  recordedByName: string;
  recordedAt: string;
}

export interface ModelAgent {
  teamId: string;
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  agentId: string;
  agentName: string;
  reason: string;
  chosenByName: string;
  chosenAt: string;
}
