import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyPlugin from 'fastify-plugin';
import { ApiError, BadRequestError } from './errors';
import { words } from './messages';

/** A request that changes something, or opens the live socket, sent by a page of another site. */
export class CrossOriginError extends ApiError {
  constructor() {
    super(403, 'cross_origin', '拒绝来自其他网站的请求');
  }
}

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the browser says the request comes from a page of another site than the one it is sent to. */
function crossSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    try {
      // `request.host` is the address the browser used (X-Forwarded-Host behind a trusted proxy); read
      // with the origin's scheme, so a default port written out (localhost:80) is the same host.
      const from = new URL(origin);
      return from.host !== new URL(`${from.protocol}//${request.host}`).host;
    } catch {
      return true; // 'null' (a sandboxed page, a file) or garbage: no site of ours
    }
  }
  // Without Origin (an old browser, or a tool such as curl, which sends neither): what Fetch Metadata says.
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/** NUL is no character PostgreSQL stores, and no person types it: the request is malformed. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/**
 * What every answer and request goes through for the browser's sake: security headers (a CSP the
 * console works with, no framing, nosniff, HSTS, Referrer-Policy), an Origin check on requests that
 * change something and on the live socket's upgrade (a page of another site may not act with the
 * user's cookie), and NUL characters refused as bad input.
 *
 * @example
 * await app.register(securityPlugin);
 */
export const securityPlugin = fastifyPlugin(async function security(app: FastifyInstance) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        // antd writes its styles at run time (CSS-in-JS): inline styles, never inline scripts.
        'style-src': ["'self'", "'unsafe-inline'"],
        // The live socket, and the softphone's SIP over WebSocket on its own port.
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        // A center on plain HTTP (a LAN without TLS) must still load its own files.
        'upgrade-insecure-requests': null,
      },
    },
    // Recordings and the console's files are fetched by the console itself; nothing is embedded elsewhere.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });

  app.addHook('onRequest', async (request) => {
    if (changing.has(request.method) && crossSite(request)) throw new CrossOriginError();
  });
  // The upgrade's refusal waits for preHandler: one in onRequest would leave the socket open.
  app.addHook('preHandler', async (request) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket' && crossSite(request)) throw new CrossOriginError();
  });

  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      if (hasNul(value)) throw new BadRequestError(words('nul_character', { part }), { field: part });
    }
  });
});
