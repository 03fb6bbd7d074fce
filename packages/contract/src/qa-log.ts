import type { QaEvaluationStatus } from './qa';

/** One evaluation of the inspector's day, as the log lists it and its Excel export writes it. */
export interface QaLogRow {
  evaluationId: string;
  scoredAt: string;
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  callId: string;
  callStartedAt: string;
  score: number;
  /** A 致命项 failed. */
  fatal: boolean;
  status: QaEvaluationStatus;
  /** The items the agent lost points on, in the sheet's order. */
  failedItems: { key: string; text: string; fatal: boolean }[];
  /** The evaluation's comments, in order, as one text. */
  comment: string;
}

/** What an inspector heard in a day against the center's daily target (seed 004: 60 a day). */
export interface QaLogSummary {
  /** Evaluations scored that day (calibration sheets not counted). */
  heard: number;
  /** Calibration sheets scored that day, counted apart. */
  calibrations: number;
  /** The center's daily target (QA settings `dailyTarget`). */
  target: number;
  /** heard ÷ target; null when the target is 0. */
  progress: number | null;
  averageScore: number | null;
  /** Evaluations with a failed 致命项. */
  fatal: number;
  /** The day's evaluations the agent disputed (whenever). */
  disputes: number;
}

/** The inspector's daily log (质检日志, `GET /api/v1/qa/log`): the day's summary, its evaluations and the inspector's note. */
export interface QaLog {
  /** The center's date, YYYY-MM-DD. */
  date: string;
  inspector: { id: string; name: string };
  summary: QaLogSummary;
  rows: QaLogRow[];
  /** 今日发现的共性问题 / 建议, as the inspector saved it. */
  note: { text: string; updatedAt: string } | null;
  /** The caller may write the note: it is the own log. */
  mayWrite: boolean;
}

/** One inspector's day in the QA lead's overview (`GET /api/v1/qa/log/overview`). */
export interface QaLogOverviewRow extends QaLogSummary {
  inspectorId: string;
  name: string;
  /** The inspector wrote the day's note. */
  noted: boolean;
}

export interface QaLogOverview {
  date: string;
  rows: QaLogOverviewRow[];
}
