import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Actor, Clock } from '@banzu/core';
import type { Logger } from 'pino';
import type { Config } from '../config/index';
import type { EventLog } from '../events/index';
import { pendingMigrations, type Store } from '../store/index';
import { authPlugin } from '../auth/index';
import { orgPlugin } from '../org/index';
import { reportRoutes } from '../reports/index';
import { crmPlugin } from '../crm/index';
import { webConsoleBuilt, webDistDir, webPlaceholder } from '../bootstrap/web-console';
import { livePlugin, type LiveFeed } from '../live/index';
import { floorPlugin, type Floor } from '../floor/index';
import { recordingRoutes, recordingsDir } from '../recordings/index';
import { campaignPlugin } from '../campaigns/index';
import { sipAccountRoutes, type SipEdge } from '../sip-accounts/index';
import { ticketsPlugin } from '../tickets/index';
import { kbPlugin } from '../kb/index';
import { qaPlugin } from '../qa/index';
import { wfmPlugin } from '../wfm/index';
import { staffPlugin } from '../staff/index';
import { trainingPlugin } from '../training/index';
import { handoversPlugin } from '../handovers/index';
import { disciplinePlugin } from '../discipline/index';
import { assessmentsPlugin } from '../assessments/index';
import { briefingsPlugin } from '../briefings/index';
import { errorHandler, notFoundHandler } from './errors';
import { securityPlugin } from './security';

/** What every route reaches through `app.banzu`: resolved once at start. */
export interface AppContext {
  config: Config;
  store: Store;
  log: EventLog;
  clock: Clock;
  /** The live floor for the WebSocket channel, when the server runs one. */
  live?: LiveFeed;
  /** How often the live channel pings and looks at the session (tests shorten it). */
  liveHeartbeatMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    banzu: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
    /** Who may call the route: any logged-in user, or these roles. */
    roles?: 'any' | readonly string[];
  }
}

export interface BuildOptions {
  logger?: Logger;
  floor?: Floor | null;
  /** What of the switch does not answer (Kamailio, rtpengine), for /ready. */
  switchProblems?: () => Promise<string[]>;
  /** The SIP switch's edge, when the server runs one: agents' SIP passwords take effect there, the softphone registers there. */
  sip?: SipEdge;
}

/**
 * The HTTP application: thin plugins over the domain, one error shape, OpenAPI at /api/docs. The
 * live floor, when the server runs one, is a plugin the modules that need it depend on.
 *
 * @example
 * const app = await buildApp({ config, store, log, clock: systemClock }, { logger, floor });
 * await app.listen({ port: config.port });
 */
export async function buildApp(context: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { logger, floor = null, switchProblems } = options;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    bodyLimit: 5 * 1024 * 1024,
    // Fastify's 10 s per plugin is not met on a loaded host while the console builds beside the start.
    pluginTimeout: 60_000,
    // Behind a TLS-terminating proxy: its X-Forwarded-* tell the client's address and https (the Secure cookie).
    trustProxy: context.config.trustProxy,
  }) as unknown as FastifyInstance;
  app.decorate('banzu', context);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(securityPlugin);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Brotli or gzip for every answer the browser accepts it for; the console's files come compressed from the build.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Banzu API', description: 'Banzu (班组) contact center', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'banzu_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin);

  app.get('/health', { config: { public: true }, schema: { tags: ['operations'], summary: 'The process is up' } }, () => ({
    status: 'ok',
  }));
  app.get('/ready', { config: { public: true }, schema: { tags: ['operations'], summary: 'The store and the switch are ready' } }, async (_request, reply) => {
    try {
      const away = context.store.problems();
      if (away.length > 0) return reply.status(503).send({ status: 'store reconnecting', problems: away });
      const pending = await pendingMigrations(context.store);
      if (pending.length > 0) return reply.status(503).send({ status: 'migrating', pending });
      const down = (await switchProblems?.()) ?? [];
      if (down.length > 0) return reply.status(503).send({ status: 'switch down', problems: down });
      return { status: 'ready', store: context.store.kind };
    } catch (err) {
      return reply.status(503).send({ status: 'store unreachable', error: (err as Error).message });
    }
  });

  await app.register(floorPlugin(floor));
  await app.register(orgPlugin);
  await app.register(reportRoutes);
  await app.register(crmPlugin);
  const live = context.live ?? floor?.feed;
  if (live) await app.register(livePlugin, { feed: live, heartbeatMs: context.liveHeartbeatMs });
  await app.register(recordingRoutes(recordingsDir(context.config)));
  await app.register(campaignPlugin);
  await app.register(sipAccountRoutes(options.sip ?? null));
  await app.register(ticketsPlugin);
  await app.register(kbPlugin);
  await app.register(qaPlugin);
  await app.register(wfmPlugin);
  await app.register(staffPlugin);
  await app.register(trainingPlugin);
  await app.register(handoversPlugin);
  await app.register(disciplinePlugin);
  await app.register(assessmentsPlugin);
  await app.register(briefingsPlugin);

  // Looked up per request, not listed at start: the console may be built while the server runs.
  // Assets are named by their content hash: cached for good. Everything else, index.html first, is asked again.
  await app.register(fastifyStatic, {
    root: webDistDir,
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  // The console routes in the browser: an unknown page path gets its page, an unknown API path a 404.
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) return notFoundHandler(request, reply);
    if (webConsoleBuilt()) return reply.sendFile('index.html');
    return reply.sendFile(basename(webPlaceholder), dirname(webPlaceholder));
  });
  return app;
}
