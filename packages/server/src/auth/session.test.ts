import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, testPassword, type TestApp } from '../http/testing';
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

/** Every user changes the own password in the console (issue 20, item 18). */
describe('POST /api/v1/auth/password', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
  });
  afterAll(() => h.close());

  it('needs the current password and a good new one; then the other sessions end, this one goes on, and the new password logs in', async () => {
    const here = await h.login('8001');
    const elsewhere = await h.login('8001');
    const change = (body: unknown) => h.call(here, 'POST', '/api/v1/auth/password', body);

    const wrong = await change({ currentPassword: 'not-it', newPassword: '柳絮-风筝-42' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ message: '当前密码不正确', details: { field: 'currentPassword' } });
    expect((await change({ currentPassword: testPassword, newPassword: 'aaaaaaaaaa' })).json().error.message).toContain('重复');
    expect((await change({ currentPassword: testPassword, newPassword: testPassword })).statusCode).toBe(400);
    expect((await h.call(undefined, 'POST', '/api/v1/auth/password', { currentPassword: testPassword, newPassword: '柳絮-风筝-42' })).statusCode).toBe(401);

    expect((await change({ currentPassword: testPassword, newPassword: '柳絮-风筝-42' })).statusCode).toBe(204);
    expect((await h.call(here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await h.call(elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(h.login('8001')).rejects.toThrow();
    expect(await h.login('8001', '柳絮-风筝-42')).toBeTruthy();
  });
});
