import { teamScope, type Actor } from '@banzu/core';
import { ForbiddenError } from '../http/errors';

/** Narrows a query to what the caller may see: a team leader the own team, an agent the own calls. */
export function scoped<Q extends { teamId?: string; agentId?: string }>(actor: Actor, query: Q): Q {
  if (actor.role === 'agent') {
    if (query.agentId && query.agentId !== actor.userId) throw new ForbiddenError('an agent sees only the own figures');
    return { ...query, agentId: actor.userId };
  }
  const scope = teamScope(actor);
  if (scope.kind === 'all') return query;
  if (scope.kind === 'none') throw new ForbiddenError('you belong to no team');
  if (query.teamId && query.teamId !== scope.teamId) throw new ForbiddenError(`team ${query.teamId} is not your team`);
  return { ...query, teamId: scope.teamId };
}
