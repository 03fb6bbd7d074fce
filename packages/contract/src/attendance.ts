/** 考勤 and schedule adherence: how each agent kept the published shifts of a month. */

export type AttendanceStatus = 'upcoming' | 'present' | 'late' | 'early_leave' | 'late_and_early' | 'absent';

/** The team leader's correction of one shift's attendance, with the reason (audited). */
export interface AttendanceCorrection {
  status: Exclude<AttendanceStatus, 'upcoming'>;
  reason: string;
  by: string;
  byName: string;
  at: string;
}

/** One published shift as kept: status (the leader's correction over what the logins say), adherence so far. */
export interface AttendanceShift {
  date: string;
  shift: string;
  /** Local `YYYY-MM-DDTHH:MM` in the center's time zone. */
  start: string;
  end: string;
  status: AttendanceStatus;
  /** What the logins say, before any correction. */
  computedStatus: AttendanceStatus;
  lateMinutes: number;
  earlyMinutes: number;
  /** Logged-in minutes inside the shift. */
  workedMinutes: number;
  scheduledMinutes: number;
  /** Metric dictionary `adherence` and `conformance` of the shift so far; null before it starts. */
  adherence: number | null;
  conformance: number | null;
  correction: AttendanceCorrection | null;
  /** The half of the day on approved leave (上午 am, 下午 pm): the shift is the other half, so neither late nor early for it. */
  halfDayLeave: 'am' | 'pm' | null;
}

export interface AttendanceAgent {
  userId: string;
  employeeNo: string;
  name: string;
  late: number;
  earlyLeave: number;
  absent: number;
  /** 出勤率: logged-in minutes inside the due shifts (a shift corrected to present counts whole) ÷ their scheduled minutes. */
  attendanceRate: number | null;
  adherence: number | null;
  conformance: number | null;
  shifts: AttendanceShift[];
}

export interface TeamAttendance {
  teamId: string;
  month: string;
  timeZone: string;
  status: 'draft' | 'published';
  /** Minutes after a shift's start a login is still on time (the center's setting unless the query names one). */
  graceMinutes: number;
  agents: AttendanceAgent[];
}
