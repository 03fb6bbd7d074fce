import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AgentUnavailability } from '@banzu/contract';
import { type Actor, canSeeTeam, type LocalSpan, unavailableSpans, type UnavailableWindow, weekdayNames } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { leaveDeciders, monthRange } from './leave';

const columns = `w.id, w.agent_id AS "agentId", u.display_name AS "agentName", w.team_id AS "teamId", w.weekday, to_char(w.date, 'YYYY-MM-DD') AS date,
  w.start_time AS start, w.end_time AS "end", w.note, w.created_at AS "createdAt", w.created_by AS "createdBy"`;

type Row = Omit<AgentUnavailability, 'createdAt'> & { createdAt: Date };
const asWindow = (r: Row): AgentUnavailability => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

/**
 * The local spans each agent cannot work between two dates (inclusive), from the windows they or
 * their leader stated: what roster generation keeps their shifts out of, as it does approved leave.
 *
 * @example
 * const spans = await unavailableSpansOf(store, ['u-8001'], '2026-03-01', '2026-03-31');
 * spans.get('u-8001'); // [{ start: '2026-03-04T18:00', end: '2026-03-05T00:00' }, …] (周三晚上)
 */
export async function unavailableSpansOf(db: Queryable, userIds: readonly string[], from: string, to: string): Promise<Map<string, LocalSpan[]>> {
  const out = new Map<string, LocalSpan[]>();
  if (userIds.length === 0) return out;
  const rows = await db.query<UnavailableWindow & { agentId: string }>(
    `SELECT agent_id AS "agentId", weekday, to_char(date, 'YYYY-MM-DD') AS date, start_time AS start, end_time AS "end"
       FROM wfm_unavailability WHERE agent_id = ANY($1::text[]) AND (date IS NULL OR date BETWEEN $2::date AND $3::date)`,
    [userIds, from, to],
  );
  const byAgent = new Map<string, UnavailableWindow[]>();
  for (const r of rows) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r]);
  for (const [agentId, windows] of byAgent) out.set(agentId, unavailableSpans(windows, from, to));
  return out;
}

/** An agent states the own; the team leader the team's; supervisors and above anyone's. */
function checkScope(actor: Actor, agentId: string, teamId: string | null): void {
  if (actor.role === 'agent' && actor.userId !== agentId) throw new ForbiddenError(words('wfm.availability_own_only'));
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.availability_own_team'));
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'wfm.time_of_day' });

const addBody = z
  .strictObject({
    /** Whose: the caller's own when absent; a leader states it for someone of the team. */
    agentId: z.string().min(1).optional(),
    /** Every week on this weekday, 1 Monday … 7 Sunday; or `date` for one day. */
    weekday: z.number().int().min(1, { message: 'wfm.weekday' }).max(7, { message: 'wfm.weekday' }).optional(),
    date: z.iso.date({ message: 'wfm.date_format' }).optional(),
    start: time.default('00:00'),
    end: time.default('24:00'),
    note: z.string().trim().max(200, { message: 'wfm.note_long' }).default(''),
  })
  .refine((b) => (b.weekday === undefined) !== (b.date === undefined), { message: 'wfm.weekday_or_date', path: ['weekday'] })
  .refine((b) => b.end > b.start, { message: 'wfm.end_after_start', path: ['end'] });

/**
 * 可用性: an agent states when they cannot work (周三晚上不能上班 every week, or one date), in the
 * desk's schedule area, or the leader enters it for them; the leader sees the team's on the month
 * grid; roster generation puts no shift across them. Changes are audited.
 */
export async function availabilityRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;
  const tags = ['wfm'];

  routes.get(
    '/api/v1/wfm/availability',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary:
          "Windows agents cannot work: an agent's own; a team leader's team; the floor-wide roles a team's or an agent's. With month, the dated ones in it and every weekly one",
        querystring: z.object({
          team: z.string().min(1).optional(),
          agentId: z.string().min(1).optional(),
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'org.month_format' })
            .optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { team, agentId, month } = request.query;
      const params: unknown[] = [];
      const where: string[] = [];
      if (actor.role === 'agent') {
        if (agentId && agentId !== actor.userId) throw new ForbiddenError(words('wfm.availability_own_view'));
        where.push(`w.agent_id = $${params.push(actor.userId)}`);
      } else if (!canSeeTeam(actor, team ?? actor.teamId)) throw new ForbiddenError(words('wfm.availability_team_view'));
      if (actor.role === 'team_leader') where.push(`w.team_id = $${params.push(actor.teamId)}`);
      if (team) where.push(`w.team_id = $${params.push(team)}`);
      if (agentId) where.push(`w.agent_id = $${params.push(agentId)}`);
      if (month) {
        const { from, to } = monthRange(month);
        where.push(`(w.date IS NULL OR w.date BETWEEN $${params.push(from)}::date AND $${params.push(to)}::date)`);
      }
      const rows = await store.query<Row>(
        `SELECT ${columns} FROM wfm_unavailability w JOIN users u ON u.id = w.agent_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY u.display_name, w.weekday NULLS LAST, w.date, w.start_time LIMIT 1000`,
        params,
      );
      return { items: rows.map(asWindow) };
    },
  );

  routes.post(
    '/api/v1/wfm/availability',
    {
      config: { roles: ['agent', ...leaveDeciders] },
      schema: {
        tags,
        summary: 'State a window an agent cannot work: every week on a weekday, or one date; the whole day unless start and end are given. Roster generation respects it; audited',
        body: addBody,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const agentId = body.agentId ?? actor.userId;
      const [agent] = await store.query<{ teamId: string | null }>('SELECT u.team_id AS "teamId" FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1', [agentId]);
      if (!agent) throw new BadRequestError(words('org.no_such', { thing: words('thing.agent'), ids: agentId }), { field: 'agentId' });
      checkScope(actor, agentId, agent.teamId);
      const id = await store.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO wfm_unavailability (agent_id, team_id, weekday, date, start_time, end_time, note, created_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [agentId, agent.teamId, body.weekday ?? null, body.date ?? null, body.start, body.end, body.note, new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'availability.add',
          subject: 'availability',
          rowCount: 1,
          detail: { id: row!.id, agentId, when: body.weekday ? weekdayNames[body.weekday]!.zh : body.date, start: body.start, end: body.end, note: body.note },
        });
        return row!.id;
      });
      const [created] = await store.query<Row>(`SELECT ${columns} FROM wfm_unavailability w JOIN users u ON u.id = w.agent_id WHERE w.id = $1`, [id]);
      return reply.status(201).send(asWindow(created!));
    },
  );

  routes.delete(
    '/api/v1/wfm/availability/:id',
    {
      config: { roles: ['agent', ...leaveDeciders] },
      schema: { tags, summary: 'Remove a window the agent can work again; audited', params: z.object({ id: z.uuid({ message: 'wfm.id_format' }) }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [row] = await store.query<Row>(`SELECT ${columns} FROM wfm_unavailability w JOIN users u ON u.id = w.agent_id WHERE w.id = $1`, [request.params.id]);
      if (!row) throw new NotFoundError(missing('availability', request.params.id));
      checkScope(actor, row.agentId, row.teamId);
      await store.transaction(async (tx) => {
        await tx.query('DELETE FROM wfm_unavailability WHERE id = $1', [row.id]);
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'availability.remove',
          subject: 'availability',
          rowCount: 1,
          detail: { id: row.id, agentId: row.agentId, when: row.weekday ? weekdayNames[row.weekday]!.zh : row.date, start: row.start, end: row.end },
        });
      });
      return reply.status(204).send();
    },
  );
}
