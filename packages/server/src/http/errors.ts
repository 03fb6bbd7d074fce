import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStoreUnavailable } from '../store/index';
import { message, userLanguage } from './messages';

/** An error meant for the API caller. Every API error has the shape {"error":{code,message,details}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid_request', message, details);
  }
}
export class UnauthorizedError extends ApiError {
  constructor(message = 'log in first', code = 'unauthorized') {
    super(401, code, message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(message = 'your role may not do this') {
    super(403, 'forbidden', message);
  }
}
export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

/**
 * A refusal worded by the message catalogue (server/http/messages): `key` names the entry and
 * `params` fill it, in the user's language; the error's own message is the Chinese one, for logs
 * and for callers outside HTTP.
 *
 * @example
 * throw new Refusal(409, 'conflict', 'queue.overflow_into_disabled', { queue: '售前咨询' });
 */
export class Refusal extends ApiError {
  constructor(
    status: number,
    code: string,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    details?: unknown,
  ) {
    super(status, code, message(key, 'zh', params) ?? key, details);
  }
}

/** Not now, but after `seconds`: the answer carries `Retry-After`. */
export class RetryLaterError extends ApiError {
  constructor(
    status: 429 | 503,
    code: string,
    message: string,
    readonly seconds: number,
  ) {
    super(status, code, message, { retryAfterSeconds: seconds });
  }
}

/** The database cannot be reached now (a restart): the caller may try again after `Retry-After`. */
export class StoreUnavailableError extends RetryLaterError {
  constructor() {
    super(503, 'store_unavailable', '数据库暂时无法连接，请稍后重试', 5);
  }
}

/** PostgreSQL error codes that come from what the caller sent, not from a fault of ours; worded by the catalogue (`pg.<code>`). */
const pgCallerErrors: Record<string, { status: number; code: string }> = {
  '23505': { status: 409, code: 'conflict' },
  '23503': { status: 409, code: 'conflict' },
  '23514': { status: 400, code: 'invalid_request' },
  '22P02': { status: 400, code: 'invalid_request' },
  // A date PostgreSQL cannot hold (the year 0000), a number or text beyond its column, a character it does not store (NUL).
  '22007': { status: 400, code: 'invalid_request' },
  '22008': { status: 400, code: 'invalid_request' },
  '22003': { status: 400, code: 'invalid_request' },
  '22001': { status: 400, code: 'invalid_request' },
  '22021': { status: 400, code: 'invalid_request' },
  '22P05': { status: 400, code: 'invalid_request' },
};

const zodEnglish = z.locales.en().localeError;
const zodChinese = z.locales.zhCN().localeError;

/**
 * Zod's own words for a problem (too short, wrong type, not one of…) in Chinese; a message the
 * schema wrote itself stays as written.
 */
function validationMessageZh(v: { keyword: string; message?: string; instancePath: string; params: Record<string, unknown> }): string {
  const issue = { ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message ?? '' } as unknown as Parameters<typeof zodEnglish>[0];
  const text = (said: ReturnType<typeof zodEnglish>) => (typeof said === 'string' ? said : said?.message);
  const said = v.message ?? '';
  // The issue no longer holds the value sent, so Zod's own "received …" cannot be said again.
  if (v.keyword === 'invalid_type' && said.startsWith('Invalid input: expected ')) return `无效输入：应为 ${String(v.params.expected)}`;
  if (said !== text(zodEnglish(issue))) return said;
  return text(zodChinese(issue)) ?? said;
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** The one place where errors become status codes. Anything unexpected is a logged 500. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof RetryLaterError) reply.header('retry-after', String(err.seconds));
  // A refusal with a catalogued code reads in the user's language; the others keep their words.
  if (err instanceof Refusal) return send(reply, err.status, err.code, message(err.key, userLanguage(request), err.params) ?? err.message, err.details);
  if (err instanceof ApiError) return send(reply, err.status, err.code, message(err.code, userLanguage(request)) ?? err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const language = userLanguage(request);
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: language === 'zh' ? validationMessageZh(v) : v.message,
    }));
    const first = issues[0];
    return send(reply, 400, 'invalid_request', first ? `${first.path}: ${first.message}` : 'invalid request', issues);
  }
  const pgCode = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';
  const pg = pgCallerErrors[pgCode];
  if (pg) {
    return send(reply, pg.status, pg.code, message(`pg.${pgCode}`, userLanguage(request))!, { constraint: (err as { constraint?: string }).constraint });
  }
  if (isStoreUnavailable(err)) {
    // The database went away mid-request (a restart): the caller may try again in a moment.
    request.log.warn({ err }, 'the database is unreachable');
    const unavailable = new StoreUnavailableError();
    reply.header('retry-after', String(unavailable.seconds));
    return send(reply, unavailable.status, unavailable.code, unavailable.message, unavailable.details);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return send(reply, err.statusCode, err.code ? err.code.toLowerCase() : 'invalid_request', err.message);
  }
  request.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'internal', message('internal', userLanguage(request))!);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'not_found', message('no_route', userLanguage(request), { route: `${request.method} ${request.url.split('?')[0]}` })!);
}
