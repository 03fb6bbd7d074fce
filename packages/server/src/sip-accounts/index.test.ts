import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { openTestApp, testPassword, type TestApp } from '../http/testing';
import { backends, type TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { listSipAccounts, sipHa1 } from './index';

describe.each(backends)('SIP passwords in the console ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    const users = await h.t.store.query<{ id: string; username: string }>('SELECT id, username FROM users');
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  });
  afterAll(() => h.close());

  it('the test center gives every agent a SIP account with the login password', async () => {
    const accounts = await listSipAccounts(h.t.store);
    expect(accounts).toHaveLength(13);
    expect(accounts[0]).toEqual({ user: '8001', ha1: sipHa1('8001', 'banzu', testPassword) });
  });

  it('a manager sets an agent’s SIP password: only its digest is kept, and the console sees that it is set', async () => {
    const set = await h.call(manager, 'PUT', `/api/v1/users/${ids['8002']}/sip-password`, { password: 'quiet-lantern-27' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ agentId: ids['8002'], user: '8002', passwordSet: true });
    const [row] = await h.t.store.query<{ ha1: string }>('SELECT ha1 FROM sip_accounts WHERE agent_id = $1', [ids['8002']]);
    expect(row!.ha1).toBe(sipHa1('8002', 'banzu', 'quiet-lantern-27'));
    expect(JSON.stringify(await h.t.store.query('SELECT * FROM sip_accounts'))).not.toContain('quiet-lantern-27');
    const leader = await h.login('leader1');
    expect((await h.call(leader, 'GET', `/api/v1/users/${ids['8002']}/sip-account`)).json()).toMatchObject({ user: '8002', passwordSet: true });
  });

  it.each([
    ['a password that is too short', () => ['manager', ids['8001'], { password: 'short' }], 400, 'SIP 密码至少 8 个字符'],
    ['a password with the 工号 in it', () => ['manager', ids['8001'], { password: 'phone-8001-pw' }], 400, '不能用作 SIP 密码：密码不能包含用户名'],
    ['a password everyone guesses', () => ['manager', ids['8001'], { password: '12345678' }], 400, '太常见'],
    ['a user who is not an agent', () => ['manager', ids.qa1, { password: 'long-enough' }], 400, '不是座席'],
    ['a user who does not exist', () => ['manager', 'nobody', { password: 'long-enough' }], 404, ''],
    ['an agent setting it', () => ['8001', ids['8001'], { password: 'long-enough' }], 403, ''],
    ['a team leader setting it', () => ['leader1', ids['8001'], { password: 'long-enough' }], 403, ''],
  ])('refuses %s', async (_, given, status, message) => {
    const [login, id, body] = given() as [string, string, object];
    const res = await h.call(await h.login(login), 'PUT', `/api/v1/users/${id}/sip-password`, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toContain(message);
  });

  it('a team leader sees only the own team’s accounts', async () => {
    const [other] = await h.t.store.query<{ id: string }>(
      "SELECT u.id FROM users u WHERE u.role = 'agent' AND u.team_id <> (SELECT team_id FROM users WHERE username = 'leader1') LIMIT 1",
    );
    const res = await h.call(await h.login('leader1'), 'GET', `/api/v1/users/${other!.id}/sip-account`);
    expect(res.statusCode).toBe(403);
  });

  it('without the SIP switch the desktop gets no softphone', async () => {
    const res = await h.call(await h.login('8001'), 'GET', '/api/v1/desktop/softphone');
    expect(res.json()).toEqual({ softphone: null, passwordMissing: false });
    expect((await h.call(manager, 'GET', '/api/v1/desktop/softphone')).statusCode).toBe(403);
  });
});

describe('SIP passwords with the SIP switch running', () => {
  let t: TestStore;
  let log: EventLog;
  let app: FastifyInstance;
  const changes: number[] = [];
  const call = (token: string | undefined, method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object) =>
    app.inject({ method, url, headers: { host: 'banzu.example:8080', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { payload: body } : {}) });
  const login = async (username: string) => (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword } })).json().token as string;

  beforeAll(async () => {
    t = await backends[0]!.open();
    await seedTestCenter(t.store, testPassword);
    log = new EventLog(t.store);
    const edge = { address: '10.1.2.3', wsPort: 5066, accountsChanged: async () => void changes.push(1) };
    app = await buildApp({ config: loadConfig({ env: {}, cwd: '/nonexistent' }), store: t.store, log, clock: manualClock(0) }, { sip: edge });
  });
  afterAll(async () => {
    await app.close();
    await log.close();
    await t.cleanup();
  });

  it('tells the switch at once when a password is set, and gives the desktop its softphone settings: WebSocket on the console’s host, 工号, realm, HA1', async () => {
    const manager = await login('manager');
    const [agent] = await t.store.query<{ user_id: string; display_name: string }>(
      "SELECT a.user_id, u.display_name FROM agents a JOIN users u ON u.id = a.user_id WHERE a.employee_no = '8003'",
    );
    expect((await call(manager, 'PUT', `/api/v1/users/${agent!.user_id}/sip-password`, { password: 'amber-kettle-93' })).statusCode).toBe(200);
    expect(changes).toHaveLength(1);
    const token = await login('8003');
    expect((await call(token, 'GET', '/api/v1/desktop/softphone')).json()).toEqual({
      softphone: { wsUrl: 'ws://banzu.example:5066', uri: 'sip:8003@10.1.2.3', realm: 'banzu', ha1: sipHa1('8003', 'banzu', 'amber-kettle-93'), displayName: agent!.display_name },
      passwordMissing: false,
    });
    await t.store.query("DELETE FROM sip_accounts WHERE agent_id = (SELECT user_id FROM agents WHERE employee_no = '8004')");
    const without = await login('8004');
    expect((await call(without, 'GET', '/api/v1/desktop/softphone')).json()).toEqual({ softphone: null, passwordMissing: true });
  });

  it('rewrites the accounts when an agent is disabled or deleted, so the agent’s phones no longer register', async () => {
    const manager = await login('manager');
    const [a, b] = await t.store.query<{ user_id: string }>("SELECT user_id FROM agents WHERE employee_no IN ('8005', '8006') ORDER BY employee_no");
    const before = changes.length;
    expect((await call(manager, 'PATCH', `/api/v1/users/${a!.user_id}`, { disabled: true })).statusCode).toBe(200);
    expect(changes.length).toBe(before + 1);
    expect((await listSipAccounts(t.store)).map((x) => x.user)).not.toContain('8005');
    expect((await call(manager, 'DELETE', `/api/v1/users/${b!.user_id}`)).statusCode).toBe(204);
    expect(changes.length).toBe(before + 2);
    expect((await listSipAccounts(t.store)).map((x) => x.user)).not.toContain('8006');
  });
});
