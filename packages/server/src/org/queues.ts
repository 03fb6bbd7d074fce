import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queue, QueueRouting } from '@banzu/contract';
import { orgAdminRoles, resolveQueues, RoutingError, type QueueConfig, type Strategy, type WideningStep } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, NotFoundError, Refusal } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { hoursSchema } from './center';
import { assertExists } from './references';

const strategies = ['longest_idle', 'round_robin', 'fewest_calls', 'least_talk_time', 'ring_all', 'linear', 'random'] as const satisfies readonly Strategy[];
const seconds = (max: number, min = 0) => z.number().int().min(min).max(max);
const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[\d-]{3,32}$/, 'queue.forward_number');

const overflowAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: z.string().min(1) }),
  z.object({ kind: z.literal('callback') }),
  z.object({ kind: z.literal('forward'), number: phoneNumber }),
  z.object({ kind: z.literal('voicemail'), mailbox: z.string().trim().min(1).max(64) }),
]);

/**
 * How the router treats a queue's calls: core's `QueueConfig` without the fields kept elsewhere
 * (id, priority, requiredSkills are columns; the time zone is the center's). Absent settings take
 * core's defaults (docs/routing.md), except:
 * - `agents`: absent means every enabled agent, in 工号 order. The skill requirement and the
 *   widening already decide who may take a call, so a list is only needed to restrict the queue to
 *   some people or to give `linear`/`round_robin` their order.
 * - `widening`: absent means one level short after 30 s and two after 60 s; `[]` means none.
 */
export const routingSchema = z.strictObject({
  strategy: z.enum(strategies).optional(),
  ringTimeoutSeconds: seconds(300, 1).optional(),
  wrapUpSeconds: seconds(3600).optional(),
  maxWrapUpExtensionSeconds: seconds(3600).optional(),
  maxWait: z.strictObject({ seconds: seconds(86_400, 1), action: overflowAction }).optional(),
  maxLength: z.strictObject({ calls: z.number().int().min(0).max(100_000), action: overflowAction }).optional(),
  noAgentsAction: overflowAction.optional(),
  /** Opening hours of this queue instead of the center's, in the center's time zone. */
  hours: z.strictObject({ hours: hoursSchema, holidays: z.array(z.iso.date()).max(400).default([]) }).optional(),
  afterHoursAction: z
    .discriminatedUnion('kind', [
      // 呼叫转移: to the duty person's phone.
      z.object({ kind: z.literal('forward'), number: phoneNumber }),
      z.object({ kind: z.literal('message'), message: z.string().trim().min(1).max(500) }),
      z.object({ kind: z.literal('callback') }),
    ])
    .optional(),
  widening: z
    .array(z.strictObject({ afterSeconds: seconds(86_400), minLevelDrop: z.number().int().min(1).max(4) }))
    .max(10)
    .optional(),
  agents: z
    .array(z.string().min(1))
    .max(10_000)
    .refine((ids) => new Set(ids).size === ids.length, 'queue.agent_twice')
    .optional(),
  announceEverySeconds: seconds(3600).optional(),
  expectedHandleSeconds: seconds(36_000, 1).optional(),
  record: z.boolean().optional(),
}) satisfies z.ZodType<QueueRouting>;

/** Callers should not wait long for the perfect agent: widen by a level after 30 s, two after 60 s. */
const defaultWidening: WideningStep[] = [
  { afterSeconds: 30, minLevelDrop: 1 },
  { afterSeconds: 60, minLevelDrop: 2 },
];

/**
 * The router's view of a stored queue. `agentIds` are the routable agents in 工号 order: the
 * default members, and the filter for a stored member list (a disabled or deleted agent drops out).
 */
export function queueConfig(
  queue: Pick<Queue, 'id' | 'priority' | 'requiredSkills' | 'routing'> & Partial<Pick<Queue, 'disabled'>>,
  timeZone: string,
  agentIds: readonly string[],
): QueueConfig {
  const { hours, widening, agents, ...rest } = queue.routing;
  const routable = new Set(agentIds);
  return {
    ...rest,
    id: queue.id,
    priority: queue.priority,
    requiredSkills: queue.requiredSkills,
    agents: agents ? agents.filter((a) => routable.has(a)) : [...agentIds],
    widening: widening ?? defaultWidening,
    // Out of service: closed on every day, so each caller gets the queue's after-hours treatment.
    ...(queue.disabled ? { hours: { timeZone, hours: {}, holidays: [] } } : hours && { hours: { timeZone, hours: hours.hours, holidays: hours.holidays } }),
  };
}

/** The queues a queue's overflow rules send calls to. */
function overflowTargets(routing: QueueRouting): string[] {
  return [routing.maxWait?.action, routing.maxLength?.action, routing.noAgentsAction].flatMap((a) => (a?.kind === 'queue' ? [a.queueId] : []));
}

/** A queue's fields as a change names them: no defaults, so a PATCH leaves every field it does not name as it is. */
const queueFields = z.object({
  name: z.string().trim().min(1).max(100),
  requiredSkills: z.array(z.object({ skillId: z.string().min(1), minLevel: z.number().int().min(1).max(5) })).max(20),
  slThresholdSeconds: z.number().int().min(1).max(3600),
  slTarget: z.number().gt(0).max(1),
  priority: z.number().int().min(-100).max(100),
  routing: routingSchema,
  inboundNumbers: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+?[0-9]{2,32}$/, 'queue.number_format'),
    )
    .max(100)
    .refine((numbers) => new Set(numbers).size === numbers.length, 'queue.number_twice'),
  disabled: z.boolean(),
});

/** A new queue: what it does not name takes its default. */
export const queueSchema = queueFields.extend({
  requiredSkills: queueFields.shape.requiredSkills.default([]),
  priority: queueFields.shape.priority.default(0),
  routing: routingSchema.default({}),
  inboundNumbers: queueFields.shape.inboundNumbers.default([]),
  disabled: queueFields.shape.disabled.default(false),
});

const queueSelect = `SELECT id, name, required_skills AS "requiredSkills", sl_threshold_seconds AS "slThresholdSeconds",
  sl_target AS "slTarget", priority, routing, disabled,
  ARRAY(SELECT n.number FROM queue_numbers n WHERE n.queue_id = queues.id ORDER BY n.number) AS "inboundNumbers" FROM queues`;

export async function loadQueue(db: Queryable, id: string): Promise<Queue> {
  const [queue] = await db.query<Queue>(`${queueSelect} WHERE id = $1`, [id]);
  if (!queue) throw new NotFoundError(missing('queue', id));
  return queue;
}

export async function listQueues(db: Queryable): Promise<Queue[]> {
  return db.query<Queue>(`${queueSelect} ORDER BY priority DESC, name`);
}

/**
 * Refuses settings the router could not run with, as it would on the floor: members that are not
 * agents, and what core's `resolveQueues` rejects (unknown queues in actions, overflow loops)
 * across all queues with this one changed (`queue` null: deleted).
 */
async function assertRoutable(db: Queryable, id: string, queue: Omit<Queue, 'id'> | null): Promise<void> {
  const members = queue?.routing.agents ?? [];
  if (members.length > 0) {
    const found = new Set((await db.query<{ user_id: string }>('SELECT user_id FROM agents WHERE user_id = ANY($1::text[])', [members])).map((r) => r.user_id));
    const missing = members.filter((a) => !found.has(a));
    if (missing.length > 0) throw new Refusal(400, 'invalid_request', 'queue.unknown_members', { agents: missing.join(', ') }, { field: 'routing.agents', missing });
  }
  const others = (await listQueues(db)).filter((q) => q.id !== id);
  const all = queue ? [...others, { ...queue, id }] : others;
  // A queue out of service takes no calls, from callers or from another queue's overflow.
  const disabled = new Map(all.filter((q) => q.disabled).map((q) => [q.id, q.name]));
  for (const q of all.filter((q) => !q.disabled)) {
    const target = overflowTargets(q.routing).find((t) => disabled.has(t));
    if (target === undefined) continue;
    if (q.id === id) throw new Refusal(400, 'invalid_request', 'queue.overflow_into_disabled', { queue: disabled.get(target) ?? target }, { field: 'routing' });
    throw new Refusal(409, 'conflict', 'queue.disable_overflow_source', { queue: q.name }, { field: 'disabled' });
  }
  try {
    // Membership is checked above, and the time zone of the hours is the center's, not checked here.
    resolveQueues(
      all.map((q) => queueConfig(q, 'UTC', [])),
      new Set(),
    );
  } catch (err) {
    if (!(err instanceof RoutingError)) throw err;
    // The router names queues by id: the user knows them by name.
    const name = (queueId: string) => all.find((q) => q.id === queueId)?.name ?? queueId;
    const problem = err.problem;
    if (!queue && problem?.kind === 'unknown_queue') throw new Refusal(409, 'conflict', 'queue.delete_overflow_source', { queue: name(problem.queue) });
    if (problem?.kind === 'unknown_queue') throw new BadRequestError(words('queue.unknown_target', { queue: name(problem.queue), target: problem.target }), { field: 'routing' });
    if (problem?.kind === 'overflow_loop')
      throw new BadRequestError(words('queue.overflow_loop', { queue: name(problem.queue), through: name(problem.through) }), { field: 'routing' });
    throw new BadRequestError(words('queue.routing_invalid', { problem: err.message }), { field: 'routing' });
  }
}

async function writeQueue(db: Queryable, id: string, q: Omit<Queue, 'id'>, insert: boolean): Promise<void> {
  await assertExists(
    db,
    'skills',
    q.requiredSkills.map((s) => s.skillId),
    'requiredSkills',
  );
  await assertRoutable(db, id, q);
  const params = [id, q.name, JSON.stringify(q.requiredSkills), q.slThresholdSeconds, q.slTarget, q.priority, JSON.stringify(q.routing), q.disabled];
  await db.query(
    insert
      ? 'INSERT INTO queues (id, name, required_skills, sl_threshold_seconds, sl_target, priority, routing, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)'
      : 'UPDATE queues SET name = $2, required_skills = $3, sl_threshold_seconds = $4, sl_target = $5, priority = $6, routing = $7, disabled = $8 WHERE id = $1',
    params,
  );
  await writeInboundNumbers(db, id, q.inboundNumbers);
}

/** Replaces the queue's numbers; a number another queue has is refused, naming that queue. */
async function writeInboundNumbers(db: Queryable, id: string, numbers: readonly string[]): Promise<void> {
  const taken = await db.query<{ number: string; name: string }>(
    'SELECT n.number, q.name FROM queue_numbers n JOIN queues q ON q.id = n.queue_id WHERE n.number = ANY($1::text[]) AND n.queue_id <> $2 ORDER BY n.number',
    [numbers, id],
  );
  if (taken.length > 0) {
    const numbers = taken.map((t) => `${t.number} → ${t.name}`).join(', ');
    throw new Refusal(409, 'conflict', 'queue.number_taken', { numbers }, { field: 'inboundNumbers' });
  }
  await db.query('DELETE FROM queue_numbers WHERE queue_id = $1', [id]);
  if (numbers.length > 0) await db.query('INSERT INTO queue_numbers (number, queue_id) SELECT unnest($1::text[]), $2', [numbers, id]);
}

/**
 * The queue a dialled number reaches, for the SIP switch at each call's arrival; undefined if none.
 *
 * @example
 * await queueOfNumber(store, '4008001001'); // the id of 售前咨询 in the demo
 */
export async function queueOfNumber(db: Queryable, dialled: string): Promise<string | undefined> {
  const [row] = await db.query<{ queue_id: string }>('SELECT queue_id FROM queue_numbers WHERE number = $1', [dialled]);
  return row?.queue_id;
}

export async function createQueue(db: Queryable, queue: z.input<typeof queueSchema>): Promise<string> {
  const id = randomUUID();
  await writeQueue(db, id, queueSchema.parse(queue), true);
  return id;
}

const idParams = z.object({ id: z.string().min(1) });

export async function queueRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;
  const changed = () => app.floor?.reload();

  routes.get('/api/v1/queues', { config: { roles: 'any' }, schema: { tags: ['queues'], summary: 'Queues' } }, () => listQueues(store));

  routes.get('/api/v1/queues/:id', { config: { roles: 'any' }, schema: { tags: ['queues'], summary: 'One queue', params: idParams } }, (request) =>
    loadQueue(store, request.params.id),
  );

  routes.post('/api/v1/queues', { config: { roles: orgAdminRoles }, schema: { tags: ['queues'], summary: 'Create a queue', body: queueSchema } }, async (request, reply) => {
    const id = await store.transaction(async (tx) => {
      const created = await createQueue(tx, request.body);
      await writeAudit(tx, { userId: actorOf(request).userId, action: 'create', subject: 'queues', rowCount: 1, detail: { queueId: created, name: request.body.name } });
      return created;
    });
    await changed();
    return reply.status(201).send(await loadQueue(store, id));
  });

  routes.patch(
    '/api/v1/queues/:id',
    {
      config: { roles: orgAdminRoles },
      schema: {
        tags: ['queues'],
        summary: 'Change a queue; `routing` replaces the routing settings as a whole',
        params: idParams,
        body: queueFields.partial(),
      },
    },
    async (request) => {
      const id = await store.transaction(async (tx) => {
        const current = await loadQueue(tx, request.params.id);
        const defined = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
        await writeQueue(tx, current.id, { ...current, ...defined }, false);
        await writeAudit(tx, {
          userId: actorOf(request).userId,
          action: 'update',
          subject: 'queues',
          rowCount: 1,
          detail: { queueId: current.id, name: current.name, changed: Object.keys(defined) },
        });
        return current.id;
      });
      await changed();
      return loadQueue(store, id);
    },
  );

  routes.delete('/api/v1/queues/:id', { config: { roles: orgAdminRoles }, schema: { tags: ['queues'], summary: 'Delete a queue', params: idParams } }, async (request, reply) => {
    await store.transaction(async (tx) => {
      const queue = await loadQueue(tx, request.params.id);
      await assertRoutable(tx, request.params.id, null);
      await tx.query('DELETE FROM queues WHERE id = $1', [request.params.id]);
      await writeAudit(tx, { userId: actorOf(request).userId, action: 'delete', subject: 'queues', rowCount: 1, detail: { queueId: queue.id, name: queue.name } });
    });
    await changed();
    return reply.status(204).send();
  });
}
