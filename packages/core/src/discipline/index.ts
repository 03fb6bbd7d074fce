/**
 * Discipline points (扣分) and recognition (树标杆): seed 000's catalogue, what an item goes through
 * when the agent contests it, the month's totals that feed the assessment, and the items the system
 * proposes from its own data (a not-ready without the agent's reason, a late login against the
 * published roster) for the leader to accept or dismiss.
 *
 * @example
 * const totals = monthTotals([{ agentId: 'a1', points: 2, status: 'contested' }, { agentId: 'a1', points: 3, status: 'withdrawn' }]);
 * totals.get('a1'); // 2: a contested item counts until it is withdrawn
 * nextPointStatus('recorded', { type: 'contest', reason: '当时在处理投诉回访' }); // 'contested'
 */
import { systemNotReadyReasons } from '../agents/index';
import { addDays, weekday } from '../calendar/index';
import { shiftAttendance, type Span } from '../wfm/index';
import { type DisciplineRule, type ProposalKind, proposalRules } from './catalogue';

export { defaultDisciplineCatalogue, disciplineCategories, proposalRules, qaFineRule, type DisciplineCategory, type DisciplineRule, type ProposalKind } from './catalogue';

/** recorded → contested (by the agent, with a reason) → upheld or withdrawn (by the leader or manager). */
export const pointStatuses = ['recorded', 'contested', 'upheld', 'withdrawn'] as const;
export type PointStatus = (typeof pointStatuses)[number];

export type PointAction = { type: 'contest'; reason: string } | { type: 'uphold'; note?: string } | { type: 'withdraw'; note?: string };

/** A refused step, with a message for the user. */
export class DisciplineError extends Error {
  /** `problem` says which step was refused, for a caller to say it in the user's words. */
  constructor(
    readonly code: 'invalid_transition' | 'reason_required',
    readonly problem: 'contested' | 'decided' | 'reason_required' | 'not_contested' | 'withdrawn',
    message: string,
  ) {
    super(message);
    this.name = 'DisciplineError';
  }
}

/** A withdrawn item no longer counts; a contested one counts until it is decided. */
export const countsInTotal = (status: PointStatus): boolean => status !== 'withdrawn';

/**
 * The status after a step; throws DisciplineError when the step is not open: an item is contested
 * once, and only while recorded; only a contested item is upheld; a withdrawn one stays withdrawn.
 */
export function nextPointStatus(status: PointStatus, action: PointAction): PointStatus {
  switch (action.type) {
    case 'contest':
      if (status === 'contested') throw new DisciplineError('invalid_transition', 'contested', '该扣分已在申诉中');
      if (status !== 'recorded') throw new DisciplineError('invalid_transition', 'decided', '该扣分已处理,不能再申诉');
      if (action.reason.trim() === '') throw new DisciplineError('reason_required', 'reason_required', '申诉须填写理由');
      return 'contested';
    case 'uphold':
      if (status !== 'contested') throw new DisciplineError('invalid_transition', 'not_contested', '只有申诉中的扣分可以维持');
      return 'upheld';
    case 'withdraw':
      if (status === 'withdrawn') throw new DisciplineError('invalid_transition', 'withdrawn', '该扣分已撤销');
      return 'withdrawn';
  }
}

/**
 * Points per agent over the items given (those of one month): withdrawn items left out. Agents
 * named in `agentIds` without items total 0.
 */
export function monthTotals(items: readonly { agentId: string; points: number; status: PointStatus }[], agentIds: readonly string[] = []): Map<string, number> {
  const totals = new Map<string, number>(agentIds.map((id) => [id, 0]));
  for (const item of items) {
    if (countsInTotal(item.status)) totals.set(item.agentId, (totals.get(item.agentId) ?? 0) + item.points);
  }
  return totals;
}

/** The Monday of a date's week (YYYY-MM-DD): the model agent of the week (树标杆) is chosen per week. */
export const weekOf = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

/** An item the system proposes: the rule, the agent, when, and what it saw. */
export interface PointProposal {
  kind: ProposalKind;
  agentId: string;
  ruleCode: string;
  occurredAt: number;
  /** The same finding is proposed once, however often the leader looks. */
  key: string;
  /** What the system saw: the not-ready reason it found, or the minutes late and the shift. */
  detail: { reason: string | null } | { lateMinutes: number; shiftStart: number; shiftEnd: number };
}

/** An agent state change as the event log has it. */
export interface StateChange {
  agentId: string;
  at: number;
  to: string;
  notReadyReason: string | null;
}

/** A shift of a published roster. */
export interface PublishedShift {
  agentId: string;
  start: number;
  end: number;
}

export interface ProposalInput {
  catalogue: readonly Pick<DisciplineRule, 'code' | 'active'>[];
  stateChanges: readonly StateChange[];
  shifts: readonly PublishedShift[];
  /** Logged-in spans per agent around the shifts. */
  loggedIn: ReadonlyMap<string, readonly Span[]>;
  now: number;
  graceMinutes: number;
}

/**
 * The items the system's data suggests (a rule switched off in the catalogue proposes nothing):
 * - a not-ready the agent gave no reason for, or one only the system sets (a call rang out at the
 *   desk: the agent had left without choosing a status, seed 000 离开座席时未在系统选择相应状态);
 * - a published shift whose first login came later than its start plus the grace period (seed 003);
 *   a shift still under way with nobody logged in yet is not proposed until someone looks after it.
 *
 * @example
 * proposeItems({ catalogue: defaultDisciplineCatalogue, stateChanges, shifts, loggedIn, now, graceMinutes: 5 });
 */
export function proposeItems(input: ProposalInput): PointProposal[] {
  const active = new Set(input.catalogue.filter((r) => r.active).map((r) => r.code));
  const proposals: PointProposal[] = [];
  if (active.has(proposalRules.not_ready_without_reason)) {
    for (const change of input.stateChanges) {
      if (change.to !== 'not_ready') continue;
      if (change.notReadyReason !== null && !systemNotReadyReasons.has(change.notReadyReason)) continue;
      proposals.push({
        kind: 'not_ready_without_reason',
        agentId: change.agentId,
        ruleCode: proposalRules.not_ready_without_reason,
        occurredAt: change.at,
        key: `not_ready_without_reason:${change.agentId}:${change.at}`,
        detail: { reason: change.notReadyReason },
      });
    }
  }
  if (active.has(proposalRules.late_login)) {
    for (const shift of input.shifts) {
      if (input.now < shift.end && !(input.loggedIn.get(shift.agentId) ?? []).some((s) => s.end > shift.start && s.start < shift.end)) continue;
      const kept = shiftAttendance(shift, input.loggedIn.get(shift.agentId) ?? [], input.now, input.graceMinutes);
      if (kept.lateMinutes === 0) continue;
      proposals.push({
        kind: 'late_login',
        agentId: shift.agentId,
        ruleCode: proposalRules.late_login,
        occurredAt: shift.start,
        key: `late_login:${shift.agentId}:${shift.start}`,
        detail: { lateMinutes: kept.lateMinutes, shiftStart: shift.start, shiftEnd: shift.end },
      });
    }
  }
  return proposals.sort((a, b) => a.occurredAt - b.occurredAt || a.agentId.localeCompare(b.agentId));
}
