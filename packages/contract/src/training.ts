import type { CohortPassRate, ExamQuestion, PaperQuestion, QuestionMark, Role } from '@banzu/core';

/**
 * Training and exams (培训与考试) as `/api/v1/training` answers them. Times are ISO 8601 strings.
 * The correct answers (`ExamQuestion`) go only to those who run exams; an agent gets the paper
 * (`PaperQuestion`), and the answers only once the exam has closed.
 */

/** Who writes courses and exams, publishes them and exports the month's scores. */
export const trainers: readonly Role[] = ['trainer', 'manager', 'admin'];
/** Who reads exam results: trainers every team, team leaders their own, the floor's managers. */
export const examResultReaders: readonly Role[] = ['team_leader', 'trainer', 'supervisor', 'manager', 'admin'];

export const materialKinds = ['text', 'link', 'library'] as const;
export type MaterialKind = (typeof materialKinds)[number];

/** A call of QA's model-call library (优秀录音 / 差录音) a material links to. */
export interface LinkedLibraryCall {
  id: string;
  callId: string;
  kind: 'good' | 'bad';
  category: string;
  note: string;
  agentName: string | null;
}

export interface TrainingMaterial {
  id: string;
  kind: MaterialKind;
  title: string;
  /** The text, or the link's address; empty for a library call. */
  body: string;
  /** The library call, while it is in the library; null when it was removed from it. */
  library: LinkedLibraryCall | null;
}

export interface TrainingCourse {
  id: string;
  title: string;
  description: string;
  materials: TrainingMaterial[];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export type ExamStatus = 'draft' | 'published';

export interface ExamSummary {
  id: string;
  title: string;
  courseId: string | null;
  status: ExamStatus;
  passPercent: number;
  maxAttempts: number;
  questionCount: number;
  total: number;
  opensAt: string | null;
  closesAt: string | null;
  teamIds: string[];
  agentIds: string[];
  /** Agents who take it, and how many of them handed in. */
  takers: number;
  submitted: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** The trainer's copy, with the correct answers. */
export interface ExamDetail extends ExamSummary {
  questions: ExamQuestion[];
}

export interface ExamSubmission {
  id: string;
  attempt: number;
  score: number;
  total: number;
  percent: number;
  passed: boolean;
  marks: QuestionMark[];
  answers: Record<string, unknown>;
  submittedAt: string;
}

/** An exam on the agent's list (我的考试). */
export interface MyExam {
  id: string;
  title: string;
  passPercent: number;
  total: number;
  questionCount: number;
  maxAttempts: number;
  opensAt: string;
  closesAt: string;
  /** 'upcoming' before the window, 'open' inside it, 'closed' after. */
  window: 'upcoming' | 'open' | 'closed';
  attemptsUsed: number;
  /** The best sheet handed in, or null. */
  best: ExamSubmission | null;
}

/** What the agent opens: the paper, their sheets, and the correct answers once the exam has closed. */
export interface ExamPaper {
  exam: MyExam;
  questions: PaperQuestion[];
  submissions: ExamSubmission[];
  key: ExamQuestion[] | null;
}

export interface ExamResultRow {
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  teamId: string | null;
  teamName: string | null;
  /** The month the agent was hired, YYYY-MM. */
  hireMonth: string;
  attempts: number;
  /** The best sheet's figures; null when the agent has not handed in. */
  score: number | null;
  percent: number | null;
  passed: boolean | null;
  submittedAt: string | null;
}

export interface PassRates {
  byTeam: CohortPassRate[];
  byHireMonth: CohortPassRate[];
}

export interface ExamResults {
  exam: ExamSummary;
  rows: ExamResultRow[];
  passRates: PassRates;
}

/** 每月考试成绩: one agent's month. */
export interface MonthlyExamScoreRow {
  agentId: string;
  agentName: string;
  employeeNo: string | null;
  teamId: string | null;
  teamName: string | null;
  hireMonth: string;
  /** Exams handed in that month, and how many of them passed. */
  exams: number;
  passed: number;
  /** The mean percentage over those exams (each by its best sheet). */
  score: number;
}

export interface MonthlyExamScores {
  month: string;
  items: MonthlyExamScoreRow[];
  passRates: PassRates;
}
