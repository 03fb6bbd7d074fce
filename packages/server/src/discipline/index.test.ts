import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisciplinePoint, DisciplinePointPage, DisciplineProposal, DisciplineRuleView, ModelAgent, Praise } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { han, readBack, rowWith, utcMoment } from '../testing/workbook';
import { centerTime } from '../spreadsheet/index';
import { monthlyPointTotals } from './index';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(backends)('discipline points and recognition ($name)', (backend) => {
  let h: TestApp;
  let agent: string;
  let teammate: string;
  let otherTeamAgent: string;
  let leader: string;
  let otherLeader: string;
  let manager: string;
  let qa: string;
  const ids: Record<string, string> = {};

  const loginAll = async () => {
    const tokens = await Promise.all(['8001', '8002', '8005', 'leader1', 'leader2', 'manager', 'qa1'].map((u) => h.login(u)));
    [agent, teammate, otherTeamAgent, leader, otherLeader, manager, qa] = tokens as string[] as [string, string, string, string, string, string, string];
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    await loginAll();
    for (const r of await h.t.store.query<{ username: string; id: string }>(`SELECT username, id FROM users`)) ids[r.username] = r.id;
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const at = (minutesAgo: number) => new Date(h.clock.now() - minutesAgo * MINUTE).toISOString();
  const month = '2026-01';

  it('starts from seed 000’s catalogue; only the center edits it, audited with before and after', async () => {
    const rules = await json<DisciplineRuleView[]>(agent, 'GET', '/api/v1/discipline/rules');
    expect(rules.find((r) => r.code === 'XC-12')).toMatchObject({ points: 10, active: true });
    expect(rules.find((r) => r.code === 'XC-13')?.points).toBe(1);
    expect(rules.filter((r) => r.code.startsWith('XC-'))).toHaveLength(13);

    const changed = await json<DisciplineRuleView>(manager, 'PUT', '/api/v1/discipline/rules/XC-13', { text: '小休室椅子未归位', points: 0.5, category: '环境卫生' });
    expect(changed).toMatchObject({ code: 'XC-13', points: 0.5, updatedByName: '郑经理' });
    const added = await json<DisciplineRuleView>(manager, 'PUT', '/api/v1/discipline/rules/ZD-01', { text: '值班期间睡觉', points: 5, category: '工作纪律' });
    expect(added).toMatchObject({ code: 'ZD-01', active: true });
    const [audit] = await h.t.store.query<{ detail: { before: { points: number }; after: { points: number } } }>(
      `SELECT detail FROM audit_log WHERE subject = 'discipline_rules' AND detail->>'code' = 'XC-13'`,
    );
    expect(audit?.detail.before.points).toBe(1);
    expect(audit?.detail.after.points).toBe(0.5);

    expect((await h.call(leader, 'PUT', '/api/v1/discipline/rules/XC-13', { text: 'x', points: 1 })).statusCode).toBe(403);
    const negative = await h.call(manager, 'PUT', '/api/v1/discipline/rules/XC-13', { text: '小休室', points: -2 });
    expect(negative.statusCode).toBe(400);
    const badCode = await h.call(manager, 'PUT', '/api/v1/discipline/rules/%E6%89%A3%E5%88%86', { text: '小休室', points: 2 });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.message).toContain('条款编码');
    expect((await json<DisciplineRuleView[]>(agent, 'GET', '/api/v1/discipline/rules')).find((r) => r.code === 'XC-13')?.points).toBe(0.5);
  });

  it('the leader records an item for the own team with who and when; unknown rules, other teams and agents are refused', async () => {
    const item = await json<DisciplinePoint>(
      leader,
      'POST',
      '/api/v1/discipline/points',
      { agentId: ids['8001'], ruleCode: 'XC-09', occurredAt: at(30), note: '工作时接听私人电话' },
      201,
    );
    expect(item).toMatchObject({ agentId: ids['8001'], ruleCode: 'XC-09', points: 3, status: 'recorded', recordedByName: '一组组长', note: '工作时接听私人电话' });
    expect(item.recordedAt).toBe(new Date(h.clock.now()).toISOString());

    const unknown = await h.call(leader, 'POST', '/api/v1/discipline/points', { agentId: ids['8001'], ruleCode: 'NOPE', occurredAt: at(5), note: '' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ message: '扣分条款“NOPE”不存在', details: { field: 'ruleCode' } });
    const english = await h.call(leader, 'POST', '/api/v1/discipline/points?lang=en', { agentId: ids['8001'], ruleCode: 'NOPE', occurredAt: at(5), note: '' });
    expect(english.json().error.message).toBe('no rule "NOPE"');
    const future = await h.call(leader, 'POST', '/api/v1/discipline/points', { agentId: ids['8001'], ruleCode: 'XC-01', occurredAt: at(-120), note: '' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('发生时间');
    const notAnAgent = await h.call(leader, 'POST', '/api/v1/discipline/points', { agentId: ids.leader2, ruleCode: 'XC-01', occurredAt: at(5), note: '' });
    expect(notAnAgent.statusCode).toBe(400);

    const otherTeam = await h.call(otherLeader, 'POST', '/api/v1/discipline/points', { agentId: ids['8001'], ruleCode: 'XC-01', occurredAt: at(5), note: '' });
    expect(otherTeam.statusCode).toBe(403);
    expect(otherTeam.json().error.message).toContain('本班组');
    expect((await h.call(agent, 'POST', '/api/v1/discipline/points', { agentId: ids['8002'], ruleCode: 'XC-01', occurredAt: at(5), note: '' })).statusCode).toBe(403);
    // A floor-wide role records for any team; a switched-off rule records nothing.
    await json(qa, 'POST', '/api/v1/discipline/points', { agentId: '8005', ruleCode: 'XC-03', occurredAt: at(10), note: '喧哗' }, 201);
    await json(manager, 'PUT', '/api/v1/discipline/rules/XC-06', { text: '未按指定路线进出', points: 2, category: '现场秩序', active: false });
    const off = await h.call(leader, 'POST', '/api/v1/discipline/points', { agentId: ids['8001'], ruleCode: 'XC-06', occurredAt: at(5), note: '' });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.message).toContain('已停用');
    const count = await h.t.store.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM discipline_points');
    expect(count[0]?.n).toBe(2);
  });

  it('the agent sees only the own items; the leader the team’s month with each agent’s total; other teams are refused', async () => {
    await json(leader, 'POST', '/api/v1/discipline/points', { agentId: '8002', ruleCode: 'XC-12', occurredAt: at(20), note: '换了键盘' }, 201);
    const mine = await json<DisciplinePointPage>(agent, 'GET', `/api/v1/discipline/points?month=${month}`);
    expect(mine.items.map((i) => i.agentId)).toEqual([ids['8001']]);
    expect(mine.total).toBe(3);
    expect(mine.totals).toHaveLength(1);
    expect((await h.call(agent, 'GET', `/api/v1/discipline/points?agentId=${ids['8002']}&month=${month}`)).statusCode).toBe(403);

    const team = await json<DisciplinePointPage>(leader, 'GET', `/api/v1/discipline/points?month=${month}`);
    expect(team.total).toBe(13);
    expect(Object.fromEntries(team.totals.map((t) => [t.employeeNo, t.total]))).toEqual({ '8001': 3, '8002': 10, '8003': 0, '8004': 0 });
    const one = await json<DisciplinePointPage>(leader, 'GET', `/api/v1/discipline/points?agentId=${ids['8001']}&month=${month}`);
    expect(one).toMatchObject({ total: 3, items: [{ points: 3 }] });
    expect((await h.call(otherLeader, 'GET', `/api/v1/discipline/points?agentId=${ids['8001']}&month=${month}`)).statusCode).toBe(403);
    expect((await h.call(leader, 'GET', '/api/v1/discipline/points?month=2026-13')).statusCode).toBe(400);
    // Another month has nothing.
    expect((await json<DisciplinePointPage>(leader, 'GET', '/api/v1/discipline/points?month=2025-12')).total).toBe(0);
  });

  it('the agent contests with a reason; the item counts until the leader withdraws it, and the month total falls', async () => {
    const page = await json<DisciplinePointPage>(agent, 'GET', `/api/v1/discipline/points?month=${month}`);
    const item = page.items[0]!;
    const empty = await h.call(agent, 'POST', `/api/v1/discipline/points/${item.id}/contest`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('申诉须填写理由');
    expect((await h.call(teammate, 'POST', `/api/v1/discipline/points/${item.id}/contest`, { reason: '不是我' })).statusCode).toBe(403);

    const contested = await json<DisciplinePoint>(agent, 'POST', `/api/v1/discipline/points/${item.id}/contest`, { reason: '当时在回访客户,用的是工作手机' });
    expect(contested).toMatchObject({ status: 'contested', contestReason: '当时在回访客户,用的是工作手机' });
    expect((await h.call(agent, 'POST', `/api/v1/discipline/points/${item.id}/contest`, { reason: '再申诉' })).statusCode).toBe(409);
    expect((await monthlyPointTotals(h.t.store, month, [ids['8001']!])).get(ids['8001']!)).toBe(3);

    expect((await h.call(agent, 'POST', `/api/v1/discipline/points/${item.id}/withdraw`, {})).statusCode).toBe(403);
    expect((await h.call(otherLeader, 'POST', `/api/v1/discipline/points/${item.id}/withdraw`, {})).statusCode).toBe(403);
    const withdrawn = await json<DisciplinePoint>(leader, 'POST', `/api/v1/discipline/points/${item.id}/withdraw`, { note: '核实为工作电话' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', decidedByName: '一组组长', decisionNote: '核实为工作电话' });
    expect((await json<DisciplinePointPage>(agent, 'GET', `/api/v1/discipline/points?month=${month}`)).total).toBe(0);
    const totals = await monthlyPointTotals(h.t.store, month, [ids['8001']!, ids['8002']!, ids['8003']!]);
    expect(Object.fromEntries(totals)).toEqual({ [ids['8001']!]: 0, [ids['8002']!]: 10, [ids['8003']!]: 0 });
    expect((await h.call(leader, 'POST', `/api/v1/discipline/points/${item.id}/uphold`, {})).statusCode).toBe(409);

    const audit = await h.t.store.query<{ action: string; detail: { before: { status: string }; after: { status: string } } }>(
      `SELECT action, detail FROM audit_log WHERE subject = 'discipline_points' AND detail->>'id' = $1 AND action IN ('contest', 'withdraw') ORDER BY id`,
      [item.id],
    );
    expect(audit.map((a) => [a.action, a.detail.before.status, a.detail.after.status])).toEqual([
      ['contest', 'recorded', 'contested'],
      ['withdraw', 'contested', 'withdrawn'],
    ]);
  });

  it('proposes a not-ready without a reason and a late login against the published roster; the leader accepts or dismisses', async () => {
    const teamId = (await h.t.store.query<{ team_id: string }>(`SELECT team_id FROM users WHERE username = 'leader1'`))[0]!.team_id;
    const shiftStart = h.clock.now();
    // 8003 logs in 15 minutes after the published 09:00 shift; 8004 was on time.
    await h.t.store.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, generated_at, published_at) VALUES ($1, '2026-01', 'published', '[]', $2, $2)`, [
      teamId,
      new Date(shiftStart - 24 * HOUR),
    ]);
    for (const user of ['8003', '8004']) {
      await h.t.store.query(`INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, '2026-01', $2, '2026-01-05', '早班', $3, $4)`, [
        teamId,
        ids[user],
        new Date(shiftStart),
        new Date(shiftStart + 9 * HOUR),
      ]);
    }
    const quarter = 15 * MINUTE;
    for (const [user, from] of [
      ['8003', shiftStart + quarter],
      ['8004', shiftStart],
    ] as const) {
      for (let q = from; q < shiftStart + 3 * HOUR; q += quarter) {
        await h.t.store.query(`INSERT INTO interval_tallies (interval_start, agent_id, team_id, logged_in_seconds) VALUES ($1, $2, $3, 900)`, [new Date(q), ids[user], teamId]);
      }
    }
    await h.app.banzu.log.append([
      {
        type: 'agent.state_changed',
        stream: ids['8002']!,
        at: shiftStart + HOUR,
        payload: { from: 'ringing', to: 'not_ready', notReadyReason: 'no_answer', callId: 'c1', wrapUpEndsAt: null, forcedBy: null },
      },
      {
        type: 'agent.state_changed',
        stream: ids['8002']!,
        at: shiftStart + 2 * HOUR,
        payload: { from: 'ready', to: 'not_ready', notReadyReason: 'meal', callId: null, wrapUpEndsAt: null, forcedBy: null },
      },
    ]);
    h.clock.advance(3 * HOUR);
    await loginAll();

    const { items } = await json<{ items: DisciplineProposal[] }>(leader, 'GET', `/api/v1/discipline/proposals?month=${month}`);
    expect(items.map((p) => [p.kind, p.agentId, p.ruleCode])).toEqual([
      ['late_login', ids['8003'], 'KQ-01'],
      ['not_ready_without_reason', ids['8002'], 'GL-05'],
    ]);
    expect(items[0]?.detail.lateMinutes).toBe(15);
    // Looking again proposes nothing twice.
    expect((await json<{ items: DisciplineProposal[] }>(leader, 'GET', '/api/v1/discipline/proposals')).items).toHaveLength(2);
    expect((await h.call(agent, 'GET', '/api/v1/discipline/proposals')).statusCode).toBe(403);
    expect((await json<{ items: DisciplineProposal[] }>(otherLeader, 'GET', '/api/v1/discipline/proposals')).items).toHaveLength(0);
    expect((await h.call(otherLeader, 'POST', `/api/v1/discipline/proposals/${items[0]!.id}/accept`, {})).statusCode).toBe(403);

    const accepted = await json<{ point: DisciplinePoint }>(leader, 'POST', `/api/v1/discipline/proposals/${items[0]!.id}/accept`, {});
    expect(accepted.point).toMatchObject({ agentId: ids['8003'], ruleCode: 'KQ-01', points: 2, occurredAt: new Date(shiftStart).toISOString(), recordedByName: '一组组长' });
    expect(accepted.point.note).toContain('15');
    await json(leader, 'POST', `/api/v1/discipline/proposals/${items[1]!.id}/dismiss`, {});
    expect((await h.call(leader, 'POST', `/api/v1/discipline/proposals/${items[1]!.id}/accept`, {})).statusCode).toBe(409);
    expect((await json<{ items: DisciplineProposal[] }>(leader, 'GET', '/api/v1/discipline/proposals')).items).toHaveLength(0);
    expect((await monthlyPointTotals(h.t.store, month, [ids['8003']!])).get(ids['8003']!)).toBe(2);
  });

  it('records praise and the team’s model agent of the week, which the team sees and other teams do not', async () => {
    const praise = await json<Praise>(leader, 'POST', '/api/v1/discipline/praise', { agentId: '8001', text: '客户来电表扬服务耐心' }, 201);
    expect(praise).toMatchObject({ agentName: '王芳', recordedByName: '一组组长' });
    expect((await h.call(otherLeader, 'POST', '/api/v1/discipline/praise', { agentId: '8001', text: '好' })).statusCode).toBe(403);
    expect((await h.call(leader, 'POST', '/api/v1/discipline/praise', { agentId: '8001', text: '' })).statusCode).toBe(400);
    expect((await json<{ items: Praise[] }>(teammate, 'GET', '/api/v1/discipline/praise')).items).toHaveLength(0);
    expect((await json<{ items: Praise[] }>(agent, 'GET', '/api/v1/discipline/praise')).items).toHaveLength(1);

    const model = await json<ModelAgent>(leader, 'PUT', '/api/v1/discipline/model-agent', { agentId: '8001', reason: '本周满意度第一,零差错' });
    expect(model).toMatchObject({ week: '2026-01-05', agentName: '王芳', chosenByName: '一组组长' });
    expect((await h.call(otherLeader, 'PUT', '/api/v1/discipline/model-agent', { agentId: '8001' })).statusCode).toBe(403);
    expect((await h.call(agent, 'PUT', '/api/v1/discipline/model-agent', { agentId: '8001' })).statusCode).toBe(403);
    const seen = await json<{ items: ModelAgent[] }>(teammate, 'GET', '/api/v1/discipline/model-agent');
    expect(seen.items.map((m) => [m.week, m.agentName, m.reason])).toEqual([['2026-01-05', '王芳', '本周满意度第一,零差错']]);
    expect((await json<{ items: ModelAgent[] }>(otherTeamAgent, 'GET', '/api/v1/discipline/model-agent')).items).toEqual([]);
    // Choosing again the same week replaces the pick.
    await json(leader, 'PUT', '/api/v1/discipline/model-agent', { agentId: '8002', reason: '帮同事顶班' });
    expect((await json<{ items: ModelAgent[] }>(agent, 'GET', '/api/v1/discipline/model-agent')).items.map((m) => m.agentName)).toEqual(['李娜']);
  });

  it('exports the team’s month to Excel with totals and every item, audited; agents may not export', async () => {
    const res = await h.call(leader, 'GET', `/api/v1/discipline/points/export.xlsx?month=${month}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('扣分汇总')!;
    expect(summary.getRow(2).values).toEqual([undefined, '工号', '姓名', '扣分合计', '扣分次数', '表扬次数']);
    const rows = summary.getSheetValues().slice(3) as unknown[][];
    expect(rows.find((r) => r?.[1] === '8002')?.slice(1, 4)).toEqual(['8002', '李娜', 10]);
    expect(rows.find((r) => r?.[1] === '8001')?.slice(3, 6)).toEqual([0, 0, 1]);
    const detail = wb.getWorksheet('扣分明细')!;
    const statuses = (detail.getSheetValues().slice(2) as unknown[][]).map((r) => r[7]);
    expect(statuses).toContain('已撤销');
    // In English when the console is: headers and statuses in English only, times on the center's clock.
    const page = (await h.call(leader, 'GET', `/api/v1/discipline/points?month=${month}`)).json() as DisciplinePointPage;
    const en = await readBack((await h.call(leader, 'GET', `/api/v1/discipline/points/export.xlsx?month=${month}&lang=en`)).rawPayload);
    expect(en.sheets.map((s) => s.name)).toEqual(['Totals', 'Items']);
    expect(rowWith(en.sheets[0]!, 'Employee no.').join('|')).toBe('Employee no.|Name|Points|Items|Praise');
    const items = en.sheets[1]!;
    expect(items.rows[0]!.join(' ')).not.toMatch(han);
    expect(items.rows.map((r) => r[6])).toContain('Withdrawn');
    expect(items.rows.flat().some((c) => utcMoment.test(c))).toBe(false);
    const oldest = page.items.at(-1)!;
    expect(items.rows[1]![0]).toBe(centerTime(oldest.occurredAt, 'Asia/Shanghai'));
    expect((await h.call(agent, 'GET', `/api/v1/discipline/points/export.xlsx?month=${month}`)).statusCode).toBe(403);
    const [audit] = await h.t.store.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM audit_log WHERE subject = 'discipline_points' AND action = 'export'`);
    // Each export is audited, the English one too.
    expect(audit?.n).toBe(2);
  });

  it('counts an item in the month of the center’s wall clock: 00:30 on 1 January in Shanghai is January', async () => {
    await json(leader, 'POST', '/api/v1/discipline/points', { agentId: '8004', ruleCode: 'XC-05', occurredAt: '2025-12-31T16:30:00Z', note: '' }, 201);
    await json(leader, 'POST', '/api/v1/discipline/points', { agentId: '8004', ruleCode: 'XC-13', occurredAt: '2025-12-31T15:30:00Z', note: '' }, 201);
    expect((await monthlyPointTotals(h.t.store, '2026-01', [ids['8004']!])).get(ids['8004']!)).toBe(2);
    expect((await monthlyPointTotals(h.t.store, '2025-12', [ids['8004']!])).get(ids['8004']!)).toBe(0.5);
    await expect(monthlyPointTotals(h.t.store, '2026-1', [ids['8004']!])).rejects.toThrow('YYYY-MM');
  });
});
