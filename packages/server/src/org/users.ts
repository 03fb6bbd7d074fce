import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Profile } from '@banzu/contract';
import { canGrantRole, canSeeTeam, orgAdminRoles, roles, teamScope, type Actor } from '@banzu/core';
import { actorOf } from '../auth/index';
import { hashPassword } from '../auth/password';
import { minPasswordLength, passwordProblem } from '../auth/policy';
import { endUserSessions } from '../auth/sessions';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, roleName, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { listProfiles, loadProfile } from './profile';
import { assertExists } from './references';

const skillLevels = z
  .array(z.object({ skillId: z.string().min(1), level: z.number().int().min(1).max(5) }))
  .max(100)
  .refine((list) => new Set(list.map((s) => s.skillId)).size === list.length, 'org.skill_listed_twice');

const password = z.string().min(minPasswordLength, 'password.too_short').max(256);

export const newUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'org.username_characters')
      .optional(),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(roles),
    teamId: z.string().min(1).nullable().optional(),
    password,
    employeeNo: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[\p{L}\p{N}-]+$/u, 'org.employee_no_characters')
      .optional(),
    skills: skillLevels.optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'agent' && !u.employeeNo) ctx.addIssue({ code: 'custom', path: ['employeeNo'], message: 'org.agent_needs_employee_no' });
    if ((u.role === 'agent' || u.role === 'team_leader') && !u.teamId) ctx.addIssue({ code: 'custom', path: ['teamId'], message: `org.needs_team.${u.role}` });
    if (!u.username && !u.employeeNo) ctx.addIssue({ code: 'custom', path: ['username'], message: 'org.username_required' });
    if (u.role !== 'agent' && u.skills?.length) ctx.addIssue({ code: 'custom', path: ['skills'], message: 'org.skills_for_agents' });
    const weak = passwordProblem(u.password, u.username ?? u.employeeNo);
    if (weak) ctx.addIssue({ code: 'custom', path: ['password'], message: weak.key, params: weak.params });
  });
export type NewUser = z.infer<typeof newUserSchema>;

async function writeSkills(db: Queryable, userId: string, skills: { skillId: string; level: number }[]) {
  await assertExists(
    db,
    'skills',
    skills.map((s) => s.skillId),
    'skills',
  );
  await db.query('DELETE FROM agent_skills WHERE agent_id = $1', [userId]);
  if (skills.length === 0) return;
  await db.query(
    `INSERT INTO agent_skills (agent_id, skill_id, level)
     SELECT $1, s->>'skillId', (s->>'level')::int FROM jsonb_array_elements($2::jsonb) s`,
    [userId, JSON.stringify(skills)],
  );
}

/**
 * Creates a user (and the agent record for an agent) with a scrypt-hashed password.
 * `passwordHash` lets bulk seeding hash once per distinct password.
 *
 * @example
 * const id = await createUser(tx, { displayName: '张伟', role: 'agent', teamId, employeeNo: '1001', password: '柳絮-风筝-42' });
 */
export async function createUser(db: Queryable, user: NewUser, passwordHash?: string): Promise<string> {
  const id = randomUUID();
  if (user.teamId) await assertExists(db, 'teams', [user.teamId], 'teamId');
  await db.query('INSERT INTO users (id, username, display_name, role, team_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    user.username ?? user.employeeNo,
    user.displayName,
    user.role,
    user.teamId ?? null,
    passwordHash ?? (await hashPassword(user.password)),
  ]);
  if (user.role === 'agent') {
    await db.query('INSERT INTO agents (user_id, employee_no) VALUES ($1, $2)', [id, user.employeeNo]);
    await writeSkills(db, id, user.skills ?? []);
  }
  return id;
}

/** A user outside the caller's team scope is hidden: the same 404 as for one who does not exist. */
function assertCanSee(actor: Actor, target: Profile) {
  if (actor.userId === target.id) return;
  if (actor.role === 'agent' || !canSeeTeam(actor, target.teamId)) throw new NotFoundError(missing('user', target.id));
}

function assertCanManage(actor: Actor, target: Profile) {
  if (!canGrantRole(actor, target.role)) throw new ForbiddenError(words('org.may_not_change', { actor: roleName(actor.role), target: roleName(target.role) }));
}

const idParams = z.object({ id: z.string().min(1) });

export async function userRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;

  routes.get(
    '/api/v1/users',
    {
      config: { roles: ['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] },
      schema: {
        tags: ['users'],
        summary: 'Users and agents; a team leader sees only the own team',
        querystring: z.object({ teamId: z.string().min(1).optional(), role: z.enum(roles).optional() }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = teamScope(actor);
      let teamId = request.query.teamId;
      if (scope.kind === 'team') {
        if (teamId && teamId !== scope.teamId) throw new ForbiddenError(words('access.not_your_team', { team: teamId }));
        teamId = scope.teamId;
      }
      return listProfiles(store, { teamId, role: request.query.role });
    },
  );

  routes.get('/api/v1/users/:id', { config: { roles: 'any' }, schema: { tags: ['users'], summary: 'One user', params: idParams } }, async (request) => {
    const profile = await loadProfile(store, request.params.id);
    assertCanSee(actorOf(request), profile);
    return profile;
  });

  routes.post(
    '/api/v1/users',
    { config: { roles: orgAdminRoles }, schema: { tags: ['users'], summary: 'Create a user or an agent', body: newUserSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canGrantRole(actor, request.body.role)) throw new ForbiddenError(words('org.may_not_create', { actor: roleName(actor.role), role: roleName(request.body.role) }));
      const id = await store.transaction((tx) => createUser(tx, request.body));
      if (request.body.role === 'agent') await app.floor?.reload();
      return reply.status(201).send(await loadProfile(store, id));
    },
  );

  routes.patch(
    '/api/v1/users/:id',
    {
      config: { roles: orgAdminRoles },
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, role, team, password, disabled',
        params: idParams,
        body: z
          .object({
            displayName: z.string().trim().min(1).max(100),
            role: z.enum(roles),
            teamId: z.string().min(1).nullable(),
            password,
            disabled: z.boolean(),
          })
          .partial()
          .refine((b) => Object.keys(b).length > 0, 'nothing_to_change'),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const body = request.body;
      const current = await loadProfile(store, id);
      assertCanManage(actor, current);
      if (body.role && !canGrantRole(actor, body.role)) throw new ForbiddenError(words('org.may_not_grant', { actor: roleName(actor.role), role: roleName(body.role) }));
      const weak = body.password === undefined ? null : passwordProblem(body.password, current.username);
      if (weak) throw new BadRequestError(weak, { field: 'password' });
      const role = body.role ?? current.role;
      const teamId = body.teamId === undefined ? current.teamId : body.teamId;
      if ((role === 'agent' || role === 'team_leader') && !teamId) throw new BadRequestError(words(`org.needs_team.${role}`), { field: 'teamId' });
      if (role === 'agent' && !current.employeeNo) throw new BadRequestError(words('org.agent_only_if_created_so'), { field: 'role' });
      if (id === actor.userId && (body.disabled || (body.role && body.role !== current.role))) {
        throw new BadRequestError(words('org.not_yourself'));
      }
      await store.transaction(async (tx) => {
        if (teamId) await assertExists(tx, 'teams', [teamId], 'teamId');
        await tx.query(
          `UPDATE users SET display_name = $2, role = $3, team_id = $4, disabled = $5,
             password_hash = coalesce($6, password_hash) WHERE id = $1`,
          [id, body.displayName ?? current.displayName, role, teamId, body.disabled ?? current.disabled, body.password ? await hashPassword(body.password) : null],
        );
        if (body.password || body.disabled) await endUserSessions(tx, id);
        // A reset is someone else choosing the user's password: the log says who did it, for whom.
        if (body.password) await writeAudit(tx, { userId: actor.userId, action: 'password_reset', subject: 'user', rowCount: 1, detail: { userId: id, login: current.username } });
        // The move is history too: staff records show it, and turnover counts each day in the team of that day.
        if (teamId !== current.teamId) {
          await tx.query('INSERT INTO team_moves (user_id, from_team_id, to_team_id, moved_at, moved_by) VALUES ($1, $2, $3, $4, $5)', [
            id,
            current.teamId,
            teamId,
            new Date(clock.now()),
            actor.userId,
          ]);
        }
      });
      // A disabled agent takes no more calls, and the agent's phones no longer register.
      if (current.role === 'agent' && body.disabled !== undefined) {
        await app.floor?.reload();
        await app.sipEdge?.accountsChanged();
      }
      return loadProfile(store, id);
    },
  );

  routes.delete('/api/v1/users/:id', { config: { roles: orgAdminRoles }, schema: { tags: ['users'], summary: 'Delete a user', params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const current = await loadProfile(store, request.params.id);
    assertCanManage(actor, current);
    if (current.id === actor.userId) throw new BadRequestError(words('org.delete_yourself'));
    await store.query('DELETE FROM users WHERE id = $1', [current.id]);
    if (current.role === 'agent') {
      await app.floor?.reload();
      await app.sipEdge?.accountsChanged();
    }
    return reply.status(204).send();
  });

  routes.put(
    '/api/v1/users/:id/skills',
    {
      config: { roles: ['team_leader', ...orgAdminRoles] },
      schema: {
        tags: ['users'],
        summary: "Replace an agent's skills and proficiency levels (1-5)",
        params: idParams,
        body: z.object({ skills: skillLevels }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await loadProfile(store, request.params.id);
      if (!canSeeTeam(actor, target.teamId)) throw new NotFoundError(missing('user', target.id));
      if (target.role !== 'agent') throw new BadRequestError(words('org.skills_not_agent', { user: target.displayName }));
      await store.transaction((tx) => writeSkills(tx, target.id, request.body.skills));
      await app.floor?.reload();
      return loadProfile(store, target.id);
    },
  );
}
