import { z } from 'zod';
import type { SystemFault } from '@banzu/contract';
import { canSeeTeam, faultKinds, type Actor } from '@banzu/core';
import { writeAudit } from '../crm/index';
import { ApiError, BadRequestError, ForbiddenError } from '../http/errors';
import type { Queryable } from '../store/index';

const when = (what: string) => z.iso.datetime({ offset: true, error: `${what}必须是带时区的时间，如 2026-01-05T09:30:00+08:00` });

export const faultSchema = z.object({
  kind: z.enum(faultKinds, { error: '故障类别必须是 system（系统）、equipment（设备）或 tool（工具）' }),
  title: z.string({ error: '请填写故障现象' }).trim().min(1, { error: '请填写故障现象' }).max(200, { error: '故障现象不能超过 200 字' }),
  startedAt: when('开始时间'),
  effect: z.string({ error: '影响必须是文字' }).trim().max(2000, { error: '影响不能超过 2000 字' }).default(''),
  told: z.string({ error: '通报对象必须是文字' }).trim().max(200, { error: '通报对象不能超过 200 字' }).default(''),
  /** Where it was seen; omitted: the recorder's team, `null`: the whole floor. */
  teamId: z.string().min(1).nullish(),
});

export const faultUpdateSchema = z.object({
  effect: z.string({ error: '影响必须是文字' }).trim().max(2000, { error: '影响不能超过 2000 字' }).optional(),
  told: z.string({ error: '通报对象必须是文字' }).trim().max(200, { error: '通报对象不能超过 200 字' }).optional(),
  resolution: z.string({ error: '处理结果必须是文字' }).trim().min(1, { error: '请填写处理结果' }).max(2000, { error: '处理结果不能超过 2000 字' }).optional(),
  /** The fault is over: needs the resolution. */
  endedAt: when('结束时间').optional(),
});

export const faultQuerySchema = z.object({
  status: z.enum(['open', 'ended'], { error: 'status 必须是 open 或 ended' }).optional(),
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
    if (!canSeeTeam(actor, q.team)) throw new ForbiddenError('只能查看本班组的故障记录');
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
  const missing = new ApiError(404, 'not_found', `故障记录 ${id} 不存在`);
  if (!z.uuid().safeParse(id).success) throw missing;
  const [row] = await db.query<FaultRow>(`${select} WHERE f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`, [id]);
  if (!row || (row.team_id !== null && !canSeeTeam(actor, row.team_id))) throw missing;
  return row;
}

/** Records a fault: who and when are the caller and the clock; the start is when it began, which may be earlier. */
export async function recordFault(tx: Queryable, actor: Actor, body: z.infer<typeof faultSchema>, now: number): Promise<SystemFault> {
  const teamId = body.teamId === undefined ? actor.teamId : body.teamId;
  if (teamId !== null && !canSeeTeam(actor, teamId)) throw new ForbiddenError('只能为本班组记录故障');
  if (teamId !== null && (await tx.query('SELECT 1 FROM teams WHERE id = $1', [teamId])).length === 0) throw new BadRequestError(`没有班组“${teamId}”`, { teamId });
  const startedAt = Date.parse(body.startedAt);
  if (startedAt > now) throw new BadRequestError('故障开始时间不能晚于现在', { startedAt: body.startedAt });
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
  if (Object.values(body).every((v) => v === undefined)) throw new BadRequestError('没有要修改的内容：可填写影响、通报对象、处理结果或结束时间');
  if (row.ended_at !== null && body.endedAt !== undefined) throw new ApiError(409, 'conflict', '这条故障已经结束');
  if (body.endedAt !== undefined) {
    const endedAt = Date.parse(body.endedAt);
    if (!(body.resolution ?? row.resolution)) throw new BadRequestError('故障结束时请填写处理结果', { resolution: null });
    if (endedAt < row.started_at.getTime()) throw new BadRequestError('结束时间不能早于故障开始时间', { endedAt: body.endedAt });
    if (endedAt > now) throw new BadRequestError('结束时间不能晚于现在', { endedAt: body.endedAt });
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
