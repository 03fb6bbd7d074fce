import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Team } from '@banzu/contract';
import { canSeeTeam, orgAdminRoles, teamScope } from '@banzu/core';
import { actorOf } from '../auth/index';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { assertExists } from './references';

const teamSelect = `
  SELECT t.id, t.name, t.site_id AS "siteId",
         coalesce((SELECT json_agg(u.id ORDER BY u.username) FROM users u WHERE u.team_id = t.id AND u.role = 'team_leader'), '[]'::json) AS "leaderIds",
         (SELECT count(*)::int FROM users u WHERE u.team_id = t.id AND u.role = 'agent') AS "agentCount"
  FROM teams t`;

async function loadTeam(db: Queryable, id: string): Promise<Team> {
  const [team] = await db.query<Team>(`${teamSelect} WHERE t.id = $1`, [id]);
  if (!team) throw new NotFoundError(missing('team', id));
  return team;
}

export async function createTeam(db: Queryable, team: { name: string; siteId: string }): Promise<string> {
  const id = randomUUID();
  await assertExists(db, 'sites', [team.siteId], 'siteId');
  await db.query('INSERT INTO teams (id, site_id, name) VALUES ($1, $2, $3)', [id, team.siteId, team.name]);
  return id;
}

export async function createSite(db: Queryable, site: { name: string; centerId: string }): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO sites (id, center_id, name) VALUES ($1, $2, $3)', [id, site.centerId, site.name]);
  return id;
}

const idParams = z.object({ id: z.string().min(1) });
const teamBody = z.object({ name: z.string().trim().min(1).max(100), siteId: z.string().min(1) });

export async function teamRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;

  routes.get('/api/v1/sites', { config: { roles: 'any' }, schema: { tags: ['teams'], summary: 'Sites of the center' } }, () =>
    store.query('SELECT id, center_id AS "centerId", name FROM sites ORDER BY name'),
  );

  routes.post(
    '/api/v1/sites',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['teams'], summary: 'Add a site', body: z.object({ name: z.string().trim().min(1).max(100) }) },
    },
    async (request, reply) => {
      const [center] = await store.query<{ id: string }>('SELECT id FROM centers ORDER BY created_at LIMIT 1');
      if (!center) throw new ConflictError(words('org.center_first'));
      const id = await createSite(store, { name: request.body.name, centerId: center.id });
      return reply.status(201).send({ id, centerId: center.id, name: request.body.name });
    },
  );

  routes.get('/api/v1/teams', { config: { roles: 'any' }, schema: { tags: ['teams'], summary: 'Teams the caller may see' } }, async (request) => {
    const scope = teamScope(actorOf(request));
    if (scope.kind === 'none') return [];
    return scope.kind === 'all' ? store.query<Team>(`${teamSelect} ORDER BY t.name`) : store.query<Team>(`${teamSelect} WHERE t.id = $1`, [scope.teamId]);
  });

  routes.get('/api/v1/teams/:id', { config: { roles: 'any' }, schema: { tags: ['teams'], summary: 'One team', params: idParams } }, async (request) => {
    if (!canSeeTeam(actorOf(request), request.params.id)) throw new ForbiddenError(words('access.not_your_team', { team: request.params.id }));
    return loadTeam(store, request.params.id);
  });

  routes.post('/api/v1/teams', { config: { roles: orgAdminRoles }, schema: { tags: ['teams'], summary: 'Create a team', body: teamBody } }, async (request, reply) => {
    const id = await store.transaction((tx) => createTeam(tx, request.body));
    return reply.status(201).send(await loadTeam(store, id));
  });

  routes.patch(
    '/api/v1/teams/:id',
    {
      config: { roles: orgAdminRoles },
      schema: { tags: ['teams'], summary: 'Rename a team or move it to another site', params: idParams, body: teamBody.partial() },
    },
    async (request) => {
      const current = await loadTeam(store, request.params.id);
      const next = { ...current, ...request.body };
      await assertExists(store, 'sites', [next.siteId], 'siteId');
      await store.query('UPDATE teams SET name = $2, site_id = $3 WHERE id = $1', [current.id, next.name, next.siteId]);
      return loadTeam(store, current.id);
    },
  );

  routes.delete(
    '/api/v1/teams/:id',
    { config: { roles: orgAdminRoles }, schema: { tags: ['teams'], summary: 'Delete an empty team', params: idParams } },
    async (request, reply) => {
      await loadTeam(store, request.params.id);
      const [{ members }] = (await store.query<{ members: number }>('SELECT count(*)::int AS members FROM users WHERE team_id = $1', [request.params.id])) as [{ members: number }];
      if (members > 0) throw new ConflictError(words('org.team_has_members', { members }));
      await store.query('DELETE FROM teams WHERE id = $1', [request.params.id]);
      return reply.status(204).send();
    },
  );
}
