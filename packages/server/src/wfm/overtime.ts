import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OvertimeRecord } from '@banzu/contract';
import { type Actor, addDays, canSeeTeam, dayKind } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { recordChanges } from './changes';
import { leaveDeciders, monthRange } from './leave';
import { instant, localTime } from './roster';

const columns = `o.id, o.agent_id AS "agentId", u.display_name AS "agentName", o.team_id AS "teamId", to_char(o.date, 'YYYY-MM-DD') AS date,
  o.starts_at AS "startsAt", o.ends_at AS "endsAt", o.compensation, o.reason, o.status, o.requested_at AS "requestedAt", o.requested_by AS "requestedBy",
  o.decided_at AS "decidedAt", o.decided_by AS "decidedBy", o.decision_note AS "decisionNote"`;

type Row = Omit<OvertimeRecord, 'start' | 'end' | 'hours' | 'requestedAt' | 'decidedAt'> & { startsAt: Date; endsAt: Date; requestedAt: Date; decidedAt: Date | null };

async function rowsOut(db: Queryable, rows: Row[]): Promise<OvertimeRecord[]> {
  if (rows.length === 0) return [];
  const { timeZone } = await loadCenterCalendar(db);
  return rows.map(({ startsAt, endsAt, ...r }) => ({
    ...r,
    start: localTime(startsAt, timeZone),
    end: localTime(endsAt, timeZone),
    hours: Math.round((new Date(endsAt).getTime() - new Date(startsAt).getTime()) / 36_000) / 100,
    requestedAt: new Date(r.requestedAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  }));
}

async function loadOvertime(db: Queryable, id: string): Promise<OvertimeRecord> {
  const [record] = await rowsOut(db, await db.query<Row>(`SELECT ${columns} FROM wfm_overtime o JOIN users u ON u.id = o.agent_id WHERE o.id = $1`, [id]));
  if (!record) throw new NotFoundError(missing('overtime', id));
  return record;
}

function checkLeader(actor: Actor, teamId: string | null): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.overtime_own_team_decide'));
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'org.clock_time' });
const uuid = z.uuid({ message: 'wfm.overtime_id_format' });

/**
 * 加班 (seed 000 加班制度): overtime is recorded like normal attendance (an agent's own, or the
 * leader's for an agent of the team), for the team leader to approve; on a holiday of the center
 * calendar it is paid (加班费), otherwise taken back as time off (调休). Approved overtime is in the
 * roster and its coverage at once, notifies the agent and counts as scheduled time. Audited.
 */
export async function overtimeRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock, log } = app.banzu;
  const tags = ['wfm'];

  routes.post(
    '/api/v1/wfm/overtime',
    {
      config: { roles: ['agent', ...leaveDeciders] },
      schema: {
        tags,
        summary: "Record overtime (加班) from start to end on a date (an end at or before the start is the next day); pending the team leader's approval",
        body: z.strictObject({
          agentId: z.string().min(1).optional(),
          date: z.iso.date({ message: 'wfm.date_format' }),
          start: time,
          end: time,
          reason: z.string().trim().min(1, { message: 'wfm.overtime_reason' }).max(500, { message: 'wfm.overtime_reason_long' }),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const agentId = body.agentId ?? actor.userId;
      if (actor.role === 'agent' && agentId !== actor.userId) throw new ForbiddenError(words('wfm.overtime_own_only'));
      const [agent] = await store.query<{ teamId: string | null }>('SELECT u.team_id AS "teamId" FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1', [agentId]);
      if (!agent) throw new BadRequestError(words('org.no_such', { thing: words('thing.agent'), ids: agentId }), { field: 'agentId' });
      if (actor.role !== 'agent') checkLeader(actor, agent.teamId);
      const { calendar, timeZone } = await loadCenterCalendar(store);
      const startsAt = instant(`${body.date}T${body.start}`, timeZone);
      const endsAt = instant(`${body.end <= body.start ? addDays(body.date, 1) : body.date}T${body.end}`, timeZone);
      if (endsAt.getTime() - startsAt.getTime() > 12 * 3_600_000) throw new BadRequestError(words('wfm.overtime_too_long', { hours: 12 }));
      const compensation = dayKind(calendar, body.date) === 'holiday' ? 'pay' : 'time_off';
      const id = await store.transaction(async (tx) => {
        const [shift] = await tx.query<{ shift: string }>('SELECT shift FROM wfm_roster_shifts WHERE user_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1', [
          agentId,
          startsAt,
          endsAt,
        ]);
        if (shift) throw new ConflictError(words('wfm.overtime_on_shift', { shift: shift.shift }));
        const [other] = await tx.query("SELECT id FROM wfm_overtime WHERE agent_id = $1 AND status IN ('pending', 'approved') AND starts_at < $3 AND ends_at > $2 LIMIT 1", [
          agentId,
          startsAt,
          endsAt,
        ]);
        if (other) throw new ConflictError(words('wfm.overtime_overlap'));
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO wfm_overtime (agent_id, team_id, date, starts_at, ends_at, compensation, reason, status, requested_at, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING id`,
          [agentId, agent.teamId, body.date, startsAt, endsAt, compensation, body.reason, new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'overtime.request',
          subject: 'overtime',
          rowCount: 1,
          detail: { id: row!.id, agentId, date: body.date, start: body.start, end: body.end },
        });
        return row!.id;
      });
      return reply.status(201).send(await loadOvertime(store, id));
    },
  );

  routes.get(
    '/api/v1/wfm/overtime',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: "Overtime records, newest first: an agent's own, a team leader's team, the floor-wide roles every team; by month, team, status",
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'org.month_format' })
            .optional(),
          team: z.string().min(1).optional(),
          status: z.enum(['pending', 'approved', 'refused', 'cancelled']).optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { month, team, status } = request.query;
      const params: unknown[] = [];
      const where: string[] = [];
      if (actor.role === 'agent') where.push(`o.agent_id = $${params.push(actor.userId)}`);
      else if (!canSeeTeam(actor, team ?? actor.teamId)) throw new ForbiddenError(words('wfm.overtime_team_view'));
      if (actor.role === 'team_leader') where.push(`o.team_id = $${params.push(actor.teamId)}`);
      if (team) where.push(`o.team_id = $${params.push(team)}`);
      if (status) where.push(`o.status = $${params.push(status)}`);
      if (month) {
        const { from, to } = monthRange(month);
        where.push(`o.date BETWEEN $${params.push(from)}::date AND $${params.push(to)}::date`);
      }
      const rows = await store.query<Row>(
        `SELECT ${columns} FROM wfm_overtime o JOIN users u ON u.id = o.agent_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.starts_at DESC LIMIT 500`,
        params,
      );
      return { items: await rowsOut(store, rows) };
    },
  );

  const decide = (action: 'approve' | 'refuse' | 'cancel') =>
    routes.post(
      `/api/v1/wfm/overtime/:id/${action}`,
      {
        config: { roles: action === 'cancel' ? ['agent', ...leaveDeciders] : leaveDeciders },
        schema: {
          tags,
          summary:
            action === 'approve'
              ? "Approve pending overtime: it is in the roster's coverage at once and counts as scheduled time; audited"
              : action === 'refuse'
                ? 'Refuse pending overtime with a reason; audited'
                : 'Withdraw pending overtime (who recorded it, or the team leader); audited',
          params: z.object({ id: uuid }),
          body: z.strictObject({ note: z.string().trim().max(500, { message: 'wfm.decision_note_long' }).default('') }).nullish(),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const record = await loadOvertime(store, request.params.id);
        if (action === 'cancel') {
          if (actor.role === 'agent' ? record.agentId !== actor.userId : actor.role === 'team_leader' && actor.teamId !== record.teamId) {
            throw new ForbiddenError(words('wfm.overtime_cancel_scope'));
          }
        } else {
          checkLeader(actor, record.teamId);
          if (record.agentId === actor.userId) throw new ForbiddenError(words('wfm.overtime_not_own_decide'));
        }
        const note = request.body?.note ?? '';
        if (action === 'refuse' && note === '') throw new BadRequestError(words('wfm.refuse_reason'), { field: 'note' });
        const status = { approve: 'approved', refuse: 'refused', cancel: 'cancelled' }[action];
        await store.transaction(async (tx) => {
          const changed = await tx.query<{ startsAt: Date; endsAt: Date }>(
            `UPDATE wfm_overtime SET status = $2, decided_at = $3, decided_by = $4, decision_note = $5 WHERE id = $1 AND status = 'pending'
             RETURNING starts_at AS "startsAt", ends_at AS "endsAt"`,
            [record.id, status, new Date(clock.now()), actor.userId, note],
          );
          if (changed.length === 0) throw new ConflictError(words('wfm.overtime_decided'));
          await writeAudit(tx, { userId: actor.userId, action: `overtime.${action}`, subject: 'overtime', rowCount: 1, detail: { id: record.id, agentId: record.agentId, note } });
          if (action === 'approve' && record.teamId) {
            const span = { shift: '加班', start: new Date(changed[0]!.startsAt).getTime(), end: new Date(changed[0]!.endsAt).getTime() };
            await recordChanges(tx, log, [{ userId: record.agentId, teamId: record.teamId, month: record.date.slice(0, 7), date: record.date, before: null, after: span }], {
              cause: 'overtime',
              note: `${record.start.slice(11)}-${record.end.slice(11)} ${record.reason}`,
              by: actor.userId,
              at: clock.now(),
            });
          }
        });
        return loadOvertime(store, record.id);
      },
    );
  decide('approve');
  decide('refuse');
  decide('cancel');
}
