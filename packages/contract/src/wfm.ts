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
  /** Local start `YYYY-MM-DDTHH:MM`; agents on the phones and to schedule (shrinkage) for the queue's target. */
  intervals: { start: string; calls: number; aht: number; agents: number; scheduled: number; serviceLevel: number }[];
}

export interface RosterShiftTemplate {
  name: string;
  start: string;
  end: string;
  cost?: number;
}

/** One agent's shift: local start and end in the center's time zone. */
export interface RosterEntry {
  userId: string;
  date: string;
  shift: string;
  start: string;
  end: string;
}

export interface Roster {
  teamId: string;
  month: string;
  timeZone: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  shiftTemplates: RosterShiftTemplate[];
  /** Intervals the people and rules could not cover. */
  short: { start: string; required: number; scheduled: number }[];
  days: CalendarDay[];
  agents: { userId: string; employeeNo: string; name: string }[];
  shifts: RosterEntry[];
}

export interface MySchedule {
  month: string;
  timeZone: string;
  shifts: Omit<RosterEntry, 'userId'>[];
}
