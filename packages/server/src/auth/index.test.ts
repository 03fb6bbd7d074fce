import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { loadConfig } from '../config/index';
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
      expect(res.json().error.message).toBe('用户名或密码错误');
      expect(res.cookies).toHaveLength(0);
    }
    const english = await h.call(undefined, 'POST', '/api/v1/auth/login?lang=en', { username: 'nobody', password: 'wrong-password' });
    expect(english.json().error.message).toBe('wrong username or password');
    // Any other answer of the API's own is worded the same way: a route that does not exist.
    expect((await h.call(undefined, 'GET', '/api/v1/nothing-here')).json().error.message).toBe('没有这个接口：GET /api/v1/nothing-here');
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
    expect(create.json().error.message).toBe('座席不能使用 POST /api/v1/queues');
    expect((await h.call(agent, 'GET', '/api/v1/users?lang=en')).json().error.message).toBe('the agent role may not call GET /api/v1/users');
    const queues = (await h.call(agent, 'GET', '/api/v1/queues')).json() as { name: string }[];
    expect(queues.map((q) => q.name)).not.toContain('黑客');
  });
});

describe.each(backends)('logins under attack ($name)', (backend) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backend);
  });
  afterAll(() => h.close());

  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });
  const audit = (action: string) => h.t.store.query<{ detail: Record<string, unknown> }>('SELECT detail FROM audit_log WHERE action = $1 ORDER BY id', [action]);

  it('locks an account after 5 wrong passwords in 15 minutes, with Retry-After, the right password included, and audits it', async () => {
    for (let i = 1; i <= 4; i++) expect((await loginFrom('10.1.0.1', 'leader2', `guess-${i}-xyz`)).statusCode).toBe(401);
    const fifth = await loginFrom('10.1.0.2', 'leader2', 'guess-5-xyz');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('too_many_attempts');
    expect(fifth.json().error.message).toContain('分钟后再试');
    expect(Number(fifth.headers['retry-after'])).toBe(900);
    // Locked: not even the right password opens it, from any address.
    const right = await loginFrom('10.1.0.3', 'leader2', testPassword);
    expect(right.statusCode).toBe(429);
    expect(right.cookies).toHaveLength(0);
    expect((await audit('login_failed')).filter((a) => a.detail.username === 'leader2')).toHaveLength(5);
    expect(await audit('login_locked')).toEqual([{ detail: { username: 'leader2', address: '10.1.0.2', by: 'account', seconds: 900 } }]);
    // Other accounts are not touched.
    expect((await loginFrom('10.1.0.3', 'leader3', testPassword)).statusCode).toBe(200);

    h.clock.advance(10 * 60_000);
    expect(Number((await loginFrom('10.1.0.3', 'leader2', testPassword)).headers['retry-after'])).toBe(300);
    h.clock.advance(5 * 60_000);
    expect((await loginFrom('10.1.0.3', 'leader2', testPassword)).statusCode).toBe(200);
  });

  it('forgets failures after a successful login or once the window has passed', async () => {
    for (let i = 0; i < 4; i++) await loginFrom('10.2.0.1', 'leader1', 'not-it-123');
    expect((await loginFrom('10.2.0.1', 'leader1', testPassword)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginFrom('10.2.0.1', 'leader1', 'not-it-123')).statusCode).toBe(401);
    h.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) expect((await loginFrom('10.2.0.1', 'leader1', 'not-it-123')).statusCode).toBe(401);
  });

  it('locks an address spraying one password over many accounts, not the accounts for others', async () => {
    const agents = Array.from({ length: 13 }, (_, i) => String(8001 + i));
    const sprayed = [...agents, 'qa1', 'trainer1', 'manager', 'leader3', 'leader4', 'nobody', 'ghost'];
    const answers = [];
    for (const username of sprayed) answers.push((await loginFrom('10.3.0.66', username, 'demo-pass-123')).statusCode);
    expect(answers.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(answers[19]).toBe(429);
    expect((await loginFrom('10.3.0.66', '8001', testPassword)).statusCode).toBe(429);
    expect((await loginFrom('10.3.0.67', '8001', testPassword)).statusCode).toBe(200);
    expect((await audit('login_locked')).at(-1)?.detail).toMatchObject({ address: '10.3.0.66', by: 'address' });
  });
});

describe.each(backends)('passwords and bodies ($name)', (backend) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(backend);
  });
  afterAll(() => h.close());

  it('refuses weak passwords for a new user and a changed one, naming why in Chinese', async () => {
    const manager = await h.login('manager');
    const user = (password: string) => ({ username: 'qa9', displayName: '质检九', role: 'qa', password });
    for (const [password, why] of [
      ['aaaaaaaa', '同一个字符'],
      ['        ', '同一个字符'],
      ['qa9-secret', '用户名'],
      ['Password1', '太常见'],
      ['short', '至少'],
    ] as const) {
      const res = await h.call(manager, 'POST', '/api/v1/users', user(password));
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.message, password).toContain(why);
    }
    const created = await h.call(manager, 'POST', '/api/v1/users', user('柳絮-风筝-42'));
    expect(created.statusCode, created.body).toBe(201);
    const weak = await h.call(manager, 'PATCH', `/api/v1/users/${created.json().id}`, { password: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('太常见');
  });

  it('refuses a weak first administrator password at start', () => {
    for (const password of ['aaaaaaaa', 'admin2026', 'password']) {
      expect(() => loadConfig({ env: { BANZU_ADMIN_PASSWORD: password }, cwd: '/nonexistent' }), password).toThrow(/BANZU_ADMIN_PASSWORD/);
    }
    expect(loadConfig({ env: { BANZU_ADMIN_PASSWORD: 'long-and-mine-7' }, cwd: '/nonexistent' }).adminPassword).toBe('long-and-mine-7');
  });

  it('answers an anonymous request before reading its body, and takes no large body from anyone anonymous', async () => {
    // A broken body is never parsed: the 401 comes first (it used to be a 400 from the parser).
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/v1/queues', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(anonymous.statusCode).toBe(401);
    const big = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'manager', password: 'x'.repeat(20_000) } });
    expect(big.statusCode).toBe(413);
  });
});
