import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../bootstrap/index';
import { loadConfig } from '../config/index';
import { backends } from '../store/testing';
import { openTestApp, testPassword, type TestApp } from './testing';

describe('what the browser is protected by', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
  });
  afterAll(() => h.close());

  const login = { username: 'manager', password: testPassword };

  it('sends the security headers on the console and the API: CSP, no framing, nosniff, HSTS, Referrer-Policy', async () => {
    for (const url of ['/', '/api/v1/auth/me', '/health']) {
      const res = await h.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('makes the session cookie Secure behind a trusted TLS proxy, and only then', async () => {
    const plain = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login, headers: { 'x-forwarded-proto': 'https' } });
    // Without BANZU_TRUST_PROXY anyone could send the header: it is not believed.
    expect(plain.cookies.find((c) => c.name === 'banzu_session')?.secure).toBeFalsy();

    const config = loadConfig({ env: { BANZU_TRUST_PROXY: '127.0.0.1' }, cwd: '/nonexistent' });
    const proxied = await assemble({ config, store: h.t.store, log: h.app.banzu.log, clock: h.clock }, { floor: null });
    try {
      const viaTls = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login, headers: { 'x-forwarded-proto': 'https' } });
      expect(viaTls.statusCode).toBe(200);
      expect(viaTls.cookies.find((c) => c.name === 'banzu_session')?.secure).toBe(true);
      const viaHttp = await proxied.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login });
      expect(viaHttp.cookies.find((c) => c.name === 'banzu_session')?.secure).toBeFalsy();
    } finally {
      await proxied.close();
    }
    expect(() => loadConfig({ env: { BANZU_TRUST_PROXY: 'everyone' }, cwd: '/nonexistent' })).toThrow(/BANZU_TRUST_PROXY/);
  });

  it('refuses a state change or the live socket asked for by a page of another site, with or without a body', async () => {
    const token = await h.login('leader1');
    const foreign = { origin: 'https://evil.example', cookie: `banzu_session=${token}` };
    const attempts = [
      h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: foreign }),
      h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { ...foreign, 'content-type': 'text/plain' }, payload: JSON.stringify(login) }),
      h.app.inject({
        method: 'POST',
        url: '/api/v1/queues',
        headers: { cookie: foreign.cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        payload: '{}',
      }),
      h.app.inject({
        method: 'GET',
        url: '/api/v1/live',
        headers: { ...foreign, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('cross_origin');
    }
    // The session survived the foreign logout; the console's own origin, and tools that send none, go through.
    expect((await h.call(token, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const own = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost' }, payload: login });
    expect(own.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: login })).statusCode).toBe(200);
  });

  it('answers NUL characters and the year 0000 with 400, never 500', async () => {
    const manager = await h.login('manager');
    const agent = await h.login('8001');
    const requests: [string | undefined, string, string, unknown?][] = [
      [manager, 'POST', '/api/v1/customers', { name: 'a\u0000b' }],
      [manager, 'POST', '/api/v1/teams', { name: '\u0000' }],
      [manager, 'GET', '/api/v1/customers?q=%00'],
      [manager, 'GET', '/api/v1/users/%00'],
      [undefined, 'POST', '/api/v1/auth/login', { username: 'manager\u0000', password: testPassword }],
      [manager, 'GET', '/api/v1/reports/calls?from=0000-01-01&to=0000-01-02'],
      [manager, 'GET', '/api/v1/reports/calls?from=2026-01-01&to=0000-01-02'],
      [agent, 'GET', '/api/v1/desktop/my-day?date=0000-01-01'],
    ];
    for (const [token, method, url, body] of requests) {
      const res = await h.call(token, method, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    // Named in the user's language.
    expect((await h.call(manager, 'POST', '/api/v1/teams', { name: 'a\u0000' })).json().error.message).toBe('body 不能包含 NUL 字符 (\\u0000)');
    expect((await h.call(manager, 'POST', '/api/v1/teams?lang=en', { name: 'a\u0000' })).json().error.message).toBe('body cannot contain a NUL character (\\u0000)');
  });
});
