import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, testPassword, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** 重置密码: the administrator sets a user's password in 系统管理; the policy holds, the user's sessions end, the log says who. */
describe.each(backends)('an administrator resets a user’s password ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let agentId: string;
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    agentId = ((await h.call(manager, 'GET', '/api/v1/users')).json() as { id: string; employeeNo: string | null }[]).find((u) => u.employeeNo === '8002')!.id;
  });
  afterAll(() => h.close());

  const login = (password: string) => h.call(undefined, 'POST', '/api/v1/auth/login', { username: '8002', password });

  it('refuses a weak password in Chinese and changes nothing', async () => {
    const weak = await h.call(manager, 'PATCH', `/api/v1/users/${agentId}`, { password: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await login(testPassword)).statusCode).toBe(200);
  });

  it('sets the new password, ends the user’s sessions and records who reset it', async () => {
    const before = await h.login('8002');
    const reset = await h.call(manager, 'PATCH', `/api/v1/users/${agentId}`, { password: '柳絮-风筝-42' });
    expect(reset.statusCode).toBe(200);
    expect((await h.call(before, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(testPassword)).statusCode).toBe(401);
    expect((await login('柳絮-风筝-42')).statusCode).toBe(200);
    const audit = (await h.call(manager, 'GET', '/api/v1/audit?action=password_reset')).json() as { userName: string; subject: string; detail: { userId: string } }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userName: '郑经理', subject: 'user', detail: { userId: agentId, login: '8002' } });
  });

  it('lets no team leader reset a password', async () => {
    const leader = await h.login('leader1');
    expect((await h.call(leader, 'PATCH', `/api/v1/users/${agentId}`, { password: '另一个-好密码-7' })).statusCode).toBe(403);
  });
});
