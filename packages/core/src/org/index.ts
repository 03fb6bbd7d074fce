/**
 * Who may see what. A team leader (班组长) acts only on the own team; an agent sees the own
 * record and team; the floor-wide roles see every team.
 *
 * @example
 * teamScope({ userId: 'u1', role: 'team_leader', teamId: 't1' }); // { kind: 'team', teamId: 't1' }
 */
export const roles = ['agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The caller of a command: every event a person causes records who it was. */
export interface Actor {
  userId: string;
  role: Role;
  teamId: string | null;
}

export type TeamScope = { kind: 'all' } | { kind: 'team'; teamId: string } | { kind: 'none' };

/** Roles that see every team: they run, measure or coach the whole floor. */
const floorRoles: ReadonlySet<Role> = new Set(['qa', 'trainer', 'supervisor', 'manager', 'admin']);

export function teamScope(actor: Actor): TeamScope {
  if (floorRoles.has(actor.role)) return { kind: 'all' };
  return actor.teamId ? { kind: 'team', teamId: actor.teamId } : { kind: 'none' };
}

export function canSeeTeam(actor: Actor, teamId: string | null): boolean {
  const scope = teamScope(actor);
  return scope.kind === 'all' || (scope.kind === 'team' && scope.teamId === teamId);
}

/** Roles that may change the organisation: teams, users, queues, skills. */
export const orgAdminRoles: readonly Role[] = ['manager', 'admin'];

/** Only an administrator creates or promotes the roles that administer others. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && role !== 'admin' && role !== 'manager';
}
