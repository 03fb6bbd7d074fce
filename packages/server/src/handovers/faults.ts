import { z } from 'zod';
import type { SystemFault } from '@banzu/contract';
import { canSeeTeam, faultKinds, type Actor } from '@banzu/core';
import { writeAudit } from '../crm/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';

const when = (key: 'fault.started_at' | 'fault.ended_at') => z.iso.datetime({ offset: true, error: key });
const effect = z.string({ error: 'fault.effect_text' }).trim().max(2000, { error: 'fault.effect_long' });
const told = z.string({ error: 'fault.told_text' }).trim().max(200, { error: 'fault.told_long' });

export const faultSchema = z.object({
  kind: z.enum(faultKinds, { error: 'fault.kind' }),
  title: z.string({ error: 'fault.title_required' }).trim().min(1, { error: 'fault.title_required' }).max(200, { error: 'fault.title_long' }),
  startedAt: when('fault.started_at'),
  effect: effect.default(''),
  told: told.default(''),
  /** Where it was seen; omitted: the recorder's team, `null`: the whole floor. */
  teamId: z.string().min(1).nullish(),
});

export const faultUpdateSchema = z.object({
  effect: effect.optional(),
  told: told.optional(),
  resolution: z.string({ error: 'fault.resolution_text' }).trim().min(1, { error: 'fault.resolution_required' }).max(2000, { error: 'fault.resolution_long' }).optional(),
  /** The fault is over: needs the resolution. */
  endedAt: when('fault.ended_at').optional(),
});

export const faultQuerySchema = z.object({
  status: z.enum(['open', 'ended'], { error: 'fault.status' }).optional(),
  team: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

interface FaultRow {
  id: string;
  kind: SystemFault['kind'];
  title: string;
  team_id: string | null;
  team_name: string | null;
  started_at: Date;
  effect: string;
  told: string;
  resolution: string | null;
  ended_at: Date | null;
  recorded_by: string;
  recorder_name: string;
  recorded_at: Date;
}

const select = `SELECT f.id, f.kind, f.title, f.team_id, t.name AS team_name, f.started_at, f.effect, f.told, f.resolution, f.ended_at,
  f.recorded_by, u.display_name AS recorder_name, f.recorded_at
  FROM system_faults f LEFT JOIN teams t ON t.id = f.team_id JOIN users u ON u.id = f.recorded_by`;

const toFault = (r: FaultRow): SystemFault => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  teamId: r.team_id,
  teamName: r.team_name,
  startedAt: r.started_at.toISOString(),
  effect: r.effect,
  told: r.told,
  resolution: r.resolution,
  endedAt: r.ended_at ? r.ended_at.toISOString() : null,
  recordedBy: { id: r.recorded_by, name: r.recorder_name },
  recordedAt: r.recorded_at.toISOString(),
});

/** Faults not over that a team's floor feels: its own and the whole floor's. */
export async function openFaults(db: Queryable, teamId: string): Promise<SystemFault[]> {
  const rows = await db.query<FaultRow>(`${select} WHERE f.ended_at IS NULL AND (f.team_id IS NULL OR f.team_id = $1) ORDER BY f.started_at`, [teamId]);
  return rows.map(toFault);
}

/** The faults a caller sees: a team leader the own team's and the whole floor's, the floor-wide roles all. */
export async function listFaults(db: Queryable, actor: Actor, q: z.infer<typeof faultQuerySchema>): Promise<SystemFault[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (q.team) {
    if (!canSeeTeam(actor, q.team)) throw new ForbiddenError(words('fault.own_team_view'));
    where.push(`(f.team_id IS NULL OR f.team_id = $${params.push(q.team)})`);
  } else if (actor.role === 'team_leader') {
    where.push(`(f.team_id IS NULL OR f.team_id = $${params.push(actor.teamId)})`);
  }
  if (q.status === 'open') where.push('f.ended_at IS NULL');
  if (q.status === 'ended') where.push('f.ended_at IS NOT NULL');
  const rows = await db.query<FaultRow>(
    `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY (f.ended_at IS NULL) DESC, f.started_at DESC LIMIT ${q.limit}`,
    params,
  );
  return rows.map(toFault);
}

async function faultRow(db: Queryable, actor: Actor, id: string, lock = false): Promise<FaultRow> {
  const notFound = new NotFoundError(missing('fault', id));
  if (!z.uuid().safeParse(id).success) throw notFound;
  const [row] = await db.query<FaultRow>(`${select} WHERE f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`, [id]);
  if (!row || (row.team_id !== null && !canSeeTeam(actor, row.team_id))) throw notFound;
  return row;
}

/** Records a fault: who and when are the caller and the clock; the start is when it began, which may be earlier. */
export async function recordFault(tx: Queryable, actor: Actor, body: z.infer<typeof faultSchema>, now: number): Promise<SystemFault> {
  const teamId = body.teamId === undefined ? actor.teamId : body.teamId;
  if (teamId !== null && !canSeeTeam(actor, teamId)) throw new ForbiddenError(words('fault.own_team'));
  if (teamId !== null && (await tx.query('SELECT 1 FROM teams WHERE id = $1', [teamId])).length === 0)
    throw new BadRequestError(words('handover.no_team', { team: teamId }), { teamId });
  const startedAt = Date.parse(body.startedAt);
  if (startedAt > now) throw new BadRequestError(words('fault.started_future'), { startedAt: body.startedAt });
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO system_faults (kind, title, team_id, started_at, effect, told, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [body.kind, body.title, teamId, new Date(startedAt), body.effect, body.told, actor.userId, new Date(now)],
  );
  await writeAudit(tx, { userId: actor.userId, action: 'create', subject: 'system_faults', rowCount: 1, detail: { id: row!.id, ...body } });
  return toFault(await faultRow(tx, actor, row!.id));
}

/** Adds to a fault's record, or ends it with its resolution; audited. An ended fault is not reopened. */
export async function updateFault(tx: Queryable, actor: Actor, id: string, body: z.infer<typeof faultUpdateSchema>, now: number): Promise<SystemFault> {
  const row = await faultRow(tx, actor, id, true);
  if (Object.values(body).every((v) => v === undefined)) throw new BadRequestError(words('fault.nothing_to_change'));
  if (row.ended_at !== null && body.endedAt !== undefined) throw new ConflictError(words('fault.ended'));
  if (body.endedAt !== undefined) {
    const endedAt = Date.parse(body.endedAt);
    if (!(body.resolution ?? row.resolution)) throw new BadRequestError(words('fault.resolution_to_end'), { resolution: null });
    if (endedAt < row.started_at.getTime()) throw new BadRequestError(words('fault.end_before_start'), { endedAt: body.endedAt });
    if (endedAt > now) throw new BadRequestError(words('fault.end_future'), { endedAt: body.endedAt });
  }
  await tx.query(
    `UPDATE system_faults SET effect = coalesce($2, effect), told = coalesce($3, told), resolution = coalesce($4, resolution),
       ended_at = coalesce($5, ended_at), updated_by = $6, updated_at = $7 WHERE id = $1`,
    [id, body.effect ?? null, body.told ?? null, body.resolution ?? null, body.endedAt ? new Date(body.endedAt) : null, actor.userId, new Date(now)],
  );
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'update',
    subject: 'system_faults',
    rowCount: 1,
    detail: { id, before: { effect: row.effect, told: row.told, resolution: row.resolution, endedAt: row.ended_at }, after: body },
  });
  return toFault(await faultRow(tx, actor, id));
}
