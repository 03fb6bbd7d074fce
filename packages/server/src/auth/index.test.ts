import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, testPassword, type TestApp } from '../http/testing';

describe.each(backends)('login and roles ($name)', (backend) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backend);
  });
  afterAll(() => h.close());

  it('logs in with the right password: a token, an HTTP-only cookie, and the profile', async () => {
    const res = await h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'leader1', password: testPassword });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'leader1', role: 'team_leader' });
    const cookie = res.cookies.find((c) => c.name === 'banzu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.value).toBe(body.token);
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { banzu_session: cookie!.value } });
    expect(me.json().username).toBe('leader1');
  });

  it('answers a wrong password or unknown user with the same 401 and no session', async () => {
    for (const username of ['leader1', 'nobody']) {
      const res = await h.call(undefined, 'POST', '/api/v1/auth/login', { username, password: 'wrong-password' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('rejects a malformed login body with 400 naming the field', async () => {
    const res = await h.call(undefined, 'POST', '/api/v1/auth/login', { username: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('password');
  });

  it('ends the session on logout: the token stops working', async () => {
    const token = await h.login('qa1');
    expect((await h.call(token, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await h.call(token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await h.call(token, 'GET', '/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('tells an expired session apart so the console can say why', async () => {
    const token = await h.login('manager');
    h.clock.advance(13 * 3_600_000);
    const res = await h.call(token, 'GET', '/api/v1/queues');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('requires a login for every API route', async () => {
    for (const url of ['/api/v1/queues', '/api/v1/teams', '/api/v1/users', '/api/v1/center', '/api/v1/skills']) {
      expect((await h.call(undefined, 'GET', url)).statusCode, url).toBe(401);
    }
  });

  it('forbids an agent an administrator route with 403 and changes nothing', async () => {
    const agent = await h.login('8001');
    const create = await h.call(agent, 'POST', '/api/v1/queues', { name: '黑客', slThresholdSeconds: 20, slTarget: 0.8 });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');
    expect((await h.call(agent, 'GET', '/api/v1/users')).statusCode).toBe(403);
    const queues = (await h.call(agent, 'GET', '/api/v1/queues')).json() as { name: string }[];
    expect(queues.map((q) => q.name)).not.toContain('黑客');
  });
});
