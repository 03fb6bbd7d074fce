import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** Queue changes in 系统管理 reach the audit log: who created, changed (which fields) or deleted which queue. */
describe.each(backends)('queue changes in the audit log ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
  });
  afterAll(() => h.close());

  it('records the creation, the fields a change named, and the deletion; a refused change records nothing', async () => {
    const { id } = (await h.call(manager, 'POST', '/api/v1/queues', { name: '审计队列', slThresholdSeconds: 20, slTarget: 0.8 })).json() as { id: string };
    expect((await h.call(manager, 'PATCH', `/api/v1/queues/${id}`, { priority: 3, inboundNumbers: ['4008007001'] })).statusCode).toBe(200);
    expect((await h.call(manager, 'PATCH', `/api/v1/queues/${id}`, { inboundNumbers: ['400-800'] })).statusCode).toBe(400);
    expect((await h.call(manager, 'DELETE', `/api/v1/queues/${id}`)).statusCode).toBe(204);
    const audit = (await h.call(manager, 'GET', '/api/v1/audit?subject=queues')).json() as { action: string; userName: string; detail: { queueId: string; changed?: string[] } }[];
    expect(audit.map((a) => [a.action, a.userName, a.detail.queueId, a.detail.changed])).toEqual([
      ['delete', '郑经理', id, undefined],
      ['update', '郑经理', id, ['priority', 'inboundNumbers']],
      ['create', '郑经理', id, undefined],
    ]);
  });
});
