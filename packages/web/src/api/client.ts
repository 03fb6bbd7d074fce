import { initialLanguage } from '../i18n/index';

/** The API's one error shape, as thrown by `api`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener = (code: string) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request finds the session gone (expired or logged out elsewhere). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * JSON over fetch with the session cookie; errors become ApiError.
 *
 * @example
 * const queues = await api<Queue[]>('GET', '/api/v1/queues');
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    // The server answers refusals and problems in the console's language, not the browser's.
    headers: { 'accept-language': initialLanguage(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: unknown } };
  if (!response.ok) {
    const error = payload.error ?? { code: 'http_error', message: response.statusText };
    if (response.status === 401 && !path.endsWith('/auth/login')) for (const l of unauthorizedListeners) l(error.code);
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload as T;
}

/** What to tell the user of a failed request: the server's own words (in their language), else the error. */
export const refusalText = (err: unknown): string => (err instanceof ApiError ? err.message : String(err));
