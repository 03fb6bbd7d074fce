import { expect } from 'vitest';
import type { FloorEngine } from '../floor/engine';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { backends } from '../store/testing';
import { reportsProjection } from './index';

/** A test center whose figures come from calls answered at the desktop. */
export interface DeskFloor {
  h: TestApp;
  engine: FloorEngine;
  /** Tokens of agent 8001 (ready on 售前咨询) and of the manager. */
  agent: string;
  manager: string;
  queueId: string;
  /** The day's total of the metrics report, once the reports projection has read every event. */
  dayTotal(): Promise<{ metrics: Record<string, number | null>; tally: Record<string, number> }>;
  /** A call from `from` to 售前咨询 (or `queueId`) answered by 8001 at the desktop, talked a minute and wrapped up as an inquiry (or `code`). */
  answer(callId: string, from: string, wrapUp?: { resolved?: boolean; code?: string; queueId?: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The test center with the floor and the reports projection running and 8001 ready, for tests of the
 * figures a desktop's calls make.
 *
 * @example
 * const floor = await openDeskFloor();
 * await floor.answer('f-1', '13900000001', { resolved: true });
 * expect((await floor.dayTotal()).metrics.firstContactResolution).toBe(1);
 */
export async function openDeskFloor(): Promise<DeskFloor> {
  const h = await openTestApp(backends[0]!, { floor: true });
  const engine = h.app.floor!.engine;
  const runner = new ProjectionRunner(h.app.banzu.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }), (err) => {
    throw err;
  });
  await runner.start();
  const [agent, manager] = (await Promise.all(['8001', 'manager'].map((u) => h.login(u)))) as [string, string];
  const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
  expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
  return {
    h,
    engine,
    agent,
    manager,
    queueId,
    async dayTotal() {
      await runner.caughtUp(await h.app.banzu.log.head());
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(engine.now());
      const res = await h.call(manager, 'GET', `/api/v1/reports/metrics?from=${date}&to=${date}&by=day`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total;
    },
    async answer(callId, from, { queueId: to = queueId, code = 'inquiry', ...wrapUp } = {}) {
      expect(engine.command({ type: 'switch.call_arrived', callId, from, to: '4008001234', queueId: to, vipLevel: 0 })).toBeNull();
      await h.app.banzu.log.settled();
      expect((await h.call(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
      h.clock.advance(60_000);
      expect((await h.call(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
      const saved = await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId, code, finish: true, ...wrapUp });
      expect(saved.statusCode, saved.body).toBe(200);
      h.clock.advance(60_000);
    },
    async close() {
      runner.stop();
      await h.close();
    },
  };
}
