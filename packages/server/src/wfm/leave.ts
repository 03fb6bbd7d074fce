import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LeaveRequest } from '@banzu/contract';
import {
  type Actor,
  addDays,
  canSeeTeam,
  dayNumber,
  emptyLeaveTally,
  halfDayShift,
  type LeaveHalf,
  leaveDaysBetween,
  leaveHalfNames,
  type LeaveKind,
  leaveKindNames,
  leaveKinds,
  type LeaveTally,
  MAX_LEAVE_SPAN_DAYS,
} from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { EventLog } from '../events/index';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { asChange, type DayChange, recordChanges, shiftsOn } from './changes';

interface LeaveRow extends Omit<LeaveRequest, 'days' | 'requestedAt' | 'decidedAt'> {
  requestedAt: Date;
  decidedAt: Date | null;
}

const leaveColumns = `l.id, l.agent_id AS "agentId", u.display_name AS "agentName", l.team_id AS "teamId", l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS "startDate", to_char(l.end_date, 'YYYY-MM-DD') AS "endDate", l.half_day AS "halfDay", l.half,
  l.reason, l.status, l.requested_at AS "requestedAt", l.requested_by AS "requestedBy", l.decided_at AS "decidedAt",
  l.decided_by AS "decidedBy", l.decision_note AS "decisionNote"`;

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first and last local dates of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1) };
}

/**
 * Approved leave days per agent and kind in a month, counted on the center calendar (working days;
 * a leave across the month's end counts only its days inside the month). Every agent asked for is
 * in the answer, with zeros when on no leave.
 *
 * @example
 * const days = await leaveDays(store, '2026-01', ['u-8001']);
 * days.get('u-8001')?.sick; // 3
 */
export async function leaveDays(db: Queryable, month: string, agentIds: readonly string[]): Promise<Map<string, LeaveTally>> {
  const tallies = new Map(agentIds.map((id) => [id, emptyLeaveTally()]));
  if (agentIds.length === 0) return tallies;
  const { from, to } = monthRange(month);
  const rows = await db.query<{ agentId: string; kind: LeaveKind; startDate: string; endDate: string; halfDay: boolean }>(
    `SELECT agent_id AS "agentId", kind, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", half_day AS "halfDay"
       FROM leave_requests WHERE status = 'approved' AND agent_id = ANY($1::text[]) AND start_date <= $3::date AND end_date >= $2::date`,
    [agentIds, from, to],
  );
  const { calendar } = await loadCenterCalendar(db);
  for (const r of rows) tallies.get(r.agentId)![r.kind] += leaveDaysBetween(calendar, r, from, to);
  return tallies;
}

/**
 * The approved leaves that cover a local date, for the agents asked (the briefing's "who is on
 * leave today").
 *
 * @example
 * const away = await leaveOn(store, '2026-01-07', teamAgentIds); // [{ agentId, kind: 'sick', startDate, endDate, halfDay, ... }]
 */
export async function leaveOn(db: Queryable, date: string, agentIds: readonly string[]): Promise<LeaveRequest[]> {
  if (agentIds.length === 0) return [];
  const rows = await db.query<LeaveRow>(
    `SELECT ${leaveColumns} FROM leave_requests l JOIN users u ON u.id = l.agent_id
      WHERE l.status = 'approved' AND l.agent_id = ANY($1::text[]) AND l.start_date <= $2::date AND l.end_date >= $2::date ORDER BY l.agent_id`,
    [agentIds, date],
  );
  return withDays(db, rows);
}

async function withDays(db: Queryable, rows: LeaveRow[]): Promise<LeaveRequest[]> {
  if (rows.length === 0) return [];
  const { calendar } = await loadCenterCalendar(db);
  return rows.map((r) => ({
    ...r,
    days: leaveDaysBetween(calendar, r, r.startDate, r.endDate),
    requestedAt: new Date(r.requestedAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  }));
}

async function loadLeave(db: Queryable, id: string): Promise<LeaveRequest> {
  const rows = await db.query<LeaveRow>(`SELECT ${leaveColumns} FROM leave_requests l JOIN users u ON u.id = l.agent_id WHERE l.id = $1`, [id]);
  const [leave] = await withDays(db, rows);
  if (!leave) throw new NotFoundError(missing('leave', id));
  return leave;
}

/** Approved half-day leaves (with their half) of the agents between two dates. */
export async function approvedHalfDays(db: Queryable, agentIds: readonly string[], from: string, to: string): Promise<HalfDayLeave[]> {
  if (agentIds.length === 0) return [];
  return db.query<HalfDayLeave>(
    `SELECT agent_id AS "agentId", to_char(start_date, 'YYYY-MM-DD') AS date, half, kind FROM leave_requests
      WHERE status = 'approved' AND half IS NOT NULL AND agent_id = ANY($1::text[]) AND start_date BETWEEN $2::date AND $3::date ORDER BY start_date`,
    [agentIds, from, to],
  );
}

export interface HalfDayLeave {
  agentId: string;
  date: string;
  half: LeaveHalf;
  kind: LeaveKind;
}

/**
 * Cuts each agent's shift of a half-day leave to the half still worked (see core's halfDayShift),
 * so the roster, its coverage, the wallboard's adherence and 考勤 expect the agent only then: not
 * late after a morning off, not leaving early before an afternoon off. A published month notifies
 * the agent and moves the reports' scheduled time. Call it in the transaction that approves the
 * leave or writes the roster's shifts.
 */
export async function takeHalfDaysOff(tx: Queryable, log: Pick<EventLog, 'appendIn'>, leaves: readonly HalfDayLeave[], by: string, at: number): Promise<void> {
  for (const leave of leaves) {
    const [shift] = await shiftsOn(tx, [leave.agentId], [leave.date]);
    if (!shift) continue;
    const before = asChange(shift);
    const note = `${leaveKindNames[leave.kind].zh}（${leaveHalfNames[leave.half].zh}）`;
    const [otherHalf] = await tx.query(
      `SELECT 1 FROM leave_requests WHERE agent_id = $1 AND start_date = $2::date AND status = 'approved' AND half IS NOT NULL AND half <> $3 LIMIT 1`,
      [leave.agentId, leave.date, leave.half],
    );
    // Both halves off is the whole day: the shift goes, as for a day's leave.
    if (otherHalf) {
      await tx.query('DELETE FROM wfm_roster_shifts WHERE user_id = $1 AND date = $2', [leave.agentId, leave.date]);
      await recordChanges(tx, log, [{ userId: shift.userId, teamId: shift.teamId, month: shift.month, date: shift.date, before, after: null }], { cause: 'leave', note, by, at });
      continue;
    }
    const part = halfDayShift(before, leave.half);
    await tx.query('UPDATE wfm_roster_shifts SET starts_at = $3, ends_at = $4, breaks = $5 WHERE user_id = $1 AND date = $2', [
      leave.agentId,
      leave.date,
      new Date(part.start),
      new Date(part.end),
      JSON.stringify(part.breaks.map((b) => ({ name: b.name, start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() }))),
    ]);
    const after: DayChange['after'] = { shift: shift.shift, start: part.start, end: part.end, breaks: [...part.breaks] };
    await recordChanges(tx, log, [{ userId: shift.userId, teamId: shift.teamId, month: shift.month, date: shift.date, before, after }], { cause: 'leave', note, by, at });
  }
}

/** Who decides on a leave: the leader of the agent's team, and the floor's supervisors and managers. */
export const leaveDeciders = ['team_leader', 'supervisor', 'manager', 'admin'] as const;

function checkDecider(actor: Actor, teamId: string | null): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.leave_own_team_decide'));
}

const isoDate = z.iso.date({ message: 'wfm.date_format' });
const uuid = z.uuid({ message: 'wfm.leave_id_format' });

const requestBody = z
  .strictObject({
    /** Whose leave: the caller's own when absent; a leader may file it for someone of the team. */
    agentId: z.string().min(1).optional(),
    kind: z.enum(leaveKinds, { message: 'wfm.leave_kind' }),
    startDate: isoDate,
    endDate: isoDate,
    halfDay: z.boolean().default(false),
    /** The half a half-day leave takes: 上午 (am) or 下午 (pm); given, the leave is half a day. */
    half: z.enum(['am', 'pm'], { message: 'wfm.leave_half' }).optional(),
    reason: z.string().trim().max(500, { message: 'wfm.leave_reason_long' }).default(''),
  })
  .transform((b) => ({ ...b, halfDay: b.halfDay || b.half !== undefined }))
  .refine((b) => b.startDate <= b.endDate, { message: 'wfm.end_date_before_start', path: ['endDate'] })
  .refine((b) => !b.halfDay || b.startDate === b.endDate, { message: 'wfm.half_day_one_day', path: ['halfDay'] })
  .refine((b) => !b.halfDay || b.half !== undefined, { message: 'wfm.half_day_which', path: ['half'] })
  .refine((b) => dayNumber(b.endDate) - dayNumber(b.startDate) < MAX_LEAVE_SPAN_DAYS, {
    message: 'wfm.leave_too_long',
    params: { most: MAX_LEAVE_SPAN_DAYS },
    path: ['endDate'],
  });

const listQuery = z.object({
  month: z.string().regex(monthPattern, { message: 'org.month_format' }).optional(),
  team: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
  status: z.enum(['pending', 'approved', 'refused', 'cancelled'], { message: 'wfm.status_one_of' }).optional(),
});

/**
 * 请假: an agent asks for leave of a kind and dates (or a leader files it for someone of the team);
 * the team leader approves or refuses with a note; the agent may withdraw a pending request. The
 * days are the working days on the center calendar. Every step is audited.
 */
export async function leaveRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock, log } = app.banzu;
  const tags = ['wfm'];

  routes.post(
    '/api/v1/leave',
    {
      config: { roles: ['agent', ...leaveDeciders] },
      schema: { tags, summary: 'Ask for leave (病假, 事假, 年假 …) for dates; a leader may file it for an agent of the team. Pending until decided', body: requestBody },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const agentId = body.agentId ?? actor.userId;
      if (actor.role === 'agent' && agentId !== actor.userId) throw new ForbiddenError(words('wfm.leave_own_only'));
      const [agent] = await store.query<{ teamId: string | null }>(`SELECT u.team_id AS "teamId" FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1`, [agentId]);
      if (!agent) throw new BadRequestError(words('org.no_such', { thing: words('thing.agent'), ids: agentId }), { field: 'agentId' });
      if (actor.role !== 'agent') checkDecider(actor, agent.teamId);
      const { calendar } = await loadCenterCalendar(store);
      if (leaveDaysBetween(calendar, body, body.startDate, body.endDate) === 0) throw new BadRequestError(words('wfm.leave_no_workdays'));
      const id = await store.transaction(async (tx) => {
        // The morning and the afternoon of one day are two leaves that do not overlap.
        const [overlap] = await tx.query<{ startDate: string; endDate: string }>(
          `SELECT to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate" FROM leave_requests
            WHERE agent_id = $1 AND status IN ('pending', 'approved') AND start_date <= $3::date AND end_date >= $2::date
              AND NOT (half IS NOT NULL AND $4::text IS NOT NULL AND half <> $4::text) LIMIT 1`,
          [agentId, body.startDate, body.endDate, body.half ?? null],
        );
        if (overlap) throw new ConflictError(words('wfm.leave_overlap', { from: overlap.startDate, to: overlap.endDate }));
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO leave_requests (agent_id, team_id, kind, start_date, end_date, half_day, half, reason, status, requested_at, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) RETURNING id`,
          [agentId, agent.teamId, body.kind, body.startDate, body.endDate, body.halfDay, body.half ?? null, body.reason, new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'leave.request',
          subject: 'leave',
          rowCount: 1,
          detail: { id: row!.id, agentId, kind: body.kind, startDate: body.startDate, endDate: body.endDate, half: body.half ?? null },
        });
        return row!.id;
      });
      return reply.status(201).send(await loadLeave(store, id));
    },
  );

  routes.get(
    '/api/v1/leave',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: 'Leave requests, newest first: an agent the own, a team leader the team, the floor-wide roles every team; by month (overlapping it), team, agent, status',
        querystring: listQuery,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { month, team, agentId, status } = request.query;
      const params: unknown[] = [];
      const where: string[] = [];
      if (actor.role === 'agent') {
        if (agentId && agentId !== actor.userId) throw new ForbiddenError(words('wfm.leave_own_view'));
        where.push(`l.agent_id = $${params.push(actor.userId)}`);
      } else if (!canSeeTeam(actor, team ?? actor.teamId)) throw new ForbiddenError(words('wfm.leave_team_view'));
      if (actor.role === 'team_leader') where.push(`l.team_id = $${params.push(actor.teamId)}`);
      if (team) where.push(`l.team_id = $${params.push(team)}`);
      if (agentId) where.push(`l.agent_id = $${params.push(agentId)}`);
      if (status) where.push(`l.status = $${params.push(status)}`);
      if (month) {
        const { from, to } = monthRange(month);
        where.push(`l.start_date <= $${params.push(to)}::date AND l.end_date >= $${params.push(from)}::date`);
      }
      const rows = await store.query<LeaveRow>(
        `SELECT ${leaveColumns} FROM leave_requests l JOIN users u ON u.id = l.agent_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY l.start_date DESC, l.requested_at DESC LIMIT 500`,
        params,
      );
      return { items: await withDays(store, rows) };
    },
  );

  const decide = (action: 'approve' | 'refuse') =>
    routes.post(
      `/api/v1/leave/:id/${action}`,
      {
        config: { roles: leaveDeciders },
        schema: {
          tags,
          summary: action === 'approve' ? 'Approve a pending leave (the team leader of the agent); audited' : 'Refuse a pending leave with a note; audited',
          params: z.object({ id: uuid }),
          body: z.strictObject({ note: z.string().trim().max(500, { message: 'wfm.decision_note_long' }).default('') }).nullish(),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const leave = await loadLeave(store, request.params.id);
        checkDecider(actor, leave.teamId);
        if (leave.agentId === actor.userId) throw new ForbiddenError(words('wfm.leave_not_own_decide'));
        const note = request.body?.note ?? '';
        if (action === 'refuse' && note === '') throw new BadRequestError(words('wfm.refuse_reason'), { field: 'note' });
        await store.transaction(async (tx) => {
          const changed = await tx.query(
            `UPDATE leave_requests SET status = $2, decided_at = $3, decided_by = $4, decision_note = $5 WHERE id = $1 AND status = 'pending' RETURNING id`,
            [leave.id, action === 'approve' ? 'approved' : 'refused', new Date(clock.now()), actor.userId, note],
          );
          if (changed.length === 0) throw new ConflictError(words('wfm.leave_decided', { status: words(`leave_status.${leave.status}`) }));
          await writeAudit(tx, { userId: actor.userId, action: `leave.${action}`, subject: 'leave', rowCount: 1, detail: { id: leave.id, agentId: leave.agentId, note } });
          // Approved half a day leaves the agent the other half of the shift; whole days take the shifts off the roster at once.
          if (action === 'approve' && leave.half) {
            await takeHalfDaysOff(tx, log, [{ agentId: leave.agentId, date: leave.startDate, half: leave.half, kind: leave.kind }], actor.userId, clock.now());
          } else if (action === 'approve' && !leave.halfDay) {
            const dates: string[] = [];
            for (let d = leave.startDate; d <= leave.endDate; d = addDays(d, 1)) dates.push(d);
            const shifts = await shiftsOn(tx, [leave.agentId], dates);
            await tx.query('DELETE FROM wfm_roster_shifts WHERE user_id = $1 AND date = ANY($2::date[])', [leave.agentId, shifts.map((s) => s.date)]);
            await recordChanges(
              tx,
              log,
              shifts.map((s) => ({ userId: s.userId, teamId: s.teamId, month: s.month, date: s.date, before: asChange(s), after: null })),
              { cause: 'leave', note: leaveKindNames[leave.kind].zh, by: actor.userId, at: clock.now() },
            );
          }
        });
        return loadLeave(store, leave.id);
      },
    );
  decide('approve');
  decide('refuse');

  routes.post(
    '/api/v1/leave/:id/cancel',
    {
      config: { roles: ['agent', ...leaveDeciders] },
      schema: { tags, summary: 'Withdraw a pending leave (the agent who asked, or the team leader); audited', params: z.object({ id: uuid }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const leave = await loadLeave(store, request.params.id);
      if (actor.role === 'agent' ? leave.agentId !== actor.userId : actor.role === 'team_leader' && actor.teamId !== leave.teamId) {
        throw new ForbiddenError(words('wfm.leave_cancel_scope'));
      }
      await store.transaction(async (tx) => {
        const changed = await tx.query(`UPDATE leave_requests SET status = 'cancelled', decided_at = $2, decided_by = $3 WHERE id = $1 AND status = 'pending' RETURNING id`, [
          leave.id,
          new Date(clock.now()),
          actor.userId,
        ]);
        if (changed.length === 0) throw new ConflictError(words('wfm.leave_not_cancellable', { status: words(`leave_status.${leave.status}`) }));
        await writeAudit(tx, { userId: actor.userId, action: 'leave.cancel', subject: 'leave', rowCount: 1, detail: { id: leave.id, agentId: leave.agentId } });
      });
      return loadLeave(store, leave.id);
    },
  );
}
