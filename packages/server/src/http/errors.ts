import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStoreUnavailable } from '../store/index';
import { message, said, userLanguage, words, type Params, type UserLanguage, type Wording } from './messages';

/**
 * An error meant for the API caller. Every API error has the shape {"error":{code,message,details}}.
 * Its words are the catalogue's (`words(key, params)`, server/http/messages), said in the user's
 * language; its own message is the Chinese one, for logs and for callers outside HTTP. A plain
 * string is said as written.
 *
 * @example
 * throw new BadRequestError(words('crm.no_class', { code: 'vip' }), { field: 'classCode' });
 */
export class ApiError extends Error {
  readonly wording?: Wording;
  constructor(
    readonly status: number,
    readonly code: string,
    wording: string | Wording,
    readonly details?: unknown,
  ) {
    super(typeof wording === 'string' ? wording : said(wording, 'zh'));
    this.name = 'ApiError';
    if (typeof wording !== 'string') this.wording = wording;
  }
}

export class BadRequestError extends ApiError {
  constructor(said: string | Wording, details?: unknown) {
    super(400, 'invalid_request', said, details);
  }
}
export class UnauthorizedError extends ApiError {
  constructor(message = 'log in first', code = 'unauthorized') {
    super(401, code, message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(said: string | Wording = words('role_forbidden')) {
    super(403, 'forbidden', said);
  }
}
export class NotFoundError extends ApiError {
  /** `what` is missing: `missing(thing, id)` of the catalogue, or a name said as "<what> not found". */
  constructor(what: string | Wording) {
    super(404, 'not_found', typeof what === 'string' ? `${what} not found` : what);
  }
}
export class ConflictError extends ApiError {
  constructor(said: string | Wording, details?: unknown) {
    super(409, 'conflict', said, details);
  }
}

/**
 * A refusal by any status and code, worded by the catalogue: `key` names the entry and `params`
 * fill it.
 *
 * @example
 * throw new Refusal(409, 'conflict', 'queue.overflow_into_disabled', { queue: '售前咨询' });
 */
export class Refusal extends ApiError {
  constructor(status: number, code: string, key: string, params: Params = {}, details?: unknown) {
    super(status, code, { key, params }, details);
  }
}

/** Not now, but after `seconds`: the answer carries `Retry-After`. */
export class RetryLaterError extends ApiError {
  constructor(
    status: 429 | 503,
    code: string,
    wording: string | Wording,
    readonly seconds: number,
  ) {
    super(status, code, wording, { retryAfterSeconds: seconds });
  }
}

/** The database cannot be reached now (a restart): the caller may try again after `Retry-After`. */
export class StoreUnavailableError extends RetryLaterError {
  constructor() {
    super(503, 'store_unavailable', words('store_unavailable'), 5);
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
function validationMessageZh(v: Issue): string {
  const issue = { ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message ?? '' } as unknown as Parameters<typeof zodEnglish>[0];
  const text = (said: ReturnType<typeof zodEnglish>) => (typeof said === 'string' ? said : said?.message);
  const said = v.message ?? '';
  // The issue no longer holds the value sent, so Zod's own "received …" cannot be said again.
  if (v.keyword === 'invalid_type' && said.startsWith('Invalid input: expected ')) return `无效输入：应为 ${String(v.params.expected)}`;
  if (said !== text(zodEnglish(issue))) return said;
  return text(zodChinese(issue)) ?? said;
}

type Issue = { keyword: string; message?: string; instancePath: string; params: Record<string, unknown> };

/**
 * What a schema said of a value: a message the schema wrote as a catalogue key is said in the
 * user's language, with the issue's figures (`{maximum}`, an enum's `{values}`, or the `params` of a refinement); Zod's
 * own words are Zod's, in Chinese unless English is asked for.
 *
 * @example
 * z.string().max(500, { message: 'wfm.note_long' }) // "说明最多 500 字" / "a note has at most 500 characters"
 */
function validationMessage(v: Issue, language: UserLanguage): string {
  const figures: Params = {};
  const own = typeof v.params.params === 'object' ? v.params.params : {};
  for (const [name, x] of Object.entries({ ...v.params, ...own })) {
    if (typeof x === 'string' || typeof x === 'number') figures[name] = x;
    // The values an enum allows.
    else if (Array.isArray(x)) figures[name] = x.join(language === 'zh' ? '、' : ', ');
  }
  const catalogued = v.message === undefined ? null : message(v.message, language, figures);
  if (catalogued !== null) return catalogued;
  return language === 'zh' ? validationMessageZh(v) : (v.message ?? '');
}

/** Codes every kind of refusal shares: a plain message under one of them is that refusal's own, not the catalogue entry of the same name. */
const genericCodes = new Set(['invalid_request', 'not_found', 'conflict', 'forbidden']);

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** The one place where errors become status codes. Anything unexpected is a logged 500. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof RetryLaterError) reply.header('retry-after', String(err.seconds));
  // An error with the catalogue's words, or with a catalogued code of its own (a router refusal), reads in the user's language; the others keep their words.
  if (err instanceof ApiError) {
    const language = userLanguage(request);
    const worded = err.wording ? said(err.wording, language) : genericCodes.has(err.code) ? null : message(err.code, language);
    return send(reply, err.status, err.code, worded ?? err.message, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const language = userLanguage(request);
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: validationMessage(v, language),
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
    return send(reply, unavailable.status, unavailable.code, said(unavailable.wording!, userLanguage(request)), unavailable.details);
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
