import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ShiftSwap } from '@banzu/contract';
import { type Actor, addDays, canSeeTeam, localDate, type RosterPlan } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { asChange, recordChanges, shiftsOn, type StoredShift } from './changes';
import { leaveDeciders, monthRange } from './leave';
import { localTime } from './roster';

/** Seed 003: "月换班不得超过1个班次，并应在一个月内还班". */
export const SWAPS_PER_MONTH = 1;

const swapColumns = `s.id, s.team_id AS "teamId", s.requester_id AS "requesterId", ru.display_name AS "requesterName", s.partner_id AS "partnerId",
  pu.display_name AS "partnerName", to_char(s.requester_date, 'YYYY-MM-DD') AS "requesterDate", to_char(s.partner_date, 'YYYY-MM-DD') AS "partnerDate",
  s.repays, s.reason, s.status, s.requested_at AS "requestedAt", s.consented_at AS "consentedAt", s.decided_at AS "decidedAt", s.decided_by AS "decidedBy",
  s.decision_note AS "decisionNote", EXISTS (SELECT 1 FROM wfm_swaps r WHERE r.repays = s.id AND r.status = 'approved') AS repaid`;

type SwapRow = Omit<ShiftSwap, 'requesterShift' | 'partnerShift' | 'repayBy' | 'requestedAt' | 'consentedAt' | 'decidedAt'> & {
  requestedAt: Date;
  consentedAt: Date | null;
  decidedAt: Date | null;
};

/** The same day a month later (the month's last day when it has none): when a cover must be repaid by. */
export function aMonthAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

async function withShifts(db: Queryable, rows: SwapRow[]): Promise<ShiftSwap[]> {
  const shifts = await shiftsOn(
    db,
    [...new Set(rows.flatMap((r) => [r.requesterId, r.partnerId]))],
    [...new Set(rows.flatMap((r) => [r.requesterDate, ...(r.partnerDate ? [r.partnerDate] : [])]))],
  );
  const on = (userId: string, date: string | null) => (date ? (shifts.find((s) => s.userId === userId && s.date === date)?.shift ?? null) : null);
  return rows.map((r) => {
    // Before approval the shifts are where the roster has them; after, each has moved to the other agent.
    const done = r.status === 'approved';
    return {
      ...r,
      requesterShift: on(done ? r.partnerId : r.requesterId, r.requesterDate),
      partnerShift: on(done ? r.requesterId : r.partnerId, r.partnerDate),
      repayBy: done && !r.partnerDate && !r.repays && !r.repaid ? aMonthAfter(r.requesterDate) : null,
      requestedAt: new Date(r.requestedAt).toISOString(),
      consentedAt: r.consentedAt ? new Date(r.consentedAt).toISOString() : null,
      decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    };
  });
}

async function loadSwap(db: Queryable, id: string): Promise<ShiftSwap> {
  const rows = await db.query<SwapRow>(`SELECT ${swapColumns} FROM wfm_swaps s JOIN users ru ON ru.id = s.requester_id JOIN users pu ON pu.id = s.partner_id WHERE s.id = $1`, [
    id,
  ]);
  const [swap] = await withShifts(db, rows);
  if (!swap) throw new NotFoundError(missing('swap', id));
  return swap;
}

/** Published shifts only: a draft may still change under the swap. */
async function publishedShift(db: Queryable, userId: string, date: string): Promise<StoredShift | undefined> {
  const [shift] = await shiftsOn(db, [userId], [date]);
  if (!shift) return undefined;
  const [roster] = await db.query<{ status: string }>('SELECT status FROM wfm_rosters WHERE team_id = $1 AND month = $2', [shift.teamId, shift.month]);
  return roster?.status === 'published' ? shift : undefined;
}

/**
 * The shifts a swap moves, checked against the roster as it is now: the requester works the first
 * date and the partner not; for an exchange, the partner works the second and the requester not.
 * Says in the user's words what is wrong.
 */
async function checkShifts(db: Queryable, swap: { requesterId: string; partnerId: string; requesterDate: string; partnerDate: string | null }) {
  const given = await publishedShift(db, swap.requesterId, swap.requesterDate);
  if (!given) throw new ConflictError(words('wfm.swap_requester_no_shift', { date: swap.requesterDate }));
  if ((await shiftsOn(db, [swap.partnerId], [swap.requesterDate])).length > 0) throw new ConflictError(words('wfm.swap_partner_busy', { date: swap.requesterDate }));
  if (!swap.partnerDate) {
    await checkRest(db, given, swap.partnerId, undefined);
    return { given, taken: undefined };
  }
  const taken = await publishedShift(db, swap.partnerId, swap.partnerDate);
  if (!taken) throw new ConflictError(words('wfm.swap_partner_no_shift', { date: swap.partnerDate }));
  if ((await shiftsOn(db, [swap.requesterId], [swap.partnerDate])).length > 0) throw new ConflictError(words('wfm.swap_requester_busy', { date: swap.partnerDate }));
  await checkRest(db, given, swap.partnerId, taken);
  await checkRest(db, taken, swap.requesterId, given);
  return { given, taken };
}

/**
 * The rest between shifts the roster was built with (11 hours unless it said otherwise) holds for
 * whoever takes `shift` over, against that agent's shifts the day before and after — except the one
 * the agent gives away in the same swap.
 */
async function checkRest(db: Queryable, shift: StoredShift, to: string, leaving: StoredShift | undefined): Promise<void> {
  const [roster] = await db.query<{ plan: RosterPlan | null }>('SELECT plan FROM wfm_rosters WHERE team_id = $1 AND month = $2', [shift.teamId, shift.month]);
  const hours = roster?.plan?.minRestHours ?? 11;
  const around = await shiftsOn(db, [to], [addDays(shift.date, -1), addDays(shift.date, 1)]);
  const { timeZone } = await loadCenterCalendar(db);
  for (const other of around) {
    if (leaving && other.date === leaving.date) continue;
    const [first, second] = other.date < shift.date ? [other, shift] : [shift, other];
    if (new Date(second.startsAt).getTime() - new Date(first.endsAt).getTime() < hours * 3_600_000) {
      const [end, start] = [localTime(first.endsAt, timeZone).replace('T', ' '), localTime(second.startsAt, timeZone).replace('T', ' ')];
      throw new ConflictError(words('wfm.swap_rest', { hours, end, start }));
    }
  }
}

function checkLeader(actor: Actor, teamId: string): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.swap_own_team_decide'));
}

const isoDate = z.iso.date({ message: 'wfm.date_format' });
const uuid = z.uuid({ message: 'wfm.swap_id_format' });
const note = z.strictObject({ note: z.string().trim().max(500, { message: 'wfm.decision_note_long' }).default('') }).nullish();

/**
 * 换班 (seed 003): an agent proposes to give a published shift to a teammate, taking one of theirs
 * in return or owing one back within a month (替班); the teammate consents; the team leader
 * approves, and the roster changes at once (both agents notified, the reports' scheduled time
 * moved). At most one swap a month per agent, repayments not counted; an overdue debt blocks new
 * swaps until repaid. Every step is audited.
 */
export async function swapRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock, log } = app.banzu;
  const tags = ['wfm'];

  routes.post(
    '/api/v1/wfm/swaps',
    {
      config: { roles: ['agent'] },
      schema: {
        tags,
        summary:
          'Propose a shift swap (换班) to a teammate: give the shift of requesterDate, take theirs of partnerDate (or owe one back within a month); repays names the cover it repays. Once a month',
        body: z.strictObject({
          partnerId: z.string().min(1),
          requesterDate: isoDate,
          partnerDate: isoDate.nullish(),
          repays: uuid.nullish(),
          reason: z.string().trim().max(500, { message: 'wfm.swap_reason_long' }).default(''),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const partnerDate = body.partnerDate ?? null;
      if (body.partnerId === actor.userId) throw new BadRequestError(words('wfm.swap_with_self'), { field: 'partnerId' });
      if (partnerDate === body.requesterDate) throw new BadRequestError(words('wfm.swap_same_day'), { field: 'partnerDate' });
      const [partner] = await store.query<{ teamId: string | null }>('SELECT u.team_id AS "teamId" FROM users u JOIN agents a ON a.user_id = u.id WHERE u.id = $1', [
        body.partnerId,
      ]);
      if (!partner) throw new BadRequestError(words('org.no_such', { thing: words('thing.agent'), ids: body.partnerId }), { field: 'partnerId' });
      if (!actor.teamId || partner.teamId !== actor.teamId) throw new ForbiddenError(words('wfm.swap_own_team'));
      const { timeZone } = await loadCenterCalendar(store);
      const today = localDate(clock.now(), timeZone);
      for (const d of [body.requesterDate, partnerDate]) if (d && d <= today) throw new BadRequestError(words('wfm.swap_past', { date: d }));
      await checkShifts(store, { requesterId: actor.userId, partnerId: body.partnerId, requesterDate: body.requesterDate, partnerDate });
      if (body.repays) {
        const owed = await loadSwap(store, body.repays);
        if (owed.status !== 'approved' || owed.partnerDate || owed.repays || owed.requesterId !== body.partnerId || owed.partnerId !== actor.userId) {
          throw new BadRequestError(words('wfm.repay_not_owed'), { field: 'repays' });
        }
        if (owed.repaid) throw new ConflictError(words('wfm.repay_done'));
        // Seed 003: 应在一个月内还班.
        if (owed.repayBy && body.requesterDate > owed.repayBy) {
          throw new ConflictError(words('wfm.repay_late', { covered: owed.requesterDate, by: owed.repayBy, date: body.requesterDate }));
        }
        if (partnerDate) throw new BadRequestError(words('wfm.repay_no_exchange'), { field: 'partnerDate' });
      } else {
        const { from, to } = monthRange(body.requesterDate.slice(0, 7));
        const [used] = await store.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM wfm_swaps WHERE requester_id = $1 AND repays IS NULL AND status IN ('proposed', 'consented', 'approved')
              AND requester_date BETWEEN $2::date AND $3::date`,
          [actor.userId, from, to],
        );
        if (used!.n >= SWAPS_PER_MONTH) throw new ConflictError(words('wfm.swaps_per_month', { most: SWAPS_PER_MONTH, month: body.requesterDate.slice(0, 7) }));
        const [overdue] = await withShifts(
          store,
          await store.query<SwapRow>(
            `SELECT ${swapColumns} FROM wfm_swaps s JOIN users ru ON ru.id = s.requester_id JOIN users pu ON pu.id = s.partner_id
              WHERE s.requester_id = $1 AND s.status = 'approved' AND s.partner_date IS NULL AND s.repays IS NULL ORDER BY s.requester_date`,
            [actor.userId],
          ),
        ).then((list) => list.filter((s) => s.repayBy && s.repayBy < today));
        if (overdue) throw new ConflictError(words('wfm.repay_overdue', { date: overdue.requesterDate, partner: overdue.partnerName, by: overdue.repayBy ?? '' }));
      }
      const id = await store.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO wfm_swaps (team_id, requester_id, partner_id, requester_date, partner_date, repays, reason, status, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8) RETURNING id`,
          [actor.teamId, actor.userId, body.partnerId, body.requesterDate, partnerDate, body.repays ?? null, body.reason, new Date(clock.now())],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'swap.request',
          subject: 'swap',
          rowCount: 1,
          detail: { id: row!.id, partnerId: body.partnerId, requesterDate: body.requesterDate, partnerDate, repays: body.repays ?? null },
        });
        return row!.id;
      });
      return reply.status(201).send(await loadSwap(store, id));
    },
  );

  routes.get(
    '/api/v1/wfm/swaps',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: "Shift swaps, newest first: an agent's own (asked or asked of), a team leader's team, the floor-wide roles every team; by month and status",
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'org.month_format' })
            .optional(),
          team: z.string().min(1).optional(),
          status: z.enum(['proposed', 'consented', 'declined', 'approved', 'refused', 'cancelled']).optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { month, team, status } = request.query;
      const params: unknown[] = [];
      const where: string[] = [];
      if (actor.role === 'agent') where.push(`(s.requester_id = $${params.push(actor.userId)} OR s.partner_id = $${params.length})`);
      else if (!canSeeTeam(actor, team ?? actor.teamId)) throw new ForbiddenError(words('wfm.swap_own_team_view'));
      if (actor.role === 'team_leader') where.push(`s.team_id = $${params.push(actor.teamId)}`);
      if (team) where.push(`s.team_id = $${params.push(team)}`);
      if (status) where.push(`s.status = $${params.push(status)}`);
      if (month) {
        const { from, to } = monthRange(month);
        where.push(
          `(s.requester_date BETWEEN $${params.push(from)}::date AND $${params.push(to)}::date OR s.partner_date BETWEEN $${params.length - 1}::date AND $${params.length}::date)`,
        );
      }
      const rows = await store.query<SwapRow>(
        `SELECT ${swapColumns} FROM wfm_swaps s JOIN users ru ON ru.id = s.requester_id JOIN users pu ON pu.id = s.partner_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.requested_at DESC LIMIT 500`,
        params,
      );
      return { items: await withShifts(store, rows) };
    },
  );

  /** Moves a swap from one status to the next, checking who may; `then` does the rest in the transaction. */
  const step = (
    action: string,
    roles: readonly string[],
    summary: string,
    from: readonly ShiftSwap['status'][],
    to: ShiftSwap['status'],
    may: (actor: Actor, swap: ShiftSwap) => void,
    then?: (tx: Queryable, actor: Actor, swap: ShiftSwap, note: string) => Promise<void>,
  ) =>
    routes.post(`/api/v1/wfm/swaps/:id/${action}`, { config: { roles }, schema: { tags, summary, params: z.object({ id: uuid }), body: note } }, async (request) => {
      const actor = actorOf(request);
      const swap = await loadSwap(store, request.params.id);
      may(actor, swap);
      const text = request.body?.note ?? '';
      if (action === 'refuse' && text === '') throw new BadRequestError(words('wfm.refuse_reason'), { field: 'note' });
      await store.transaction(async (tx) => {
        // The partner's consent is stamped apart from the decision (the leader's, or a withdrawal).
        const stamp = action === 'consent' ? 'consented_at = $3' : 'decided_at = $3, decided_by = $5, decision_note = $6';
        const changed = await tx.query(`UPDATE wfm_swaps SET status = $2, ${stamp} WHERE id = $1 AND status = ANY($4::text[]) RETURNING id`, [
          swap.id,
          to,
          new Date(clock.now()),
          from,
          ...(action === 'consent' ? [] : [actor.userId, text]),
        ]);
        if (changed.length === 0) throw new ConflictError(words('wfm.swap_closed', { status: words(`swap_status.${swap.status}`) }));
        await writeAudit(tx, { userId: actor.userId, action: `swap.${action}`, subject: 'swap', rowCount: 1, detail: { id: swap.id, note: text } });
        await then?.(tx, actor, swap, text);
      });
      return loadSwap(store, swap.id);
    });

  const partnerOnly = (actor: Actor, swap: ShiftSwap) => {
    if (swap.partnerId !== actor.userId) throw new ForbiddenError(words('wfm.swap_partner_only'));
  };
  step('consent', ['agent'], 'The teammate asked consents to the swap; it then waits for the team leader', ['proposed'], 'consented', partnerOnly);
  step('decline', ['agent'], 'The teammate asked declines the swap', ['proposed'], 'declined', partnerOnly);
  step('cancel', ['agent'], 'The requester withdraws a swap not yet decided', ['proposed', 'consented'], 'cancelled', (actor, swap) => {
    if (swap.requesterId !== actor.userId) throw new ForbiddenError(words('wfm.swap_own_cancel'));
  });
  const leaderOf = (actor: Actor, swap: ShiftSwap) => checkLeader(actor, swap.teamId);
  step('refuse', leaveDeciders, 'The team leader refuses a swap with a reason', ['proposed', 'consented'], 'refused', leaderOf);
  step(
    'approve',
    leaveDeciders,
    "The team leader approves a swap both agents agreed to: the roster changes at once, both agents are notified, the reports' scheduled time follows",
    ['consented'],
    'approved',
    (actor, swap) => {
      checkLeader(actor, swap.teamId);
      if (swap.status === 'proposed') throw new ConflictError(words('wfm.swap_not_consented'));
    },
    async (tx, actor, swap, text) => {
      // Two proposals made at the same moment both pass the limit when proposed: the leader's approval is where it holds.
      if (!swap.repays) {
        const { from, to } = monthRange(swap.requesterDate.slice(0, 7));
        const [approved] = await tx.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM wfm_swaps WHERE requester_id = $1 AND repays IS NULL AND status = 'approved' AND id <> $2
              AND requester_date BETWEEN $3::date AND $4::date`,
          [swap.requesterId, swap.id, from, to],
        );
        if (approved!.n >= SWAPS_PER_MONTH) {
          throw new ConflictError(words('wfm.swaps_approved_per_month', { most: SWAPS_PER_MONTH, agent: swap.requesterName, month: swap.requesterDate.slice(0, 7) }));
        }
      }
      const { given, taken } = await checkShifts(tx, swap);
      const moves = [{ shift: given, to: swap.partnerId }, ...(taken ? [{ shift: taken, to: swap.requesterId }] : [])];
      const changes = [];
      for (const { shift, to } of moves) {
        await tx.query('UPDATE wfm_roster_shifts SET user_id = $3 WHERE user_id = $1 AND date = $2', [shift.userId, shift.date, to]);
        changes.push(
          { userId: shift.userId, teamId: shift.teamId, month: shift.month, date: shift.date, before: asChange(shift), after: null },
          { userId: to, teamId: shift.teamId, month: shift.month, date: shift.date, before: null, after: asChange(shift) },
        );
      }
      const names = `${swap.requesterName} ⇄ ${swap.partnerName}`;
      await recordChanges(tx, log, changes, { cause: 'swap', note: text ? `${names}：${text}` : names, by: actor.userId, at: clock.now() });
    },
  );
}
