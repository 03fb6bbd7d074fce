import { addDays, dayNumber } from '../calendar/index';
import { localDate } from '../time/index';

export const probationOutcomes = ['pending', 'passed', 'extended', 'failed'] as const;
export type ProbationOutcome = (typeof probationOutcomes)[number];

/** Why an agent left (离职原因), the category reports count; the note says the rest. */
export const leaveCategories = ['resigned', 'dismissed', 'probation_failed', 'contract_ended', 'transferred_out', 'other'] as const;
export type LeaveCategory = (typeof leaveCategories)[number];

/** The dates of a staff record (员工档案), local `YYYY-MM-DD`. */
export interface StaffDates {
  hireDate: string;
  probationEnd: string | null;
  probationOutcome: ProbationOutcome;
  /** The last day at work: the agent counts in the headcount up to and including it, and as a leaver on it. */
  leaveDate: string | null;
  leaveCategory: LeaveCategory | null;
}

/** What is wrong with a staff record, with the dates it is about, for the caller to say in the user's words. */
export type StaffRecordProblem =
  | { code: 'probation_before_hire'; params: { probationEnd: string; hireDate: string } }
  | { code: 'leave_before_hire'; params: { leaveDate: string; hireDate: string } }
  | { code: 'leave_needs_category' | 'category_needs_leave' | 'extension_needs_end'; params: Record<string, never> };

/**
 * What is wrong with a staff record's dates, or null.
 *
 * @example
 * staffRecordProblem({ hireDate: '2026-03-01', probationEnd: null, probationOutcome: 'pending', leaveDate: '2026-02-01', leaveCategory: 'resigned' });
 * // { code: 'leave_before_hire', params: { leaveDate: '2026-02-01', hireDate: '2026-03-01' } }
 */
export function staffRecordProblem(r: StaffDates): StaffRecordProblem | null {
  if (r.probationEnd !== null && r.probationEnd < r.hireDate) return { code: 'probation_before_hire', params: { probationEnd: r.probationEnd, hireDate: r.hireDate } };
  if (r.leaveDate !== null && r.leaveDate < r.hireDate) return { code: 'leave_before_hire', params: { leaveDate: r.leaveDate, hireDate: r.hireDate } };
  if (r.leaveDate !== null && r.leaveCategory === null) return { code: 'leave_needs_category', params: {} };
  if (r.leaveDate === null && r.leaveCategory !== null) return { code: 'category_needs_leave', params: {} };
  if (r.probationOutcome === 'extended' && r.probationEnd === null) return { code: 'extension_needs_end', params: {} };
  return null;
}

/** Days from `from` to `to`, both included (1 for the same day). */
export const daysInclusive = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

/**
 * Completed months of service on `asOf` (工龄, in months): to the leaving date for a leaver.
 *
 * @example
 * tenureMonths('2025-11-15', null, '2026-01-14'); // 1
 * tenureMonths('2025-11-15', null, '2026-01-15'); // 2
 */
export function tenureMonths(hireDate: string, leaveDate: string | null, asOf: string): number {
  const end = leaveDate !== null && leaveDate < asOf ? leaveDate : asOf;
  if (end < hireDate) return 0;
  const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  return (ey - hy) * 12 + (em - hm) - (ed < hd ? 1 : 0);
}

/** A move between teams (调组), at an instant; the team ids as they were. */
export interface TeamMove {
  at: number;
  fromTeamId: string | null;
  toTeamId: string | null;
}

/** A stretch of an agent's employment in one team, local dates both included; `lastDay` null while still employed. */
export interface TeamSpell {
  agentId: string;
  teamId: string | null;
  firstDay: string;
  lastDay: string | null;
  /** The spell ends with the agent leaving (on `lastDay`). */
  leaves: boolean;
}

/**
 * An agent's employment split by team: from the hire date to the leaving date (or open), each day
 * in the team the agent was in that day. A move counts from its local day on; an agent moved
 * before the hire date starts in the team moved to. Turnover per team counts a leaver in the team
 * of the last spell, and headcount days in each spell's team.
 *
 * @example
 * teamSpells({ agentId: 'a1', hireDate: '2026-01-01', leaveDate: null, teamId: 't2',
 *   moves: [{ at: Date.UTC(2026, 0, 10, 2), fromTeamId: 't1', toTeamId: 't2' }] }, 'Asia/Shanghai');
 * // [{ teamId: 't1', firstDay: '2026-01-01', lastDay: '2026-01-09' }, { teamId: 't2', firstDay: '2026-01-10', lastDay: null }]
 */
export function teamSpells(
  agent: { agentId: string; hireDate: string; leaveDate: string | null; teamId: string | null; moves: readonly TeamMove[] },
  timeZone: string,
): TeamSpell[] {
  const moves = [...agent.moves].sort((a, b) => a.at - b.at).map((m) => ({ ...m, day: localDate(m.at, timeZone) }));
  const end = agent.leaveDate;
  // The team on the hire date: where the first move after it came from, or where the last move before it went.
  const before = moves.filter((m) => m.day <= agent.hireDate);
  let team = before.length > 0 ? before[before.length - 1]!.toTeamId : (moves[0]?.fromTeamId ?? agent.teamId);
  let start = agent.hireDate;
  const spells: TeamSpell[] = [];
  for (const move of moves.filter((m) => m.day > agent.hireDate && (end === null || m.day <= end))) {
    if (move.toTeamId === team) continue;
    spells.push({ agentId: agent.agentId, teamId: team, firstDay: start, lastDay: addDays(move.day, -1), leaves: false });
    team = move.toTeamId;
    start = move.day;
  }
  spells.push({ agentId: agent.agentId, teamId: team, firstDay: start, lastDay: end, leaves: end !== null });
  // Two moves on one day leave an empty spell behind.
  return spells.filter((s) => s.lastDay === null || s.lastDay >= s.firstDay);
}
