import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthSession } from '@banzu/contract';
import type { Actor } from '@banzu/core';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ForbiddenError, RetryLaterError, UnauthorizedError } from '../http/errors';
import { roleName, words } from '../http/messages';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './policy';
import { createSession, endSession, endUserSessions, resolveSession } from './sessions';
import { clearFailures, lockedForSeconds, loginRules, recordFailure, throttleKey } from './throttle';
import { loadProfile } from '../org/profile';

export const SESSION_COOKIE = 'banzu_session';

/** The largest body a route open to anyone reads (a login is a few hundred bytes). */
const anonymousBodyLimit = 16 * 1024;

const tooManyAttempts = (seconds: number) => new RetryLaterError(429, 'too_many_attempts', words('auth.too_many_attempts', { minutes: Math.ceil(seconds / 60) }), seconds);

// Verifying against a real hash when the user does not exist keeps the timing the same,
// so a wrong username cannot be told from a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$D+0cG0CZMWdv7zTP03FOhy01lcUmXqE7bPqISG2aNxE=';

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[SESSION_COOKIE];
}

/** A WebSocket upgrade (the live channel). */
export const isUpgrade = (request: FastifyRequest) => request.headers.upgrade?.toLowerCase() === 'websocket';

/** The caller, known to be logged in: routes that declare roles get it from here. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

/**
 * Authentication and role checks for every route. A route states who may call it in its
 * config: `{ public: true }` or `{ roles: 'any' | [...] }`; an API route stating neither
 * fails at start-up, so no route is left open by accident.
 *
 * @example
 * app.get('/api/v1/queues', { config: { roles: 'any' } }, handler);
 */
export const authPlugin = fastifyPlugin(async function auth(app: FastifyInstance) {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const config = route.config as { public?: boolean; roles?: unknown } | undefined;
    if (route.url.startsWith('/api/v1') && !config?.public && !config?.roles) {
      throw new Error(`route ${route.method} ${route.url} states no roles`);
    }
    // Anyone may send to a public route: it takes no more than a login needs.
    if (config?.public) route.bodyLimit ??= anonymousBodyLimit;
  });

  // On the request, before its body is read: an anonymous upload is refused without being taken in. A
  // WebSocket upgrade has no body, and a refusal in onRequest leaves its socket open: it is checked later.
  app.addHook('onRequest', async (request) => {
    if (!isUpgrade(request)) await authenticate(request);
  });
  app.addHook('preHandler', async (request) => {
    if (isUpgrade(request)) await authenticate(request);
  });

  async function authenticate(request: FastifyRequest) {
    const config = request.routeOptions.config as { public?: boolean; roles?: 'any' | readonly string[] };
    if (config.public || !config.roles) return;
    const token = tokenOf(request);
    const session = token ? await resolveSession(app.banzu.store, token, app.banzu.clock.now()) : 'unknown';
    if (session === 'expired') throw new UnauthorizedError('your session has expired; log in again', 'session_expired');
    if (session === 'unknown') throw new UnauthorizedError();
    request.actor = session.actor;
    if (config.roles !== 'any' && !config.roles.includes(session.actor.role)) {
      throw new ForbiddenError(words('role_forbidden_route', { role: roleName(session.actor.role), route: `${request.method} ${request.routeOptions.url}` }));
    }
  }

  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; returns a session token and sets the session cookie',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { store, clock } = app.banzu;
      const keys = { account: throttleKey('account', username), address: throttleKey('address', request.ip) };
      // A locked account or address is not even tried: the right password then tells nothing either.
      const locked = await lockedForSeconds(store, Object.values(keys), clock.now());
      if (locked > 0) throw tooManyAttempts(locked);
      const rows = await store.query<{ id: string; password_hash: string; disabled: boolean }>('SELECT id, password_hash, disabled FROM users WHERE username = $1', [username]);
      const user = rows[0];
      const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !valid || user.disabled) {
        request.log.info({ username, address: request.ip }, 'login failed');
        const now = clock.now();
        const lockedNow = {
          account: await recordFailure(store, keys.account, loginRules.account, now),
          address: await recordFailure(store, keys.address, loginRules.address, now),
        };
        const detail = { username, address: request.ip };
        await writeAudit(store, { userId: user?.id ?? null, action: 'login_failed', subject: 'session', rowCount: 0, detail });
        const seconds = Math.max(lockedNow.account, lockedNow.address);
        if (seconds > 0) {
          const by = lockedNow.account > 0 ? 'account' : 'address';
          await writeAudit(store, { userId: user?.id ?? null, action: 'login_locked', subject: 'session', rowCount: 0, detail: { ...detail, by, seconds } });
          throw tooManyAttempts(seconds);
        }
        throw new UnauthorizedError('wrong username or password', 'invalid_credentials');
      }
      await clearFailures(store, keys.account);
      const session = await createSession(app.banzu.store, user.id, app.banzu.clock.now(), app.banzu.config.sessionTtlHours);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        // Over https (directly, or as a trusted proxy says) the cookie is never sent in clear.
        secure: request.protocol === 'https',
        sameSite: 'lax',
        expires: session.expiresAt,
      });
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: await loadProfile(app.banzu.store, user.id) };
    },
  );

  routes.post('/api/v1/auth/logout', { config: { roles: 'any' }, schema: { tags: ['auth'], summary: 'End the current session' } }, async (request, reply) => {
    const token = tokenOf(request);
    if (token) await endSession(app.banzu.store, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  routes.get(
    '/api/v1/auth/session',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Who is logged in, if anyone: the console asks this first, so a visitor without a session gets null, not a 401' },
    },
    async (request): Promise<AuthSession> => {
      const token = tokenOf(request);
      const session = token ? await resolveSession(app.banzu.store, token, app.banzu.clock.now()) : 'unknown';
      if (typeof session === 'string') return { user: null, expired: session === 'expired' };
      return { user: await loadProfile(app.banzu.store, session.actor.userId), expired: false };
    },
  );

  routes.post(
    '/api/v1/auth/password',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password: the current one first; the other sessions end, this one goes on',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { store } = app.banzu;
      const { currentPassword, newPassword } = request.body;
      const [user] = await store.query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users WHERE id = $1', [actor.userId]);
      if (!user || !(await verifyPassword(currentPassword, user.password_hash))) throw new BadRequestError(words('auth.wrong_current_password'), { field: 'currentPassword' });
      if (newPassword === currentPassword) throw new BadRequestError(words('auth.same_password'), { field: 'newPassword' });
      const weak = passwordProblem(newPassword, user.username);
      if (weak) throw new BadRequestError(weak, { field: 'newPassword' });
      await store.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [actor.userId, await hashPassword(newPassword)]);
        await endUserSessions(tx, actor.userId, tokenOf(request));
        await writeAudit(tx, { userId: actor.userId, action: 'password_changed', subject: 'user', rowCount: 1 });
      });
      return reply.status(204).send();
    },
  );

  routes.get('/api/v1/auth/me', { config: { roles: 'any' }, schema: { tags: ['auth'], summary: 'The logged-in user' } }, async (request) =>
    loadProfile(app.banzu.store, actorOf(request).userId),
  );
});
