import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Skill } from '@banzu/contract';
import { orgAdminRoles } from '@banzu/core';
import { ConflictError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';

const skillFields = z.object({ name: z.string().trim().min(1).max(100), description: z.string().max(1000) });
// A new skill may leave out its description; a change leaves out what stays as it is.
const skillBody = skillFields.extend({ description: skillFields.shape.description.default('') });
const idParams = z.object({ id: z.string().min(1) });

export async function createSkill(db: Queryable, skill: { name: string; description?: string }): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO skills (id, name, description) VALUES ($1, $2, $3)', [id, skill.name, skill.description ?? '']);
  return id;
}

async function loadSkill(db: Queryable, id: string): Promise<Skill> {
  const [skill] = await db.query<Skill>('SELECT id, name, description FROM skills WHERE id = $1', [id]);
  if (!skill) throw new NotFoundError(missing('skill', id));
  return skill;
}

export async function skillRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;

  routes.get('/api/v1/skills', { config: { roles: 'any' }, schema: { tags: ['skills'], summary: 'Skills' } }, () =>
    store.query<Skill>('SELECT id, name, description FROM skills ORDER BY name'),
  );

  routes.post('/api/v1/skills', { config: { roles: orgAdminRoles }, schema: { tags: ['skills'], summary: 'Add a skill', body: skillBody } }, async (request, reply) =>
    reply.status(201).send(await loadSkill(store, await createSkill(store, request.body))),
  );

  routes.patch(
    '/api/v1/skills/:id',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['skills'], summary: 'Rename or describe a skill', params: idParams, body: skillFields.partial() },
    },
    async (request) => {
      const next = { ...(await loadSkill(store, request.params.id)), ...request.body };
      await store.query('UPDATE skills SET name = $2, description = $3 WHERE id = $1', [next.id, next.name, next.description]);
      return next;
    },
  );

  routes.delete(
    '/api/v1/skills/:id',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['skills'], summary: 'Delete a skill no queue requires; agents lose it', params: idParams },
    },
    async (request, reply) => {
      await loadSkill(store, request.params.id);
      const requiring = await store.query<{ name: string }>(`SELECT name FROM queues WHERE required_skills @> jsonb_build_array(jsonb_build_object('skillId', $1::text))`, [
        request.params.id,
      ]);
      if (requiring.length > 0) {
        throw new ConflictError(words('org.skill_required_by_queues', { queues: requiring.map((q) => q.name).join('、') }));
      }
      await store.query('DELETE FROM skills WHERE id = $1', [request.params.id]);
      return reply.status(204).send();
    },
  );
}
