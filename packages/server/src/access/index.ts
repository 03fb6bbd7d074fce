/**
 * The access rules of `@banzu/core` (core/src/access) where the server needs SQL or an HTTP answer:
 * a customer query's scope condition, figures narrowed to the caller's team or own calls (403 when
 * asked for more), and whether a recorded call is the caller's to hear.
 *
 * @example
 * const params: unknown[] = [];
 * const where = customerScopeCondition(actor, 'c.team_id', params); // '(c.team_id IS NULL OR c.team_id = $1)'
 * const query = scopedFigures(actor, { from, to, teamId });        // a team leader's own team, whatever was asked
 */
import { canSeeCall, teamScope, type Actor } from '@banzu/core';
import { ForbiddenError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

/**
 * The SQL condition for the customers a caller may see (core's `canSeeCustomer`): a team leader's
 * and an agent's own team's and those of no team; the floor-wide roles all. Appends its parameter
 * to `params`.
 */
export function customerScopeCondition(actor: Actor | null, column: string, params: unknown[]): string {
  if (actor === null) return 'true';
  const scope = teamScope(actor);
  if (scope.kind === 'all') return 'true';
  if (scope.kind === 'none') return `${column} IS NULL`;
  params.push(scope.teamId);
  return `(${column} IS NULL OR ${column} = $${params.length})`;
}

/** The team a caller may report on: a team leader's own (403 for another), the floor-wide roles the one asked or all (`null`). */
export function reportTeam(actor: Actor, teamId: string | undefined): string | null {
  const scope = teamScope(actor);
  if (scope.kind === 'all') return teamId ?? null;
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  if (teamId && teamId !== scope.teamId) throw new ForbiddenError(words('access.not_your_team', { team: teamId }));
  return scope.teamId;
}

/** Narrows a figures query to what the caller may see: an agent the own calls, a team leader the own team. */
export function scopedFigures<Q extends { teamId?: string; agentId?: string }>(actor: Actor, query: Q): Q {
  if (actor.role === 'agent') {
    if (query.agentId && query.agentId !== actor.userId) throw new ForbiddenError(words('access.own_figures_only'));
    return { ...query, agentId: actor.userId };
  }
  const teamId = reportTeam(actor, query.teamId);
  return teamId === null ? query : { ...query, teamId };
}

/**
 * May the caller hear this recorded call (core's `canSeeCall`)? Reads the call's team and the teams
 * of the agents who handled it. A call without a record is only the floor-wide roles'.
 */
export async function maySeeRecordedCall(db: Queryable, actor: Actor, callId: string): Promise<boolean> {
  const [call] = await db.query<{ agent_id: string | null; team_id: string | null; agents: string[] | null }>(
    `SELECT agent_id, team_id, ARRAY(SELECT jsonb_array_elements_text(record -> 'agents')) AS agents FROM call_records WHERE call_id = $1`,
    [callId],
  );
  const handledBy = [...new Set([...(call?.agents ?? []), ...(call?.agent_id ? [call.agent_id] : [])])];
  const teams = handledBy.length === 0 ? [] : await db.query<{ id: string; team_id: string | null }>('SELECT id, team_id FROM users WHERE id = ANY($1::text[])', [handledBy]);
  const agents = handledBy.map((userId) => ({ userId, teamId: teams.find((t) => t.id === userId)?.team_id ?? null }));
  return canSeeCall(actor, { teamId: call?.team_id ?? null, agents });
}

/** Who browses the model-call library (优秀录音 / 差录音) and plays its calls in training (seed 004), whatever team took them. */
export const libraryReaders = ['qa', 'trainer', 'team_leader', 'supervisor', 'manager', 'admin'] as const;

/**
 * May the caller play this call's recording: a call they may see (`maySeeRecordedCall`), or a call
 * in the model-call library when they may browse it, so a leader can play another team's 优秀录音
 * in training. Scoring, filing and the call's details keep to `maySeeRecordedCall`.
 */
export async function mayHearRecording(db: Queryable, actor: Actor, callId: string): Promise<boolean> {
  if (await maySeeRecordedCall(db, actor, callId)) return true;
  if (!(libraryReaders as readonly string[]).includes(actor.role)) return false;
  const [inLibrary] = await db.query<{ call_id: string }>('SELECT call_id FROM qa_library WHERE call_id = $1 LIMIT 1', [callId]);
  return inLibrary !== undefined;
}
