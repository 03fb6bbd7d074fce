import type { Profile } from '@banzu/contract';
import type { Role } from '@banzu/core';
import { NotFoundError } from '../http/errors';
import { missing } from '../http/messages';
import type { Queryable } from '../store/index';

const profileSelect = `
  SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.team_id AS "teamId",
         a.employee_no AS "employeeNo", u.disabled,
         coalesce((SELECT json_agg(json_build_object('skillId', s.id, 'name', s.name, 'level', ak.level) ORDER BY s.name)
                   FROM agent_skills ak JOIN skills s ON s.id = ak.skill_id
                   WHERE ak.agent_id = u.id), '[]'::json) AS skills
  FROM users u LEFT JOIN agents a ON a.user_id = u.id`;

/**
 * One user's profile; a missing user is a 404.
 *
 * @example
 * const me = await loadProfile(store, actor.userId);
 */
export async function loadProfile(db: Queryable, userId: string): Promise<Profile> {
  const [profile] = await db.query<Profile>(`${profileSelect} WHERE u.id = $1`, [userId]);
  if (!profile) throw new NotFoundError(missing('user', userId));
  return profile;
}

/** Profiles ordered by role, then 工号, then username; each filter given narrows the list. */
export async function listProfiles(db: Queryable, filter: { teamId?: string | undefined; role?: Role | undefined }): Promise<Profile[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.teamId) where.push(`u.team_id = $${params.push(filter.teamId)}`);
  if (filter.role) where.push(`u.role = $${params.push(filter.role)}`);
  return db.query<Profile>(`${profileSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.role, a.employee_no, u.username`, params);
}
