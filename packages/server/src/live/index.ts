import type { FastifyInstance } from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { LiveMessage as Message } from '@banzu/contract';
import type { Actor } from '@banzu/core';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { StoredEvent } from '../events/index';
import { actorOf, SESSION_COOKIE } from '../auth/index';
import { resolveSession } from '../auth/sessions';

/**
 * A live view of the floor kept in memory from the event log. The channel asks it what each
 * caller may see: the server filters by role and team, never the page.
 */
export interface LiveFeed {
  /** The state as `actor` may see it, and the sequence number it includes. */
  snapshot(actor: Actor): { seq: number; state: unknown };
  /** What `actor` may see of this event, or null. */
  project(actor: Actor, event: StoredEvent): unknown | null;
  /** Listens for events once the feed's state includes them. */
  onApplied(listener: (events: StoredEvent[]) => void): () => void;
  /** Events after `since`, for a client that reconnects; null when too far behind for a replay. */
  replay(since: number): Promise<StoredEvent[] | null>;
  /** Listens for a change that is no event (the center's settings): each client then gets a new snapshot. */
  onRefresh?(listener: () => void): () => void;
}

/** Messages from server to client: the contract's, whatever the feed's state and projections are. */
export type LiveMessage = Message<unknown, unknown>;

const HEARTBEAT_MS = 25_000;
/** The close code when the caller's session has ended (4000-4999 are the application's). */
export const SESSION_ENDED = 4401;

function send(socket: WebSocket, message: LiveMessage) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function visible(feed: LiveFeed, actor: Actor, events: StoredEvent[]) {
  const out: Extract<LiveMessage, { type: 'events' }>['events'] = [];
  for (const event of events) {
    const payload = feed.project(actor, event);
    if (payload !== null) {
      out.push({ seq: event.seq, type: event.type, stream: event.stream, at: new Date(event.at).toISOString(), payload });
    }
  }
  return out;
}

/**
 * One WebSocket channel, `/api/v1/live`: a snapshot on connect, then deltas in order. A client
 * that reconnects with `?since=<seq>` gets only what it missed when that is still replayable.
 *
 * @example
 * await app.register(livePlugin, { feed });
 */
export async function livePlugin(app: FastifyInstance, { feed, heartbeatMs = HEARTBEAT_MS }: { feed: LiveFeed; heartbeatMs?: number }) {
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/live',
    {
      websocket: true,
      config: { roles: 'any' },
      schema: {
        tags: ['live'],
        summary: 'WebSocket: snapshot, then live events for the caller’s scope',
        querystring: z.object({ since: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (socket, request) => {
      const actor = actorOf(request);
      // Events applied while a replay is being read wait here, so nothing is sent out of order.
      let pending: StoredEvent[] | null = [];
      let sent = 0;
      const forward = (events: StoredEvent[]) => {
        const fresh = events.filter((e) => e.seq > sent);
        if (fresh.length === 0) return;
        sent = fresh[fresh.length - 1]!.seq;
        const shown = visible(feed, actor, fresh);
        if (shown.length > 0) send(socket, { type: 'events', events: shown });
      };
      const unsubscribe = feed.onApplied((events) => (pending ? pending.push(...events) : forward(events)));
      // A snapshot replaces the client's state, settings and all; while a replay is read it comes after.
      let refreshDue = false;
      const refresh = () => {
        if (pending) {
          refreshDue = true;
          return;
        }
        const snapshot = feed.snapshot(actor);
        sent = Math.max(sent, snapshot.seq);
        send(socket, { type: 'snapshot', ...snapshot });
      };
      const unsubscribeRefresh = feed.onRefresh?.(refresh) ?? (() => {});
      // Each heartbeat also looks at the session: when it has expired or was ended, the channel
      // closes, and the console finds out that it is logged out.
      const token = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7).trim() : request.cookies[SESSION_COOKIE];
      const heartbeat = setInterval(() => {
        socket.ping();
        if (!token) return;
        void resolveSession(app.banzu.store, token, app.banzu.clock.now()).then(
          (session) => typeof session === 'string' && socket.close(SESSION_ENDED, 'session ended'),
          () => {},
        );
      }, heartbeatMs);
      socket.on('close', () => {
        unsubscribe();
        unsubscribeRefresh();
        clearInterval(heartbeat);
      });

      const since = request.query.since;
      const missed = since === undefined ? null : await feed.replay(since);
      if (missed) {
        sent = since!;
        forward(missed);
      } else {
        const snapshot = feed.snapshot(actor);
        sent = snapshot.seq;
        send(socket, { type: 'snapshot', ...snapshot });
      }
      const buffered = pending;
      pending = null;
      forward(buffered);
      if (refreshDue) refresh();
    },
  );
}
