/**
 * Workforce-management math: Erlang B, C and A, and the agents a queue needs.
 *
 * @example
 * erlangC({ traffic: offeredTraffic(1000, 1800, 210), agents: 121, ahtSeconds: 210, thresholdSeconds: 20 }).serviceLevel; // 0.608
 */
export { WfmInputError } from './errors';
export { erlangB } from './erlang-b';
export { erlangC } from './erlang-c';
export { erlangA } from './erlang-a';
export { offeredTraffic, type ErlangInput, type ErlangAInput, type ErlangResult } from './model';
export { requiredAgents, type StaffingInput, type StaffingResult } from './staffing';
export { calendarDayType, forecastCalls, type Backtest, type ForecastMethod, type ForecastOptions, type ForecastResult, type IntervalCount } from './forecast';
export {
  coveringModel,
  readCovering,
  uncoveredSchedule,
  type CoveringModel,
  type IntervalRequirement,
  type ScheduleResult,
  type ScheduleStatus,
  type ShiftTemplate,
} from './schedule';
export { isoWeekday, overlapsUnavailable, unavailableSpans, weekdayNames, type UnavailableWindow } from './availability';
export {
  rosterModel,
  type RosterAgent,
  type RosterAssignment,
  type RosterInput,
  type RosterModel,
  type RosterRequirement,
  type RosterResult,
  type RosterRules,
  type RosterShift,
  type RosterShort,
} from './roster';
export { DEFAULT_GRACE_MINUTES, shiftAttendance, type AttendanceStatus, type ShiftAttendance, type Span } from './attendance';
export {
  emptyLeaveTally,
  halfDayShift,
  leaveDaysBetween,
  leaveHalfNames,
  leaveKindNames,
  leaveKinds,
  MAX_LEAVE_SPAN_DAYS,
  type LeaveDates,
  type LeaveHalf,
  type LeaveKind,
  type LeaveTally,
  type TimedShift,
} from './leave';
export { type AgentSpan, rosterCoverage, rosterSkillShortage, type CoveragePoint, type LocalSpan, type RosterPlan } from './coverage';
export { skillShortage, type SkillShortage } from './skill-groups';
export { breakMinute, defaultBreaks, placeBreaks, type BreakRule, type PlacedBreak, type ShiftForBreaks } from './breaks';
export {
  activityAt,
  isWorking,
  keepsTo,
  liveAdherence,
  shiftAdherence,
  type LiveAdherence,
  type LoginSpan,
  type ScheduledActivity,
  type ScheduledBreak,
  type ScheduledShift,
  type WorkingQuarter,
} from './adherence';
