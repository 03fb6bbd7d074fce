import type { CallDetailRecord, CallDirection, CallOutcome, MetricDefinition, PeakWindow, ScorecardLine, ServiceLevelSetting, Tally, TargetTable } from '@banzu/core';

export type { CenterSettings, CallDisposition, AlertThresholds, ServiceLevelSetting, ServiceLevelVariant } from '@banzu/core';

/**
 * Reports as `/api/v1/reports/*` answer them in JSON (each also comes as Excel). Figures are the
 * metric dictionary's, computed on the server; `null` is no data, never zero.
 */

/** A metric of the dictionary as `/api/v1/metrics` lists it: everything but how it is computed. */
export type MetricInfo = Omit<MetricDefinition, 'compute' | 'lacksInput'>;

export type ReportDimension = 'interval' | 'day' | 'week' | 'month' | 'agent' | 'team' | 'site' | 'queue';

export interface ReportRow {
  /**
   * The local interval start (`YYYY-MM-DD HH:MM`), day, week's Monday, month, or the agent, team, site or
   * queue id; `''` is the unassigned row (calls nobody answered, agent time outside a queue), last.
   */
  key: string;
  tally: Tally;
  /** Every metric of the dictionary by its id. */
  metrics: Record<string, number | null>;
  /** The metrics whose input this row lacks (the dictionary's `dataSource.missing` says what to show and why). */
  missingInputs: string[];
}

/** The service-level variant a report was computed with, and its name as the report prints it. */
export interface ReportServiceLevel extends ServiceLevelSetting {
  zh: string;
  en: string;
}

export interface Report {
  rows: ReportRow[];
  total: ReportRow;
  serviceLevel: ReportServiceLevel;
  /** The direction of work the report is narrowed to; null for all work. */
  direction: CallDirection | null;
}

/** A call behind a figure (`/api/v1/reports/calls`): its call detail record. */
export interface ReportCall {
  callId: string;
  direction: CallDirection;
  startedAt: string;
  endedAt: string | null;
  queueId: string | null;
  agentId: string | null;
  teamId: string | null;
  outcome: CallOutcome | null;
  vipLevel: number;
  from: string | null;
  record: CallDetailRecord;
}

/** Offered calls by weekday (1 Monday … 7 Sunday) and local hour, averaged per day, and the peak windows. */
export interface PeakReport {
  matrix: { weekday: number; hour: number; averageCalls: number }[];
  /** Average offered calls of each local hour 0-23. */
  hourly: number[];
  windows: PeakWindow[];
}

/** An agent or team ranked by one metric; the best 10% are `top`, the worst 30% `bottom`. */
export interface RankedRow {
  key: string;
  label: string;
  value: number | null;
  /** 1 is best; rows without data are not ranked. */
  rank: number | null;
  band: 'top' | 'bottom' | 'middle' | null;
}

/** The ranking of agents or teams, with the service-level variant its figures use. */
export interface RankingReport {
  rows: RankedRow[];
  serviceLevel: ReportServiceLevel;
}

/** Teams or queues × months against a target, with the outcome in words. */
export interface TargetReport extends TargetTable {
  metric: Pick<MetricInfo, 'id' | 'zh' | 'en' | 'unit'>;
  target: number;
  serviceLevel: ReportServiceLevel;
  /** The leaders' reasons (原因) and improvement plans (改善计划) per team and month of the table, by team. */
  notes: TargetNote[];
}

export interface TargetNote {
  metricId: string;
  teamId: string;
  /** `YYYY-MM`. */
  month: string;
  reason: string;
  plan: string;
}

/** An agent's scorecard: each metric against the team, the center and the target. */
export interface Scorecard {
  agent: { id: string; name: string; teamId: string | null; employeeNo: string };
  from: string;
  to: string;
  lines: ScorecardLine[];
  serviceLevel: ReportServiceLevel;
}

/** The agent's own figures for a day on the desktop, with the team's average. */
export interface MyDay {
  mine: Record<string, number | null>;
  team: { agents: number; metrics: Record<string, number | null> } | null;
  /** The center's service-level variant the figures use. */
  serviceLevel: ReportServiceLevel;
}
