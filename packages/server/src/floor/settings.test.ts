import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { serverPackageDir } from '../package-dir';
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
    expect(snapshot().notReadyReasons).toContainEqual({ code: 'break', zh: '小休', en: 'Break', system: false });

    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', {
      dispositions: [{ code: 'claim', zh: '理赔', en: 'Claim' }],
      notReadyReasons: [
        { code: 'break', zh: '小休', en: 'Break' },
        { code: 'quality_review', zh: '质检复核', en: 'QA review' },
        { code: 'no_answer', zh: '漏接', en: 'Missed call' },
      ],
      alertThresholds: { notReadySeconds: 300 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(snapshot().dispositions).toEqual([{ code: 'claim', zh: '理赔', en: 'Claim' }]);
    // The wallboard and the desktop name each reason as the center does, the router's own 未接来电 under its new name.
    expect(snapshot().notReadyReasons).toEqual([
      { code: 'break', zh: '小休', en: 'Break', system: false },
      { code: 'quality_review', zh: '质检复核', en: 'QA review', system: false },
      { code: 'no_answer', zh: '漏接', en: 'Missed call', system: true },
    ]);
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

  it('refuses dropping the system’s own reason, a reason without a name, a duplicate code, and anyone but managers and admins', async () => {
    const dropped = await h.call(manager, 'PATCH', '/api/v1/center/settings', { notReadyReasons: [{ code: 'break', zh: '小休', en: 'Break' }] });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error.message).toContain('（no_answer） 是系统原因，由系统自动设置，只能改名，不能删除');
    const unnamed = await h.call(manager, 'PATCH', '/api/v1/center/settings', { notReadyReasons: [{ code: 'nap', zh: ' ', en: 'Nap' }] });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.message).toContain('示忙原因需要中文名称');
    const reasonTwice = await h.call(manager, 'PATCH', '/api/v1/center/settings', {
      notReadyReasons: [
        { code: 'nap', zh: '午休', en: 'Nap' },
        { code: 'nap', zh: '小憩', en: 'Rest' },
      ],
    });
    expect(reasonTwice.statusCode).toBe(400);
    expect(reasonTwice.json().error.message).toContain('示忙原因代码 nap 出现了两次');
    const twice = [
      { code: 'a', zh: '甲', en: 'A' },
      { code: 'a', zh: '乙', en: 'B' },
    ];
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { dispositions: twice })).statusCode).toBe(400);
    expect((await h.call(await h.login('leader1'), 'PATCH', '/api/v1/center/settings', { overheadRate: 0.2 })).statusCode).toBe(403);
  });

  it('migration 044 names a stored list of codes: built-in codes by the catalogue, the center’s own by their code, 未接来电 added', async () => {
    const store = h.app.banzu.store;
    await store.query(`UPDATE centers SET settings = jsonb_set(settings, '{notReadyReasons}', '["meal", "quality_review"]')`);
    await store.exec(readFileSync(join(serverPackageDir, 'src/store/migrations/044_named_not_ready_reasons.sql'), 'utf8'));
    const settings = await h.call(manager, 'GET', '/api/v1/center/settings');
    expect(settings.json().notReadyReasons).toEqual([
      { code: 'meal', zh: '用餐', en: 'Meal' },
      { code: 'quality_review', zh: 'quality_review', en: 'quality_review' },
      { code: 'no_answer', zh: '未接来电', en: 'Missed call' },
    ]);
    // Run again on named entries, it leaves them as they are.
    await store.exec(readFileSync(join(serverPackageDir, 'src/store/migrations/044_named_not_ready_reasons.sql'), 'utf8'));
    expect((await h.call(manager, 'GET', '/api/v1/center/settings')).json().notReadyReasons).toHaveLength(3);
  });
});
