import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** 指标目标 as the console's 系统管理 edits them: set, change, remove; only managers and administrators. */
describe.each(backends)('metric targets administration ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let teamId: string;
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    leader = await h.login('leader1');
    teamId = (await h.call(leader, 'GET', '/api/v1/auth/me')).json().teamId;
  });
  afterAll(() => h.close());

  const targets = async () => (await h.call(manager, 'GET', '/api/v1/targets')).json() as { metricId: string; scope: string; scopeId: string; target: number }[];

  it('sets a team target, changes it, and removes it so the team falls back to the center', async () => {
    const team = { metricId: 'abandonmentRate', scope: 'team', scopeId: teamId };
    expect((await h.call(manager, 'PUT', '/api/v1/targets', { ...team, target: 0.05 })).statusCode).toBe(200);
    expect((await h.call(manager, 'PUT', '/api/v1/targets', { ...team, target: 0.04 })).statusCode).toBe(200);
    expect((await targets()).filter((t) => t.metricId === 'abandonmentRate')).toEqual([{ ...team, target: 0.04 }]);
    const removed = await h.call(manager, 'DELETE', `/api/v1/targets?metricId=abandonmentRate&scope=team&scopeId=${teamId}`);
    expect(removed.statusCode).toBe(204);
    expect((await targets()).filter((t) => t.metricId === 'abandonmentRate')).toEqual([]);
    const again = await h.call(manager, 'DELETE', `/api/v1/targets?metricId=abandonmentRate&scope=team&scopeId=${teamId}`);
    expect(again.statusCode).toBe(404);
    const audit = (await h.call(manager, 'GET', '/api/v1/audit?subject=metric_targets')).json() as { action: string; userName: string; detail: { target?: number } }[];
    expect(audit.map((a) => [a.action, a.userName, a.detail.target])).toEqual([
      ['delete', '郑经理', undefined],
      ['update', '郑经理', 0.04],
      ['update', '郑经理', 0.05],
    ]);
  });

  it('lets only managers and administrators remove a target, and refuses an unknown metric', async () => {
    await h.call(manager, 'PUT', '/api/v1/targets', { metricId: 'serviceLevel', scope: 'center', target: 0.8 });
    expect((await h.call(leader, 'DELETE', '/api/v1/targets?metricId=serviceLevel&scope=center')).statusCode).toBe(403);
    expect((await h.call(manager, 'DELETE', '/api/v1/targets?metricId=noSuchMetric&scope=center')).statusCode).toBe(400);
    expect((await targets()).some((t) => t.metricId === 'serviceLevel' && t.scope === 'center')).toBe(true);
  });
});
