import type { AgentStatus, CallStatus } from '@banzu/core';
import type { ReportServiceLevel } from './reports';

/**
 * The live floor as the console sees it through `/api/v1/live`. The snapshot holds the caller's
 * scope (a team leader's own team, an agent's own desktop and the queues); each later message
 * carries patches: the current rows of whatever the events changed. Figures are computed on the
 * server by the metric dictionary, never in the browser.
 */
export interface FloorAgent {
  agentId: string;
  employeeNo: string;
  name: string;
  teamId: string;
  status: AgentStatus;
  /** Epoch ms the agent entered the status. */
  since: number;
  notReadyReason: string | null;
  callId: string | null;
  /** While in wrap-up: when it ends unless finished or extended. */
  wrapUpEndsAt: number | null;
  /** In wrap-up, with the disposition the center requires not yet saved: the wrap-up goes on until it is. */
  dispositionDue?: boolean;
  /** Driven by the simulator rather than a person at a desktop. */
  simulated: boolean;
  /** Today's published shifts with their breaks (epoch ms): what adherence is measured against. */
  schedule?: FloorShift[];
  /** Today's logged-in spans (end null while logged in): lateness into a shift. */
  logins?: { start: number; end: number | null }[];
  /** Real-time adherence by the server's clock when sent; the wallboard recomputes it as time passes (core's `liveAdherence`). */
  adherence?: FloorAdherence;
}

/** A published shift on the live floor, epoch ms, with its breaks (午休). */
export interface FloorShift {
  start: number;
  end: number;
  breaks?: { start: number; end: number; name: string }[];
}

/** Where an agent stands against the schedule: the activity planned, whether the state keeps to it and since when not, lateness. */
export interface FloorAdherence {
  activity: 'on_shift' | 'break' | 'off';
  breakName: string | null;
  inAdherence: boolean;
  outSince: number | null;
  lateMinutes: number;
}

export interface FloorQueue {
  queueId: string;
  name: string;
  slThresholdSeconds: number;
  slTarget: number;
  waiting: number;
  /** Epoch ms the longest-waiting call entered the queue; null when none waits. */
  longestWaitSince: number | null;
  agentsReady: number;
  agentsTalking: number;
  agentsNotReady: number;
  /** Metric dictionary values (serviceLevel, abandonmentRate, averageSpeedOfAnswer, totalCalls, answered …) for today. */
  today: Record<string, number | null>;
  /** The same over the last 30 minutes. */
  last30: Record<string, number | null>;
}

export interface FloorCall {
  callId: string;
  status: CallStatus;
  queueId: string | null;
  /** The caller's number, masked for roles that do not need it. */
  from: string | null;
  /** An outbound call's customer: the number dialled, masked like `from`; absent on inbound calls. */
  to?: string | null;
  vipLevel: number;
  /** Epoch ms the call arrived. */
  since: number;
  agentIds: string[];
  ringing: string[];
  held: boolean;
  /** A consultation in progress: the agent who consults, the colleague consulted, and whether the colleague has answered yet. */
  consult?: FloorConsult | null;
  /** Who listens in and how: every supervisor's view; on the agent's own call only when the center tells agents they are monitored. */
  monitors?: FloorMonitor[];
}

export interface FloorConsult {
  agentId: string;
  targetAgentId: string;
  connected: boolean;
}

export interface FloorMonitor {
  supervisorId: string;
  mode: 'listen' | 'whisper' | 'barge';
}

/** Today's calls by 30-minute interval of the center's clock, for the chart. */
export interface FloorInterval {
  /** Epoch ms of the interval start. */
  start: number;
  offered: number;
  answered: number;
  abandoned: number;
}

export type FloorAlertKind = 'service_level' | 'long_wait' | 'long_not_ready' | 'long_wrap_up' | 'ringing' | 'missed_call' | 'long_call';

export interface FloorAlert {
  id: string;
  kind: FloorAlertKind;
  /** The queue or agent it is about. */
  subjectId: string;
  /** Epoch ms the condition started. */
  since: number;
}

/** A message a team leader sent to an agent's desktop. */
export interface DesktopMessage {
  id: string;
  fromUserId: string;
  fromName: string;
  toAgentId: string;
  text: string;
  at: number;
}

/** How long is too long, in seconds: the wallboard highlights agents past these. */
export interface FloorThresholds {
  notReadySeconds: number;
  wrapUpSeconds: number;
  ringingSeconds: number;
  waitSeconds: number;
  /** A call talked and held longer (长通话). */
  callSeconds: number;
}

/** A 示忙 reason as the center names it; `system` ones (未接来电) only the router sets. */
export interface FloorReason {
  code: string;
  zh: string;
  en: string;
  system: boolean;
}

export interface FloorSnapshot {
  now: number;
  timeZone: string;
  thresholds: FloorThresholds;
  /** 考勤: minutes after a shift's start a login is still on time (the center's setting). */
  attendanceGraceMinutes?: number;
  /** The center's service-level variant the queues' figures use, named on the wallboard. */
  serviceLevel: ReportServiceLevel;
  agents: FloorAgent[];
  queues: FloorQueue[];
  calls: FloorCall[];
  intervals: FloorInterval[];
  alerts: FloorAlert[];
  /** Disposition codes for the wrap-up form. */
  dispositions: { code: string; zh: string; en: string }[];
  /**
   * The center's 示忙 reasons with their names, for the menus and for naming an agent's reason;
   * `system` ones (未接来电) only the router sets, so no menu offers them.
   */
  notReadyReasons: FloorReason[];
}

/** What one live event changes: the rows to replace, the calls that ended, the new alert list. */
export interface FloorPatch {
  agents?: FloorAgent[];
  queues?: FloorQueue[];
  calls?: FloorCall[];
  removedCalls?: string[];
  intervals?: FloorInterval[];
  alerts?: FloorAlert[];
  message?: DesktopMessage;
}

/** One event of the live channel; its payload is what the server projected of it for this caller (the floor's: a patch). */
export interface LiveEvent<Payload = FloorPatch> {
  seq: number;
  type: string;
  stream: string;
  /** ISO 8601, when it happened. */
  at: string;
  payload: Payload;
}

/** A message of `/api/v1/live`: the snapshot on connect, then events in order. */
export type LiveMessage<State = FloorSnapshot, Payload = FloorPatch> = { type: 'snapshot'; seq: number; state: State } | { type: 'events'; events: LiveEvent<Payload>[] };
