import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { backends } from '../store/testing';
import { reportsProjection } from './index';

/** 2026-01-05 (a Monday) at a Shanghai wall-clock time. */
const at = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return Date.UTC(2026, 0, 5, h! - 8, m!, s ?? 0);
};
const e = (type: string, stream: string, time: string, payload: object) => ({ type, stream, at: at(time), payload }) as DomainEvent;
const state = (agentId: string, time: string, from: string, to: string) =>
  e('agent.state_changed', agentId, time, { from, to, notReadyReason: null, callId: null, wrapUpEndsAt: null, forcedBy: null });

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(backends)('KPIs in the reports, with the center’s settings ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let runner: ProjectionRunner;
  let queueId: string;
  let inbound: { id: string; teamId: string };
  let telemarketer: { id: string; teamId: string };

  const report = async (query: string) => {
    const res = await h.call(manager, 'GET', `/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await runner.start();
    manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    const agents = (await h.call(manager, 'GET', '/api/v1/users?role=agent')).json() as { id: string; teamId: string; employeeNo: string }[];
    inbound = agents.find((a) => a.employeeNo === '8001')!;
    telemarketer = agents.find((a) => a.employeeNo === '8011')!;
    const answered = (id: string, arrive: string, offer: string, answer: string, end: string) => [
      e('call.arrived', id, arrive, { direction: 'inbound', from: '13800138000', to: '4008001234', queueId, vipLevel: 0 }),
      e('call.queued', id, arrive, { queueId, position: 1, vipLevel: 0, placeAt: at(arrive), seq: 1, via: 'arrival', callback: false }),
      e('call.offered', id, offer, { agentIds: [inbound.id], queueId, purpose: 'queue', ringTimeoutSeconds: 20 }),
      e('call.answered', id, answer, { agentId: inbound.id, queueId, purpose: 'queue', recorded: true }),
      e('call.ended', id, end, { outcome: 'answered', endedBy: 'caller', connected: true }),
    ];
    await h.app.banzu.log.append([
      // 8001 works inbound from 09:00 to 10:00: two calls, 600 s on calls.
      state(inbound.id, '09:00:00', 'logged_out', 'ready'),
      ...answered('c1', '09:10:00', '09:10:00', '09:10:10', '09:15:00'),
      state(inbound.id, '09:10:00', 'ready', 'ringing'),
      state(inbound.id, '09:10:10', 'ringing', 'talking'),
      state(inbound.id, '09:15:00', 'talking', 'ready'),
      ...answered('c2', '09:20:00', '09:20:30', '09:20:40', '09:22:00'),
      state(inbound.id, '09:20:30', 'ready', 'ringing'),
      state(inbound.id, '09:20:40', 'ringing', 'talking'),
      state(inbound.id, '09:22:00', 'talking', 'ready'),
      // A caller who gave up after 3 s, within the short-abandon threshold.
      e('call.arrived', 'c3', '09:30:00', { direction: 'inbound', from: '13800138001', to: '4008001234', queueId, vipLevel: 0 }),
      e('call.queued', 'c3', '09:30:00', { queueId, position: 1, vipLevel: 0, placeAt: at('09:30:00'), seq: 1, via: 'arrival', callback: false }),
      e('call.abandoned', 'c3', '09:30:03', { queueId, while: 'queued', waitedMs: 3000 }),
      e('call.ended', 'c3', '09:30:03', { outcome: 'abandoned', endedBy: 'caller', connected: false }),
      state(inbound.id, '10:00:00', 'ready', 'logged_out'),
      // 8011 telemarkets from 09:00 to 10:00: 40 minutes of dialing, talking and wrapping up outbound calls.
      state(telemarketer.id, '09:00:00', 'logged_out', 'ready'),
      state(telemarketer.id, '09:05:00', 'ready', 'dialing'),
      state(telemarketer.id, '09:06:00', 'dialing', 'talking'),
      state(telemarketer.id, '09:35:00', 'talking', 'wrap_up'),
      state(telemarketer.id, '09:45:00', 'wrap_up', 'ready'),
      state(telemarketer.id, '10:00:00', 'ready', 'logged_out'),
    ]);
    await runner.caughtUp(await h.app.banzu.log.head());
  });
  afterAll(async () => {
    runner.stop();
    await h.close();
  });

  it('counts the telemarketing team’s outbound seconds as busy in occupancy, and keeps them out of inbound figures', async () => {
    const { rows, total } = (await report('by=team')).json();
    const team = (id: string) => rows.find((r: { key: string }) => r.key === id);
    // 40 min outbound of 60 logged in, 20 min ready: occupancy 40/60, no longer 0.
    expect(team(telemarketer.teamId).metrics.occupancy).toBeCloseTo(2400 / 3600);
    expect(team(telemarketer.teamId).tally.outboundSeconds).toBe(2400);
    // Talk utilization and calls per hour are per hour of inbound work: the telemarketer's outbound hour does not dilute them.
    expect(total.metrics.talkUtilization).toBeCloseTo(370 / (7200 - 2400));
    expect(total.metrics.callsPerHour).toBeCloseTo(2 / ((7200 - 2400) / 3600));

    const inboundOnly = (await report('by=team&direction=inbound')).json();
    expect(inboundOnly.direction).toBe('inbound');
    expect(inboundOnly.total.tally.outboundSeconds).toBe(0);
    expect(inboundOnly.total.metrics.totalCalls).toBe(3);
    const outboundOnly = (await report('by=team&direction=outbound')).json();
    expect(outboundOnly.total.metrics.totalCalls).toBe(0);
    expect(outboundOnly.rows.find((r: { key: string }) => r.key === telemarketer.teamId).metrics.occupancy).toBeCloseTo(2400 / 3600);
    expect((await h.call(manager, 'GET', '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=team&direction=both')).statusCode).toBe(400);
  });

  it('costs an inbound call by the hours of inbound work: the telemarketer’s outbound 40 minutes are not in 平均单呼成本', async () => {
    expect((await h.call(manager, 'PATCH', '/api/v1/center/settings', { costPerAgentHour: 60, overheadRate: 0.5 })).statusCode).toBe(200);
    try {
      const { total } = (await report('by=day')).json();
      // Two logged-in hours less 2,400 s of outbound work, at 60 an hour plus 50% overheads, over the two answered calls.
      expect(total.metrics.costPerCall).toBeCloseTo((((7200 - 2400) / 3600) * 60 * 1.5) / 2);
      // The inbound view costs the same; an outbound view answers no inbound call, so it has no cost per call.
      expect((await report('by=day&direction=inbound')).json().total.metrics.costPerCall).toBeCloseTo(total.metrics.costPerCall);
      expect((await report('by=day&direction=outbound')).json().total.metrics.costPerCall).toBeNull();
    } finally {
      await h.call(manager, 'PATCH', '/api/v1/center/settings', { costPerAgentHour: null, overheadRate: 0 });
    }
  });

  it('a call answered by a free agent is not placed in queue: placement and queue time from the report', async () => {
    const { total } = (await report('by=day')).json();
    // c1 rang at once (10 s of ring is not queueing); c2 waited 30 s for an agent; c3 waited 3 s and hung up.
    expect(total.metrics.queuePlacementRate).toBeCloseTo(2 / 3);
    expect(total.metrics.averageQueueTime).toBeCloseTo((30 + 3) / 2);
  });

  it('uses the center’s service-level variant and names it on the report and the export; only managers and admins change it', async () => {
    const before = (await report('by=day')).json();
    expect(before.serviceLevel).toMatchObject({ variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入' });
    expect(before.total.metrics.serviceLevel).toBeCloseTo(1 / 3);

    const leader = await h.login('leader1');
    expect((await h.call(leader, 'PATCH', '/api/v1/center/settings', { serviceLevel: { variant: 'abandon_met' } })).statusCode).toBe(403);
    const bad = await h.call(manager, 'PATCH', '/api/v1/center/settings', { serviceLevel: { variant: 'fastest' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('serviceLevel');

    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', { serviceLevel: { variant: 'answered_abandoned', excludeShortAbandons: true } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().repeatCallWindowHours).toBe(48);
    const after = (await report('by=day')).json();
    expect(after.serviceLevel.zh).toBe('服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃');
    // Answered within 20 s: c1 (10 s) only; c3 abandoned in 3 s is left out: 1 / (2 + 1 − 1).
    expect(after.total.metrics.serviceLevel).toBeCloseTo(1 / 2);

    const ranking = await h.call(manager, 'GET', '/api/v1/reports/ranking?from=2026-01-05&to=2026-01-05&by=agent&metric=serviceLevel');
    expect(ranking.json().serviceLevel.zh).toBe('服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃');
    const xlsx = await report('by=day&format=xlsx');
    const rows = await sheetRows(xlsx.rawPayload);
    expect(rows[1]![0]).toBe('服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃');
    // The ranking, targets and scorecard workbooks name the variant too, in the reader's language.
    const workbook = async (url: string) => {
      const res = await h.call(manager, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      return (await sheetRows(res.rawPayload)).flat();
    };
    for (const url of [
      '/api/v1/reports/ranking?from=2026-01-05&to=2026-01-05&by=agent&metric=serviceLevel&format=xlsx',
      '/api/v1/reports/targets?metric=serviceLevel&from=2026-01&to=2026-01&by=team&target=0.8&format=xlsx',
      `/api/v1/reports/scorecard?from=2026-01-05&to=2026-01-05&agentId=${inbound.id}&format=xlsx`,
    ]) {
      expect(await workbook(url), url).toContain('服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃');
      expect(await workbook(`${url}&lang=en`), url).toContain('Service level: answered within threshold / (answered + abandoned), short abandons excluded');
    }
    await h.call(manager, 'PATCH', '/api/v1/center/settings', { serviceLevel: { variant: 'offered', excludeShortAbandons: false } });
  });

  it('has a data source for every metric, says why 出勤率, 流动率 and 平均单呼成本 are empty (no published roster, no staff records, no cost set), and computes 平均单呼成本 once the center sets its cost', async () => {
    const metrics = (await h.call(manager, 'GET', '/api/v1/metrics')).json() as { id: string; dataSource: { available: boolean } }[];
    expect(metrics.filter((m) => !m.dataSource.available).map((m) => m.id)).toEqual([]);
    const rows = await sheetRows((await report('by=day&format=xlsx')).rawPayload);
    const header = rows.find((r) => r[0] === '日期')!;
    const total = rows.find((r) => r[0] === '合计')!;
    const column = (name: string) => {
      expect(header).toContain(name);
      return header.indexOf(name);
    };
    // Each empty figure says why, as the page does.
    expect(total[column('出勤率')]).toBe('无已发布排班');
    expect(total[column('座席人员流动率')]).toBe('无员工档案');
    expect(total[column('平均单呼成本')]).toBe('未设置成本');

    await h.call(manager, 'PATCH', '/api/v1/center/settings', { costPerAgentHour: 60, overheadRate: 0.5 });
    const { total: withCost } = (await report('by=day')).json();
    // Two agent hours less the telemarketer's 40 outbound minutes, at 60 plus 50% overheads, over two answered calls.
    expect(withCost.metrics.costPerCall).toBeCloseTo((((7200 - 2400) / 3600) * 60 * 1.5) / 2);
  });

  it('counts short abandons by the center’s threshold, for calls counted after it changed', async () => {
    const short = async () => (await report('by=day')).json().total.tally.abandonedShort as number;
    // c3 gave up after 3 s: within the default 5 s.
    expect(await short()).toBe(1);
    const bad = await h.call(manager, 'PATCH', '/api/v1/center/settings', { shortAbandonSeconds: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('shortAbandonSeconds');
    expect((await h.call(await h.login('leader1'), 'PATCH', '/api/v1/center/settings', { shortAbandonSeconds: 2 })).statusCode).toBe(403);
    const changed = await h.call(manager, 'PATCH', '/api/v1/center/settings', { shortAbandonSeconds: 2 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().shortAbandonSeconds).toBe(2);
    // Another caller gives up after 3 s: beyond the center's 2 s now, so not short.
    await h.app.banzu.log.append([
      e('call.arrived', 'c4', '11:00:00', { direction: 'inbound', from: '13800138002', to: '4008001234', queueId, vipLevel: 0 }),
      e('call.queued', 'c4', '11:00:00', { queueId, position: 1, vipLevel: 0, placeAt: at('11:00:00'), seq: 1, via: 'arrival', callback: false }),
      e('call.abandoned', 'c4', '11:00:03', { queueId, while: 'queued', waitedMs: 3000 }),
      e('call.ended', 'c4', '11:00:03', { outcome: 'abandoned', endedBy: 'caller', connected: false }),
    ]);
    await runner.caughtUp(await h.app.banzu.log.head());
    const { total } = (await report('by=day')).json();
    expect(total.tally.abandoned).toBe(2);
    expect(total.tally.abandonedShort).toBe(1);
  });
});
