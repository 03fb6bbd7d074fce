import { z } from 'zod';
import {
  applyTicketAction,
  assigneeKinds,
  BOUNCE_ESCALATION,
  callbackDue,
  dueSupervision,
  slaMoments,
  slaStanding,
  supervisionKey,
  teamScope,
  ticketPriorities,
  ticketStatuses,
  visibleNumber,
  TicketTransitionError,
  type Actor,
  type Assignee,
  type CallbackResult,
  type DomainEvent,
  type EscalationLevel,
  type TicketAction,
  type TicketPriority,
  type TicketState,
  type TicketStatus,
} from '@banzu/core';
import { ticketChannels, ticketViews, type Ticket, type TicketDetail, type TicketNotification, type TicketPage, type TicketStep } from '@banzu/contract';
import { loadCustomer } from '../crm/index';
import { createArticle, loadArticle } from '../kb/index';
import { ApiError, BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { words, type Wording } from '../http/messages';
import type { EventLog } from '../events/index';
import type { Queryable, Store } from '../store/index';
import { loadCenterCalendar } from '../wfm/index';
import { ticketType } from './types';

export const createTicketSchema = z.object({
  type: z.string({ message: 'tickets.type_required' }).min(1, { message: 'tickets.type_required' }).max(32, { message: 'tickets.type_code_long' }),
  title: z.string({ message: 'tickets.title_required' }).trim().min(1, { message: 'tickets.title_required' }).max(200, { message: 'tickets.title_long' }),
  description: z.string().max(8000, { message: 'tickets.description_long' }).default(''),
  customerId: z.string().min(1).nullish(),
  callId: z.string().min(1).max(100).nullish(),
  /** The caller's number, when the call is not (yet) recorded or the ticket came another way. */
  caller: z.string().trim().min(1).max(40).nullish(),
  priority: z.enum(ticketPriorities, { message: 'tickets.priority' }).default('normal'),
  channel: z.enum(ticketChannels, { message: 'tickets.channel' }).default('phone'),
  serviceRecordId: z.uuid().nullish(),
});

/**
 * To whom: a person (by id, username or 工号), a team, or a department or field team by name.
 * One of them.
 */
export const assignSchema = z
  .object({
    userId: z.string().min(1).max(100).optional(),
    /** The same as userId: a person by id, username or 工号. */
    assignee: z.string().min(1).max(100).optional(),
    assigneeId: z.string().min(1).max(100).optional(),
    teamId: z.string().min(1).max(100).optional(),
    department: z.string().trim().min(1).max(100).optional(),
    fieldTeam: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(assigneeKinds, { message: 'tickets.assignee_kind' }).optional(),
    id: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    note: z.string().max(2000, { message: 'tickets.assign_note_long' }).default(''),
  })
  .refine((b) => [b.userId, b.assigneeId, b.assignee, b.teamId, b.department, b.fieldTeam, b.kind].filter((v) => v !== undefined).length === 1, {
    message: 'tickets.one_assignee',
  });

export const listQuerySchema = z.object({
  status: z
    .string()
    // Empty means any, as a form sends a filter left blank.
    .regex(new RegExp(`^$|^(${ticketStatuses.join('|')})(,(${ticketStatuses.join('|')}))*$`), 'tickets.status_list')
    .optional(),
  overdue: z.enum(['true', 'false', ''], { message: 'tickets.overdue_filter' }).optional(),
  view: z.enum(ticketViews, { message: 'tickets.view' }).optional(),
  type: z.string().min(1).max(32).optional(),
  /** Only the types that are registers of their own (市长专线). */
  register: z.enum(['true', 'false'], { message: 'tickets.register_filter' }).optional(),
  teamId: z.string().min(1).optional(),
  customerId: z.uuid({ message: 'tickets.customer_id' }).optional(),
  callId: z.string().min(1).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500, { message: 'tickets.page_long' }).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TicketQuery = z.infer<typeof listQuerySchema>;

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface TicketRow {
  id: string;
  seq: string;
  type: string;
  type_name: string;
  title: string;
  description: string;
  priority: TicketPriority;
  channel: string;
  status: TicketStatus;
  customer_id: string | null;
  customer_name: string | null;
  call_id: string | null;
  call_ids: string[];
  caller: string | null;
  service_record_id: string | null;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  assignee_kind: Assignee['kind'] | null;
  assignee_id: string | null;
  assignee_name: string | null;
  bounces: number;
  reopens: number;
  callback: CallbackResult | null;
  supervision: string[];
  article_used: boolean;
  /** The type's flag: closed with no article used, it proposes one. */
  proposes_article: boolean;
  clock_started_at: string;
  remind_at: string;
  due_at: string;
  manager_at: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

const ticketSelect = `SELECT t.id, t.seq, t.type, tt.name AS type_name, tt.proposes_article, t.title, t.description, t.priority, t.channel, t.status, t.customer_id,
  c.name AS customer_name, t.call_id,
  (SELECT coalesce(array_agg(tc.call_id ORDER BY tc.linked_at, tc.call_id), '{}') FROM ticket_calls tc WHERE tc.ticket_id = t.id) AS call_ids, t.caller, t.service_record_id, t.owner_id, o.display_name AS owner_name, t.team_id, t.assignee_kind,
  t.assignee_id, t.assignee_name, t.bounces, t.reopens, t.callback, t.supervision, t.article_used, ${iso('t.clock_started_at')} AS clock_started_at,
  ${iso('t.remind_at')} AS remind_at, ${iso('t.due_at')} AS due_at, ${iso('t.manager_at')} AS manager_at, ${iso('t.created_at')} AS created_at,
  ${iso('t.updated_at')} AS updated_at, ${iso('t.closed_at')} AS closed_at
  FROM tickets t JOIN ticket_types tt ON tt.code = t.type JOIN users o ON o.id = t.owner_id LEFT JOIN customers c ON c.id = t.customer_id`;

const stateOf = (row: TicketRow): TicketState => ({
  status: row.status,
  assignee: row.assignee_kind ? { kind: row.assignee_kind, id: row.assignee_id!, name: row.assignee_name! } : null,
  bounces: row.bounces,
  reopens: row.reopens,
  callback: row.callback,
});

function toTicket(row: TicketRow, actor: Actor | null, now: number): Ticket {
  const state = stateOf(row);
  const moments = { remindAt: Date.parse(row.remind_at), dueAt: Date.parse(row.due_at) };
  const escalation: EscalationLevel | null = row.supervision.includes('escalation:manager') ? 'manager' : row.supervision.includes('escalation:leader') ? 'leader' : null;
  return {
    id: row.id,
    no: ticketNo(row.seq),
    type: row.type,
    typeName: row.type_name,
    title: row.title,
    description: row.description,
    priority: row.priority,
    channel: row.channel,
    status: row.status,
    customerId: row.customer_id,
    customerName: row.customer_name,
    callId: row.call_id,
    callIds: row.call_ids,
    caller: visibleNumber(actor, row.caller),
    serviceRecordId: row.service_record_id,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
    assignee: state.assignee,
    bounces: row.bounces,
    reopens: row.reopens,
    callback: row.callback,
    callbackDue: callbackDue(state),
    clockStartedAt: row.clock_started_at,
    remindAt: row.remind_at,
    dueAt: row.due_at,
    managerAt: row.manager_at,
    // A closed ticket stands where it stood when it was closed.
    standing: slaStanding(moments, row.closed_at ? Date.parse(row.closed_at) : now),
    escalation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** GD000123: the number people quote on the phone. */
export const ticketNo = (seq: string | number) => `GD${String(seq).padStart(6, '0')}`;

/**
 * The SQL condition for the tickets a caller sees: the floor-wide roles all; a team leader the
 * team's (accepted by or assigned to it or one of its people); an agent those accepted by or
 * assigned to them. Appends its parameters to `params`.
 */
export function ticketScopeCondition(actor: Actor, params: unknown[]): string {
  const scope = teamScope(actor);
  if (scope.kind === 'all') return 'true';
  params.push(actor.userId);
  const me = `$${params.length}`;
  const mine = `(t.owner_id = ${me} OR (t.assignee_kind = 'user' AND t.assignee_id = ${me}))`;
  if (actor.role === 'agent' || scope.kind === 'none') return mine;
  return `(${mine} OR ${teamCondition(scope.teamId, params)})`;
}

/**
 * The SQL condition for a team's tickets: accepted by the team, or assigned to it or to one of its
 * people (a ticket another team accepted and passed to this one is this team's to handle).
 * Appends its parameter to `params`.
 */
function teamCondition(teamId: string, params: unknown[]): string {
  params.push(teamId);
  const team = `$${params.length}`;
  return `(t.team_id = ${team} OR (t.assignee_kind = 'team' AND t.assignee_id = ${team})
    OR (t.assignee_kind = 'user' AND t.assignee_id IN (SELECT id FROM users WHERE team_id = ${team})))`;
}

const notFound = (id: string) => new NotFoundError(words('tickets.not_found', { id }));

async function ticketRow(db: Queryable, actor: Actor | null, id: string, lock = false): Promise<TicketRow> {
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const params: unknown[] = [id];
  const scope = actor ? ticketScopeCondition(actor, params) : 'true';
  const [row] = await db.query<TicketRow>(`${ticketSelect} WHERE t.id = $1 AND ${scope}${lock ? ' FOR UPDATE OF t' : ''}`, params);
  if (!row) throw notFound(id);
  return row;
}

/** One ticket with every step, within the caller's scope (404 outside it). */
export async function loadTicket(db: Queryable, actor: Actor | null, id: string, now: number): Promise<TicketDetail> {
  const row = await ticketRow(db, actor, id);
  const steps = await db.query<TicketStep>(
    `SELECT s.id::int AS id, ${iso('s.at')} AS at, s.user_id AS "userId", u.display_name AS "userName", s.action, s.detail
     FROM ticket_steps s LEFT JOIN users u ON u.id = s.user_id WHERE s.ticket_id = $1 ORDER BY s.at, s.id`,
    [id],
  );
  return { ...toTicket(row, actor, now), steps };
}

/** Tickets within the caller's scope, most urgent first: by deadline for open ones, newest closed after. */
export async function listTickets(db: Queryable, actor: Actor, q: TicketQuery, now: number): Promise<TicketPage> {
  const params: unknown[] = [];
  const where = [ticketScopeCondition(actor, params)];
  const add = (sql: string, ...values: unknown[]) => {
    let out = sql;
    for (const value of values) {
      params.push(value);
      out = out.replace('?', `$${params.length}`);
    }
    where.push(out);
  };
  const open = "t.status <> 'closed'";
  if (q.status) add('t.status = ANY(?::text[])', q.status.split(','));
  if (q.overdue === 'true') add(`${open} AND t.due_at <= ?`, new Date(now));
  if (q.overdue === 'false') add(`NOT (${open} AND t.due_at <= ?)`, new Date(now));
  if (q.type) add('t.type = ?', q.type);
  if (q.register) add(`tt.register = ?`, q.register === 'true');
  if (q.teamId) add('t.team_id = ?', q.teamId);
  if (q.customerId) add('t.customer_id = ?', q.customerId);
  if (q.callId) add('EXISTS (SELECT 1 FROM ticket_calls tc WHERE tc.ticket_id = t.id AND tc.call_id = ?)', q.callId);
  if (q.q) add("(t.title ILIKE ? OR t.description ILIKE ? OR ('GD' || lpad(t.seq::text, 6, '0')) = upper(?))", `%${q.q}%`, `%${q.q}%`, q.q);
  switch (q.view) {
    case 'mine':
      add("(t.owner_id = ? OR (t.assignee_kind = 'user' AND t.assignee_id = ?))", actor.userId, actor.userId);
      break;
    case 'team':
      if (actor.teamId) where.push(teamCondition(actor.teamId, params));
      break;
    case 'near_deadline':
      add(`${open} AND t.remind_at <= ? AND t.due_at > ?`, new Date(now), new Date(now));
      break;
    case 'overdue':
      add(`${open} AND t.due_at <= ?`, new Date(now));
      break;
    case 'callback':
      add("t.status = 'closed' AND t.callback IS NULL");
      break;
    case undefined:
      break;
  }
  const filter = `WHERE ${where.join(' AND ')}`;
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets t JOIN ticket_types tt ON tt.code = t.type ${filter}`, params);
  const rows = await db.query<TicketRow>(
    `${ticketSelect} ${filter} ORDER BY (t.status = 'closed'), CASE WHEN t.status <> 'closed' THEN t.due_at END, t.created_at DESC, t.seq DESC
     LIMIT ${q.limit} OFFSET ${q.offset}`,
    params,
  );
  return { total: count?.n ?? 0, items: rows.map((row) => toTicket(row, actor, now)) };
}

async function step(db: Queryable, ticketId: string, at: number, userId: string | null, action: string, detail: Record<string, unknown> = {}) {
  await db.query('INSERT INTO ticket_steps (ticket_id, at, user_id, action, detail) VALUES ($1, $2, $3, $4, $5)', [ticketId, new Date(at), userId, action, JSON.stringify(detail)]);
}

/** Who the desktop's message of a ticket notification is from. */
const NOTICE_SENDER = '工单提醒';

/**
 * The notifications of one transaction: rows for the console's bell, and for each one a desktop
 * message on the live channel (`agent.message_sent` to that user), appended by `send` as the
 * transaction's last step, so nobody is told of a step that rolled back.
 */
function notifier(tx: Queryable, log: EventLog) {
  const messages: DomainEvent[] = [];
  return {
    async notify(userIds: readonly string[], ticketId: string, kind: string, message: string, at: number): Promise<void> {
      for (const userId of new Set(userIds)) {
        const [row] = await tx.query<{ id: string }>(
          'INSERT INTO ticket_notifications (user_id, ticket_id, kind, message, at) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id',
          [userId, ticketId, kind, message, new Date(at)],
        );
        messages.push({ type: 'agent.message_sent', stream: userId, at, payload: { id: `ticket-${row!.id}`, fromUserId: '', fromName: NOTICE_SENDER, text: message } });
      }
    },
    send: () => log.appendIn(tx, messages),
  };
}

/** The team leaders of these teams. */
async function leadersOf(db: Queryable, teamIds: readonly (string | null)[]): Promise<string[]> {
  const teams = teamIds.filter((t): t is string => t !== null);
  if (teams.length === 0) return [];
  const rows = await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'team_leader' AND NOT disabled AND team_id = ANY($1::text[])", [teams]);
  return rows.map((r) => r.id);
}

/** Who handles the ticket now: the assigned person, the assigned team's leaders, or else its owner. */
async function handlersOf(db: Queryable, row: Pick<TicketRow, 'assignee_kind' | 'assignee_id' | 'owner_id'>): Promise<string[]> {
  if (row.assignee_kind === 'user') return [row.assignee_id!];
  if (row.assignee_kind === 'team') return leadersOf(db, [row.assignee_id]);
  return [row.owner_id];
}

/** Where the ticket's escalations go: the leaders of its team and of the team it was assigned to. */
async function escalationLeaders(db: Queryable, row: Pick<TicketRow, 'team_id' | 'assignee_kind' | 'assignee_id'>): Promise<string[]> {
  const assignedTeam = row.assignee_kind === 'team' ? row.assignee_id : null;
  const assignedPerson =
    row.assignee_kind === 'user' ? ((await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [row.assignee_id]))[0]?.team_id ?? null) : null;
  const leaders = await leadersOf(db, [row.team_id, assignedTeam, assignedPerson]);
  if (leaders.length > 0) return leaders;
  // A ticket of no team (taken by a manager for a letter) goes to the floor's supervisors.
  return (await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'supervisor' AND NOT disabled")).map((r) => r.id);
}

async function managers(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'manager' AND NOT disabled")).map((r) => r.id);
}

/**
 * 受理: accepts a ticket, owned by the caller (首问负责制) in the caller's team, with its SLA clock
 * started now. A customer must be one the caller may see.
 */
export async function createTicket(store: Store, actor: Actor, input: z.infer<typeof createTicketSchema>, now: number): Promise<TicketDetail> {
  const type = await ticketType(store, input.type);
  if (input.customerId) await loadCustomer(store, actor, input.customerId);
  let caller = input.caller ?? null;
  if (input.callId && !caller) {
    const [call] = await store.query<{ from_number: string | null }>('SELECT from_number FROM call_records WHERE call_id = $1', [input.callId]);
    caller = call?.from_number ?? null;
  }
  const moments = slaMoments(now, type.sla, input.priority, await loadCenterCalendar(store));
  const id = await store.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO tickets (type, title, description, priority, channel, status, customer_id, call_id, caller, service_record_id, owner_id, team_id,
         clock_started_at, remind_at, due_at, manager_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $12, $12) RETURNING id`,
      [
        type.code,
        input.title,
        input.description,
        input.priority,
        input.channel,
        input.customerId ?? null,
        input.callId ?? null,
        caller,
        input.serviceRecordId ?? null,
        actor.userId,
        actor.teamId,
        new Date(now),
        new Date(moments.remindAt),
        new Date(moments.dueAt),
        new Date(moments.managerAt),
      ],
    );
    await step(tx, row!.id, now, actor.userId, 'accept', { type: type.code, priority: input.priority, callId: input.callId ?? null, dueAt: new Date(moments.dueAt).toISOString() });
    if (input.callId)
      await tx.query('INSERT INTO ticket_calls (ticket_id, call_id, linked_at, user_id, repeat) VALUES ($1, $2, $3, $4, false)', [
        row!.id,
        input.callId,
        new Date(now),
        actor.userId,
      ]);
    return row!.id;
  });
  return loadTicket(store, actor, id, now);
}

/** Resolves an assignment body to the one assignee it names; 400 for a person or team that does not exist. */
export async function resolveAssignee(db: Queryable, body: z.infer<typeof assignSchema>): Promise<Assignee> {
  const person = body.userId ?? body.assigneeId ?? body.assignee ?? (body.kind === 'user' ? body.id : undefined);
  if (person !== undefined) {
    const [user] = await db.query<{ id: string; display_name: string }>(
      'SELECT u.id, u.display_name FROM users u LEFT JOIN agents a ON a.user_id = u.id WHERE (u.id = $1 OR u.username = $1 OR a.employee_no = $1) AND NOT u.disabled LIMIT 1',
      [person],
    );
    if (!user) throw new BadRequestError(words('tickets.no_user', { user: person }), { assignee: person });
    return { kind: 'user', id: user.id, name: user.display_name };
  }
  const team = body.teamId ?? (body.kind === 'team' ? body.id : undefined);
  if (team !== undefined) {
    const [row] = await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1 OR name = $1 LIMIT 1', [team]);
    if (!row) throw new BadRequestError(words('tickets.no_team', { team }), { teamId: team });
    return { kind: 'team', id: row.id, name: row.name };
  }
  if (body.department) return { kind: 'department', id: body.department, name: body.department };
  if (body.fieldTeam) return { kind: 'field_team', id: body.fieldTeam, name: body.fieldTeam };
  const name = body.name ?? body.id;
  if (!name) throw new BadRequestError(words('tickets.department_name'));
  return { kind: body.kind as 'department' | 'field_team', id: name, name };
}

/** What an agent may do to a ticket beyond adding notes: the owner and the person handling it. */
function mayHandle(actor: Actor, row: TicketRow): boolean {
  if (actor.role !== 'agent') return true;
  return row.owner_id === actor.userId || (row.assignee_kind === 'user' && row.assignee_id === actor.userId) || (row.assignee_kind === 'team' && row.assignee_id === actor.teamId);
}

/** A step the ticket's state does not allow, worded by the lifecycle's code and the step refused. */
function transitionRefusal(code: TicketTransitionError['code'], step: TicketAction['type']): Wording {
  switch (code) {
    case 'ticket_closed':
      return words(step === 'close' ? 'tickets.closed' : 'tickets.closed_reopen_first');
    case 'ticket_not_closed':
      return words(step === 'callback' ? 'tickets.callback_not_closed' : 'tickets.reopen_not_closed');
    case 'not_assigned':
      return words('tickets.bounce_not_assigned');
    case 'callback_done':
      return words('tickets.callback_done');
    case 'bad_satisfaction':
      return words('tickets.bad_satisfaction');
  }
}

const actionNames: Record<TicketAction['type'], string> = { assign: '交办', note: '跟进', bounce: '退单', close: '办结', reopen: '重新打开', callback: '回访' };

/**
 * One handling step on a ticket in the caller's scope: checks the caller may take it, applies the
 * lifecycle, records the step and tells whoever must know. 409 for a step the state does not allow.
 */
export async function actOnTicket(store: Store, log: EventLog, actor: Actor, id: string, action: TicketAction, now: number): Promise<TicketDetail> {
  const calendar = action.type === 'reopen' || action.type === 'callback' ? await loadCenterCalendar(store) : null;
  await store.transaction(async (tx) => {
    const { notify, send } = notifier(tx, log);
    const row = await ticketRow(tx, actor, id, true);
    if (action.type !== 'note' && action.type !== 'callback' && !mayHandle(actor, row)) throw new ForbiddenError(words('tickets.handlers_only'));
    let next: TicketState;
    try {
      next = applyTicketAction(stateOf(row), action);
    } catch (err) {
      if (err instanceof TicketTransitionError) throw new ApiError(409, err.code, transitionRefusal(err.code, action.type), { status: row.status });
      throw err;
    }
    const reopened = next.reopens > row.reopens;
    const sets: string[] = ['status = $2', 'assignee_kind = $3', 'assignee_id = $4', 'assignee_name = $5', 'bounces = $6', 'reopens = $7', 'callback = $8', 'updated_at = $9'];
    const params: unknown[] = [
      id,
      next.status,
      next.assignee?.kind ?? null,
      next.assignee?.id ?? null,
      next.assignee?.name ?? null,
      next.bounces,
      next.reopens,
      next.callback ? JSON.stringify(next.callback) : null,
      new Date(now),
    ];
    if (action.type === 'close') sets.push('closed_at = $9');
    if (action.type === 'callback') sets.push('callback_at = $9');
    if (reopened) {
      // Reopened: the clock starts again, and so does its supervision.
      const type = await ticketType(tx, row.type);
      const m = slaMoments(now, type.sla, row.priority, calendar!);
      params.push(new Date(m.remindAt), new Date(m.dueAt), new Date(m.managerAt));
      sets.push(
        'closed_at = NULL',
        'clock_started_at = $9',
        `remind_at = $${params.length - 2}`,
        `due_at = $${params.length - 1}`,
        `manager_at = $${params.length}`,
        "supervision = '{}'",
      );
    }
    await tx.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, params);
    await step(tx, id, now, actor.userId, action.type, Object.fromEntries(Object.entries(action).filter(([key]) => key !== 'type')));
    const no = ticketNo(row.seq);
    const title = `${no}「${row.title}」`;
    if (action.type === 'assign')
      await notify(await handlersOf(tx, { ...row, assignee_kind: action.to.kind, assignee_id: action.to.id }), id, 'assigned', `工单${title}已交办给您处理`, now);
    if (action.type === 'bounce') {
      await notify([row.owner_id, ...(await leadersOf(tx, [row.team_id]))], id, 'bounced', `工单${title}被退单：${action.reason}`, now);
      if (next.bounces >= BOUNCE_ESCALATION) {
        await step(tx, id, now, null, 'escalation', { level: 'leader', reason: 'bounces', bounces: next.bounces });
        await notify(await escalationLeaders(tx, row), id, 'escalation', `工单${title}已被退单 ${next.bounces} 次，请督办`, now);
      }
    }
    if (action.type === 'close' && row.proposes_article && !row.article_used) {
      // A question the knowledge base could not answer (a type flagged so, 咨询 by default): its answer is proposed as an article for review.
      const body = [row.description, action.resolution].filter((text) => text.trim() !== '').join('\n\n');
      await createArticle(
        tx,
        actor,
        { title: row.title, body, category: row.type_name, tags: [], queueIds: [], products: [], validFrom: null, validTo: null, draft: false },
        now,
        id,
      );
    }
    if (reopened)
      await notify(
        await handlersOf(tx, { ...row, assignee_kind: next.assignee?.kind ?? null, assignee_id: next.assignee?.id ?? null }),
        id,
        'reopened',
        `工单${title}已重新打开（${actionNames[action.type]}）`,
        now,
      );
    await send();
  });
  return loadTicket(store, actor, id, now);
}

/**
 * 督办: records the reminders and escalations that fell due by `now` on tickets not closed, each once
 * (a concurrent sweep cannot record one twice), at the moment it fell due, and notifies the handler,
 * the team leaders and then the managers. Runs before every read of tickets and notifications, so
 * what people see is always up to the clock.
 *
 * @example
 * await superviseTickets(store, log, clock.now()); // 2: a reminder and an escalation were due
 */
export async function superviseTickets(store: Store, log: EventLog, now: number): Promise<number> {
  const at = new Date(now);
  const due = await store.query<TicketRow>(
    `${ticketSelect} WHERE t.status <> 'closed' AND ((t.remind_at <= $1 AND NOT ('reminder' = ANY(t.supervision)))
       OR (t.due_at <= $1 AND NOT ('escalation:leader' = ANY(t.supervision))) OR (t.manager_at <= $1 AND NOT ('escalation:manager' = ANY(t.supervision))))`,
    [at],
  );
  let taken = 0;
  for (const row of due) {
    const moments = { remindAt: Date.parse(row.remind_at), dueAt: Date.parse(row.due_at), managerAt: Date.parse(row.manager_at) };
    for (const s of dueSupervision(moments, now, new Set(row.supervision))) {
      const key = supervisionKey(s);
      await store.transaction(async (tx) => {
        const { notify, send } = notifier(tx, log);
        const claimed = await tx.query('UPDATE tickets SET supervision = array_append(supervision, $2) WHERE id = $1 AND NOT ($2 = ANY(supervision)) RETURNING id', [row.id, key]);
        if (claimed.length === 0) return;
        taken++;
        const title = `${ticketNo(row.seq)}「${row.title}」`;
        const dueAt = new Date(moments.dueAt).toISOString();
        if (s.kind === 'reminder') {
          await step(tx, row.id, s.at, null, 'reminder', { dueAt });
          await notify(await handlersOf(tx, row), row.id, 'reminder', `工单${title}即将到期，请尽快处理`, s.at);
        } else {
          await step(tx, row.id, s.at, null, 'escalation', { level: s.level, dueAt });
          const to = s.level === 'leader' ? await escalationLeaders(tx, row) : await managers(tx);
          await notify([...to, ...(await handlersOf(tx, row))], row.id, 'escalation', `工单${title}已超时未办结，已升级至${s.level === 'leader' ? '班组长' : '经理'}`, s.at);
        }
        await send();
      });
    }
  }
  return taken;
}

/** The caller's notifications, newest first. */
export async function listNotifications(db: Queryable, actor: Actor, unreadOnly: boolean): Promise<TicketNotification[]> {
  return db.query<TicketNotification>(
    `SELECT n.id::int AS id, n.ticket_id AS "ticketId", 'GD' || lpad(t.seq::text, 6, '0') AS "ticketNo", n.kind, n.message, ${iso('n.at')} AS at,
       n.read_at IS NOT NULL AS read
     FROM ticket_notifications n JOIN tickets t ON t.id = n.ticket_id WHERE n.user_id = $1 ${unreadOnly ? 'AND n.read_at IS NULL' : ''}
     ORDER BY n.at DESC, n.id DESC LIMIT 200`,
    [actor.userId],
  );
}

/** Marks the caller's notifications read (those listed, or all). */
export async function readNotifications(db: Queryable, actor: Actor, ids: readonly number[] | null, now: number): Promise<void> {
  await db.query(`UPDATE ticket_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL ${ids ? 'AND id = ANY($3::bigint[])' : ''}`, [
    actor.userId,
    new Date(now),
    ...(ids ? [ids] : []),
  ]);
}

/**
 * Links a later call to the ticket (the customer called again about it). While the ticket is not
 * closed the call is a repeat contact: the `ticket.call_linked` event tells the reports that
 * neither it nor the ticket's earlier calls resolved the problem at first contact. Linking a call
 * twice changes nothing.
 *
 * @example
 * await linkCall(store, log, agent, ticketId, 'call-42', clock.now());
 */
export async function linkCall(store: Store, log: EventLog, actor: Actor, id: string, callId: string, now: number): Promise<TicketDetail> {
  await store.transaction(async (tx) => {
    const row = await ticketRow(tx, actor, id, true);
    const earlier = (await tx.query<{ call_id: string }>('SELECT call_id FROM ticket_calls WHERE ticket_id = $1 ORDER BY linked_at, call_id', [id])).map((r) => r.call_id);
    if (earlier.includes(callId)) return;
    const repeat = row.status !== 'closed';
    await tx.query('INSERT INTO ticket_calls (ticket_id, call_id, linked_at, user_id, repeat) VALUES ($1, $2, $3, $4, $5)', [id, callId, new Date(now), actor.userId, repeat]);
    await tx.query('UPDATE tickets SET updated_at = $2 WHERE id = $1', [id, new Date(now)]);
    await step(tx, id, now, actor.userId, 'call', { callId, repeat });
    await log.appendIn(tx, [{ type: 'ticket.call_linked', stream: id, at: now, payload: { callId, earlierCallIds: earlier, repeat } }]);
  });
  return loadTicket(store, actor, id, now);
}

/** Records that an article of the knowledge base helped with the ticket (a closed consultation then proposes none). */
export async function useArticle(store: Store, actor: Actor, id: string, articleId: string, now: number): Promise<TicketDetail> {
  const article = await loadArticle(store, actor, articleId);
  await store.transaction(async (tx) => {
    await ticketRow(tx, actor, id, true);
    await tx.query('UPDATE tickets SET article_used = true, updated_at = $2 WHERE id = $1', [id, new Date(now)]);
    await tx.query('UPDATE kb_articles SET helpful = helpful + 1 WHERE id = $1', [articleId]);
    await step(tx, id, now, actor.userId, 'article', { articleId, title: article.title });
  });
  return loadTicket(store, actor, id, now);
}
