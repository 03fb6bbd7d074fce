import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** Dispositions, not-ready reasons and wallboard alert thresholds are the center's settings, today's values by default. */
describe('the floor takes its dispositions, reasons and thresholds from the center settings', () => {
  let h: TestApp;
  let manager: string;
  const snapshot = () => h.app.floor!.feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).state;

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    manager = await h.login('manager');
  });
  afterAll(() => h.close());

  it('offers today’s values until the center changes them, then the new ones at once', async () => {
    expect(snapshot().dispositions.map((d) => d.code)).toEqual(['inquiry', 'order', 'repair', 'complaint', 'resolved', 'follow_up']);
    expect(snapshot().thresholds).toEqual({ notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60, callSeconds: 1200 });
    expect(snapshot().notReadyReasons).toContain('break');

    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', {
      dispositions: [{ code: 'claim', zh: '理赔', en: 'Claim' }],
      notReadyReasons: ['break', 'quality_review'],
      alertThresholds: { notReadySeconds: 300 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(snapshot().dispositions).toEqual([{ code: 'claim', zh: '理赔', en: 'Claim' }]);
    expect(snapshot().notReadyReasons).toEqual(['break', 'quality_review']);
    expect(snapshot().thresholds).toEqual({ notReadySeconds: 300, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60, callSeconds: 1200 });

    // The router takes the new reason too.
    const agent = await h.login('8001');
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'quality_review' })).statusCode).toBe(200);
  });

  it('hands every open wallboard the new service-level variant at once, not on its next reconnect', async () => {
    const snapshots: string[] = [];
    const stop = h.app.floor!.feed.onRefresh(() => snapshots.push(snapshot().serviceLevel.zh));
    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', { serviceLevel: { variant: 'answered_abandoned' } });
    expect(changed.statusCode, changed.body).toBe(200);
    stop();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toContain('接听 + 放弃');
    expect(snapshot().serviceLevel.variant).toBe('answered_abandoned');
  });

  it('refuses the system’s own reason, a duplicate code, and anyone but managers and admins', async () => {
    const reserved = await h.call(manager, 'PATCH', '/api/v1/center/settings', { notReadyReasons: ['no_answer'] });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.message).toContain('no_answer 是系统保留的原因');
    const twice = [
      { code: 'a', zh: '甲', en: 'A' },
      { code: 'a', zh: '乙', en: 'B' },
    ];
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { dispositions: twice })).statusCode).toBe(400);
    expect((await h.call(await h.login('leader1'), 'PATCH', '/api/v1/center/settings', { overheadRate: 0.2 })).statusCode).toBe(403);
  });
});
