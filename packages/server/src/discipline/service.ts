import { z } from 'zod';
import {
  type Actor,
  canSeeTeam,
  defaultDisciplineCatalogue,
  DisciplineError,
  localDate,
  monthOf,
  monthTotals,
  nextPointStatus,
  type PointAction,
  type PointStatus,
  proposeItems,
  type Span,
  teamScope,
  weekOf,
} from '@banzu/core';
import type { DisciplineAgentTotal, DisciplinePoint, DisciplinePointPage, DisciplineProposal, DisciplineRuleView, ModelAgent, Praise } from '@banzu/contract';
import { writeAudit } from '../crm/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { centerMonth, centerTimeZone } from '../org/index';
import { loadCenterSettings } from '../org/settings';
import type { Queryable, Store } from '../store/index';
import { loggedInSpans } from '../wfm/attendance';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'org.month_format');

export const ruleSchema = z.strictObject({
  text: z.string().trim().min(1, 'discipline.rule_text_empty').max(500),
  points: z.number().min(0, 'discipline.points_negative').max(100, 'discipline.points_large'),
  category: z.string().trim().min(1).max(20).default('工作纪律'),
  active: z.boolean().default(true),
  afterWarning: z.boolean().default(false),
});
export const ruleCode = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'discipline.rule_code');

export const recordSchema = z.strictObject({
  agentId: z.string().min(1).max(100),
  ruleCode: z.string().min(1).max(20),
  occurredAt: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(2000).default(''),
});

export const listSchema = z.object({
  agentId: z.string().min(1).max(100).optional(),
  teamId: z.string().min(1).max(100).optional(),
  month: month.optional(),
});

export const praiseSchema = z.strictObject({
  agentId: z.string().min(1).max(100),
  text: z.string().trim().min(1, 'discipline.praise_empty').max(2000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const modelSchema = z.strictObject({
  agentId: z.string().min(1).max(100),
  week: z.iso.date().optional(),
  reason: z.string().trim().max(2000).default(''),
});

/** The catalogue starts as seed 000's rules; the center edits it from there. */
async function ensureCatalogue(db: Queryable): Promise<void> {
  const [any] = await db.query('SELECT 1 FROM discipline_rules LIMIT 1');
  if (any) return;
  for (const [position, r] of defaultDisciplineCatalogue.entries()) {
    await db.query(
      `INSERT INTO discipline_rules (code, text, points, category, source, after_warning, active, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (code) DO NOTHING`,
      [r.code, r.text, r.points, r.category, r.source, r.afterWarning, r.active, position + 1],
    );
  }
}

interface RuleRow {
  code: string;
  text: string;
  points: number;
  category: string;
  source: string;
  afterWarning: boolean;
  active: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

const ruleSelect = `SELECT r.code, r.text, r.points, r.category, r.source, r.after_warning AS "afterWarning", r.active,
  ${iso('r.updated_at')} AS "updatedAt", u.display_name AS "updatedByName"
  FROM discipline_rules r LEFT JOIN users u ON u.id = r.updated_by`;

export async function listRules(db: Queryable): Promise<DisciplineRuleView[]> {
  await ensureCatalogue(db);
  return db.query<RuleRow>(`${ruleSelect} ORDER BY r.position, r.code`);
}

/** Adds or changes one rule of the catalogue; the change is audited with the rule before and after. */
export async function putRule(store: Store, actor: Actor, code: string, body: z.infer<typeof ruleSchema>, now: number): Promise<DisciplineRuleView> {
  return store.transaction(async (tx) => {
    await ensureCatalogue(tx);
    const [before] = await tx.query<RuleRow>(`${ruleSelect} WHERE r.code = $1`, [code]);
    await tx.query(
      `INSERT INTO discipline_rules (code, text, points, category, after_warning, active, position, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(position), 0) + 1 FROM discipline_rules), $7, $8)
       ON CONFLICT (code) DO UPDATE SET text = $2, points = $3, category = $4, after_warning = $5, active = $6, updated_at = $7, updated_by = $8`,
      [code, body.text, body.points, body.category, body.afterWarning, body.active, new Date(now), actor.userId],
    );
    const [after] = await tx.query<RuleRow>(`${ruleSelect} WHERE r.code = $1`, [code]);
    await writeAudit(tx, { userId: actor.userId, action: before ? 'update' : 'create', subject: 'discipline_rules', rowCount: 1, detail: { code, before: before ?? null, after } });
    return after!;
  });
}

interface AgentRow {
  id: string;
  name: string;
  role: string;
  teamId: string | null;
  employeeNo: string | null;
}

async function loadAgent(db: Queryable, agentId: string): Promise<AgentRow> {
  const [agent] = await db.query<AgentRow>(
    `SELECT u.id, u.display_name AS name, u.role, u.team_id AS "teamId", a.employee_no AS "employeeNo"
       FROM users u LEFT JOIN agents a ON a.user_id = u.id WHERE u.id = $1 OR a.employee_no = $1 OR u.username = $1`,
    [agentId],
  );
  if (!agent) throw new BadRequestError(words('discipline.no_agent', { agent: agentId }), { field: 'agentId' });
  if (agent.role !== 'agent') throw new BadRequestError(words('discipline.not_agent', { name: agent.name }), { field: 'agentId' });
  return agent;
}

/** A team leader acts on the own team only; the floor-wide roles on every team. */
function checkTeam(actor: Actor, teamId: string | null, what: 'give' | 'decide' | 'praise' | 'choose'): void {
  if (actor.role === 'agent' || !canSeeTeam(actor, teamId)) throw new ForbiddenError(words(`discipline.own_team.${what}`));
}

const pointSelect = `SELECT p.id, p.agent_id AS "agentId", u.display_name AS "agentName", a.employee_no AS "employeeNo", p.team_id AS "teamId",
  p.rule_code AS "ruleCode", p.rule_text AS "ruleText", p.points, ${iso('p.occurred_at')} AS "occurredAt", p.note, p.status,
  p.recorded_by AS "recordedBy", r.display_name AS "recordedByName", ${iso('p.recorded_at')} AS "recordedAt",
  p.contest_reason AS "contestReason", ${iso('p.contested_at')} AS "contestedAt", d.display_name AS "decidedByName",
  ${iso('p.decided_at')} AS "decidedAt", p.decision_note AS "decisionNote"
  FROM discipline_points p JOIN users u ON u.id = p.agent_id LEFT JOIN agents a ON a.user_id = p.agent_id
  JOIN users r ON r.id = p.recorded_by LEFT JOIN users d ON d.id = p.decided_by`;

async function loadPoint(db: Queryable, id: string): Promise<DisciplinePoint> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(missing('discipline_point', id));
  const [point] = await db.query<DisciplinePoint>(`${pointSelect} WHERE p.id = $1`, [id]);
  if (!point) throw new NotFoundError(missing('discipline_point', id));
  return point;
}

async function activeRule(db: Queryable, code: string): Promise<RuleRow> {
  await ensureCatalogue(db);
  const [rule] = await db.query<RuleRow>(`${ruleSelect} WHERE r.code = $1`, [code]);
  if (!rule) throw new BadRequestError(words('discipline.no_rule', { code }), { field: 'ruleCode' });
  if (!rule.active) throw new BadRequestError(words('discipline.rule_inactive', { code }), { field: 'ruleCode' });
  return rule;
}

async function insertPoint(db: Queryable, actor: Actor, agent: AgentRow, rule: RuleRow, occurredAt: Date, note: string, now: number): Promise<DisciplinePoint> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO discipline_points (agent_id, team_id, rule_code, rule_text, points, occurred_at, note, status, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'recorded', $8, $9) RETURNING id`,
    [agent.id, agent.teamId, rule.code, rule.text, rule.points, occurredAt, note, actor.userId, new Date(now)],
  );
  await writeAudit(db, {
    userId: actor.userId,
    action: 'create',
    subject: 'discipline_points',
    rowCount: 1,
    detail: { id: row!.id, agentId: agent.id, ruleCode: rule.code, points: rule.points },
  });
  return loadPoint(db, row!.id);
}

/** The leader records an item (扣分) with its time and note; who and when are kept. */
export async function recordPoint(store: Store, actor: Actor, body: z.infer<typeof recordSchema>, now: number): Promise<DisciplinePoint> {
  return store.transaction((tx) => recordPointIn(tx, actor, body, now));
}

/**
 * `recordPoint` inside a transaction the caller holds, so another record can point at the item in
 * the same commit (a QA fine links its evaluation). A rule of the default catalogue that a center's
 * older catalogue lacks (QA-01 came later) is added first.
 */
export async function recordPointIn(tx: Queryable, actor: Actor, body: z.infer<typeof recordSchema>, now: number): Promise<DisciplinePoint> {
  const agent = await loadAgent(tx, body.agentId);
  checkTeam(actor, agent.teamId, 'give');
  const occurredAt = Date.parse(body.occurredAt);
  if (occurredAt > now + 60_000) throw new BadRequestError(words('discipline.future'), { field: 'occurredAt' });
  await ensureCatalogue(tx);
  const missing = defaultDisciplineCatalogue.find((r) => r.code === body.ruleCode);
  if (missing) {
    await tx.query(
      `INSERT INTO discipline_rules (code, text, points, category, source, after_warning, active, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(MAX(position), 0) + 1 FROM discipline_rules)) ON CONFLICT (code) DO NOTHING`,
      [missing.code, missing.text, missing.points, missing.category, missing.source, missing.afterWarning, missing.active],
    );
  }
  return insertPoint(tx, actor, agent, await activeRule(tx, body.ruleCode), new Date(occurredAt), body.note, now);
}

/** The agents of a team (or the one agent) the caller may see, with names. */
async function agentsInScope(db: Queryable, actor: Actor, query: { agentId?: string; teamId?: string }): Promise<AgentRow[]> {
  if (query.agentId) {
    const agent = await loadAgent(db, query.agentId);
    if (actor.role === 'agent' ? agent.id !== actor.userId : !canSeeTeam(actor, agent.teamId)) throw new ForbiddenError(words('discipline.own_or_team_view'));
    return [agent];
  }
  if (actor.role === 'agent') return [await loadAgent(db, actor.userId)];
  const scope = teamScope(actor);
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  if (scope.kind === 'team' && query.teamId && query.teamId !== scope.teamId) throw new ForbiddenError(words('discipline.team_view'));
  const teamId = scope.kind === 'team' ? scope.teamId : (query.teamId ?? null);
  return db.query<AgentRow>(
    `SELECT u.id, u.display_name AS name, u.role, u.team_id AS "teamId", a.employee_no AS "employeeNo"
       FROM users u LEFT JOIN agents a ON a.user_id = u.id
      WHERE u.role = 'agent' AND NOT u.disabled AND ($1::text IS NULL OR u.team_id = $1) ORDER BY a.employee_no NULLS LAST, u.id`,
    [teamId],
  );
}

/**
 * A month's items of one agent or of the caller's team (the floor-wide roles name a team or see
 * all), with each agent's total: an agent sees only the own.
 */
export async function listPoints(db: Queryable, actor: Actor, query: z.infer<typeof listSchema>, now: number): Promise<DisciplinePointPage> {
  const timeZone = await centerTimeZone(db);
  const m = query.month ?? monthOf(now, timeZone);
  const { from, to } = await centerMonth(db, m);
  const agents = await agentsInScope(db, actor, query);
  const ids = agents.map((a) => a.id);
  const items = await db.query<DisciplinePoint>(
    `${pointSelect} WHERE p.agent_id = ANY($1::text[]) AND p.occurred_at >= $2 AND p.occurred_at < $3 ORDER BY p.occurred_at DESC, p.id`,
    [ids, from, to],
  );
  const praise = await db.query<{ agentId: string; n: number }>(
    `SELECT agent_id AS "agentId", COUNT(*)::int AS n FROM discipline_praise WHERE agent_id = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at < $3 GROUP BY agent_id`,
    [ids, from, to],
  );
  const byAgent = monthTotals(items, ids);
  const totals: DisciplineAgentTotal[] = agents.map((a) => ({
    agentId: a.id,
    agentName: a.name,
    employeeNo: a.employeeNo,
    total: byAgent.get(a.id) ?? 0,
    items: items.filter((i) => i.agentId === a.id && i.status !== 'withdrawn').length,
    praise: praise.find((p) => p.agentId === a.id)?.n ?? 0,
  }));
  return { month: m, items, total: [...byAgent.values()].reduce((sum, n) => sum + n, 0), totals };
}

/**
 * A step on an item: the agent contests the own item (with a reason); the leader of the agent's
 * team or a manager upholds or withdraws it. Audited with the item before and after.
 */
export async function actOnPoint(store: Store, actor: Actor, id: string, action: PointAction, now: number): Promise<DisciplinePoint> {
  return store.transaction(async (tx) => {
    const before = await loadPoint(tx, id);
    if (action.type === 'contest') {
      if (before.agentId !== actor.userId) throw new ForbiddenError(words('discipline.contest_own'));
    } else {
      checkTeam(actor, before.teamId, 'decide');
    }
    let status: PointStatus;
    try {
      status = nextPointStatus(before.status, action);
    } catch (err) {
      if (err instanceof DisciplineError) {
        throw err.code === 'reason_required' ? new BadRequestError(words(`discipline.${err.problem}`), { field: 'reason' }) : new ConflictError(words(`discipline.${err.problem}`));
      }
      throw err;
    }
    const at = new Date(now);
    if (action.type === 'contest') {
      await tx.query(`UPDATE discipline_points SET status = $2, contest_reason = $3, contested_at = $4 WHERE id = $1`, [id, status, action.reason.trim(), at]);
    } else {
      await tx.query(`UPDATE discipline_points SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5 WHERE id = $1`, [
        id,
        status,
        actor.userId,
        at,
        action.note ?? '',
      ]);
    }
    const after = await loadPoint(tx, id);
    await writeAudit(tx, {
      userId: actor.userId,
      action: action.type,
      subject: 'discipline_points',
      rowCount: 1,
      detail: { id, before: { status: before.status, points: before.points }, after: { status: after.status, points: after.points }, ...action },
    });
    return after;
  });
}

async function teamOf(actor: Actor, teamId: string | undefined): Promise<string> {
  const scope = teamScope(actor);
  if (scope.kind === 'team') {
    if (teamId && teamId !== scope.teamId) throw new ForbiddenError(words('discipline.own_team_only'));
    return scope.teamId;
  }
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  if (!teamId) throw new BadRequestError(words('discipline.team_required'), { field: 'teamId' });
  return teamId;
}

/**
 * Looks at the system's data for the team's month up to now (agent states in the event log, the
 * published roster against logins) and keeps what it finds as proposals; answers the open ones.
 */
export async function findProposals(store: Store, actor: Actor, query: { teamId?: string; month?: string }, now: number): Promise<DisciplineProposal[]> {
  const teamId = await teamOf(actor, query.teamId);
  if (actor.role === 'agent') throw new ForbiddenError(words('discipline.proposals_not_agents'));
  const timeZone = await centerTimeZone(store);
  const m = query.month ?? monthOf(now, timeZone);
  const { from, to } = await centerMonth(store, m);
  const until = new Date(Math.min(to.getTime(), now));
  const agents = await store.query<{ id: string }>(`SELECT id FROM users WHERE role = 'agent' AND team_id = $1`, [teamId]);
  const ids = agents.map((a) => a.id);
  if (ids.length > 0 && from.getTime() < until.getTime()) {
    const catalogue = await listRules(store);
    const changes = await store.query<{ agentId: string; at: Date; to: string; reason: string | null }>(
      `SELECT stream AS "agentId", occurred_at AS at, payload->>'to' AS "to", payload->>'notReadyReason' AS reason FROM events
        WHERE type = 'agent.state_changed' AND stream = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at < $3 AND payload->>'to' = 'not_ready'`,
      [ids, from, until],
    );
    const shifts = await store.query<{ agentId: string; start: Date; end: Date }>(
      `SELECT s.user_id AS "agentId", s.starts_at AS start, s.ends_at AS "end" FROM wfm_roster_shifts s
         JOIN wfm_rosters r ON r.team_id = s.team_id AND r.month = s.month AND r.status = 'published'
        WHERE s.user_id = ANY($1::text[]) AND s.starts_at >= $2 AND s.starts_at < $3
          -- A lateness the team leader corrected away (考勤更正) is no item to propose.
          AND NOT EXISTS (SELECT 1 FROM wfm_attendance_corrections c WHERE c.user_id = s.user_id AND c.date = s.date AND c.status NOT IN ('late', 'late_and_early'))`,
      [ids, from, until],
    );
    const loggedIn = new Map<string, Span[]>();
    for (const id of new Set(shifts.map((s) => s.agentId))) {
      loggedIn.set(id, await loggedInSpans(store, id, new Date(from.getTime() - 86_400_000), new Date(until.getTime() + 86_400_000), now));
    }
    const found = proposeItems({
      catalogue,
      stateChanges: changes.map((c) => ({ agentId: c.agentId, at: new Date(c.at).getTime(), to: c.to, notReadyReason: c.reason })),
      shifts: shifts.map((s) => ({ agentId: s.agentId, start: new Date(s.start).getTime(), end: new Date(s.end).getTime() })),
      loggedIn,
      now,
      graceMinutes: (await loadCenterSettings(store)).attendanceGraceMinutes,
    });
    for (const p of found) {
      await store.query(
        `INSERT INTO discipline_proposals (key, kind, agent_id, team_id, rule_code, occurred_at, detail, status, found_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) ON CONFLICT (key) DO NOTHING`,
        [p.key, p.kind, p.agentId, teamId, p.ruleCode, new Date(p.occurredAt), JSON.stringify(p.detail), new Date(now)],
      );
    }
  }
  return store.query<DisciplineProposal>(
    `${proposalSelect} WHERE p.team_id = $1 AND p.status = 'open' AND p.occurred_at >= $2 AND p.occurred_at < $3 ORDER BY p.occurred_at, p.agent_id`,
    [teamId, from, to],
  );
}

const proposalSelect = `SELECT p.id, p.kind, p.agent_id AS "agentId", u.display_name AS "agentName", p.rule_code AS "ruleCode", r.text AS "ruleText",
  r.points, ${iso('p.occurred_at')} AS "occurredAt", p.detail, p.status, p.team_id AS "teamId"
  FROM discipline_proposals p JOIN users u ON u.id = p.agent_id JOIN discipline_rules r ON r.code = p.rule_code`;

/** The leader accepts a proposal (it becomes an item, recorded by the leader) or dismisses it. */
export async function decideProposal(
  store: Store,
  actor: Actor,
  id: string,
  decision: 'accept' | 'dismiss',
  note: string,
  now: number,
): Promise<{ proposal: DisciplineProposal; point: DisciplinePoint | null }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(missing('proposal', id));
  return store.transaction(async (tx) => {
    const [proposal] = await tx.query<DisciplineProposal & { teamId: string | null }>(`${proposalSelect} WHERE p.id = $1`, [id]);
    if (!proposal) throw new NotFoundError(missing('proposal', id));
    checkTeam(actor, proposal.teamId, 'decide');
    if (proposal.status !== 'open') throw new ConflictError(words(proposal.status === 'accepted' ? 'discipline.proposal_accepted' : 'discipline.proposal_dismissed'));
    let point: DisciplinePoint | null = null;
    if (decision === 'accept') {
      const agent = await loadAgent(tx, proposal.agentId);
      point = await insertPoint(tx, actor, agent, await activeRule(tx, proposal.ruleCode), new Date(proposal.occurredAt), note || proposalNote(proposal), now);
    }
    await tx.query(`UPDATE discipline_proposals SET status = $2, decided_by = $3, decided_at = $4, point_id = $5 WHERE id = $1`, [
      id,
      decision === 'accept' ? 'accepted' : 'dismissed',
      actor.userId,
      new Date(now),
      point?.id ?? null,
    ]);
    const [after] = await tx.query<DisciplineProposal>(`${proposalSelect} WHERE p.id = $1`, [id]);
    return { proposal: after!, point };
  });
}

/** What the system saw, as the item's note. */
function proposalNote(p: DisciplineProposal): string {
  if (p.kind === 'late_login') return `系统发现:迟到 ${p.detail.lateMinutes ?? 0} 分钟`;
  return p.detail.reason === 'no_answer' ? '系统发现:来电在座席未接(离开座席未示忙)' : '系统发现:示忙未选原因';
}

const praiseSelect = `SELECT p.id, p.agent_id AS "agentId", u.display_name AS "agentName", p.text, ${iso('p.occurred_at')} AS "occurredAt",
  r.display_name AS "recordedByName", ${iso('p.recorded_at')} AS "recordedAt"
  FROM discipline_praise p JOIN users u ON u.id = p.agent_id JOIN users r ON r.id = p.recorded_by`;

/** Praise (表扬) is recorded as faults are: who, for what, when, by whom. */
export async function recordPraise(store: Store, actor: Actor, body: z.infer<typeof praiseSchema>, now: number): Promise<Praise> {
  const agent = await loadAgent(store, body.agentId);
  checkTeam(actor, agent.teamId, 'praise');
  const occurredAt = body.occurredAt ? Date.parse(body.occurredAt) : now;
  if (occurredAt > now + 60_000) throw new BadRequestError(words('discipline.future'), { field: 'occurredAt' });
  const [row] = await store.query<{ id: string }>(
    `INSERT INTO discipline_praise (agent_id, team_id, text, occurred_at, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [agent.id, agent.teamId, body.text, new Date(occurredAt), actor.userId, new Date(now)],
  );
  const [praise] = await store.query<Praise>(`${praiseSelect} WHERE p.id = $1`, [row!.id]);
  return praise!;
}

/** A month's praise of the agents in scope: an agent the own. */
export async function listPraise(db: Queryable, actor: Actor, query: z.infer<typeof listSchema>, now: number): Promise<Praise[]> {
  const m = query.month ?? monthOf(now, await centerTimeZone(db));
  const { from, to } = await centerMonth(db, m);
  const ids = (await agentsInScope(db, actor, query)).map((a) => a.id);
  return db.query<Praise>(`${praiseSelect} WHERE p.agent_id = ANY($1::text[]) AND p.occurred_at >= $2 AND p.occurred_at < $3 ORDER BY p.occurred_at DESC`, [ids, from, to]);
}

const modelSelect = `SELECT m.team_id AS "teamId", to_char(m.week, 'YYYY-MM-DD') AS week, m.agent_id AS "agentId", u.display_name AS "agentName", m.reason,
  c.display_name AS "chosenByName", ${iso('m.chosen_at')} AS "chosenAt"
  FROM discipline_models m JOIN users u ON u.id = m.agent_id JOIN users c ON c.id = m.chosen_by`;

/** The leader picks the team's model agent of a week (树标杆), by default this week; choosing again replaces the pick, audited. */
export async function chooseModel(store: Store, actor: Actor, body: z.infer<typeof modelSchema>, now: number): Promise<ModelAgent> {
  const agent = await loadAgent(store, body.agentId);
  checkTeam(actor, agent.teamId, 'choose');
  if (!agent.teamId) throw new BadRequestError(words('discipline.agent_no_team'), { field: 'agentId' });
  const week = weekOf(body.week ?? localDate(now, await centerTimeZone(store)));
  return store.transaction(async (tx) => {
    const [before] = await tx.query<ModelAgent>(`${modelSelect} WHERE m.team_id = $1 AND m.week = $2`, [agent.teamId, week]);
    await tx.query(
      `INSERT INTO discipline_models (team_id, week, agent_id, reason, chosen_by, chosen_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (team_id, week) DO UPDATE SET agent_id = $3, reason = $4, chosen_by = $5, chosen_at = $6`,
      [agent.teamId, week, agent.id, body.reason, actor.userId, new Date(now)],
    );
    const [after] = await tx.query<ModelAgent>(`${modelSelect} WHERE m.team_id = $1 AND m.week = $2`, [agent.teamId, week]);
    await writeAudit(tx, { userId: actor.userId, action: before ? 'update' : 'create', subject: 'discipline_models', rowCount: 1, detail: { before: before ?? null, after } });
    return after!;
  });
}

/** The team's model agents, newest week first: everyone of the team sees them. */
export async function listModels(db: Queryable, actor: Actor, teamId: string | undefined): Promise<ModelAgent[]> {
  const team = actor.role === 'agent' ? actor.teamId : await teamOf(actor, teamId);
  if (!team) return [];
  return db.query<ModelAgent>(`${modelSelect} WHERE m.team_id = $1 ORDER BY m.week DESC LIMIT 12`, [team]);
}
