import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { teamScope, type Actor } from '@banzu/core';
import { actorOf } from '../auth/index';
import { ForbiddenError, NotFoundError } from '../http/errors';
import type { Queryable } from '../store/index';

/**
 * Who may listen to recordings: QA, trainers (who keep the library of typical calls) and the floor's
 * managers all of them, team leaders their team's, agents their own.
 */
const listeners = ['agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] as const;

/**
 * May this person hear this call? An agent if they handled it; a team leader if the call's team, or
 * the team of anyone who handled it, is theirs; the roles that see every team always.
 */
async function mayHear(db: Queryable, actor: Actor, callId: string): Promise<boolean> {
  const scope = teamScope(actor);
  if (scope.kind === 'all') return true;
  const [call] = await db.query<{ agent_id: string | null; team_id: string | null; agents: string[] | null }>(
    `SELECT agent_id, team_id, ARRAY(SELECT jsonb_array_elements_text(record -> 'agents')) AS agents FROM call_records WHERE call_id = $1`,
    [callId],
  );
  if (!call) return false;
  const handledBy = new Set([...(call.agents ?? []), ...(call.agent_id ? [call.agent_id] : [])]);
  if (actor.role === 'agent') return handledBy.has(actor.userId);
  if (scope.kind !== 'team') return false;
  if (call.team_id === scope.teamId) return true;
  const [member] = await db.query('SELECT 1 FROM users WHERE id = ANY($1::text[]) AND team_id = $2 LIMIT 1', [[...handledBy], scope.teamId]);
  return member !== undefined;
}

/** `GET /api/v1/calls/:callId/recording`: the call's recording as audio/wav, for those who may hear it. */
export function recordingRoutes(dir: string) {
  return async function plugin(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    routes.get(
      '/api/v1/calls/:callId/recording',
      {
        config: { roles: listeners },
        schema: {
          tags: ['calls'],
          summary: 'The call’s recording (audio/wav): agents their own calls, team leaders their team’s, QA, trainers and managers every call',
          params: z.object({ callId: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { callId } = request.params;
        const { store } = app.banzu;
        const [row] = await store.query<{ path: string }>('SELECT path FROM recordings WHERE call_id = $1', [callId]);
        // Whether a call exists is itself not shown to someone who may not hear it.
        if (!row) throw new NotFoundError(`a recording of call ${callId}`);
        if (!(await mayHear(store, actor, callId))) throw new ForbiddenError(`call ${callId} is not one of ${actor.role === 'agent' ? 'your calls' : 'your team’s calls'}`);
        const file = resolve(dir, row.path);
        if (relative(dir, file).startsWith('..')) throw new NotFoundError(`a recording of call ${callId}`);
        const size = await stat(file).then((s) => s.size, () => null);
        if (size === null) throw new NotFoundError(`the recording file of call ${callId} (deleted by retention)`);
        return reply
          .type('audio/wav')
          .header('content-length', size)
          .header('content-disposition', `inline; filename="${callId.replace(/[^\w.-]/g, '_')}.wav"`)
          .send(createReadStream(file));
      },
    );
  };
}
