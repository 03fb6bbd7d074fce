import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** Seed 004 gives QA 实时监听 and 旁听: QA listens to live calls; whisper and barge only where the center allows. */
describe('QA monitors live calls', () => {
  let h: TestApp;
  let qa: string;
  let manager: string;

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    const agent = await h.login('8001');
    qa = await h.login('qa1');
    manager = await h.login('manager');
    const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    h.app.floor!.engine.command({ type: 'switch.call_arrived', callId: 'm-1', from: '13900000009', to: '4008001234', queueId, vipLevel: 0 });
    await h.app.banzu.log.settled();
    expect((await h.call(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    await h.app.banzu.log.settled();
    for (let i = 0; i < 100 && !h.app.floor!.feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).state.calls.some((c) => c.callId === 'm-1'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  afterAll(() => h.close());

  it('lets QA listen and stop, but not whisper or barge by default', async () => {
    expect((await h.call(qa, 'POST', '/api/v1/floor/calls/m-1/monitor', { mode: 'whisper' })).statusCode).toBe(403);
    const barge = await h.call(qa, 'POST', '/api/v1/floor/calls/m-1/monitor', { mode: 'barge' });
    expect(barge.statusCode).toBe(403);
    expect(barge.json().error.message).toBe('质检员只能监听；耳语和强插需要中心设置允许');
    expect((await h.call(qa, 'POST', '/api/v1/floor/calls/m-1/monitor', { mode: 'listen' })).statusCode).toBe(200);
    expect((await h.call(qa, 'DELETE', '/api/v1/floor/calls/m-1/monitor')).statusCode).toBe(200);
  });

  it('lets QA whisper once the center allows it', async () => {
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { qaMayWhisperAndBarge: true })).statusCode).toBe(200);
    expect((await h.call(qa, 'POST', '/api/v1/floor/calls/m-1/monitor', { mode: 'whisper' })).statusCode).toBe(200);
  });
});
