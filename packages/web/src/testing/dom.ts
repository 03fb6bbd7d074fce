import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../i18n/index';

// antd reads media queries that jsdom does not implement.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// antd's tables watch their size; jsdom lays nothing out, so there is nothing to observe.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

await initI18n('zh-CN');
afterEach(() => cleanup());

/** Replaces fetch with a function of (method, path, body) → [status, json]. */
export function fakeApi(respond: (method: string, path: string, body: unknown) => [number, unknown]) {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const [status, json] = respond(init?.method ?? 'GET', String(input), init?.body ? JSON.parse(String(init.body)) : undefined);
    return new Response(status === 204 ? null : JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}
