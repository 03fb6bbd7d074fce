/** 班前会 and 班后会: a team's briefing of a day with its prepared agenda, the roll, and the debrief's problems. */
import type { BriefingAgenda, DebriefProblem } from '@banzu/core';

export type {
  AgentOnLeave,
  BriefingAgenda,
  BriefingKnowledgeLine,
  BriefingKpiLine,
  BriefingQaItem,
  BriefingSchedule,
  DebriefProblem,
  ScheduledAgent,
  TeamAgent,
} from '@banzu/core';

/** One agent on a briefing's roll: marked present by the leader, and the confirmation of having read it. */
export interface BriefingRollLine {
  agentId: string;
  employeeNo: string;
  name: string;
  attendedAt: string | null;
  confirmedAt: string | null;
}

export interface Briefing {
  /** null: nothing saved yet, the agenda as the system prepared it. */
  id: string | null;
  teamId: string;
  teamName: string;
  date: string;
  /** The center's time zone: the times below are shown in it. */
  timeZone: string;
  status: 'new' | 'draft' | 'published';
  goal: string;
  items: string[];
  /** Built from the system's data at every read while a draft; as published once published. */
  agenda: BriefingAgenda;
  updatedAt: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
  /** Leaders and floor roles see the whole roll; an agent only the own line. Empty until published. */
  roll: BriefingRollLine[];
}

export interface Debrief {
  teamId: string;
  date: string;
  /** Raised at this day's debrief (an agent sees the own only). */
  problems: DebriefProblem[];
  /** Raised earlier and not solved: tomorrow's briefing carries them. */
  carriedOver: DebriefProblem[];
}

/** Who holds the briefing and the debrief: a team leader for the own team, the duty supervisor and managers for any. */
export const briefingHolders = ['team_leader', 'supervisor', 'manager', 'admin'] as const;
