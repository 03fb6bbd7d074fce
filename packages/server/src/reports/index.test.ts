import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTallies, callDetailRecords, computeMetrics, factsFromRecord, metric, reportColumnIds, tallyCall, type DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { backends } from '../store/testing';
import { metricHeader, reportsProjection } from './index';

/** 2026-01-05 (a Monday) at a Shanghai wall-clock time. */
const at = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return Date.UTC(2026, 0, 5, h! - 8, m!, s ?? 0);
};

function agentState(agentId: string, time: string, from: string, to: string, callId: string | null = null): DomainEvent {
  return {
    type: 'agent.state_changed',
    stream: agentId,
    at: at(time),
    payload: { from, to, notReadyReason: null, callId, wrapUpEndsAt: null, forcedBy: null },
  } as DomainEvent;
}

/** An inbound call answered by `agentId` (or abandoned when agentId is null). */
function call(
  id: string,
  queueId: string,
  agentId: string | null,
  times: { arrive: string; offer?: string; answer?: string; end: string; holdFrom?: string; holdTo?: string; wrapUpMs?: number },
): DomainEvent[] {
  const e = (type: string, time: string, payload: object): DomainEvent => ({ type, stream: id, at: at(time), payload }) as DomainEvent;
  const events = [
    e('call.arrived', times.arrive, { direction: 'inbound', from: '13800138000', to: '4008001234', queueId, vipLevel: 0 }),
    e('call.queued', times.arrive, { queueId, position: 1, vipLevel: 0, placeAt: at(times.arrive), seq: 1, via: 'arrival', callback: false }),
  ];
  if (!agentId) {
    const waitedMs = at(times.end) - at(times.arrive);
    events.push(e('call.abandoned', times.end, { queueId, while: 'queued', waitedMs }));
    events.push(e('call.ended', times.end, { outcome: 'abandoned', endedBy: 'caller', connected: false }));
    return events;
  }
  events.push(e('call.offered', times.offer!, { agentIds: [agentId], queueId, purpose: 'queue', ringTimeoutSeconds: 20 }));
  events.push(agentState(agentId, times.offer!, 'ready', 'ringing', id));
  events.push(e('call.answered', times.answer!, { agentId, queueId, purpose: 'queue', recorded: true }));
  events.push(agentState(agentId, times.answer!, 'ringing', 'talking', id));
  if (times.holdFrom) {
    events.push(e('call.held', times.holdFrom, { agentId }));
    events.push(agentState(agentId, times.holdFrom, 'talking', 'on_hold', id));
    events.push(e('call.retrieved', times.holdTo!, { agentId }));
    events.push(agentState(agentId, times.holdTo!, 'on_hold', 'talking', id));
  }
  events.push(e('call.ended', times.end, { outcome: 'answered', endedBy: 'caller', connected: true }));
  events.push(agentState(agentId, times.end, 'talking', 'wrap_up', id));
  return events;
}

const wrapUp = (id: string, agentId: string, time: string, ms: number): DomainEvent[] => [
  { type: 'call.wrapped_up', stream: id, at: at(time), payload: { agentId, wrapUpMs: ms } } as DomainEvent,
  agentState(agentId, time, 'wrap_up', 'ready', id),
];

describe.each(backends)('reports from the event log ($name)', (backend) => {
  let h: TestApp;
  let runner: ProjectionRunner;
  let manager: string;
  let queueId: string;
  let agentA: { id: string; teamId: string };
  const day: DomainEvent[] = [];

  const append = async (events: DomainEvent[]) => {
    day.push(...events);
    await h.app.banzu.log.append(events);
    await runner.caughtUp(await h.app.banzu.log.head());
  };
  const report = async (token: string, query: string) => {
    const res = await h.call(token, 'GET', `/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    await runner.start();
    manager = await h.login('manager');
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    agentA = ((await h.call(manager, 'GET', '/api/v1/users?role=agent')).json() as { id: string; teamId: string; employeeNo: string }[]).find((a) => a.employeeNo === '8001')!;

    await append([
      agentState(agentA.id, '09:00:00', 'logged_out', 'ready'),
      ...call('c1', queueId, agentA.id, { arrive: '09:10:00', offer: '09:10:05', answer: '09:10:12', holdFrom: '09:11:00', holdTo: '09:11:30', end: '09:14:00' }),
    ]);
    // c1's wrap-up comes in a later batch than its end: its tally is corrected, not counted twice.
    await append([
      ...wrapUp('c1', agentA.id, '09:14:30', 30_000),
      ...call('c2', queueId, null, { arrive: '09:20:00', end: '09:20:40' }),
      ...call('c3', queueId, agentA.id, { arrive: '09:40:00', offer: '09:40:25', answer: '09:40:30', end: '09:45:00' }),
      ...wrapUp('c3', agentA.id, '09:45:20', 20_000),
      agentState(agentA.id, '10:00:00', 'ready', 'logged_out'),
    ]);
  });
  afterAll(async () => {
    runner.stop();
    await h.close();
  });

  it('counts each call in its 30-minute interval: offered, answered, service level, abandoned', async () => {
    const { rows } = await report(manager, 'by=interval&interval=30');
    const byKey = Object.fromEntries((rows as { key: string; metrics: Record<string, number | null> }[]).map((r) => [r.key, r.metrics]));
    expect(byKey['2026-01-05 09:00']).toMatchObject({ totalCalls: 2, answered: 1, abandoned: 1, serviceLevel: 0.5, averageAbandonTime: 40 });
    expect(byKey['2026-01-05 09:30']).toMatchObject({ totalCalls: 1, answered: 1, serviceLevel: 0, averageSpeedOfAnswer: 30 });
  });

  it('equals a recomputation from the raw call detail records', async () => {
    const { total } = await report(manager, 'by=day');
    const recomputed = addTallies(
      ...[...callDetailRecords(day).values()].map((cdr) => tallyCall(factsFromRecord(cdr)!.facts, { serviceLevelSeconds: 20, shortAbandonSeconds: 5 })),
    );
    const expected = computeMetrics(recomputed);
    for (const id of [
      'totalCalls',
      'answered',
      'serviceLevel',
      'averageSpeedOfAnswer',
      'averageHandleTime',
      'averageHoldTime',
      'averageTalkTime',
      'wrapUpTime',
      'abandonmentRate',
    ]) {
      expect(total.metrics[id], id).toBeCloseTo(expected[id]!);
    }
    expect(total.metrics.averageHandleTime).toBeCloseTo((228 + 30 + 270 + 20) / 2);
    expect(total.metrics.wrapUpTime).toBe(25);
  });

  it('tallies agent time from state changes: logged in, available, on call, after call', async () => {
    const { rows } = await report(manager, 'by=agent');
    const a = (rows as { key: string; tally: Record<string, number> }[]).find((r) => r.key === agentA.id)!;
    expect(a.tally.loggedInSeconds).toBe(3600);
    expect(a.tally.onCallSeconds).toBe(228 + 270);
    expect(a.tally.afterCallSeconds).toBe(50);
    expect(a.tally.ringingSeconds).toBe(7 + 5);
    expect(a.tally.availableSeconds).toBe(3600 - 498 - 50 - 12);
  });

  it('groups by site through the agents’ teams; the abandoned call nobody answered is in the unassigned row, so the rows add up to the total', async () => {
    const { rows, total } = await report(manager, 'by=site');
    const sites = (await h.call(manager, 'GET', '/api/v1/sites')).json() as { id: string; name: string }[];
    expect(rows.map((r: { key: string }) => r.key)).toEqual([sites[0]!.id, '']);
    expect(rows[0].metrics).toMatchObject({ totalCalls: 2, answered: 2, abandoned: 0 });
    expect(rows[1].metrics).toMatchObject({ totalCalls: 1, answered: 0, abandoned: 1 });
    expect(total.metrics).toMatchObject({ totalCalls: 3, abandoned: 1 });
    const xlsx = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=site&format=xlsx',
      headers: { authorization: `Bearer ${manager}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // Row 2 names the service-level variant, row 3 is the header.
    expect([4, 5, 6].map((n) => workbook.worksheets[0]!.getRow(n).getCell(1).value)).toEqual([sites[0]!.name, '未分配', '合计']);
  });

  it('limits a team leader to the own team and forbids another team', async () => {
    const teams = (await h.call(manager, 'GET', '/api/v1/teams')).json() as { id: string; leaderIds: string[] }[];
    const other = teams.find((t) => t.id !== agentA.teamId)!;
    const leaderOfOther = ((await h.call(manager, 'GET', `/api/v1/users?teamId=${other.id}&role=team_leader`)).json() as { username: string }[])[0]!;
    const token = await h.login(leaderOfOther.username);
    const { total } = await report(token, 'by=agent');
    expect(total.metrics.answered).toBe(0);
    expect((await h.call(token, 'GET', `/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=day&teamId=${agentA.teamId}`)).statusCode).toBe(403);
  });

  it('exports exactly the page’s chosen columns in its order, and names a missing input as the page does (未设置成本) instead of an empty cell', async () => {
    const json = await report(manager, 'by=interval&interval=30');
    // The center has set no cost: every row says so, as the metric dictionary's dataSource names it.
    expect(json.total.missingInputs).toContain('costPerCall');
    expect(json.total.metrics.costPerCall).toBeNull();
    const res = await h.call(
      manager,
      'GET',
      '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=interval&interval=30&columns=queuePlacementRate,totalCalls,costPerCall&format=xlsx',
    );
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['时段', '队列放置率', '总呼叫数', '平均单呼成本']);
    const total = (sheet.getRow(6).values as unknown[]).slice(1);
    expect(total).toEqual(['合计', json.total.metrics.queuePlacementRate, json.total.metrics.totalCalls, '未设置成本']);
    const unknown = await h.call(manager, 'GET', '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=day&columns=totalCalls,happiness&format=xlsx');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('没有这个指标：happiness');
  });

  it('exports the page’s numbers to Excel', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=interval&interval=30&format=xlsx',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('服务水平口径：阈值内接听 / 呼入');
    const header = Array.from(sheet.getRow(3).values as unknown[], (v) => String(v ?? ''));
    const slColumn = header.findIndex((h) => h.startsWith('服务水平'));
    const rows = [4, 5, 6].map((n) => sheet.getRow(n).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual(['2026-01-05 09:00', '2026-01-05 09:30', '合计']);
    expect(rows.map((r) => r[slColumn])).toEqual([0.5, 0, 1 / 3]);
    // Headers in the user's language only; a figure in seconds names its unit.
    expect(header).toContain('平均应答速度（秒）');
    expect(header.filter((h) => /[A-Za-z]/.test(h))).toEqual([]);
    // The page's columns come first, in the page's order.
    expect(header.slice(2, 2 + reportColumnIds.length)).toEqual(reportColumnIds.map((id) => metricHeader(metric(id), 'zh')));

    const english = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=interval&interval=30&format=xlsx&lang=en',
      headers: { authorization: `Bearer ${manager}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    const englishHeader = Array.from(book.worksheets[0]!.getRow(3).values as unknown[], (v) => String(v ?? ''));
    expect(englishHeader).toContain('Average speed of answer (ASA) (s)');
    expect(englishHeader.filter((h) => /[\u4e00-\u9fff]/.test(h))).toEqual([]);
    expect(book.worksheets[0]!.getRow(6).getCell(1).value).toBe('Total');
  });

  it('finds the peak hour, ranks the agents, and reports teams against the target in words', async () => {
    const peaks = (await h.call(manager, 'GET', '/api/v1/reports/peaks?from=2026-01-05&to=2026-01-05')).json();
    expect(peaks.hourly[9]).toBe(3);
    expect(peaks.windows).toEqual([{ fromHour: 9, toHour: 10, averageCalls: 3 }]);
    expect(peaks.matrix).toEqual([{ weekday: 1, hour: 9, averageCalls: 3 }]);

    const ranking = (await h.call(manager, 'GET', '/api/v1/reports/ranking?from=2026-01-05&to=2026-01-05&by=agent&metric=averageHandleTime')).json();
    expect(ranking.rows).toEqual([{ key: agentA.id, label: expect.stringMatching(/^8001 /), value: 274, rank: 1, band: 'top' }]);
    // The ranking names the service-level variant its figures use, as the other reports do.
    expect(ranking.serviceLevel).toMatchObject({ variant: 'offered', zh: expect.stringContaining('服务水平口径') });

    const agentToken = await h.login('8001');
    expect((await h.call(agentToken, 'PUT', '/api/v1/targets', { metricId: 'serviceLevel', scope: 'center', target: 0.8 })).statusCode).toBe(403);
    expect((await h.call(manager, 'PUT', '/api/v1/targets', { metricId: 'serviceLevel', scope: 'center', target: 80 })).statusCode).toBe(400);
    expect((await h.call(manager, 'PUT', '/api/v1/targets', { metricId: 'serviceLevel', scope: 'center', target: 0.3 })).statusCode).toBe(200);
    const table = (await h.call(manager, 'GET', '/api/v1/reports/targets?metric=serviceLevel&from=2025-12&to=2026-01&by=team')).json();
    expect(table.periods).toEqual(['2025-12', '2026-01']);
    expect(table.rows).toEqual([
      {
        name: expect.stringContaining('Team 1'),
        cells: [
          { value: null, met: null },
          { value: 0.5, met: true },
        ],
      },
    ]);
    expect(table.narrative.zh).toContain('1 个组中有 1 个组服务水平达标');
    expect(table.narrative.en).toContain('1 of 1 groups met the target for Service level');
    const xlsx = await h.app.inject({
      method: 'GET',
      url: '/api/v1/reports/targets?metric=serviceLevel&from=2025-12&to=2026-01&by=team&format=xlsx',
      headers: { authorization: `Bearer ${manager}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const lines = workbook.worksheets[0]!.getSheetValues().map((row) => Array.from((row ?? []) as unknown[], (v) => (v === undefined ? '' : v)));
    expect(lines.some((row) => row.includes(table.narrative.zh))).toBe(true);
    // In the user's language only: the English narrative only in the English export.
    expect(lines.some((row) => row.includes(table.narrative.en))).toBe(false);
    expect(lines.some((row) => row.includes(0.5) && row.includes('✓'))).toBe(true);
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(
      (await h.call(manager, 'GET', '/api/v1/reports/targets?metric=serviceLevel&from=2025-12&to=2026-01&by=team&format=xlsx&lang=en')).rawPayload as unknown as ArrayBuffer,
    );
    const englishLines = english.worksheets[0]!.getSheetValues().flatMap((row) => Array.from((row ?? []) as unknown[], (v) => String(v ?? '')));
    expect(englishLines).toEqual(expect.arrayContaining([table.narrative.en, 'Team', 'Met']));
    expect(englishLines).not.toContain(table.narrative.zh);
    const badMonth = await h.call(manager, 'GET', '/api/v1/reports/targets?metric=serviceLevel&from=2026-13&to=2026-01&by=team');
    expect(badMonth.statusCode).toBe(400);
  });

  it('gives an agent a scorecard against team, center and the own target, and keeps it from other teams', async () => {
    const agentToken = await h.login('8001');
    const url = `/api/v1/reports/scorecard?from=2026-01-05&to=2026-01-05`;
    const own = (await h.call(agentToken, 'GET', url)).json();
    const aht = own.lines.find((l: { metricId: string }) => l.metricId === 'averageHandleTime');
    expect(aht).toMatchObject({ value: 274, team: 274, center: 274, rank: 1, rankedOf: 1 });
    expect(own.lines.find((l: { metricId: string }) => l.metricId === 'monitoringScore')).toMatchObject({ value: null, met: null });

    expect((await h.call(manager, 'PUT', '/api/v1/targets', { metricId: 'averageHandleTime', scope: 'center', target: 300 })).statusCode).toBe(200);
    expect((await h.call(manager, 'PUT', '/api/v1/targets', { metricId: 'averageHandleTime', scope: 'agent', scopeId: agentA.id, target: 240 })).statusCode).toBe(200);
    const card = (await h.call(manager, 'GET', `${url}&agentId=${agentA.id}`)).json();
    expect(card.lines.find((l: { metricId: string }) => l.metricId === 'averageHandleTime')).toMatchObject({ target: 240, met: false });

    const colleague = ((await h.call(manager, 'GET', `/api/v1/users?teamId=${agentA.teamId}&role=agent`)).json() as { id: string; employeeNo: string }[]).find(
      (a) => a.employeeNo !== '8001',
    )!;
    expect((await h.call(agentToken, 'GET', `${url}&agentId=${colleague.id}`)).statusCode).toBe(403);
    const teams = (await h.call(manager, 'GET', '/api/v1/teams')).json() as { id: string }[];
    const otherLeader = (
      (await h.call(manager, 'GET', `/api/v1/users?teamId=${teams.find((t) => t.id !== agentA.teamId)!.id}&role=team_leader`)).json() as { username: string }[]
    )[0]!;
    expect((await h.call(await h.login(otherLeader.username), 'GET', `${url}&agentId=${agentA.id}`)).statusCode).toBe(403);
    expect((await h.call(manager, 'GET', `${url}&agentId=nobody`)).statusCode).toBe(404);

    const xlsx = await h.app.inject({ method: 'GET', url: `${url}&agentId=${agentA.id}&format=xlsx`, headers: { authorization: `Bearer ${manager}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getSheetValues().find((r) => Array.isArray(r) && String(r[1]).startsWith('平均处理时长')) as unknown[];
    expect(row[1]).toBe('平均处理时长（秒）');
    expect(row.slice(2, 8)).toEqual([274, 274, 274, 240, '✗', '1 / 1']);
  });

  it("exports the calls behind a row to Excel: on the center's clock, outcomes and names in the user's language, seconds named in the header", async () => {
    const sheet = async (lang: string) => {
      const res = await h.call(manager, 'GET', `/api/v1/reports/calls?from=2026-01-05&to=2026-01-05&by=agent&key=${agentA.id}&format=xlsx&lang=${lang}`);
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return (book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    };
    const zh = await sheet('zh-CN');
    expect(zh[0]).toEqual(['通话明细 · 2026-01-05']);
    expect(zh[1]![0]).toMatch(/^座席：8001 \S+$/);
    expect(zh[2]).toEqual(['来电时间', '主叫号码', '结果', '等待（秒）', '通话（秒）', '队列', '座席', '结束时间']);
    // c3 then c1, the latest first as on the page: waits of 30 s and 5 + 7 s, talk without the 30 s on hold.
    expect(zh.slice(3).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[7]])).toEqual([
      ['2026-01-05 09:40:00', '13800138000', '已接听', 30, 270, '售前咨询', '2026-01-05 09:45:00'],
      ['2026-01-05 09:10:00', '13800138000', '已接听', 12, 198, '售前咨询', '2026-01-05 09:14:00'],
    ]);
    expect(zh.slice(3).every((r) => String(r[6]).startsWith('8001 '))).toBe(true);
    const en = await sheet('en');
    expect(en[2]).toEqual(['Arrived', 'Caller', 'Outcome', 'Wait (s)', 'Talk (s)', 'Queue', 'Agent', 'Ended']);
    expect(en[3]![2]).toBe('Answered');
  });

  it('lists the calls behind a figure, and rejects a bad range with 400', async () => {
    const res = await h.call(manager, 'GET', '/api/v1/reports/calls?from=2026-01-05&to=2026-01-05&outcome=abandoned');
    expect((res.json() as { callId: string }[]).map((c) => c.callId)).toEqual(['c2']);
    // The caller's number as the roles see it: QA works from recordings and gets it masked, the manager in full.
    const numbers = async (token: string) =>
      ((await h.call(token, 'GET', '/api/v1/reports/calls?from=2026-01-05&to=2026-01-05&outcome=abandoned')).json() as { from: string; record: { from: string } }[]).map((c) => [
        c.from,
        c.record.from,
      ]);
    expect(await numbers(manager)).toEqual([['13800138000', '13800138000']]);
    expect(await numbers(await h.login('qa1'))).toEqual([['138****8000', '138****8000']]);
    const bad = await h.call(manager, 'GET', '/api/v1/reports/metrics?from=2026-01-06&to=2026-01-05&by=day');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('querystring.to: 开始日期不能晚于结束日期');
    const english = await h.call(manager, 'GET', '/api/v1/reports/metrics?from=2026-01-06&to=2026-01-05&by=day&lang=en');
    expect(english.json().error.message).toBe('querystring.to: from must not be after to');
  });
});
