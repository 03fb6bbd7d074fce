import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** The console's first question, who is logged in: answered for a visitor too, never with a 401 (issue 20, item 19). */
describe('GET /api/v1/auth/session', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
  });
  afterAll(() => h.close());

  it('answers a visitor without a session with nobody, not a 401', async () => {
    const res = await h.call(undefined, 'GET', '/api/v1/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null, expired: false });
    // /auth/me stays what it was: for the logged in.
    expect((await h.call(undefined, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('names the logged-in user, and says when the session brought has expired', async () => {
    const token = await h.login('8001');
    const res = await h.call(token, 'GET', '/api/v1/auth/session');
    expect(res.json()).toMatchObject({ user: { username: '8001', role: 'agent' }, expired: false });
    expect((await h.call('not-a-session', 'GET', '/api/v1/auth/session')).json()).toEqual({ user: null, expired: false });
    h.clock.advance(400 * 24 * 3600_000);
    expect((await h.call(token, 'GET', '/api/v1/auth/session')).json()).toEqual({ user: null, expired: true });
  });
});
