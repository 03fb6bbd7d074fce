/**
 * The organisation's roles and who may grant them. What each role may see (team scope, numbers)
 * is in ../access.
 *
 * @example
 * canGrantRole({ userId: 'm1', role: 'manager', teamId: null }, 'agent'); // true
 */
export const roles = ['agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The caller of a command: every event a person causes records who it was. */
export interface Actor {
  userId: string;
  role: Role;
  teamId: string | null;
}

/** Roles that may change the organisation: teams, users, queues, skills. */
export const orgAdminRoles: readonly Role[] = ['manager', 'admin'];

/** Only an administrator creates or promotes the roles that administer others. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && role !== 'admin' && role !== 'manager';
}
