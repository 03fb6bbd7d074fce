import { z } from 'zod';
import {
  type Actor,
  addDays,
  assembleAgenda,
  type BriefingAgenda,
  briefingAttendance,
  type BriefingAttendance,
  briefingQaDays,
  canSeeTeam,
  type DebriefProblem,
  fromLocal,
  localDate,
  type MetricTarget,
  metricDictionary,
  monthDates,
  type TeamAgent,
} from '@banzu/core';
import type { Briefing, BriefingRollLine, Debrief } from '@banzu/contract';
import { writeAudit } from '../crm/index';
import { ApiError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { listArticles } from '../kb/index';
import { checkMonth, loadCenter } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { qaReport } from '../qa/index';
import { metricsReport } from '../reports/index';
import type { Queryable, Store } from '../store/index';
import { leaveOn, loadRoster } from '../wfm/index';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A local date `YYYY-MM-DD` that exists, or a 400 naming the value. */
export function checkDate(value: string, field = 'date'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const real = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
  if (!real) throw new BadRequestError(words('briefing.date_invalid', { value }), { field, value });
  return value;
}

/** The team asked about, within the caller's scope: a leader's and an agent's own (403 for another), the floor roles any named team. */
export async function briefingTeam(db: Queryable, actor: Actor, team: string | undefined): Promise<{ id: string; name: string }> {
  const teamId = team ?? actor.teamId;
  if (!teamId) throw new BadRequestError(words('briefing.team_required'), { field: 'team' });
  if (!canSeeTeam(actor, teamId)) throw new ForbiddenError(words('briefing.own_team'));
  const [row] = await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [teamId]);
  if (!row) throw new NotFoundError(missing('team', teamId));
  return row;
}

/** The start of a local date as an instant. */
function startOf(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(fromLocal(y, m, d, 0, 0, timeZone));
}

async function teamAgents(db: Queryable, teamId: string): Promise<TeamAgent[]> {
  return db.query<TeamAgent>(
    `SELECT u.id AS "agentId", a.employee_no AS "employeeNo", u.display_name AS name
       FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled AND u.role = 'agent' ORDER BY a.employee_no`,
    [teamId],
  );
}

const problemSelect = `SELECT p.id, p.team_id AS "teamId", to_char(p.date, 'YYYY-MM-DD') AS date, p.text, p.raised_by AS "raisedBy", u.display_name AS "raisedByName",
  ${iso('p.raised_at')} AS "raisedAt", p.status, p.answer, p.decided_by AS "decidedBy", ${iso('p.decided_at')} AS "decidedAt"
  FROM debrief_problems p JOIN users u ON u.id = p.raised_by`;

/** Debrief problems with the local date each was decided on (what carries over depends on it). */
async function queryProblems(db: Queryable, where: string, params: unknown[]): Promise<DebriefProblem[]> {
  const rows = await db.query<Omit<DebriefProblem, 'decidedDate'>>(`${problemSelect} ${where}`, params);
  if (rows.length === 0) return [];
  const { timeZone } = await loadCenter(db);
  return rows.map((p) => ({ ...p, decidedDate: p.decidedAt ? localDate(Date.parse(p.decidedAt), timeZone) : null }));
}

/**
 * The agenda of a team's day from the system's own data: yesterday's team figures from the
 * reports (the same query and metric code as /api/v1/reports/metrics), the targets, the QA report's
 * most-failed items, the knowledge base's new and changed articles, the published roster, approved
 * leave, and the debrief problems not solved. Only leaders and floor roles build one; agents read it published.
 */
export async function buildAgenda(db: Queryable, actor: Actor, teamId: string, date: string): Promise<BriefingAgenda> {
  const yesterday = addDays(date, -1);
  const [{ timeZone }, settings] = await Promise.all([loadCenter(db), loadCenterSettings(db)]);
  const report = await metricsReport(db, { from: yesterday, to: yesterday, by: 'day', teamId, timeZone, parameters: metricParameters(settings) });
  const targets = await db.query<MetricTarget>('SELECT metric_id AS "metricId", scope, scope_id AS "scopeId", target FROM metric_targets');
  const qa = await qaReport(db, actor, { from: addDays(date, -briefingQaDays), to: yesterday, by: 'team', teamId }, timeZone);
  const since = startOf(yesterday, timeZone).toISOString();
  const until = startOf(addDays(date, 1), timeZone).toISOString();
  const articles = (await listArticles(db, actor, { status: 'published' })).filter((a) => a.updatedAt >= since && a.updatedAt < until);
  const roster = await loadRoster(db, teamId, date.slice(0, 7)).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
  // Not solved, or solved since yesterday began: core picks those answered after their debrief.
  const problems = await queryProblems(db, `WHERE p.team_id = $1 AND p.date < $2::date AND (p.status <> 'solved' OR p.decided_at >= $3) ORDER BY p.raised_at, p.seq`, [
    teamId,
    date,
    since,
  ]);
  const agents = roster ? roster.agents.map((a) => ({ agentId: a.userId, employeeNo: a.employeeNo, name: a.name })) : await teamAgents(db, teamId);
  const leave = await leaveOn(
    db,
    date,
    agents.map((a) => a.agentId),
  );
  const agenda = assembleAgenda({
    date,
    teamId,
    figures: report.total.metrics,
    targets,
    metrics: metricDictionary,
    qaItems: qa.items,
    articles: articles.map((a) => ({ id: a.id, title: a.title, category: a.category, version: a.version, updatedAt: a.updatedAt })),
    roster: roster ? { status: roster.status, agents, shifts: roster.shifts } : { status: 'missing', agents, shifts: [] },
    leave: leave.map((l) => ({ agentId: l.agentId, kind: l.kind })),
    problems,
  });
  return { ...agenda, serviceLevel: report.serviceLevel };
}

interface BriefingRow {
  id: string;
  status: 'draft' | 'published';
  goal: string;
  items: string[];
  agenda: BriefingAgenda | null;
  updatedAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}

async function briefingRow(db: Queryable, teamId: string, date: string, lock = false): Promise<BriefingRow | undefined> {
  const [row] = await db.query<BriefingRow>(
    `SELECT b.id, b.status, b.goal, b.items, b.agenda, ${iso('b.updated_at')} AS "updatedAt", ${iso('b.published_at')} AS "publishedAt", p.display_name AS "publishedByName"
       FROM briefings b LEFT JOIN users p ON p.id = b.published_by WHERE b.team_id = $1 AND b.date = $2::date${lock ? ' FOR UPDATE OF b' : ''}`,
    [teamId, date],
  );
  return row;
}

async function roll(db: Queryable, briefingId: string): Promise<BriefingRollLine[]> {
  return db.query<BriefingRollLine>(
    `SELECT r.agent_id AS "agentId", coalesce(a.employee_no, '') AS "employeeNo", u.display_name AS name, ${iso('r.attended_at')} AS "attendedAt", ${iso('r.confirmed_at')} AS "confirmedAt"
       FROM briefing_attendance r JOIN users u ON u.id = r.agent_id LEFT JOIN agents a ON a.user_id = r.agent_id
      WHERE r.briefing_id = $1 ORDER BY a.employee_no, u.id`,
    [briefingId],
  );
}

/**
 * A team's briefing of a day. Leaders and the floor roles get it even before anything is saved
 * (status `new`: the agenda as prepared); an agent only once published, with the own line of the roll.
 */
export async function loadBriefing(db: Queryable, actor: Actor, team: { id: string; name: string }, date: string): Promise<Briefing> {
  const row = await briefingRow(db, team.id, date);
  if (actor.role === 'agent' && row?.status !== 'published') throw new NotFoundError(words('briefing.not_published', { date }));
  const agenda = row?.agenda ?? (await buildAgenda(db, actor, team.id, date));
  const lines = row?.status === 'published' ? await roll(db, row.id) : [];
  const { timeZone } = await loadCenter(db);
  return {
    id: row?.id ?? null,
    teamId: team.id,
    teamName: team.name,
    date,
    timeZone,
    status: row?.status ?? 'new',
    goal: row?.goal ?? '',
    items: row?.items ?? [],
    agenda,
    updatedAt: row?.updatedAt ?? null,
    publishedAt: row?.publishedAt ?? null,
    publishedByName: row?.publishedByName ?? null,
    roll: actor.role === 'agent' ? lines.filter((l) => l.agentId === actor.userId) : lines,
  };
}

export const saveBriefingSchema = z.object({
  /** The team (a leader's own when absent). */
  team: z.string().min(1).max(100).optional(),
  teamId: z.string().min(1).max(100).optional(),
  date: z.string({ message: 'briefing.date_required' }).max(40, 'briefing.date_format'),
  goal: z.string().trim().max(200, 'briefing.goal_long').default(''),
  items: z.array(z.string().trim().min(1, 'briefing.item_empty').max(1000, 'briefing.item_long')).max(30, 'briefing.items_many').default([]),
  /** Publish now: the agenda is frozen and the team's agents see it on the desktop. */
  publish: z.boolean().default(false),
});

/**
 * The leader saves the day's goal and points, and may publish: the agenda is then frozen as it
 * stands and every agent of the team is on the roll. A published briefing is not changed again.
 */
export async function saveBriefing(store: Store, actor: Actor, body: z.infer<typeof saveBriefingSchema>, now: number): Promise<Briefing> {
  const date = checkDate(body.date);
  const team = await briefingTeam(store, actor, body.team ?? body.teamId);
  await store.transaction(async (tx) => {
    const at = new Date(now).toISOString();
    await tx.query(
      `INSERT INTO briefings (team_id, date, status, goal, items, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2::date, 'draft', '', '[]', $3, $4, $3, $4) ON CONFLICT (team_id, date) DO NOTHING`,
      [team.id, date, actor.userId, at],
    );
    const row = (await briefingRow(tx, team.id, date, true))!;
    if (row.status === 'published') throw new ConflictError(words('briefing.published', { date }));
    await tx.query('UPDATE briefings SET goal = $2, items = $3, updated_by = $4, updated_at = $5 WHERE id = $1', [row.id, body.goal, JSON.stringify(body.items), actor.userId, at]);
    if (body.publish) await publish(tx, actor, row.id, team.id, date, at);
    await writeAudit(tx, {
      userId: actor.userId,
      action: body.publish ? 'publish' : 'update',
      subject: 'briefings',
      rowCount: 1,
      detail: { briefingId: row.id, teamId: team.id, date, goal: body.goal, items: body.items },
    });
  });
  return loadBriefing(store, actor, team, date);
}

async function publish(tx: Queryable, actor: Actor, id: string, teamId: string, date: string, at: string): Promise<void> {
  const agenda = await buildAgenda(tx, actor, teamId, date);
  await tx.query(`UPDATE briefings SET status = 'published', agenda = $2, published_by = $3, published_at = $4 WHERE id = $1`, [id, JSON.stringify(agenda), actor.userId, at]);
  const agents = await teamAgents(tx, teamId);
  if (agents.length === 0) return;
  await tx.query('INSERT INTO briefing_attendance (briefing_id, agent_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [id, agents.map((a) => a.agentId)]);
}

/** The briefing by id within the caller's team scope (404 outside it, as if it did not exist). */
async function briefingById(db: Queryable, actor: Actor, id: string): Promise<{ id: string; teamId: string; teamName: string; date: string; status: string }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(missing('briefing', id));
  const [row] = await db.query<{ id: string; teamId: string; teamName: string; date: string; status: string }>(
    `SELECT b.id, b.team_id AS "teamId", t.name AS "teamName", to_char(b.date, 'YYYY-MM-DD') AS date, b.status FROM briefings b JOIN teams t ON t.id = b.team_id WHERE b.id = $1`,
    [id],
  );
  if (!row || !canSeeTeam(actor, row.teamId) || (actor.role === 'agent' && row.status !== 'published')) throw new NotFoundError(missing('briefing', id));
  return row;
}

/** The leader marks an agent present at the meeting (with the time) or takes the mark back. */
export async function markAttendance(store: Store, actor: Actor, id: string, agentId: string, attended: boolean, now: number): Promise<Briefing> {
  const b = await briefingById(store, actor, id);
  if (b.status !== 'published') throw new ConflictError(words('briefing.attendance_unpublished'));
  const at = attended ? new Date(now).toISOString() : null;
  await store.transaction(async (tx) => {
    const changed = await tx.query<{ agent_id: string }>(
      `UPDATE briefing_attendance SET attended_at = $3, attended_marked_by = $4 WHERE briefing_id = $1 AND agent_id = $2 RETURNING agent_id`,
      [id, agentId, at, attended ? actor.userId : null],
    );
    if (changed.length === 0) throw new BadRequestError(words('briefing.not_on_roll', { agent: agentId }), { field: 'agentId' });
    await writeAudit(tx, { userId: actor.userId, action: 'update', subject: 'briefing_attendance', rowCount: 1, detail: { briefingId: id, agentId, attended } });
  });
  return loadBriefing(store, actor, { id: b.teamId, name: b.teamName }, b.date);
}

/** An agent confirms having read the own team's published briefing; the first confirmation's time stays. */
export async function confirmBriefing(store: Store, actor: Actor, id: string, now: number): Promise<Briefing> {
  const b = await briefingById(store, actor, id);
  if (b.status !== 'published') throw new ConflictError(words('briefing.unpublished'));
  const changed = await store.query<{ agent_id: string }>(
    'UPDATE briefing_attendance SET confirmed_at = coalesce(confirmed_at, $3) WHERE briefing_id = $1 AND agent_id = $2 RETURNING agent_id',
    [id, actor.userId, new Date(now).toISOString()],
  );
  if (changed.length === 0) throw new ForbiddenError(words('briefing.you_not_on_roll'));
  return loadBriefing(store, actor, { id: b.teamId, name: b.teamName }, b.date);
}

/** The day's debrief: the problems raised at it and those carried from earlier; an agent sees only the own. */
export async function loadDebrief(db: Queryable, actor: Actor, teamId: string, date: string): Promise<Debrief> {
  const mine = actor.role === 'agent' ? ' AND p.raised_by = $3' : '';
  const params = actor.role === 'agent' ? [teamId, date, actor.userId] : [teamId, date];
  const [problems, carried] = await Promise.all([
    queryProblems(db, `WHERE p.team_id = $1 AND p.date = $2::date${mine} ORDER BY p.raised_at, p.seq`, params),
    queryProblems(db, `WHERE p.team_id = $1 AND p.date < $2::date AND p.status <> 'solved'${mine} ORDER BY p.raised_at, p.seq`, params),
  ]);
  return { teamId, date, problems, carriedOver: carried };
}

export const raiseProblemSchema = z.object({
  team: z.string().min(1).max(100).optional(),
  /** The debrief's local date; today when absent. */
  date: z.string({ message: 'briefing.date_format' }).max(40, 'briefing.date_format').optional(),
  text: z.string({ message: 'debrief.text_required' }).trim().min(1, 'debrief.text_empty').max(2000, 'debrief.text_long'),
});

/** An agent or the leader raises a problem at the team's debrief (who and when recorded). */
export async function raiseProblem(store: Store, actor: Actor, body: z.infer<typeof raiseProblemSchema>, now: number): Promise<DebriefProblem> {
  const { timeZone } = await loadCenter(store);
  const date = body.date === undefined ? localDate(now, timeZone) : checkDate(body.date);
  const team = await briefingTeam(store, actor, body.team);
  const [row] = await store.query<{ id: string }>(
    `INSERT INTO debrief_problems (team_id, date, text, raised_by, raised_at, status) VALUES ($1, $2::date, $3, $4, $5, 'open') RETURNING id`,
    [team.id, date, body.text, actor.userId, new Date(now).toISOString()],
  );
  const [problem] = await queryProblems(store, 'WHERE p.id = $1', [row!.id]);
  return problem!;
}

export const decideProblemSchema = z
  .object({
    solved: z.boolean({ message: 'debrief.solved_required' }),
    answer: z.string().trim().max(2000, 'debrief.answer_long').default(''),
  })
  .refine((b) => !b.solved || b.answer.length > 0, { message: 'debrief.answer_required', path: ['answer'] });

/** The leader marks a problem solved (with the answer) or not solved: not solved carries it to the next briefing. */
export async function decideProblem(store: Store, actor: Actor, id: string, body: z.infer<typeof decideProblemSchema>, now: number): Promise<DebriefProblem> {
  const notFound = new NotFoundError(missing('debrief_problem', id));
  if (!z.uuid().safeParse(id).success) throw notFound;
  const [current] = await queryProblems(store, 'WHERE p.id = $1', [id]);
  if (!current || !canSeeTeam(actor, current.teamId)) throw notFound;
  await store.transaction(async (tx) => {
    await tx.query('UPDATE debrief_problems SET status = $2, answer = $3, decided_by = $4, decided_at = $5 WHERE id = $1', [
      id,
      body.solved ? 'solved' : 'unsolved',
      body.answer,
      actor.userId,
      new Date(now).toISOString(),
    ]);
    await writeAudit(tx, { userId: actor.userId, action: 'update', subject: 'debrief_problems', rowCount: 1, detail: { problemId: id, from: current.status, ...body } });
  });
  const [problem] = await queryProblems(store, 'WHERE p.id = $1', [id]);
  return problem!;
}

/**
 * Each agent's briefings in a month (`YYYY-MM`, local dates): held (on the roll of a published
 * briefing), attended, confirmed, missed; for the monthly assessment.
 */
export async function monthlyBriefingAttendance(db: Queryable, month: string, agentIds: readonly string[]): Promise<BriefingAttendance[]> {
  const { first: from, last: to } = monthDates(checkMonth(month));
  const marks = await db.query<{ agentId: string; briefingId: string; attendedAt: string | null; confirmedAt: string | null }>(
    `SELECT r.agent_id AS "agentId", r.briefing_id AS "briefingId", ${iso('r.attended_at')} AS "attendedAt", ${iso('r.confirmed_at')} AS "confirmedAt"
       FROM briefing_attendance r JOIN briefings b ON b.id = r.briefing_id
      WHERE b.status = 'published' AND b.date >= $1::date AND b.date <= $2::date AND r.agent_id = ANY($3::text[])`,
    [from, to, [...agentIds]],
  );
  return briefingAttendance(marks, agentIds);
}
