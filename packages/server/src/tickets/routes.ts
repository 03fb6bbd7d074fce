import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketCreators, ticketDispatchers, ticketTypeAdmins } from '@banzu/contract';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import { sendWorkbook } from '../reports/excel';
import { exportLanguage } from '../spreadsheet/index';
import { ticketsToExport, ticketsWorkbook } from './export';
import { ticketReport, ticketReportWorkbook, reportQuerySchema } from './report';
import {
  actOnTicket,
  assignSchema,
  createTicket,
  createTicketSchema,
  listNotifications,
  listQuerySchema,
  linkCall,
  listTickets,
  loadTicket,
  readNotifications,
  resolveAssignee,
  superviseTickets,
  useArticle,
} from './service';
import { listTicketTypes, putTicketType, replaceTicketTypes, ticketTypeSchema } from './types';
import { centerTimeZone } from '../org/center';

const tags = ['tickets'];
/** How often supervision runs by itself between reads. */
const SWEEP_MS = 60_000;
const idParams = z.object({ id: z.string().min(1) });
const reason = z.string().trim().max(2000, { message: 'tickets.at_most' }).default('');
/** The callback's and the field visit's rating. */
const rating = z.number({ message: 'tickets.rating' }).int({ message: 'tickets.rating' }).min(1, { message: 'tickets.rating' }).max(5, { message: 'tickets.rating' });

/** Tickets (工单), their types and SLA, the leader's lists, reports, export and notifications. */
export async function ticketRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock, log } = app.banzu;
  // Every read is up to the clock: the reminders and escalations due by now are recorded first.
  const supervised = async () => {
    const now = clock.now();
    await superviseTickets(store, log, now);
    return now;
  };
  // The live channel tells of a reminder or an escalation about when it falls due, even while nobody reads tickets.
  const sweep = setInterval(() => {
    supervised().catch((err: unknown) => app.log.warn({ err }, 'ticket supervision failed'));
  }, SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  routes.get('/api/v1/ticket-types', { config: { roles: 'any' }, schema: { tags, summary: 'Ticket types with their SLA' } }, () => listTicketTypes(store));

  routes.put(
    '/api/v1/ticket-types',
    {
      config: { roles: ticketTypeAdmins },
      schema: {
        tags,
        summary: 'Replace the ticket types (a list), or add or change one (a single type); open tickets keep their deadlines',
        body: z.union([z.array(ticketTypeSchema).min(1).max(100), z.object({ types: z.array(ticketTypeSchema).min(1).max(100) }), ticketTypeSchema]),
      },
    },
    async (request) => {
      const body = request.body;
      const actor = actorOf(request);
      await store.transaction(async (tx) => {
        if (Array.isArray(body) || 'types' in body) await replaceTicketTypes(tx, Array.isArray(body) ? body : body.types);
        else await putTicketType(tx, body);
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'update',
          subject: 'ticket_types',
          rowCount: Array.isArray(body) ? body.length : 'types' in body ? body.types.length : 1,
          detail: { body },
        });
      });
      return listTicketTypes(store);
    },
  );

  routes.put(
    '/api/v1/ticket-types/:code',
    {
      config: { roles: ticketTypeAdmins },
      schema: { tags, summary: 'Add or change one ticket type', params: z.object({ code: z.string() }), body: ticketTypeSchema.omit({ code: true }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const type = { ...request.body, code: request.params.code };
      const parsed = ticketTypeSchema.safeParse(type);
      if (!parsed.success) throw new BadRequestError(words('tickets.type_code_invalid', { code: request.params.code }));
      await store.transaction(async (tx) => {
        await putTicketType(tx, parsed.data);
        await writeAudit(tx, { userId: actor.userId, action: 'update', subject: 'ticket_types', rowCount: 1, detail: { type } });
      });
      return listTicketTypes(store);
    },
  );

  routes.post('/api/v1/tickets', { config: { roles: ticketCreators }, schema: { tags, summary: 'Accept a ticket (受理)', body: createTicketSchema } }, async (request, reply) =>
    reply.status(201).send(await createTicket(store, actorOf(request), request.body, clock.now())),
  );

  routes.get('/api/v1/tickets', { config: { roles: 'any' }, schema: { tags, summary: 'Tickets in your scope', querystring: listQuerySchema } }, async (request) =>
    listTickets(store, actorOf(request), request.query, await supervised()),
  );

  routes.get(
    '/api/v1/tickets/export.xlsx',
    {
      config: { roles: ticketDispatchers },
      schema: {
        tags,
        summary: 'Every listed ticket as an Excel workbook; a list of more than 10,000 is refused (400), to be narrowed first',
        querystring: listQuerySchema.omit({ limit: true, offset: true }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = await supervised();
      const tickets = await ticketsToExport(store, actor, request.query, now);
      const xlsx = await ticketsWorkbook(tickets, await centerTimeZone(store), exportLanguage(request));
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'tickets', rowCount: tickets.length, detail: { query: request.query } });
      return sendWorkbook(reply, 'tickets.xlsx', xlsx);
    },
  );

  routes.get(
    '/api/v1/tickets/report',
    {
      config: { roles: ticketDispatchers },
      schema: { tags, summary: 'Ticket figures by type, team, assignee, month or customer, with their total (format=xlsx: as a workbook)', querystring: reportQuerySchema },
    },
    async (request, reply) => {
      await supervised();
      const actor = actorOf(request);
      const { format, ...query } = request.query;
      const report = await ticketReport(store, actor, query);
      if (format === 'json') return report;
      const typeName = query.type ? ((await listTicketTypes(store)).find((t) => t.code === query.type)?.name ?? null) : null;
      const xlsx = await ticketReportWorkbook(report, query, typeName, exportLanguage(request));
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'ticket_report', rowCount: report.rows.length, detail: { query } });
      return sendWorkbook(reply, `banzu-tickets-${query.by}.xlsx`, xlsx);
    },
  );

  routes.get('/api/v1/tickets/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One ticket with every step', params: idParams } }, async (request) =>
    loadTicket(store, actorOf(request), request.params.id, await supervised()),
  );

  routes.post(
    '/api/v1/tickets/:id/assign',
    { config: { roles: ticketDispatchers }, schema: { tags, summary: 'Assign (交办) to a person, team, department or field team', params: idParams, body: assignSchema } },
    async (request) => {
      const to = await resolveAssignee(store, request.body);
      return actOnTicket(store, log, actorOf(request), request.params.id, { type: 'assign', to, ...(request.body.note ? { note: request.body.note } : {}) }, clock.now());
    },
  );

  routes.post(
    '/api/v1/tickets/:id/notes',
    {
      config: { roles: ticketCreators },
      schema: {
        tags,
        summary: 'Record a handling step (跟进)',
        params: idParams,
        body: z.object({ text: z.string({ message: 'tickets.note_required' }).trim().min(1, { message: 'tickets.note_required' }).max(4000, { message: 'tickets.note_long' }) }),
      },
    },
    (request) => actOnTicket(store, log, actorOf(request), request.params.id, { type: 'note', text: request.body.text }, clock.now()),
  );

  routes.post(
    '/api/v1/tickets/:id/bounce',
    {
      config: { roles: ticketCreators },
      schema: {
        tags,
        summary: 'Send it back to the dispatcher (退单)',
        params: idParams,
        body: z.object({
          reason: z
            .string({ message: 'tickets.bounce_reason_required' })
            .trim()
            .min(1, { message: 'tickets.bounce_reason_required' })
            .max(2000, { message: 'tickets.bounce_reason_long' }),
        }),
      },
    },
    (request) => actOnTicket(store, log, actorOf(request), request.params.id, { type: 'bounce', reason: request.body.reason }, clock.now()),
  );

  routes.post(
    '/api/v1/tickets/:id/close',
    {
      config: { roles: ticketCreators },
      schema: {
        tags,
        summary: 'Close (办结): a callback is then due; a field visit closes with the customer’s signature and rating',
        params: idParams,
        body: z
          .object({
            resolution: reason,
            visit: z
              .object({
                signedBy: z.string({ message: 'tickets.signature_required' }).trim().min(1, { message: 'tickets.signature_required' }).max(100),
                rating: rating.nullable().default(null),
              })
              .optional(),
          })
          .default({ resolution: '' }),
      },
    },
    (request) => {
      const { resolution, visit } = request.body;
      return actOnTicket(store, log, actorOf(request), request.params.id, { type: 'close', resolution, ...(visit ? { visit } : {}) }, clock.now());
    },
  );

  routes.post(
    '/api/v1/tickets/:id/reopen',
    {
      config: { roles: ticketCreators },
      schema: { tags, summary: 'Reopen a closed ticket; its clock starts again', params: idParams, body: z.object({ reason }).default({ reason: '' }) },
    },
    (request) => actOnTicket(store, log, actorOf(request), request.params.id, { type: 'reopen', reason: request.body.reason }, clock.now()),
  );

  routes.post(
    '/api/v1/tickets/:id/callback',
    {
      config: { roles: ticketCreators },
      schema: {
        tags,
        summary: 'The callback (回访): not solved reopens the ticket',
        params: idParams,
        body: z.object({
          solved: z.boolean({ message: 'tickets.solved_required' }),
          satisfaction: rating.nullable().default(null),
          note: z.string().max(2000, { message: 'tickets.callback_note_long' }).default(''),
        }),
      },
    },
    (request) => {
      const { solved, satisfaction, note } = request.body;
      return actOnTicket(store, log, actorOf(request), request.params.id, { type: 'callback', result: { solved, satisfaction }, note }, clock.now());
    },
  );

  routes.post(
    '/api/v1/tickets/:id/calls',
    {
      config: { roles: ticketCreators },
      schema: {
        tags,
        summary: 'Link a later call to the ticket: while it is open, a repeat contact that no first-contact resolution counts',
        params: idParams,
        body: z.object({ callId: z.string().min(1).max(100) }),
      },
    },
    (request) => linkCall(store, log, actorOf(request), request.params.id, request.body.callId, clock.now()),
  );

  routes.post(
    '/api/v1/tickets/:id/articles',
    { config: { roles: ticketCreators }, schema: { tags, summary: 'A knowledge base article helped with it', params: idParams, body: z.object({ articleId: z.string().min(1) }) } },
    (request) => useArticle(store, actorOf(request), request.params.id, request.body.articleId, clock.now()),
  );

  routes.get(
    '/api/v1/ticket-notifications',
    { config: { roles: 'any' }, schema: { tags, summary: 'Your ticket notifications, newest first', querystring: z.object({ unread: z.enum(['true', 'false']).optional() }) } },
    async (request) => {
      await supervised();
      return { items: await listNotifications(store, actorOf(request), request.query.unread === 'true') };
    },
  );

  routes.post(
    '/api/v1/ticket-notifications/read',
    {
      config: { roles: 'any' },
      schema: { tags, summary: 'Mark your notifications read (those listed, or all)', body: z.object({ ids: z.array(z.number().int()).max(500).optional() }) },
    },
    async (request, reply) => {
      await readNotifications(store, actorOf(request), request.body.ids ?? null, clock.now());
      return reply.status(204).send();
    },
  );
}
