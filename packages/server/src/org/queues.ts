import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgAdminRoles } from '@banzu/core';
import { NotFoundError } from '../http/errors';
import type { Queryable } from '../store/index';
import { assertExists } from './references';

export interface Queue {
  id: string;
  name: string;
  requiredSkills: { skillId: string; minLevel: number }[];
  /** Service level counts calls answered within this many seconds. */
  slThresholdSeconds: number;
  /** The share of calls to answer within the threshold, 0-1 (0.8 for 80/20). */
  slTarget: number;
  /** Higher is served first by an agent who is in several queues. */
  priority: number;
}

export const queueSchema = z.object({
  name: z.string().trim().min(1).max(100),
  requiredSkills: z
    .array(z.object({ skillId: z.string().min(1), minLevel: z.number().int().min(1).max(5) }))
    .max(20)
    .default([]),
  slThresholdSeconds: z.number().int().min(1).max(3600),
  slTarget: z.number().gt(0).max(1),
  priority: z.number().int().min(-100).max(100).default(0),
});

const queueSelect = `SELECT id, name, required_skills AS "requiredSkills", sl_threshold_seconds AS "slThresholdSeconds",
  sl_target AS "slTarget", priority FROM queues`;

export async function loadQueue(db: Queryable, id: string): Promise<Queue> {
  const [queue] = await db.query<Queue>(`${queueSelect} WHERE id = $1`, [id]);
  if (!queue) throw new NotFoundError(`queue ${id}`);
  return queue;
}

export async function listQueues(db: Queryable): Promise<Queue[]> {
  return db.query<Queue>(`${queueSelect} ORDER BY priority DESC, name`);
}

async function writeQueue(db: Queryable, id: string, q: Omit<Queue, 'id'>, insert: boolean): Promise<void> {
  await assertExists(db, 'skills', q.requiredSkills.map((s) => s.skillId), 'requiredSkills');
  const params = [id, q.name, JSON.stringify(q.requiredSkills), q.slThresholdSeconds, q.slTarget, q.priority];
  await db.query(
    insert
      ? 'INSERT INTO queues (id, name, required_skills, sl_threshold_seconds, sl_target, priority) VALUES ($1, $2, $3, $4, $5, $6)'
      : 'UPDATE queues SET name = $2, required_skills = $3, sl_threshold_seconds = $4, sl_target = $5, priority = $6 WHERE id = $1',
    params,
  );
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

  routes.get('/api/v1/queues', { config: { roles: 'any' }, schema: { tags: ['queues'], summary: 'Queues' } }, () =>
    listQueues(store),
  );

  routes.get(
    '/api/v1/queues/:id',
    { config: { roles: 'any' }, schema: { tags: ['queues'], summary: 'One queue', params: idParams } },
    (request) => loadQueue(store, request.params.id),
  );

  routes.post(
    '/api/v1/queues',
    { config: { roles: orgAdminRoles }, schema: { tags: ['queues'], summary: 'Create a queue', body: queueSchema } },
    async (request, reply) => {
      const id = await createQueue(store, request.body);
      return reply.status(201).send(await loadQueue(store, id));
    },
  );

  routes.patch(
    '/api/v1/queues/:id',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['queues'], summary: 'Change a queue', params: idParams, body: queueSchema.partial() },
    },
    async (request) => {
      const current = await loadQueue(store, request.params.id);
      const defined = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      await writeQueue(store, current.id, { ...current, ...defined }, false);
      return loadQueue(store, current.id);
    },
  );

  routes.delete(
    '/api/v1/queues/:id',
    { config: { roles: orgAdminRoles }, schema: { tags: ['queues'], summary: 'Delete a queue', params: idParams } },
    async (request, reply) => {
      await loadQueue(store, request.params.id);
      await store.query('DELETE FROM queues WHERE id = $1', [request.params.id]);
      return reply.status(204).send();
    },
  );
}
