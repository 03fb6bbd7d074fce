/** Workforce management: the center calendar, a queue's forecast with its staffing, a team's roster. */

export type CalendarDayKind = 'workday' | 'restday' | 'holiday' | 'makeup';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
}

export interface WfmForecast {
  queueId: string;
  timeZone: string;
  intervalMinutes: number;
  method: 'naive' | 'profile' | 'hw';
  backtest: { wape: number | null; mase: number | null };
  /** Erlang C, or A with the callers' mean patience (given, or estimated from the history). */
  model: 'erlang-c' | 'erlang-a';
  patienceSeconds?: number;
  /** Local start `YYYY-MM-DDTHH:MM`; agents on the phones and to schedule (shrinkage) for the queue's target; `overridden` when a planner set the calls by hand. */
  intervals: { start: string; calls: number; aht: number; agents: number; scheduled: number; serviceLevel: number; overridden?: true }[];
}

/** A break a shift has and the window of the day it lies in (午休 60 min in 11:00-14:00). */
export interface RosterBreakRule {
  name: string;
  minutes: number;
  earliest: string;
  latest: string;
}

export interface RosterShiftTemplate {
  name: string;
  start: string;
  end: string;
  cost?: number;
  /** Absent: an hour's lunch for a shift of 6 hours or more. */
  breaks?: RosterBreakRule[];
}

/** A break placed in a shift: local start and end. */
export interface RosterBreak {
  name: string;
  start: string;
  end: string;
}

/** One agent's shift: local start and end in the center's time zone, its breaks. */
export interface RosterEntry {
  userId: string;
  date: string;
  shift: string;
  start: string;
  end: string;
  breaks: RosterBreak[];
}

/**
 * Why an interval stays short: no shift spans it, too few agents free that day, the rules per agent
 * (days, hours, rest, days in a row), or too few of the agents on shift have a queue's skills.
 */
export type ShortReason = 'no_shift' | 'headcount' | 'rules' | 'skill';

/**
 * An interval short: the team's agents against its whole requirement, or (`skill`) the agents having
 * the skills of `queues` against those queues' requirement, an agent with several counted once (so
 * several queues are named when only together they are short).
 */
export type RosterShortInterval = { start: string; required: number; scheduled: number } & (
  | { reason?: Exclude<ShortReason, 'skill'> }
  | { reason: 'skill'; queues: { id: string; name: string }[] }
);

/** Approved overtime (加班) of an agent, in the roster: local start and end. */
export interface RosterOvertime {
  id: string;
  userId: string;
  date: string;
  start: string;
  end: string;
  compensation: 'pay' | 'time_off';
}

export interface Roster {
  teamId: string;
  month: string;
  timeZone: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  shiftTemplates: RosterShiftTemplate[];
  /** Intervals the people and rules could not cover, as the roster stands now, and why. */
  short: RosterShortInterval[];
  /** Required against scheduled agents per interval, with the service level the scheduled agents predict (rosters generated with a plan). */
  coverage: { start: string; required: number; scheduled: number; serviceLevel: number }[];
  days: CalendarDay[];
  agents: { userId: string; employeeNo: string; name: string }[];
  shifts: RosterEntry[];
  overtime: RosterOvertime[];
  /** Approved whole days of leave (请假) in the month: the grid and the paper 班表 show the kind. */
  leave: { userId: string; date: string; kind: 'sick' | 'personal' | 'annual' | 'marriage' | 'maternity' | 'bereavement' }[];
}

/** A change to an agent's published shifts: the shift before and after (null: off), why, and when. */
export interface ScheduleChange {
  id: number;
  date: string;
  before: string | null;
  after: string | null;
  cause: 'leave' | 'swap' | 'overtime' | 'edit';
  note: string;
  at: string;
  read: boolean;
}

export interface MySchedule {
  month: string;
  timeZone: string;
  shifts: Omit<RosterEntry, 'userId'>[];
  overtime: Omit<RosterOvertime, 'userId'>[];
  /** Changes to the published shifts not yet read, newest first: the agent's notice. */
  changes: ScheduleChange[];
}

export type SwapStatus = 'proposed' | 'consented' | 'declined' | 'approved' | 'refused' | 'cancelled';

/**
 * 换班: the requester gives the shift of `requesterDate` to the partner and takes the partner's of
 * `partnerDate` (an exchange), or owes one back within a month (替班, `partnerDate` null) until a
 * later swap the other way repays it.
 */
export interface ShiftSwap {
  id: string;
  teamId: string;
  requesterId: string;
  requesterName: string;
  partnerId: string;
  partnerName: string;
  requesterDate: string;
  requesterShift: string | null;
  partnerDate: string | null;
  partnerShift: string | null;
  repays: string | null;
  /** A cover not yet repaid: the date by which it must be (a month after it). */
  repayBy: string | null;
  repaid: boolean;
  reason: string;
  status: SwapStatus;
  requestedAt: string;
  consentedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string;
}

/** 加班: paid when on a holiday (法定节日), otherwise taken back as time off (调休); seed 000. */
export interface OvertimeRecord {
  id: string;
  agentId: string;
  agentName: string;
  teamId: string | null;
  date: string;
  start: string;
  end: string;
  hours: number;
  compensation: 'pay' | 'time_off';
  reason: string;
  status: 'pending' | 'approved' | 'refused' | 'cancelled';
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string;
}

/**
 * A window an agent cannot work (可用性), as `/api/v1/wfm/availability` answers: every week on a
 * weekday (1 Monday … 7 Sunday) or on one date, local times (24:00 ends the day).
 */
export interface AgentUnavailability {
  id: string;
  agentId: string;
  agentName: string;
  teamId: string | null;
  weekday: number | null;
  date: string | null;
  start: string;
  end: string;
  note: string;
  createdAt: string;
  createdBy: string;
}
