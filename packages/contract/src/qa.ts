import type { ScreenPopCustomer } from './crm';
import type { CallPhase, CoachingOutcome, CoachingSource, FatalScope, ItemResult, ItemType, PenaltyLadder, PenaltyStep, SampleReason, SamplingPlan, SpeechRule } from '@banzu/core';

/**
 * Quality assurance (质检) as `/api/v1/qa/*` answers it: scoring sheets and their versions,
 * evaluations with the agent's acknowledgement or dispute, the inspector's sampled queue, the
 * model-call library, coaching, calibration, the QA star and the QA report.
 */

export interface QaFormItem {
  key: string;
  text: string;
  points: number;
  type: ItemType;
  allowNA: boolean;
  fatal: boolean;
}

export interface QaForm {
  id: string;
  name: string;
  /** The version shown and used for new evaluations: the newest. */
  version: number;
  fatalScope: FatalScope;
  sections: { name: string; items: QaFormItem[] }[];
  /** Total points of the version. */
  points: number;
  /** Archived (停用): no new evaluations; those scored on it keep it. */
  archived: boolean;
  createdAt: string;
}

export interface QaComment {
  /** Seconds into the recording the comment is pinned to; null for the call as a whole. */
  atSeconds: number | null;
  text: string;
  /** The item the comment is about, if any. */
  itemKey: string | null;
}

export type QaEvaluationStatus = 'pending' | 'disputed' | 'confirmed';
export type QaConfirmedHow = 'acknowledged' | 'deadline' | 'upheld' | 'changed' | 'automatic';

export interface QaEvaluation {
  id: string;
  callId: string;
  formId: string;
  formName: string;
  formVersion: number;
  purpose: 'evaluation' | 'calibration';
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  teamId: string | null;
  callStartedAt: string;
  inspectorId: string;
  inspectorName: string;
  /** 0-100. */
  score: number;
  /** A 致命项 failed. */
  fatal: boolean;
  items: (ItemResult & { text: string })[];
  comments: QaComment[];
  scoredAt: string;
  status: QaEvaluationStatus;
  /** The agent acknowledges (签字) or disputes until then. */
  dueAt: string | null;
  confirmedHow: QaConfirmedHow | null;
  confirmedAt: string | null;
  disputeReason: string | null;
  resolvedBy: string | null;
  resolutionReason: string | null;
  /** The score before a QA lead changed it. */
  originalScore: number | null;
  /** The penalty ladder's step for a confirmed fatal failure. */
  penalty: PenaltyStep | null;
}

/** The disputes a QA lead may decide that wait (`GET /api/v1/qa/disputes/waiting`): the count for a badge, and since when the oldest waits. */
export interface QaDisputesWaiting {
  waiting: number;
  oldestDisputedAt: string | null;
}

export interface QaSettings {
  /** The agent must acknowledge or dispute; false confirms every evaluation at once. */
  requireAcknowledgement: boolean;
  /** Working days the agent has to acknowledge or dispute. */
  acknowledgementDays: number;
  ladder: PenaltyLadder;
  sampling: SamplingPlan;
  /** Confirmed evaluations an agent needs to be QA star of the day, and of the month. */
  starMinimum: { day: number; month: number };
  /** Banned phrases (禁语), required phrases and keywords on transcripts; they flag calls for sampling and pre-answer items. */
  speechRules: SpeechRule[];
  /** Calls an inspector hears a day (seed 004: 60), the target of the QA log (质检日志). */
  dailyTarget: number;
}

/** A call in an inspector's queue and why it was picked. */
export interface QaQueueItem {
  callId: string;
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  inspectorId: string;
  reasons: SampleReason[];
  sampledAt: string;
  callStartedAt: string | null;
  talkSeconds: number;
  queueId: string | null;
  /** The caller's number, masked for QA. */
  from: string | null;
  evaluationId: string | null;
  /** The call is in the queue for a calibration session the inspector was invited to (校准), not sampled. */
  calibrationSessionId?: string;
}

/**
 * A call as the inspector scores it, beside the player (`GET /api/v1/qa/calls/:callId`): its facts,
 * what the agent wrote on it, and the screen pop the agent had (the customer, the caller's earlier
 * calls, tickets opened from the call). Numbers masked for the roles that do not see them.
 */
export interface QaCallDetail {
  callId: string;
  direction: 'inbound' | 'outbound';
  startedAt: string;
  endedAt: string | null;
  queueName: string | null;
  agentName: string | null;
  employeeNo: string | null;
  from: string | null;
  vipLevel: number;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  transfers: number;
  /** Who ended the call and the phase the caller was in then (`hold`: held or consulted for); null on records kept before. */
  endedBy: 'caller' | 'agent' | 'system' | null;
  endedIn: CallPhase | null;
  disposition: string | null;
  resolved: boolean | null;
  notes: string[];
  customer: ScreenPopCustomer | null;
  previousCalls: { callId: string; startedAt: string; outcome: string | null }[];
  tickets: { id: string; title: string; status: string }[];
}

/** A recorded call a scorer may pick outside the sample (`GET /api/v1/qa/calls?date=`): a leader the own team's, QA any. */
export interface QaPickableCall {
  callId: string;
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  startedAt: string;
  talkSeconds: number;
  queueName: string | null;
  /** The caller's number, masked for QA. */
  from: string | null;
  /** The evaluation already made of it, if any (calibration sheets aside). */
  evaluationId: string | null;
}

export interface QaLibraryEntry {
  id: string;
  callId: string;
  kind: 'good' | 'bad';
  category: string;
  note: string;
  evaluationId: string | null;
  agentName: string | null;
  /** Who put it in the library (their name). */
  createdBy: string;
  createdAt: string;
  /** The caller may re-categorise or remove it: QA and the floor's leads any entry, trainers and team leaders their own. */
  mayEdit: boolean;
}

/** What a coaching record compares at its follow-up: the figure it was about, before and after it. */
export interface QaCoachingResult {
  /** 'qaScore' (the evaluations' mean score), a metric id of the dictionary, or 'disciplinePoints'. */
  measure: string;
  better: 'higher' | 'lower';
  before: number | null;
  after: number | null;
  /** Local dates, inclusive; `after` null until a day after the coaching has passed. */
  periods: { before: { from: string; to: string }; after: { from: string; to: string } | null };
  outcome: CoachingOutcome;
}

export interface QaCoaching {
  id: string;
  /** The evaluation that opened it; null for coaching opened from a KPI or a discipline item. */
  evaluationId: string | null;
  /** What opened it: the evaluation, the metric (its id) or the discipline item (its id), with a name to show. */
  source: { kind: CoachingSource; id: string; label: string; labelEn: string };
  agentId: string;
  agentName: string;
  coachId: string;
  coachName: string;
  focus: string;
  itemKeys: string[];
  actions: string;
  followUpOn: string;
  /** The follow-up date has come. */
  followUpDue: boolean;
  createdAt: string;
  /** The coached items in evaluations scored after the coaching: failed share before and after. */
  followUp: { itemKey: string; before: { failed: number; of: number }; after: { failed: number; of: number } }[];
  result: QaCoachingResult;
}

export interface QaStarEntry {
  teamId: string | null;
  teamName: string | null;
  agentId: string;
  agentName: string;
  average: number;
  evaluations: number;
}

export interface QaReportRow {
  key: string;
  name: string;
  evaluations: number;
  averageScore: number | null;
  /** 致命项率: evaluations with a fatal failure ÷ evaluations. */
  fatalRate: number | null;
  /** 非致命项率: evaluations with a failed non-fatal item ÷ evaluations. */
  nonFatalRate: number | null;
  disputes: number;
  /** Disputes that changed the score ÷ disputes resolved. */
  disputesChanged: number;
  /** Evaluations with a fatal failure (the count behind 致命项率). */
  fatalEvaluations: number;
  /** 申诉率: disputes ÷ evaluations. */
  disputeRate: number | null;
  /** Disputes a QA lead decided: the score upheld (维持), or changed (改分); the rest wait. */
  upheld: number;
  changed: number;
}

/** One item of the sheets over the report's evaluations (N/A answers left out). */
export interface QaReportItem {
  key: string;
  text: string;
  /** Evaluations that did not give the item all its points. */
  failed: number;
  /** Evaluations that scored the item. */
  of: number;
  /** A fatal item (致命项). */
  fatal: boolean;
  /** Σ points earned ÷ Σ points possible on the item. */
  earnedShare: number | null;
  /** Fatal failures of the item ÷ evaluations that scored it; null for an item that is not fatal. */
  fatalRate: number | null;
}

export interface QaReport {
  by: 'agent' | 'team' | 'inspector';
  rows: QaReportRow[];
  total: QaReportRow;
  /** Every item scored, most often failed first. */
  items: QaReportItem[];
  /** Average score and 致命项率 per local day. */
  trend: { day: string; averageScore: number; evaluations: number; fatalRate: number }[];
  /** Who the report can be narrowed to: the agents and inspectors of the caller's scope in the period. */
  choices: { agents: { id: string; name: string }[]; inspectors: { id: string; name: string }[] };
}

export interface QaCalibration {
  callId: string;
  formId: string;
  formVersion: number;
  inspectors: { id: string; name: string; score: number }[];
  kappa: number | null;
  items: { key: string; text: string; min: number; max: number; mean: number; categories: string[] }[];
}

/**
 * A calibration session (校准): a QA lead picked a call and a sheet version and invited inspectors.
 * An invitee who has not scored yet sees who has, but no one's sheet (`blind`); everyone else sees
 * the result once two sheets are in.
 */
export interface QaCalibrationSession {
  id: string;
  callId: string;
  formId: string;
  formName: string;
  formVersion: number;
  note: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  /** Closed (结束): no more sheets, the result is final, unscored invitations left the queues. Null while open. */
  closed: { at: string; by: { id: string; name: string } } | null;
  /** The caller may close it: its creator or a floor lead (supervisor, manager), while it is open. */
  mayClose: boolean;
  callStartedAt: string | null;
  agentName: string | null;
  invitees: { id: string; name: string; scored: boolean }[];
  /** The caller is invited and has not scored, and the session is open: the others' sheets stay hidden. */
  blind: boolean;
  /** The spread per item and Fleiss' kappa over the sheets scored so far; null while blind or before any sheet. */
  result: QaCalibration | null;
}

/** Agreement per item over a month's calibration sessions: the ambiguous items of the sheet. */
export interface QaCalibrationMonth {
  month: string;
  sessions: number;
  items: {
    formId: string;
    formName: string;
    key: string;
    text: string;
    points: number;
    /** Sessions in which at least 2 inspectors scored the item. */
    sessions: number;
    /** Fleiss' kappa of the item, the sessions as subjects; null when undefined (everyone always agreed on one answer). */
    kappa: number | null;
    /** Mean over the sessions of the widest gap between two inspectors' points. */
    meanGap: number;
    /** Sessions in which the inspectors did not give the same answer. */
    disagreements: number;
  }[];
}

/** What still has to be done about a penalty step: the slip signed, a fine booked as a discipline item, the step carried out. */
export type QaPenaltyTodo = 'sign_slip' | 'book_fine' | 'carry_out';

/**
 * An agent's current step on the penalty ladder (`GET /api/v1/qa/penalties`): the latest confirmed
 * fatal failure within the ladder's window, what it reached, and its follow-through.
 */
export interface QaPenaltyStanding {
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  teamId: string | null;
  teamName: string | null;
  step: PenaltyStep;
  /** 1-based place of the step on the center's ladder; null when the ladder no longer has it. */
  stepNumber: number | null;
  /** The step a further fatal failure would reach. */
  nextStep: PenaltyStep | null;
  /** Confirmed fatal failures of the agent within the window. */
  offences: number;
  evaluationId: string;
  callId: string;
  score: number;
  callStartedAt: string;
  confirmedAt: string | null;
  /** The fatal items that failed. */
  items: { key: string; text: string }[];
  /** Null for a step without a slip; true once signed (the agent's 签字, or the leader's record of a paper signature). */
  slipSigned: boolean | null;
  /** The step counts no longer after this local date (the ladder's window). */
  expiresOn: string;
  done: { at: string; by: string; note: string } | null;
  disciplinePointId: string | null;
  todo: QaPenaltyTodo[];
}
