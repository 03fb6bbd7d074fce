import { z } from 'zod';
import type { Handover, HandoverDraft, HandoverLeader, ShiftClose } from '@banzu/contract';
import {
  acknowledgeRefusal,
  canSeeTeam,
  handoverItems,
  localDate,
  prefillHandover,
  shiftCloseRefusal,
  teamScope,
  type Actor,
  type HandoverItem,
  type HandoverLanguage,
  type HandoverStatus,
  type OpenMatters,
} from '@banzu/core';
import { writeAudit } from '../crm/index';
import { ApiError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { openMatters } from './open-matters';

/** Who runs a shift and hands it over: team leaders (their own team), duty supervisors, managers. */
export const shiftLeaders = ['team_leader', 'supervisor', 'manager', 'admin'] as const;

const itemText = z.string({ error: 'handover.item_text' }).max(4000, { error: 'handover.item_long' });
const itemsSchema = z.object(Object.fromEntries(handoverItems.map((item) => [item, itemText.optional()])) as Record<HandoverItem, z.ZodOptional<typeof itemText>>, {
  error: 'handover.items',
});
const shiftName = z.string({ error: 'handover.shift_required' }).trim().min(1, { error: 'handover.shift_empty' }).max(20, { error: 'handover.shift_long' });
const date = z.iso.date({ error: 'handover.date_format' });
const language = z.enum(['zh-CN', 'en']).default('zh-CN');

export const shiftSchema = z.object({
  /** Omitted: the caller's team. */
  teamId: z.string().min(1).optional(),
  /** Omitted: today in the center's time zone. */
  date: date.optional(),
  shift: shiftName,
});

export const prefillQuerySchema = z.object({ team: z.string().min(1).optional(), date: date.optional(), shift: shiftName.default('当班'), lang: language });

export const handoverSchema = shiftSchema.extend({
  incomingLeaderId: z.string({ error: 'handover.incoming_required' }).min(1, { error: 'handover.incoming_required' }),
  /** The five items; one left out takes the pre-filled text. */
  items: itemsSchema.default({}),
  lang: language,
});

export const handoverUpdateSchema = z.object({
  incomingLeaderId: z.string().min(1, { error: 'handover.incoming_required' }).optional(),
  items: itemsSchema.optional(),
});

export const acknowledgeSchema = z.object({ note: z.string({ error: 'handover.note_text' }).trim().max(2000, { error: 'handover.note_long' }).default('') });

export const listQuerySchema = z.object({
  team: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface HandoverContext {
  now: number;
  timeZone: string;
}

/** The team a shift belongs to: the caller's own, or, for the floor-wide roles, the one named. */
async function shiftTeam(db: Queryable, actor: Actor, teamId: string | undefined): Promise<string> {
  const team = teamId ?? actor.teamId;
  if (!team) throw new BadRequestError(words('handover.team_required'));
  if (!canSeeTeam(actor, team)) throw new ForbiddenError(words('handover.own_team'));
  if ((await db.query('SELECT 1 FROM teams WHERE id = $1', [team])).length === 0) throw new BadRequestError(words('handover.no_team', { team }), { teamId: team });
  return team;
}

/** The five items pre-filled from what is open for the team now. */
export async function handoverDraft(
  db: Queryable,
  actor: Actor,
  q: { team?: string; date?: string; shift: string; lang: HandoverLanguage },
  ctx: HandoverContext,
): Promise<HandoverDraft> {
  const teamId = await shiftTeam(db, actor, q.team);
  const open = await openMatters(db, teamId, ctx.now, ctx.timeZone);
  return {
    teamId,
    date: q.date ?? localDate(ctx.now, ctx.timeZone),
    shift: q.shift,
    items: prefillHandover(open, { timeZone: ctx.timeZone, now: ctx.now, language: q.lang }),
    open,
  };
}

/** Those a shift can be handed to: every other active team leader, duty supervisor and manager. */
export async function incomingLeaders(db: Queryable, actor: Actor): Promise<HandoverLeader[]> {
  return db.query<HandoverLeader>(
    `SELECT u.id, u.display_name AS name, u.role, t.name AS "teamName" FROM users u LEFT JOIN teams t ON t.id = u.team_id
      WHERE u.role IN ('team_leader', 'supervisor', 'manager') AND NOT u.disabled AND u.id <> $1 ORDER BY u.role DESC, t.name, u.display_name`,
    [actor.userId],
  );
}

async function incomingLeader(db: Queryable, actor: Actor, id: string): Promise<string> {
  if (id === actor.userId) throw new BadRequestError(words('handover.to_self'), { incomingLeaderId: id });
  const [row] = await db.query<{ id: string }>("SELECT id FROM users WHERE (id = $1 OR username = $1) AND role IN ('team_leader', 'supervisor', 'manager') AND NOT disabled", [id]);
  if (!row) throw new BadRequestError(words('handover.not_leader', { id }), { incomingLeaderId: id });
  if (row.id === actor.userId) throw new BadRequestError(words('handover.to_self'), { incomingLeaderId: id });
  return row.id;
}

interface HandoverRow {
  id: string;
  team_id: string;
  team_name: string;
  date: string;
  shift: string;
  outgoing_id: string;
  outgoing_name: string;
  incoming_id: string;
  incoming_name: string;
  items: Record<HandoverItem, string>;
  open_matters: OpenMatters;
  status: HandoverStatus;
  created_at: Date;
  updated_at: Date;
  acknowledged_at: Date | null;
  acknowledgement: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  closer_name: string | null;
}

const select = `SELECT h.id, h.team_id, t.name AS team_name, to_char(h.shift_date, 'YYYY-MM-DD') AS date, h.shift, h.outgoing_id, o.display_name AS outgoing_name,
  h.incoming_id, i.display_name AS incoming_name, h.items, h.open_matters, h.status, h.created_at, h.updated_at, h.acknowledged_at, h.acknowledgement,
  c.closed_at, c.closed_by, cu.display_name AS closer_name
  FROM handovers h JOIN teams t ON t.id = h.team_id JOIN users o ON o.id = h.outgoing_id JOIN users i ON i.id = h.incoming_id
  LEFT JOIN shift_closes c ON c.team_id = h.team_id AND c.shift_date = h.shift_date AND c.shift = h.shift LEFT JOIN users cu ON cu.id = c.closed_by`;

const toHandover = (r: HandoverRow): Handover => ({
  id: r.id,
  teamId: r.team_id,
  teamName: r.team_name,
  date: r.date,
  shift: r.shift,
  outgoing: { id: r.outgoing_id, name: r.outgoing_name },
  incoming: { id: r.incoming_id, name: r.incoming_name },
  items: r.items,
  open: r.open_matters,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
  acknowledgement: r.acknowledgement,
  closedAt: r.closed_at ? r.closed_at.toISOString() : null,
  closedBy: r.closed_by ? { id: r.closed_by, name: r.closer_name ?? '' } : null,
});

/** A handover the caller may see: of a team the caller sees, or handed to the caller. 404 otherwise. */
async function handoverRow(db: Queryable, actor: Actor, id: string, lock = false): Promise<HandoverRow> {
  const notFound = new NotFoundError(missing('handover', id));
  if (!z.uuid().safeParse(id).success) throw notFound;
  const [row] = await db.query<HandoverRow>(`${select} WHERE h.id = $1${lock ? ' FOR UPDATE OF h' : ''}`, [id]);
  if (!row || !(canSeeTeam(actor, row.team_id) || row.incoming_id === actor.userId)) throw notFound;
  return row;
}

export async function loadHandover(db: Queryable, actor: Actor, id: string): Promise<Handover> {
  return toHandover(await handoverRow(db, actor, id));
}

/** The handover log, newest first: a team's (a team leader only the own), or, without a team, all the caller sees and those handed to the caller. */
export async function listHandovers(db: Queryable, actor: Actor, q: z.infer<typeof listQuerySchema>): Promise<Handover[]> {
  const params: unknown[] = [];
  let where: string;
  if (q.team) {
    if (!canSeeTeam(actor, q.team)) throw new ForbiddenError(words('handover.own_team_view'));
    where = `h.team_id = $${params.push(q.team)}`;
  } else if (teamScope(actor).kind === 'all') {
    where = 'true';
  } else {
    where = `(h.team_id = $${params.push(actor.teamId)} OR h.incoming_id = $${params.push(actor.userId)})`;
  }
  const rows = await db.query<HandoverRow>(`${select} WHERE ${where} ORDER BY h.shift_date DESC, h.created_at DESC LIMIT ${q.limit}`, params);
  return rows.map(toHandover);
}

/**
 * The outgoing leader writes the shift's handover and hands it to the incoming leader: the items left
 * out are pre-filled from what is open, and what was open is kept with it. One per team and shift.
 */
export async function writeHandover(tx: Queryable, actor: Actor, body: z.infer<typeof handoverSchema>, ctx: HandoverContext): Promise<Handover> {
  const teamId = await shiftTeam(tx, actor, body.teamId);
  const incomingId = await incomingLeader(tx, actor, body.incomingLeaderId);
  const date = body.date ?? localDate(ctx.now, ctx.timeZone);
  const [existing] = await tx.query<{ id: string }>('SELECT id FROM handovers WHERE team_id = $1 AND shift_date = $2 AND shift = $3', [teamId, date, body.shift]);
  if (existing) throw new ConflictError(words('handover.written', { date, shift: body.shift }), { id: existing.id });
  const open = await openMatters(tx, teamId, ctx.now, ctx.timeZone);
  const prefilled = prefillHandover(open, { timeZone: ctx.timeZone, now: ctx.now, language: body.lang });
  const items = Object.fromEntries(handoverItems.map((item) => [item, body.items[item] ?? prefilled[item]]));
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO handovers (team_id, shift_date, shift, outgoing_id, incoming_id, items, open_matters, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'handed_over', $8, $8) RETURNING id`,
    [teamId, date, body.shift, actor.userId, incomingId, JSON.stringify(items), JSON.stringify(open), new Date(ctx.now)],
  );
  await writeAudit(tx, { userId: actor.userId, action: 'create', subject: 'handovers', rowCount: 1, detail: { id: row!.id, teamId, date, shift: body.shift, incomingId } });
  return loadHandover(tx, actor, row!.id);
}

/** The outgoing leader corrects the items or the incoming leader until the handover is taken over; audited with the text before. */
export async function updateHandover(tx: Queryable, actor: Actor, id: string, body: z.infer<typeof handoverUpdateSchema>, now: number): Promise<Handover> {
  const row = await handoverRow(tx, actor, id, true);
  if (row.outgoing_id !== actor.userId) throw new ForbiddenError(words('handover.outgoing_only'));
  if (row.status === 'acknowledged') throw new ConflictError(words('handover.acknowledged_frozen'));
  if (body.items === undefined && body.incomingLeaderId === undefined) throw new BadRequestError(words('handover.nothing_to_change'));
  const incomingId = body.incomingLeaderId === undefined ? row.incoming_id : await incomingLeader(tx, actor, body.incomingLeaderId);
  const items = { ...row.items, ...Object.fromEntries(Object.entries(body.items ?? {}).filter(([, v]) => v !== undefined)) };
  await tx.query('UPDATE handovers SET items = $2, incoming_id = $3, updated_at = $4 WHERE id = $1', [id, JSON.stringify(items), incomingId, new Date(now)]);
  await writeAudit(tx, {
    userId: actor.userId,
    action: 'update',
    subject: 'handovers',
    rowCount: 1,
    detail: { id, before: { items: row.items, incomingId: row.incoming_id }, after: { items, incomingId } },
  });
  return loadHandover(tx, actor, id);
}

/** The incoming leader takes the shift over and reports back; nobody else may. */
export async function acknowledgeHandover(tx: Queryable, actor: Actor, id: string, note: string, now: number): Promise<Handover> {
  const row = await handoverRow(tx, actor, id, true);
  const refusal = acknowledgeRefusal({ incomingId: row.incoming_id, status: row.status }, actor.userId);
  if (refusal) throw refusal === 'not_incoming' ? new ForbiddenError(words('handover.not_incoming')) : new ConflictError(words('handover.acknowledged'));
  await tx.query("UPDATE handovers SET status = 'acknowledged', acknowledged_at = $2, acknowledgement = $3 WHERE id = $1", [id, new Date(now), note]);
  await writeAudit(tx, { userId: actor.userId, action: 'acknowledge', subject: 'handovers', rowCount: 1, detail: { id, note } });
  return loadHandover(tx, actor, id);
}

/** Closes the team's shift: refused until its handover is written and taken over; recorded with who and when. */
export async function closeShift(tx: Queryable, actor: Actor, body: z.infer<typeof shiftSchema>, ctx: HandoverContext): Promise<ShiftClose> {
  const teamId = await shiftTeam(tx, actor, body.teamId);
  const date = body.date ?? localDate(ctx.now, ctx.timeZone);
  const [handover] = await tx.query<{ id: string; status: HandoverStatus; incoming_name: string }>(
    'SELECT h.id, h.status, u.display_name AS incoming_name FROM handovers h JOIN users u ON u.id = h.incoming_id WHERE h.team_id = $1 AND h.shift_date = $2 AND h.shift = $3 FOR UPDATE OF h',
    [teamId, date, body.shift],
  );
  const refusal = shiftCloseRefusal(handover ?? null);
  if (refusal) throw new ApiError(409, refusal, words(`handover.${refusal}`, { name: handover?.incoming_name ?? '' }), { teamId, date, shift: body.shift });
  const [closed] = await tx.query('SELECT 1 FROM shift_closes WHERE team_id = $1 AND shift_date = $2 AND shift = $3', [teamId, date, body.shift]);
  if (closed) throw new ConflictError(words('handover.shift_closed', { date, shift: body.shift }));
  await tx.query('INSERT INTO shift_closes (team_id, shift_date, shift, handover_id, closed_by, closed_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    teamId,
    date,
    body.shift,
    handover!.id,
    actor.userId,
    new Date(ctx.now),
  ]);
  await writeAudit(tx, { userId: actor.userId, action: 'close_shift', subject: 'handovers', rowCount: 1, detail: { teamId, date, shift: body.shift, handoverId: handover!.id } });
  const [me] = await tx.query<{ name: string }>('SELECT display_name AS name FROM users WHERE id = $1', [actor.userId]);
  return { teamId, date, shift: body.shift, handoverId: handover!.id, closedBy: { id: actor.userId, name: me?.name ?? '' }, closedAt: new Date(ctx.now).toISOString() };
}
