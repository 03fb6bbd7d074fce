import { z } from 'zod';
import type { InterviewRoundDetail, InterviewRoundSummary, InterviewScore, RankingRow, StoredRubric } from '@banzu/contract';
import { interviewOrganizers } from '@banzu/contract';
import { builtinRubrics, interviewRanking, rubricProblem, scoreProblem, type Actor, type InterviewQuestion } from '@banzu/core';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable, Store } from '../store/index';

const text = (max: number) => z.string().trim().max(max);
const questionSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'interview.code_empty')
    .max(20)
    .regex(/^[\p{L}\p{N}_-]+$/u, 'interview.code_characters'),
  title: text(500).min(1, 'interview.title_empty'),
  kind: z.enum(['required', 'random'], { message: 'interview.kind' }),
  maxPoints: z.number({ message: 'interview.max_points_number' }).positive('interview.max_points_positive').max(1000),
  keyPoints: text(2000).default(''),
  bands: z
    .array(z.object({ min: z.number().min(0), max: z.number().min(0), description: text(1000).default('') }))
    .max(20)
    .default([]),
  referenceAnswer: text(4000).default(''),
});
export const rubricSchema = z.object({ name: text(200).min(1, 'interview.rubric_name_empty'), questions: z.array(questionSchema).min(1, 'interview.no_questions').max(50) });

export const roundSchema = z.object({
  title: text(200).min(1, 'interview.round_title_empty'),
  rubricId: z.string().min(1),
  /** The questions asked in this round (the required ones and the random ones drawn); all of the rubric when absent. */
  questionCodes: z.array(z.string().min(1)).min(1).max(50).optional(),
  heldOn: z.iso.date({ message: 'interview.date_format' }),
  candidates: z.array(z.string().min(1)).min(1, 'interview.candidates_none').max(200),
  interviewers: z.array(z.string().min(1)).min(1, 'interview.interviewers_none').max(30),
});

export const scoresSchema = z.object({
  scores: z
    .array(z.object({ agentId: z.string().min(1), questionCode: z.string().min(1), points: z.number({ message: 'interview.points_number' }), note: text(1000).default('') }))
    .max(5000),
});

const isOrganizer = (actor: Actor) => interviewOrganizers.includes(actor.role);

/** The built-in templates (seed 000) and the center's own, built-ins first. */
export async function listRubrics(db: Queryable): Promise<StoredRubric[]> {
  const stored = await db.query<{ id: string; name: string; questions: InterviewQuestion[] }>('SELECT id, name, questions FROM interview_rubrics ORDER BY created_at, id');
  return [...builtinRubrics.map((r) => ({ ...r, builtin: true })), ...stored.map((r) => ({ ...r, builtin: false }))];
}

async function findRubric(db: Queryable, id: string): Promise<StoredRubric> {
  const rubric = (await listRubrics(db)).find((r) => r.id === id);
  if (!rubric) throw new NotFoundError(missing('rubric', id));
  return rubric;
}

/**
 * Saves a rubric: a new one (`id` absent), or the center's own by id; a built-in template is
 * copied, never changed. Bands outside the question's points are a 400.
 *
 * @example
 * await saveRubric(store, manager, { name: '组长竞聘 2026', questions: teamLeaderRubric.questions }, undefined, clock.now());
 */
export async function saveRubric(db: Queryable, actor: Actor, rubric: z.infer<typeof rubricSchema>, id: string | undefined, now: number): Promise<StoredRubric> {
  const problem = rubricProblem(rubric.questions);
  if (problem) throw new BadRequestError(words(`interview.${problem.code}`, problem.params));
  const at = new Date(now);
  if (id === undefined) {
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO interview_rubrics (name, questions, created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $3, $4) RETURNING id',
      [rubric.name, JSON.stringify(rubric.questions), at, actor.userId],
    );
    return findRubric(db, row!.id);
  }
  if (builtinRubrics.some((r) => r.id === id)) throw new BadRequestError(words('interview.builtin_rubric'));
  const updated = await db.query('UPDATE interview_rubrics SET name = $2, questions = $3, updated_at = $4, updated_by = $5 WHERE id::text = $1 RETURNING id', [
    id,
    rubric.name,
    JSON.stringify(rubric.questions),
    at,
    actor.userId,
  ]);
  if (updated.length === 0) throw new NotFoundError(missing('rubric', id));
  return findRubric(db, id);
}

/**
 * Opens a round: the rubric's questions as they are now (later edits of the template do not
 * change it), agents as candidates, people who are not agents as interviewers.
 *
 * @example
 * await openRound(store, manager, { title: '2026 组长竞聘', rubricId: teamLeaderRubric.id, heldOn: '2026-01-20', candidates, interviewers }, clock.now());
 */
export async function openRound(store: Store, actor: Actor, round: z.infer<typeof roundSchema>, now: number): Promise<InterviewRoundDetail> {
  const rubric = await findRubric(store, round.rubricId);
  const codes = round.questionCodes ?? rubric.questions.map((q) => q.code);
  const unknown = codes.filter((c) => !rubric.questions.some((q) => q.code === c));
  if (unknown.length > 0) throw new BadRequestError(words('interview.unknown_codes', { codes: unknown.join('、') }), { field: 'questionCodes' });
  const questions = rubric.questions.filter((q) => codes.includes(q.code));
  const candidates = [...new Set(round.candidates)];
  const interviewers = [...new Set(round.interviewers)];
  const people = await store.query<{ id: string; role: string; name: string }>('SELECT id, role, display_name AS name FROM users WHERE id = ANY($1::text[])', [
    [...candidates, ...interviewers],
  ]);
  const unknownUsers = [...candidates, ...interviewers].filter((id) => !people.some((p) => p.id === id));
  if (unknownUsers.length > 0) throw new BadRequestError(words('interview.unknown_users', { users: unknownUsers.join('、') }));
  const names = (ids: string[]) => ids.map((id) => people.find((p) => p.id === id)!.name).join('、');
  const notAgents = candidates.filter((id) => people.find((p) => p.id === id)!.role !== 'agent');
  if (notAgents.length > 0) throw new BadRequestError(words('interview.candidates_agents', { names: names(notAgents) }), { field: 'candidates' });
  const agentsInterviewing = interviewers.filter((id) => people.find((p) => p.id === id)!.role === 'agent');
  if (agentsInterviewing.length > 0) throw new BadRequestError(words('interview.agents_interviewing', { names: names(agentsInterviewing) }), { field: 'interviewers' });
  const both = candidates.filter((id) => interviewers.includes(id));
  if (both.length > 0) throw new BadRequestError(words('interview.candidate_interviewer'));
  const id = await store.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO interview_rounds (title, rubric_name, questions, held_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [round.title, rubric.name, JSON.stringify(questions), round.heldOn, new Date(now), actor.userId],
    );
    await tx.query('INSERT INTO interview_candidates (round_id, agent_id) SELECT $1, unnest($2::text[])', [row!.id, candidates]);
    await tx.query('INSERT INTO interview_interviewers (round_id, user_id) SELECT $1, unnest($2::text[])', [row!.id, interviewers]);
    return row!.id;
  });
  return loadRound(store, actor, id);
}

/** Rounds the caller organizes (organizers: all) or interviews in. */
export async function listRounds(db: Queryable, actor: Actor): Promise<InterviewRoundSummary[]> {
  const params: unknown[] = [];
  const mine = isOrganizer(actor) ? '' : `WHERE r.id IN (SELECT round_id FROM interview_interviewers WHERE user_id = $${params.push(actor.userId)})`;
  const rows = await db.query<Omit<InterviewRoundSummary, 'heldOn'> & { heldOn: string }>(
    `SELECT r.id, r.title, r.rubric_name AS "rubricName", to_char(r.held_on, 'YYYY-MM-DD') AS "heldOn", r.status,
       (SELECT count(*)::int FROM interview_candidates c WHERE c.round_id = r.id) AS candidates,
       (SELECT count(*)::int FROM interview_interviewers i WHERE i.round_id = r.id) AS interviewers,
       (SELECT count(*)::int FROM interview_interviewers i WHERE i.round_id = r.id AND i.submitted_at IS NOT NULL) AS submitted
     FROM interview_rounds r ${mine} ORDER BY r.held_on DESC, r.created_at DESC`,
    params,
  );
  return rows;
}

interface RoundRow {
  id: string;
  title: string;
  rubricName: string;
  heldOn: string;
  status: 'open' | 'closed';
  questions: InterviewQuestion[];
}

async function roundRow(db: Queryable, id: string): Promise<RoundRow> {
  const [round] = await db.query<RoundRow>(
    `SELECT id, title, rubric_name AS "rubricName", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", status, questions FROM interview_rounds WHERE id::text = $1`,
    [id],
  );
  if (!round) throw new NotFoundError(missing('interview', id));
  return round;
}

/**
 * A round as the caller may see it: an interviewer the own sheet, and the ranking once the own
 * sheet is handed in; organizers the ranking of the handed-in sheets. Nobody sees another's draft.
 *
 * @example
 * const round = await loadRound(store, leader, roundId);
 * round.mySheet?.scores; // the leader's own points
 */
export async function loadRound(db: Queryable, actor: Actor, id: string): Promise<InterviewRoundDetail> {
  const round = await roundRow(db, id);
  const interviewers = await db.query<{ userId: string; name: string; submitted: boolean }>(
    `SELECT i.user_id AS "userId", u.display_name AS name, i.submitted_at IS NOT NULL AS submitted
     FROM interview_interviewers i JOIN users u ON u.id = i.user_id WHERE i.round_id = $1 ORDER BY u.display_name`,
    [round.id],
  );
  const me = interviewers.find((i) => i.userId === actor.userId);
  if (!me && !isOrganizer(actor)) throw new ForbiddenError(words('interview.not_interviewer'));
  const candidates = await db.query<{ agentId: string; name: string; employeeNo: string; teamName: string | null }>(
    `SELECT c.agent_id AS "agentId", u.display_name AS name, coalesce(a.employee_no, '') AS "employeeNo", t.name AS "teamName"
     FROM interview_candidates c JOIN users u ON u.id = c.agent_id LEFT JOIN agents a ON a.user_id = c.agent_id LEFT JOIN teams t ON t.id = u.team_id
     WHERE c.round_id = $1 ORDER BY a.employee_no`,
    [round.id],
  );
  const scores = await db.query<InterviewScore & { interviewerId: string }>(
    `SELECT s.interviewer_id AS "interviewerId", s.agent_id AS "agentId", s.question_code AS "questionCode", s.points, s.note
     FROM interview_scores s WHERE s.round_id = $1 AND (s.interviewer_id = $2 OR s.interviewer_id IN (SELECT user_id FROM interview_interviewers WHERE round_id = $1 AND submitted_at IS NOT NULL))`,
    [round.id, actor.userId],
  );
  const mySheet = me ? { scores: scores.filter((s) => s.interviewerId === me.userId).map(({ interviewerId: _, ...s }) => s), submitted: me.submitted } : null;
  const seesRanking = isOrganizer(actor) || me?.submitted === true;
  const sheets = interviewers.filter((i) => i.submitted).map((i) => ({ interviewerId: i.userId, scores: scores.filter((s) => s.interviewerId === i.userId) }));
  const ranking: RankingRow[] | null = seesRanking
    ? interviewRanking(
        round.questions,
        candidates.map((c) => c.agentId),
        sheets,
      ).map((r) => {
        const c = candidates.find((x) => x.agentId === r.agentId)!;
        return { ...r, name: c.name, employeeNo: c.employeeNo, teamName: c.teamName };
      })
    : null;
  const { id: roundId, title, rubricName, heldOn, status, questions } = round;
  return { id: roundId, title, rubricName, heldOn, status, questions, candidates, interviewers, mySheet, ranking };
}

/** The caller's place on a round's panel: 403 for someone not on it, 409 once the sheet is in. */
async function openSheet(db: Queryable, actor: Actor, round: RoundRow) {
  const [me] = await db.query<{ submitted: boolean }>('SELECT submitted_at IS NOT NULL AS submitted FROM interview_interviewers WHERE round_id = $1 AND user_id = $2 FOR UPDATE', [
    round.id,
    actor.userId,
  ]);
  if (!me) throw new ForbiddenError(words('interview.not_interviewer_score'));
  if (me.submitted) throw new ConflictError(words('interview.submitted'));
  if (round.status === 'closed') throw new ConflictError(words('interview.closed'));
}

/**
 * Records the caller's points (a draft until submitted): each within the question's points and
 * bands, for the round's candidates and questions; a bad one is a 400 and none is saved.
 *
 * @example
 * await saveScores(store, leader, roundId, [{ agentId, questionCode: 'R1', points: 17, note: '' }], clock.now());
 */
export async function saveScores(store: Store, actor: Actor, id: string, scores: z.infer<typeof scoresSchema>['scores'], now: number): Promise<InterviewRoundDetail> {
  await store.transaction(async (tx) => {
    const round = await roundRow(tx, id);
    await openSheet(tx, actor, round);
    const candidates = new Set((await tx.query<{ agent_id: string }>('SELECT agent_id FROM interview_candidates WHERE round_id = $1', [round.id])).map((c) => c.agent_id));
    for (const s of scores) {
      if (!candidates.has(s.agentId)) throw new BadRequestError(words('interview.not_candidate', { agent: s.agentId }));
      const question = round.questions.find((q) => q.code === s.questionCode);
      if (!question) throw new BadRequestError(words('interview.no_question', { code: s.questionCode }));
      const problem = scoreProblem(question, s.points);
      if (problem) throw new BadRequestError(words(`interview.${problem.code}`, problem.params));
    }
    for (const s of scores) {
      await tx.query(
        `INSERT INTO interview_scores (round_id, interviewer_id, agent_id, question_code, points, note, scored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (round_id, interviewer_id, agent_id, question_code) DO UPDATE SET points = EXCLUDED.points, note = EXCLUDED.note, scored_at = EXCLUDED.scored_at`,
        [round.id, actor.userId, s.agentId, s.questionCode, s.points, s.note, new Date(now)],
      );
    }
  });
  return loadRound(store, actor, id);
}

/**
 * Hands in the caller's sheet: only complete (every candidate on every question), and final.
 *
 * @example
 * await submitSheet(store, leader, roundId, clock.now());
 */
export async function submitSheet(store: Store, actor: Actor, id: string, now: number): Promise<InterviewRoundDetail> {
  await store.transaction(async (tx) => {
    const round = await roundRow(tx, id);
    await openSheet(tx, actor, round);
    const [counts] = await tx.query<{ candidates: number; scored: number }>(
      `SELECT (SELECT count(*)::int FROM interview_candidates WHERE round_id = $1) AS candidates,
              (SELECT count(*)::int FROM interview_scores WHERE round_id = $1 AND interviewer_id = $2 AND question_code = ANY($3::text[])) AS scored`,
      [round.id, actor.userId, round.questions.map((q) => q.code)],
    );
    const unscored = counts!.candidates * round.questions.length - counts!.scored;
    if (unscored > 0) throw new BadRequestError(words('interview.unscored', { missing: unscored }));
    await tx.query('UPDATE interview_interviewers SET submitted_at = $3 WHERE round_id = $1 AND user_id = $2', [round.id, actor.userId, new Date(now)]);
  });
  return loadRound(store, actor, id);
}
