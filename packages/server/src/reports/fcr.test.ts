import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorEngine } from '../floor/engine';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { backends } from '../store/testing';
import { reportsProjection } from './index';

/** 一次性解决问题的呼叫率: the wrap-up's "resolved?", and repeat calls from the same number within the center's window. */
describe('first-contact resolution from the desktop wrap-up', () => {
  let h: TestApp;
  let engine: FloorEngine;
  let agent: string;
  let manager: string;
  let queueId: string;
  let runner: ProjectionRunner;

  const fcr = async () => {
    await runner.caughtUp(await h.app.banzu.log.head());
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(engine.now());
    const res = await h.call(manager, 'GET', `/api/v1/reports/metrics?from=${date}&to=${date}&by=day`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as { metrics: { firstContactResolution: number | null }; tally: { resolutionKnown: number } };
  };

  /** A call from `from` answered at the desktop and wrapped up with the given answer to "resolved?". */
  async function call(callId: string, from: string, resolved: boolean | undefined) {
    expect(engine.command({ type: 'switch.call_arrived', callId, from, to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    await h.app.banzu.log.settled();
    expect((await h.call(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    h.clock.advance(60_000);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    const saved = await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId, code: 'inquiry', finish: true, ...(resolved === undefined ? {} : { resolved }) });
    expect(saved.statusCode, saved.body).toBe(200);
    h.clock.advance(60_000);
  }

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    engine = h.app.floor!.engine;
    runner = new ProjectionRunner(h.app.banzu.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }), (err) => {
      throw err;
    });
    await runner.start();
    agent = await h.login('8001');
    manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    runner.stop();
    await h.close();
  });

  it('a resolved wrap-up yields FCR; a wrap-up that does not say is outside the figure', async () => {
    await call('f-1', '13900000001', true);
    await call('f-2', '13900000002', undefined);
    expect(await fcr()).toMatchObject({ metrics: { firstContactResolution: 1 }, tally: { resolutionKnown: 1 } });
  });

  it('a repeat call from the same number within the window makes the first call not FCR, whatever its wrap-up said', async () => {
    await call('f-3', '13900000001', true);
    // f-1 was repeated by f-3; f-3 itself is resolved so far.
    expect(await fcr()).toMatchObject({ metrics: { firstContactResolution: 0.5 }, tally: { resolutionKnown: 2 } });
  });

  it('a call after the window is a new contact; the window is the center’s setting', async () => {
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { repeatCallWindowHours: 0 })).statusCode).toBe(400);
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { repeatCallWindowHours: 1 })).statusCode).toBe(200);
    h.clock.advance(2 * 3_600_000);
    await call('f-4', '13900000002', true);
    expect((await fcr()).tally.resolutionKnown).toBe(3);
    expect((await fcr()).metrics.firstContactResolution).toBeCloseTo(2 / 3);
  });

  it('refuses a "resolved" that is not yes or no, and a disposition for a call the agent is not on', async () => {
    expect((await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId: 'f-1', code: 'inquiry', resolved: 'yes' })).statusCode).toBe(400);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId: 'f-1', code: 'inquiry', resolved: true })).statusCode).toBe(409);
  });
});
