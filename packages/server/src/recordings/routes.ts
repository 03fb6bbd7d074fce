import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordingListeners } from '@banzu/contract';
import { mayHearRecording } from '../access/index';
import { actorOf } from '../auth/index';
import { NotFoundError } from '../http/errors';
import { words } from '../http/messages';

/** `GET /api/v1/calls/:callId/recording`: the call's recording as audio/wav, for those who may hear it. */
export function recordingRoutes(dir: string) {
  return async function plugin(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    routes.get(
      '/api/v1/calls/:callId/recording',
      {
        config: { roles: recordingListeners },
        schema: {
          tags: ['calls'],
          summary: 'The call’s recording (audio/wav): agents their own calls, team leaders their team’s and the model-call library’s, QA, trainers and managers every call',
          params: z.object({ callId: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { callId } = request.params;
        const { store } = app.banzu;
        const [row] = await store.query<{ path: string }>('SELECT path FROM recordings WHERE call_id = $1', [callId]);
        // Whether a call exists is itself not shown to someone who may not hear it.
        if (!row || !(await mayHearRecording(store, actor, callId))) throw new NotFoundError(words('recording.missing', { call: callId }));
        const file = resolve(dir, row.path);
        if (relative(dir, file).startsWith('..')) throw new NotFoundError(words('recording.missing', { call: callId }));
        const size = await stat(file).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) throw new NotFoundError(words('recording.deleted', { call: callId }));
        reply
          .type('audio/wav')
          .header('accept-ranges', 'bytes')
          .header('content-disposition', `inline; filename="${callId.replace(/[^\w.-]/g, '_')}.wav"`);
        // A player seeks by asking for the bytes from a point on (Range): without it the browser can only play from the start.
        const range = byteRange(request.headers.range, size);
        if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
        if (range) {
          return reply
            .status(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
            .header('content-length', range.end - range.start + 1)
            .send(createReadStream(file, range));
        }
        return reply.header('content-length', size).send(createReadStream(file));
      },
    );
  };
}

/** The one byte range of a `Range: bytes=…` header within a file of `size` bytes; null for none or a form not served (several ranges). */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [start, end] = match[1] === '' ? [Math.max(0, size - Number(match[2])), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
