import { z } from 'zod';
import type { StaffDetail, StaffRecord, StaffRecordChange, StaffRow, TeamMoveRow } from '@banzu/contract';
import { canSeeTeam, leaveCategories, localDate, probationOutcomes, staffRecordProblem, teamScope, tenureMonths, type Actor } from '@banzu/core';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { centerTimeZone } from '../org/index';
import type { Queryable, Store } from '../store/index';

/** A change of a staff record: the fields given are set, `null` clears an optional one. */
export const staffRecordPatchSchema = z
  .object({
    hireDate: z.iso.date({ message: 'staff.hire_date_format' }),
    probationEnd: z.iso.date({ message: 'staff.probation_end_format' }).nullable(),
    probationOutcome: z.enum(probationOutcomes, { message: 'staff.probation_outcome' }),
    leaveDate: z.iso.date({ message: 'staff.leave_date_format' }).nullable(),
    leaveCategory: z.enum(leaveCategories, { message: 'staff.leave_category' }).nullable(),
    leaveNote: z.string().trim().max(2000, 'staff.leave_note_long'),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing_to_change');
export type StaffRecordPatch = z.infer<typeof staffRecordPatchSchema>;

interface AgentRow {
  agentId: string;
  name: string;
  employeeNo: string;
  teamId: string | null;
  teamName: string | null;
}

const agentColumns = `u.id AS "agentId", u.display_name AS name, a.employee_no AS "employeeNo", u.team_id AS "teamId", t.name AS "teamName"`;
const recordColumns = `s.agent_id AS "agentId", to_char(s.hire_date, 'YYYY-MM-DD') AS "hireDate", to_char(s.probation_end, 'YYYY-MM-DD') AS "probationEnd",
  s.probation_outcome AS "probationOutcome", to_char(s.leave_date, 'YYYY-MM-DD') AS "leaveDate", s.leave_category AS "leaveCategory",
  s.leave_note AS "leaveNote", s.updated_at AS "updatedAt", s.updated_by AS "updatedBy"`;

const withDates = (r: Omit<StaffRecord, 'updatedAt'> & { updatedAt: Date }): StaffRecord => ({ ...r, updatedAt: r.updatedAt.toISOString() });

/** The agent, if the caller may see the agent's record: 404 for no such agent, 403 for another team's. */
async function agentInScope(db: Queryable, actor: Actor, agentId: string): Promise<AgentRow> {
  const [agent] = await db.query<AgentRow>(`SELECT ${agentColumns} FROM users u JOIN agents a ON a.user_id = u.id LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1`, [
    agentId,
  ]);
  if (!agent) throw new NotFoundError(missing('agent', agentId));
  if (!canSeeTeam(actor, agent.teamId)) throw new ForbiddenError(words('staff.not_your_team', { employeeNo: agent.employeeNo, name: agent.name }));
  return agent;
}

/**
 * Every agent in the caller's scope with the staff record and tenure today: a team leader the own
 * team, the others every team or the one asked for.
 *
 * @example
 * await listStaff(store, leader, {}, clock.now());
 */
export async function listStaff(db: Queryable, actor: Actor, query: { teamId?: string }, now: number): Promise<StaffRow[]> {
  const scope = teamScope(actor);
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  if (scope.kind === 'team' && query.teamId && query.teamId !== scope.teamId) throw new ForbiddenError(words('staff.own_team'));
  const teamId = scope.kind === 'team' ? scope.teamId : query.teamId;
  const params: unknown[] = [];
  const rows = await db.query<AgentRow & Omit<StaffRecord, 'updatedAt' | 'agentId'> & { updatedAt: Date | null; hasRecord: boolean }>(
    `SELECT ${agentColumns}, ${recordColumns.replace('s.agent_id AS "agentId", ', '')}, s.agent_id IS NOT NULL AS "hasRecord"
     FROM users u JOIN agents a ON a.user_id = u.id LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN staff_records s ON s.agent_id = u.id
     ${teamId ? `WHERE u.team_id = $${params.push(teamId)}` : ''}
     ORDER BY t.name NULLS LAST, a.employee_no`,
    params,
  );
  const today = localDate(now, await centerTimeZone(db));
  return rows.map(({ agentId, name, employeeNo, teamId: team, teamName, hasRecord, updatedAt, ...dates }) => ({
    agentId,
    name,
    employeeNo,
    teamId: team,
    teamName,
    record: hasRecord && updatedAt ? { agentId, ...dates, updatedAt: updatedAt.toISOString() } : null,
    tenureMonths: hasRecord ? tenureMonths(dates.hireDate, dates.leaveDate, today) : null,
  }));
}

/**
 * One agent's record with every edit (who, when, before and after) and the team moves.
 *
 * @example
 * await loadStaff(store, leader, agentId, clock.now());
 */
export async function loadStaff(db: Queryable, actor: Actor, agentId: string, now: number): Promise<StaffDetail> {
  const agent = await agentInScope(db, actor, agentId);
  const [record] = await db.query<Omit<StaffRecord, 'updatedAt'> & { updatedAt: Date }>(`SELECT ${recordColumns} FROM staff_records s WHERE s.agent_id = $1`, [agentId]);
  const changes = await db.query<Omit<StaffRecordChange, 'at'> & { at: Date }>(
    `SELECT c.at, c.by_user AS by, u.display_name AS "byName", c.action, c.before, c.after
     FROM staff_record_changes c LEFT JOIN users u ON u.id = c.by_user WHERE c.agent_id = $1 ORDER BY c.at DESC, c.id DESC`,
    [agentId],
  );
  const moves = await db.query<Omit<TeamMoveRow, 'at'> & { at: Date }>(
    `SELECT m.moved_at AS at, m.from_team_id AS "fromTeamId", f.name AS "fromTeamName", m.to_team_id AS "toTeamId", t.name AS "toTeamName", u.display_name AS "byName"
     FROM team_moves m LEFT JOIN teams f ON f.id = m.from_team_id LEFT JOIN teams t ON t.id = m.to_team_id LEFT JOIN users u ON u.id = m.moved_by
     WHERE m.user_id = $1 ORDER BY m.moved_at DESC, m.id DESC`,
    [agentId],
  );
  const today = localDate(now, await centerTimeZone(db));
  return {
    ...agent,
    record: record ? withDates(record) : null,
    tenureMonths: record ? tenureMonths(record.hireDate, record.leaveDate, today) : null,
    changes: changes.map((c) => ({ ...c, at: c.at.toISOString() })),
    moves: moves.map((m) => ({ ...m, at: m.at.toISOString() })),
  };
}

const editable = ['hireDate', 'probationEnd', 'probationOutcome', 'leaveDate', 'leaveCategory', 'leaveNote'] as const;

/**
 * Creates or changes an agent's staff record, in one transaction with the change row (who, when,
 * the changed fields before and after). A record is created with its hire date; a bad date (leaving
 * before hiring …) is a 400 in Chinese and changes nothing.
 *
 * @example
 * await saveStaff(store, leader, agentId, { leaveDate: '2026-01-31', leaveCategory: 'resigned', leaveNote: '回老家' }, clock.now());
 */
export async function saveStaff(store: Store, actor: Actor, agentId: string, patch: StaffRecordPatch, now: number): Promise<StaffDetail> {
  await store.transaction(async (tx) => {
    await agentInScope(tx, actor, agentId);
    const [current] = await tx.query<Omit<StaffRecord, 'updatedAt'> & { updatedAt: Date }>(`SELECT ${recordColumns} FROM staff_records s WHERE s.agent_id = $1 FOR UPDATE`, [
      agentId,
    ]);
    if (!current && !patch.hireDate) throw new BadRequestError(words('staff.hire_date_needed'), { field: 'hireDate' });
    const base = current ?? { hireDate: '', probationEnd: null, probationOutcome: 'pending' as const, leaveDate: null, leaveCategory: null, leaveNote: '' };
    const next = { ...base, ...patch };
    // Cancelling a leave clears its reason with it.
    if (patch.leaveDate === null && patch.leaveCategory === undefined) next.leaveCategory = null;
    const problem = staffRecordProblem(next);
    if (problem) throw new BadRequestError(words(`staff_record.${problem.code}`, problem.params));
    const changed = editable.filter((f) => !current || current[f] !== next[f]);
    if (current && changed.length === 0) return;
    const at = new Date(now);
    await tx.query(
      `INSERT INTO staff_records (agent_id, hire_date, probation_end, probation_outcome, leave_date, leave_category, leave_note, created_at, created_by, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9)
       ON CONFLICT (agent_id) DO UPDATE SET hire_date = EXCLUDED.hire_date, probation_end = EXCLUDED.probation_end, probation_outcome = EXCLUDED.probation_outcome,
         leave_date = EXCLUDED.leave_date, leave_category = EXCLUDED.leave_category, leave_note = EXCLUDED.leave_note, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [agentId, next.hireDate, next.probationEnd, next.probationOutcome, next.leaveDate, next.leaveCategory, next.leaveNote, at, actor.userId],
    );
    const pick = (r: typeof next) => Object.fromEntries(changed.map((f) => [f, r[f]]));
    await tx.query('INSERT INTO staff_record_changes (agent_id, at, by_user, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)', [
      agentId,
      at,
      actor.userId,
      current ? 'update' : 'create',
      current ? JSON.stringify(pick(current)) : null,
      JSON.stringify(pick(next)),
    ]);
  });
  return loadStaff(store, actor, agentId, now);
}
