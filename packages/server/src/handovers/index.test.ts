import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handover, HandoverDraft, HandoverLeader, ShiftClose, SystemFault, Ticket } from '@banzu/contract';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { han, readBack, rowWith, utcMoment } from '../testing/workbook';

const HOUR = 3_600_000;

/** A call answered at a Shanghai wall-clock time of a day in the winter of 2025-26 (day 0 of January is 31 December). */
function answeredCall(id: string, queueId: string, agentId: string, start: number): DomainEvent[] {
  const e = (type: string, t: number, payload: object) => ({ type, stream: id, at: t, payload }) as DomainEvent;
  return [
    e('call.arrived', start, { direction: 'inbound', from: '+8613800000001', to: '4008001234', queueId, vipLevel: 0 }),
    e('call.queued', start, { queueId, position: 1, vipLevel: 0, placeAt: start, seq: 1, via: 'arrival', callback: false }),
    e('call.offered', start + 5_000, { agentIds: [agentId], queueId, purpose: 'queue', ringTimeoutSeconds: 20 }),
    e('call.answered', start + 10_000, { agentId, queueId, purpose: 'queue', recorded: true }),
    e('call.ended', start + 70_000, { outcome: 'answered', endedBy: 'caller', connected: true }),
  ];
}
const shanghai = (month: number, day: number, h: number, m = 0) => Date.UTC(month === 12 ? 2025 : 2026, month - 1, day, h - 8, m);

describe.each(backends)('handovers and the fault log ($name)', (backend) => {
  let h: TestApp;
  let agent: string;
  let leader1: string;
  let leader2: string;
  let leader3: string;
  let manager: string;
  let qa: string;
  let team1: string;

  const loginAll = async () => {
    const tokens = await Promise.all(['8001', 'leader1', 'leader2', 'leader3', 'manager', 'qa1'].map((u) => h.login(u)));
    [agent, leader1, leader2, leader3, manager, qa] = tokens as [string, string, string, string, string, string];
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    await loginAll();
    team1 = (await h.call(leader1, 'GET', '/api/v1/auth/me')).json().teamId;
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const refused = async (token: string, method: string, url: string, body: unknown, status: number) => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json().error as { code: string; message: string };
  };

  it('keeps agents out and other teams’ leaders to their own team', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/handovers'],
      ['GET', '/api/v1/handovers/prefill'],
      ['POST', '/api/v1/handovers'],
      ['POST', '/api/v1/handovers/close-shift'],
      ['GET', '/api/v1/faults'],
      ['POST', '/api/v1/faults'],
    ] as const) {
      expect((await h.call(agent, method, url, method === 'POST' ? {} : undefined)).statusCode, url).toBe(403);
      expect((await h.call(qa, method, url, method === 'POST' ? {} : undefined)).statusCode, url).toBe(403);
    }
    expect((await refused(leader2, 'GET', `/api/v1/handovers?team=${team1}`, undefined, 403)).message).toBe('只能查看本班组的交接班记录');
    expect((await refused(leader2, 'GET', `/api/v1/handovers/prefill?team=${team1}`, undefined, 403)).message).toBe('只能处理本班组的交接班');
    expect((await refused(leader2, 'GET', `/api/v1/handovers/prefill?team=${team1}&lang=en`, undefined, 403)).message).toBe('you hand over only your own team’s shifts');
  });

  it('answers bad input with a Chinese message naming the problem, and writes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/v1/handovers', { shift: '早班' }, '请指定接班人'],
      ['/api/v1/handovers', { shift: '', incomingLeaderId: 'leader2' }, '请填写班次'],
      ['/api/v1/handovers', { shift: '早班', incomingLeaderId: 'leader1' }, '不能把班交给自己'],
      ['/api/v1/handovers', { shift: '早班', incomingLeaderId: '8002' }, '不是在职的组长、值班长或经理'],
      ['/api/v1/handovers', { shift: '早班', incomingLeaderId: 'leader2', items: { situation: 5 } }, '交接内容必须是文字'],
      ['/api/v1/handovers', { shift: '早班', incomingLeaderId: 'leader2', date: '2026-13-01' }, '日期必须是 YYYY-MM-DD'],
      ['/api/v1/faults', { kind: 'weather', title: '停电', startedAt: '2026-01-05T08:00:00+08:00' }, '故障类别'],
      ['/api/v1/faults', { kind: 'system', title: ' ', startedAt: '2026-01-05T08:00:00+08:00' }, '请填写故障现象'],
      ['/api/v1/faults', { kind: 'system', title: '停电', startedAt: 'yesterday' }, '开始时间必须是带时区的时间'],
      ['/api/v1/faults', { kind: 'system', title: '停电', startedAt: '2026-02-05T08:00:00+08:00' }, '故障开始时间不能晚于现在'],
    ];
    for (const [url, body, message] of cases) {
      const error = await refused(leader1, 'POST', url, body, 400);
      expect(error.message, JSON.stringify(body)).toContain(message);
    }
    expect((await json<{ items: Handover[] }>(leader1, 'GET', '/api/v1/handovers')).items).toEqual([]);
    expect((await json<{ items: SystemFault[] }>(leader1, 'GET', '/api/v1/faults')).items).toEqual([]);
  });

  it('pre-fills the five items with an overdue ticket, a late agent and an open fault; the fault ends with its resolution', async () => {
    // An urgent complaint has 24 hours; 25 hours later it is overdue.
    const ticket = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: '宽带断网投诉', priority: 'urgent' }, 201);
    h.clock.advance(25 * HOUR);
    await loginAll();
    // Tuesday 6 January, 10:00 in Shanghai. 王芳 (8001) is rostered from 08:30 and has not logged in.
    const wang = (await h.call(agent, 'GET', '/api/v1/auth/me')).json().id as string;
    await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at, published_at) VALUES ($1, '2026-01', 'published', '[]', now(), now())`, [
      team1,
    ]);
    await h.t.store.query(
      `INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, '2026-01', $2, '2026-01-06', '早班', '2026-01-06T00:30:00Z', '2026-01-06T09:30:00Z')`,
      [team1, wang],
    );
    const fault = await json<SystemFault>(
      leader1,
      'POST',
      '/api/v1/faults',
      { kind: 'system', title: '工单系统无法保存', startedAt: '2026-01-06T09:30:00+08:00', effect: '工单改为纸质登记', told: '技术考评科' },
      201,
    );
    expect(fault).toMatchObject({ teamId: team1, endedAt: null, told: '技术考评科', recordedAt: new Date(h.clock.now()).toISOString() });
    // Another team's leader does not see this team's fault.
    expect((await json<{ items: SystemFault[] }>(leader2, 'GET', '/api/v1/faults')).items).toEqual([]);

    const draft = await json<HandoverDraft>(leader1, 'GET', '/api/v1/handovers/prefill?shift=早班');
    expect(draft).toMatchObject({ teamId: team1, date: '2026-01-06', shift: '早班' });
    expect(draft.items.records).toContain(`已超时工单：${ticket.no} 宽带断网投诉（时限 09:00）`);
    expect(draft.items.equipment).toBe('未恢复故障【系统】：工单系统无法保存（自 09:30，影响：工单改为纸质登记）');
    expect(draft.items.situation).toContain('迟到：王芳（90 分钟）');
    expect(draft.items.quality).toBe('无待处理的质检申诉');
    expect(draft.open.tickets.map((t) => t.id)).toEqual([ticket.id]);
    // Another team's handover does not carry team 1's ticket or late agent.
    const other = await json<HandoverDraft>(leader2, 'GET', '/api/v1/handovers/prefill?shift=早班');
    expect(other.open.tickets).toEqual([]);
    expect(other.items.situation).not.toContain('王芳');

    expect((await refused(leader1, 'PATCH', `/api/v1/faults/${fault.id}`, { endedAt: '2026-01-06T09:50:00+08:00' }, 400)).message).toBe('故障结束时请填写处理结果');
    expect((await refused(leader1, 'PATCH', `/api/v1/faults/${fault.id}`, { resolution: '重启服务', endedAt: '2026-01-06T09:00:00+08:00' }, 400)).message).toBe(
      '结束时间不能早于故障开始时间',
    );
    const ended = await json<SystemFault>(leader1, 'PATCH', `/api/v1/faults/${fault.id}`, { resolution: '重启工单服务后恢复', endedAt: '2026-01-06T09:50:00+08:00' });
    expect(ended).toMatchObject({ resolution: '重启工单服务后恢复', endedAt: '2026-01-06T01:50:00.000Z' });
    expect((await refused(leader1, 'PATCH', `/api/v1/faults/${fault.id}`, { resolution: '再次', endedAt: '2026-01-06T09:55:00+08:00' }, 409)).message).toBe('这条故障已经结束');
    expect((await json<{ items: SystemFault[] }>(leader1, 'GET', '/api/v1/faults?status=ended')).items.map((f) => f.id)).toEqual([fault.id]);
    const after = await json<HandoverDraft>(leader1, 'GET', '/api/v1/handovers/prefill?shift=早班');
    expect(after.items.equipment).toBe('无未恢复的系统、设备故障');
    expect(after.open.faults).toEqual([]);
  });

  it('hands the shift to a named leader who alone acknowledges; the shift closes only after that, once', async () => {
    const shift = { shift: '中班' };
    const noHandover = await refused(leader1, 'POST', '/api/v1/handovers/close-shift', shift, 409);
    expect(noHandover).toMatchObject({ code: 'no_handover', message: '本班次还没有写交接班记录，不能结束本班次' });

    const leaders = await json<HandoverLeader[]>(leader1, 'GET', '/api/v1/handovers/leaders');
    const second = leaders.find((l) => l.name === '二组组长')!;
    expect(leaders.map((l) => l.name)).not.toContain('一组组长');
    const written = await json<Handover>(
      leader1,
      'POST',
      '/api/v1/handovers',
      { ...shift, incomingLeaderId: second.id, items: { situation: '下午来电平稳', tools: '耳麦 3 号需更换' } },
      201,
    );
    expect(written).toMatchObject({
      teamId: team1,
      date: '2026-01-06',
      shift: '中班',
      status: 'handed_over',
      incoming: { id: second.id, name: '二组组长' },
      outgoing: { name: '一组组长' },
      acknowledgedAt: null,
      closedAt: null,
    });
    // What the leader wrote stays; what was left out is pre-filled.
    expect(written.items.situation).toBe('下午来电平稳');
    expect(written.items.tools).toBe('耳麦 3 号需更换');
    expect(written.items.records).toContain('已超时工单');
    expect(written.open.tickets).toHaveLength(1);
    expect((await refused(leader1, 'POST', '/api/v1/handovers', { ...shift, incomingLeaderId: second.id }, 409)).message).toBe('2026-01-06 中班的交接班记录已经写过，请修改那一份');

    // Not taken over yet: the shift stays open.
    expect(await refused(leader1, 'POST', '/api/v1/handovers/close-shift', shift, 409)).toMatchObject({
      code: 'not_taken_over',
      message: '接班人二组组长还没有确认接班，正式交接前不能结束本班次',
    });
    // The outgoing leader corrects an item (audited) before it is taken over; nobody else may.
    const corrected = await json<Handover>(leader1, 'PATCH', `/api/v1/handovers/${written.id}`, { items: { quality: '质检申诉 1 件待复核' } });
    expect(corrected.items).toMatchObject({ quality: '质检申诉 1 件待复核', situation: '下午来电平稳' });
    expect((await refused(leader2, 'PATCH', `/api/v1/handovers/${written.id}`, { items: { quality: 'x' } }, 403)).message).toBe('只有交班人可以修改交接班记录');

    // Only 二组组长 acknowledges: not the outgoing leader, not the manager; another leader does not even see it.
    for (const token of [leader1, manager]) {
      expect((await refused(token, 'POST', `/api/v1/handovers/${written.id}/acknowledge`, {}, 403)).message).toBe('只有交接班记录指定的接班人才能确认接班');
    }
    expect((await h.call(leader3, 'POST', `/api/v1/handovers/${written.id}/acknowledge`, {})).statusCode).toBe(404);
    // The incoming leader finds it among those handed to them.
    const mine = await json<{ items: Handover[] }>(leader2, 'GET', '/api/v1/handovers');
    expect(mine.items.map((x) => x.id)).toEqual([written.id]);
    h.clock.advance(10 * 60_000);
    await loginAll();
    const acknowledged = await json<Handover>(leader2, 'POST', `/api/v1/handovers/${written.id}/acknowledge`, { note: '已接班，耳麦已报修' });
    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedAt: new Date(h.clock.now()).toISOString(), acknowledgement: '已接班，耳麦已报修' });
    expect((await refused(leader2, 'POST', `/api/v1/handovers/${written.id}/acknowledge`, {}, 409)).message).toBe('这份交接班记录已经确认接班');
    expect((await refused(leader1, 'PATCH', `/api/v1/handovers/${written.id}`, { items: { quality: 'x' } }, 409)).message).toBe('已确认接班的交接班记录不能再修改');

    const closed = await json<ShiftClose>(leader1, 'POST', '/api/v1/handovers/close-shift', shift, 201);
    expect(closed).toMatchObject({ teamId: team1, date: '2026-01-06', shift: '中班', handoverId: written.id, closedBy: { name: '一组组长' } });
    expect((await refused(leader1, 'POST', '/api/v1/handovers/close-shift', shift, 409)).message).toBe('2026-01-06 中班已经结束');

    // The team's history shows it closed; a manager sees every team's.
    const history = await json<{ items: Handover[] }>(leader1, 'GET', `/api/v1/handovers?team=${team1}`);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ id: written.id, status: 'acknowledged', closedAt: closed.closedAt, closedBy: { name: '一组组长' } });
    expect((await json<{ items: Handover[] }>(manager, 'GET', '/api/v1/handovers')).items.map((x) => x.id)).toEqual([written.id]);
    expect((await json<{ items: Handover[] }>(leader3, 'GET', '/api/v1/handovers')).items).toEqual([]);
    const audit = await h.t.store.query<{ action: string }>("SELECT action FROM audit_log WHERE subject = 'handovers' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'acknowledge', 'close_shift']);

    // The paper 交接班记录: one row a shift, the five items, who and when; the export is audited.
    expect((await h.call(agent, 'GET', '/api/v1/handovers/export.xlsx')).statusCode).toBe(403);
    const res = await h.call(leader1, 'GET', `/api/v1/handovers/export.xlsx?team=${team1}`);
    expect(res.statusCode).toBe(200);
    const en = (await readBack((await h.call(leader1, 'GET', `/api/v1/handovers/export.xlsx?team=${team1}&lang=en`)).rawPayload)).sheets[0]!;
    expect(`${en.name} ${en.rows[0]!.join(' ')} ${rowWith(en, 'Situation').join(' ')}`).not.toMatch(han);
    expect(rowWith(en, 'Situation').slice(0, 4)).toEqual(['Date', 'Shift', 'Team', 'Handed over by']);
    expect(en.rows.flat().some((c) => utcMoment.test(c))).toBe(false);
    expect(en.rows.flat().filter((c) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(c)).length).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r.includes('交情况'))!;
    expect(header.filter(Boolean)).toEqual([
      '日期',
      '班次',
      '班组',
      '交班人',
      '交情况',
      '交设备',
      '交工具',
      '交质量',
      '交记录',
      '交班时间',
      '接班人',
      '接班时间',
      '接班反馈',
      '结班时间',
    ]);
    const row = rows.at(-1)!.filter((v) => v !== undefined);
    expect(row.slice(0, 5)).toEqual(['2026-01-06', '中班', '客服一组 Team 1', '一组组长', '下午来电平稳']);
    expect(row).toContain('已接班，耳麦已报修');
    expect(row).toContain('二组组长');
    const exported = await h.t.store.query<{ row_count: number }>("SELECT row_count FROM audit_log WHERE subject = 'handovers' AND action = 'export'");
    // Each export is audited, the English one too.
    expect(exported).toEqual([{ row_count: 1 }, { row_count: 1 }]);
  });

  it('says when today’s calls so far differ from the same weekday of the last weeks, from the reports’ figures', async () => {
    const [{ id: queueId }] = (await h.t.store.query<{ id: string }>(`SELECT id FROM queues WHERE name = '售前咨询'`)) as [{ id: string }];
    const wang = (await h.call(agent, 'GET', '/api/v1/auth/me')).json().id as string;
    const runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    runner.start();
    // Tuesday 6 January until 10:00: 30 calls. The two Tuesdays before: 5 calls each by then (and one later, which does not count).
    const events: DomainEvent[] = [];
    for (let i = 0; i < 30; i++) events.push(...answeredCall(`today-${i}`, queueId, wang, shanghai(1, 6, 9, i)));
    for (let i = 0; i < 5; i++)
      events.push(...answeredCall(`week1-${i}`, queueId, wang, shanghai(12, 30, 9, i)), ...answeredCall(`week2-${i}`, queueId, wang, shanghai(12, 23, 9, 10 + i)));
    events.push(...answeredCall('week1-late', queueId, wang, shanghai(12, 30, 11)));
    await h.app.banzu.log.append(events);
    await runner.caughtUp(await h.app.banzu.log.head());
    await runner.stop();
    const draft = await json<HandoverDraft>(leader1, 'GET', '/api/v1/handovers/prefill?shift=晚班');
    expect(draft.open.volume).toMatchObject({ today: 30, usual: 5, weeks: 2, unusual: true });
    expect(draft.items.situation.split('\n')[0]).toBe(
      `来电量异常：今日截至 ${new Date(h.clock.now() + 8 * HOUR).toISOString().slice(11, 16)} 共 30 通，比近 2 周同一工作日同期平均 5 通多 500%`,
    );
  });
});
