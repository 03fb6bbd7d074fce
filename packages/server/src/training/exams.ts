import {
  attemptRefusal,
  examPaper,
  examProblems,
  examTotal,
  markExam,
  teamScope,
  type Actor,
  type AnswerSheet,
  type ExamMark,
  type ExamProblem,
  type ExamQuestion,
} from '@banzu/core';
import type { ExamDetail, ExamPaper, ExamSubmission, ExamSummary, MyExam } from '@banzu/contract';
import { z } from 'zod';
import { writeAudit } from '../crm/index';
import { ApiError, BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import { missing, words, type Wording } from '../http/messages';
import type { Queryable } from '../store/index';

const key = z.string().trim().min(1, 'exam.key_empty').max(50);
const text = z.string().trim().min(1, 'exam.text_empty').max(2000);
const points = z.number('exam.points_number').positive('exam.points_positive').max(1000);
const options = z.array(z.string().trim().min(1, 'exam.option_empty').max(500)).min(2, 'exam.options_few').max(10, 'exam.options_many');
const optionIndex = z.number().int().min(0);

export const questionSchema = z.discriminatedUnion('kind', [
  z.object({ key, text, points, kind: z.literal('single'), options, answer: optionIndex }),
  z.object({ key, text, points, kind: z.literal('multiple'), options, answers: z.array(optionIndex).min(1, 'exam.answers_none').max(10) }),
  z.object({ key, text, points, kind: z.literal('true_false'), answer: z.boolean('exam.true_false') }),
  z.object({ key, text, points, kind: z.literal('fill'), accepted: z.array(z.string().trim().max(500)).min(1, 'exam.accepted_none').max(20) }),
]);

export const examSchema = z.object({
  title: z.string().trim().min(1, 'exam.title_empty').max(200),
  courseId: z.uuid('exam.course_id').nullable().default(null),
  passPercent: z.number('exam.pass_number').min(0, 'exam.pass_range').max(100, 'exam.pass_range').default(60),
  maxAttempts: z.number().int().min(1, 'exam.attempts_min').max(5, 'exam.attempts_max').default(1),
  questions: z.array(questionSchema).max(200, 'exam.questions_many').default([]),
});
export type ExamInput = z.infer<typeof examSchema>;

export const publishSchema = z.object({
  teamIds: z.array(z.string().min(1)).max(100).default([]),
  agentIds: z.array(z.string().min(1)).max(2000).default([]),
  opensAt: z.iso.datetime({ offset: true, error: 'exam.opens_format' }),
  closesAt: z.iso.datetime({ offset: true, error: 'exam.closes_format' }),
});

const answer = z.union([z.number(), z.array(z.number()).max(20), z.boolean(), z.string().max(2000), z.null()]);
export const submissionSchema = z.object({ answers: z.record(z.string().max(50), answer) });

interface ExamRow {
  id: string;
  title: string;
  course_id: string | null;
  status: 'draft' | 'published';
  questions: ExamQuestion[];
  pass_percent: string;
  max_attempts: number;
  opens_at: Date | null;
  closes_at: Date | null;
  team_ids: string[];
  agent_ids: string[];
  created_by: string;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  takers: string | number;
  submitted: string | number;
}

const examColumns = `e.id, e.title, e.course_id, e.status, e.questions, e.pass_percent, e.max_attempts, e.opens_at, e.closes_at, e.team_ids, e.agent_ids,
  u.display_name AS created_by, e.created_at, e.updated_at, e.published_at,
  (SELECT count(*) FROM exam_takers t WHERE t.exam_id = e.id) AS takers,
  (SELECT count(DISTINCT s.agent_id) FROM exam_submissions s WHERE s.exam_id = e.id) AS submitted`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(row: ExamRow): ExamSummary {
  return {
    id: row.id,
    title: row.title,
    courseId: row.course_id,
    status: row.status,
    passPercent: Number(row.pass_percent),
    maxAttempts: row.max_attempts,
    questionCount: row.questions.length,
    total: examTotal(row.questions),
    opensAt: iso(row.opens_at),
    closesAt: iso(row.closes_at),
    teamIds: row.team_ids,
    agentIds: row.agent_ids,
    takers: Number(row.takers),
    submitted: Number(row.submitted),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: iso(row.published_at),
  };
}

async function examRow(db: Queryable, id: string, lock = false): Promise<ExamRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(missing('exam', id));
  const [row] = await db.query<ExamRow>(`SELECT ${examColumns} FROM exams e JOIN users u ON u.id = e.created_by WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
  if (!row) throw new NotFoundError(missing('exam', id));
  return row;
}

/** The trainer's copy of an exam, with the correct answers. */
export async function loadExam(db: Queryable, id: string): Promise<ExamDetail> {
  const row = await examRow(db, id);
  return { ...summary(row), questions: row.questions };
}

/**
 * Exams in the caller's scope: those who run exams see every one, drafts too; a team leader the
 * published ones someone of the team takes.
 */
export async function listExams(db: Queryable, actor: Actor): Promise<ExamSummary[]> {
  const scope = teamScope(actor);
  const params: unknown[] = [];
  let where = 'true';
  if (scope.kind !== 'all') {
    params.push(scope.kind === 'team' ? scope.teamId : null);
    where = `e.status = 'published' AND EXISTS (SELECT 1 FROM exam_takers t JOIN users tu ON tu.id = t.agent_id WHERE t.exam_id = e.id AND tu.team_id = $1)`;
  }
  const rows = await db.query<ExamRow>(`SELECT ${examColumns} FROM exams e JOIN users u ON u.id = e.created_by WHERE ${where} ORDER BY e.updated_at DESC, e.id LIMIT 500`, params);
  return rows.map(summary);
}

/** A problem of the exam in the user's words. */
const examProblem = (p: ExamProblem): Wording => words(`exam_problem.${p.code}`, 'question' in p ? { question: p.question, key: p.key } : {});

/** Problems with the questions; a draft may still have none. */
function checkQuestions(input: ExamInput, publishing: boolean): void {
  const problems = examProblems(input).filter((p) => publishing || input.questions.length > 0 || p.code !== 'no_questions');
  if (problems.length > 0) throw new BadRequestError(words('exam_problem.list', { problems: problems.map(examProblem) }), { problems });
}

async function checkCourse(db: Queryable, courseId: string | null): Promise<void> {
  if (!courseId) return;
  const [course] = await db.query('SELECT 1 FROM training_courses WHERE id = $1', [courseId]);
  if (!course) throw new BadRequestError(words('exam.no_course', { id: courseId }), { field: 'courseId' });
}

export async function createExam(tx: Queryable, actor: Actor, input: ExamInput, now: number): Promise<ExamDetail> {
  checkQuestions(input, false);
  await checkCourse(tx, input.courseId);
  const at = new Date(now).toISOString();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO exams (title, course_id, questions, pass_percent, max_attempts, status, created_by, created_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $6, $7) RETURNING id`,
    [input.title, input.courseId, JSON.stringify(input.questions), input.passPercent, input.maxAttempts, actor.userId, at],
  );
  await writeAudit(tx, { userId: actor.userId, action: 'create', subject: 'exams', rowCount: 1, detail: { id: row!.id, title: input.title } });
  return loadExam(tx, row!.id);
}

/** A draft's questions and pass mark change; a published exam's do not, so every agent is marked on the same paper. */
export async function updateExam(tx: Queryable, actor: Actor, id: string, input: ExamInput, now: number): Promise<ExamDetail> {
  const before = await examRow(tx, id, true);
  if (before.status !== 'draft') throw new ConflictError(words('exam.published_frozen'));
  checkQuestions(input, false);
  await checkCourse(tx, input.courseId);
  await tx.query('UPDATE exams SET title = $2, course_id = $3, questions = $4, pass_percent = $5, max_attempts = $6, updated_by = $7, updated_at = $8 WHERE id = $1', [
    id,
    input.title,
    input.courseId,
    JSON.stringify(input.questions),
    input.passPercent,
    input.maxAttempts,
    actor.userId,
    new Date(now).toISOString(),
  ]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'update',
    subject: 'exams',
    rowCount: 1,
    detail: { id, before: { title: before.title, passPercent: Number(before.pass_percent), questions: before.questions.length } },
  });
  return loadExam(tx, id);
}

/** Publishes a draft to the agents of the teams named and the agents named, for the window given. */
export async function publishExam(tx: Queryable, actor: Actor, id: string, target: z.infer<typeof publishSchema>, now: number): Promise<ExamSummary> {
  const row = await examRow(tx, id, true);
  if (row.status !== 'draft') throw new ConflictError(words('exam.published_already'));
  checkQuestions({ title: row.title, courseId: row.course_id, passPercent: Number(row.pass_percent), maxAttempts: row.max_attempts, questions: row.questions }, true);
  const opensAt = Date.parse(target.opensAt);
  const closesAt = Date.parse(target.closesAt);
  if (closesAt <= opensAt) throw new BadRequestError(words('exam.closes_before_opens'), { field: 'closesAt' });
  if (closesAt <= now) throw new BadRequestError(words('exam.closes_past'), { field: 'closesAt' });
  const teamIds = [...new Set(target.teamIds)];
  const agentIds = [...new Set(target.agentIds)];
  if (teamIds.length === 0 && agentIds.length === 0) throw new BadRequestError(words('exam.takers_none'));
  const teams = await tx.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1::text[])', [teamIds]);
  const unknownTeams = teamIds.filter((t) => !teams.some((r) => r.id === t));
  if (unknownTeams.length > 0) throw new BadRequestError(words('exam.unknown_teams', { ids: unknownTeams.join('、') }), { field: 'teamIds' });
  const named = await tx.query<{ id: string }>("SELECT id FROM users WHERE id = ANY($1::text[]) AND role = 'agent' AND NOT disabled", [agentIds]);
  const unknownAgents = agentIds.filter((a) => !named.some((r) => r.id === a));
  if (unknownAgents.length > 0) throw new BadRequestError(words('exam.not_agents', { ids: unknownAgents.join('、') }), { field: 'agentIds' });
  const inserted = await tx.query<{ agent_id: string }>(
    `INSERT INTO exam_takers (exam_id, agent_id, team_id)
     SELECT $1, u.id, u.team_id FROM users u
     WHERE u.role = 'agent' AND NOT u.disabled AND (u.team_id = ANY($2::text[]) OR u.id = ANY($3::text[]))
     ON CONFLICT DO NOTHING RETURNING agent_id`,
    [id, teamIds, agentIds],
  );
  if (inserted.length === 0) throw new BadRequestError(words('exam.teams_empty'));
  await tx.query(
    `UPDATE exams SET status = 'published', opens_at = $2, closes_at = $3, team_ids = $4, agent_ids = $5, published_by = $6, published_at = $7, updated_by = $6, updated_at = $7 WHERE id = $1`,
    [id, new Date(opensAt).toISOString(), new Date(closesAt).toISOString(), teamIds, agentIds, actor.userId, new Date(now).toISOString()],
  );
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'publish',
    subject: 'exams',
    rowCount: inserted.length,
    detail: { id, teamIds, agentIds, opensAt: target.opensAt, closesAt: target.closesAt },
  });
  return summary(await examRow(tx, id));
}

interface SubmissionRow {
  id: string;
  attempt: number;
  score: string;
  total: string;
  percent: string;
  passed: boolean;
  marks: ExamSubmission['marks'];
  answers: ExamSubmission['answers'];
  submitted_at: Date;
}

function submission(row: SubmissionRow): ExamSubmission {
  return {
    id: row.id,
    attempt: row.attempt,
    score: Number(row.score),
    total: Number(row.total),
    percent: Number(row.percent),
    passed: row.passed,
    marks: row.marks,
    answers: row.answers,
    submittedAt: row.submitted_at.toISOString(),
  };
}

async function submissionsOf(db: Queryable, examId: string, agentId: string): Promise<ExamSubmission[]> {
  const rows = await db.query<SubmissionRow>(
    'SELECT id, attempt, score, total, percent, passed, marks, answers, submitted_at FROM exam_submissions WHERE exam_id = $1 AND agent_id = $2 ORDER BY attempt',
    [examId, agentId],
  );
  return rows.map(submission);
}

function windowAt(row: ExamRow, now: number): MyExam['window'] {
  if (now < row.opens_at!.getTime()) return 'upcoming';
  return now < row.closes_at!.getTime() ? 'open' : 'closed';
}

function myExam(row: ExamRow, submissions: ExamSubmission[], now: number): MyExam {
  const best = submissions.reduce<ExamSubmission | null>((b, s) => (b === null || s.percent > b.percent ? s : b), null);
  return {
    id: row.id,
    title: row.title,
    passPercent: Number(row.pass_percent),
    total: examTotal(row.questions),
    questionCount: row.questions.length,
    maxAttempts: row.max_attempts,
    opensAt: row.opens_at!.toISOString(),
    closesAt: row.closes_at!.toISOString(),
    window: windowAt(row, now),
    attemptsUsed: submissions.length,
    best,
  };
}

/** 我的考试: the published exams the agent takes, newest window first. */
export async function myExams(db: Queryable, actor: Actor, now: number): Promise<MyExam[]> {
  const rows = await db.query<ExamRow>(
    `SELECT ${examColumns} FROM exams e JOIN users u ON u.id = e.created_by JOIN exam_takers k ON k.exam_id = e.id AND k.agent_id = $1
     WHERE e.status = 'published' ORDER BY e.opens_at DESC, e.id`,
    [actor.userId],
  );
  return Promise.all(rows.map(async (row) => myExam(row, await submissionsOf(db, row.id, actor.userId), now)));
}

async function takersExam(db: Queryable, actor: Actor, id: string, lock = false): Promise<ExamRow> {
  const row = await examRow(db, id, lock);
  const [taker] = row.status === 'published' ? await db.query('SELECT 1 FROM exam_takers WHERE exam_id = $1 AND agent_id = $2', [id, actor.userId]) : [];
  if (!taker) throw new NotFoundError(missing('exam', id));
  return row;
}

/**
 * The paper the agent opens: the questions without answers while the window is open, the agent's
 * own sheets with their marks, and the correct answers only after the exam has closed, when no one
 * can still use them.
 */
export async function examPaperFor(db: Queryable, actor: Actor, id: string, now: number): Promise<ExamPaper> {
  const row = await takersExam(db, actor, id);
  const window = windowAt(row, now);
  if (window === 'upcoming') throw new ApiError(409, 'not_open', words('exam.not_open'));
  const submissions = await submissionsOf(db, id, actor.userId);
  return { exam: myExam(row, submissions, now), questions: examPaper(row.questions), submissions, key: window === 'closed' ? row.questions : null };
}

/** An agent hands in an answer sheet: marked at once, refused outside the window or once the attempts are used. */
export async function submitAnswers(tx: Queryable, actor: Actor, id: string, answers: AnswerSheet, now: number): Promise<ExamSubmission> {
  // The exam row is locked so two hand-ins at the same moment cannot both take the last attempt.
  const row = await takersExam(tx, actor, id, true);
  const unknown = Object.keys(answers).filter((k) => !row.questions.some((q) => q.key === k));
  if (unknown.length > 0) throw new BadRequestError(words('exam.unknown_answers', { keys: unknown.join('、') }));
  const [used] = await tx.query<{ n: string | number }>('SELECT count(*) AS n FROM exam_submissions WHERE exam_id = $1 AND agent_id = $2', [id, actor.userId]);
  const attempts = Number(used?.n ?? 0);
  const refusal = attemptRefusal({ opensAt: row.opens_at!.getTime(), closesAt: row.closes_at!.getTime(), maxAttempts: row.max_attempts }, attempts, now);
  if (refusal) throw new ApiError(409, refusal, words(`exam.${refusal}`));
  const mark: ExamMark = markExam({ questions: row.questions, passPercent: Number(row.pass_percent) }, answers);
  const [saved] = await tx.query<SubmissionRow>(
    `INSERT INTO exam_submissions (exam_id, agent_id, attempt, answers, marks, score, total, percent, passed, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, attempt, score, total, percent, passed, marks, answers, submitted_at`,
    [id, actor.userId, attempts + 1, JSON.stringify(answers), JSON.stringify(mark.marks), mark.score, mark.total, mark.percent, mark.passed, new Date(now).toISOString()],
  );
  return submission(saved!);
}
