import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaCalibration, QaCoaching, QaEvaluation, QaForm, QaQueueItem, QaReport, QaReportRow, QaStarEntry } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { han, readBack, rowWith } from '../testing/workbook';
import { answeredCall, at, queueNamed, recordCalls, serviceForm as form } from './testing';

const answers = (accuracy: number, fatal = false) => [{ key: 'greeting' }, { key: 'accuracy', earned: accuracy }, { key: 'privacy', failed: fatal }];

describe.each(backends)('QA sampling, library, coaching, stars, report and calibration ($name)', (backend) => {
  let h: TestApp;
  let qa: string;
  let formId: string;
  let agent: Record<string, { id: string; teamId: string }>;

  const score = async (token: string, callId: string, body: object) => {
    const res = await h.call(token, 'POST', '/api/v1/qa/evaluations', { callId, formId, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as QaEvaluation;
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    // A second inspector, so sampling has someone to spread the calls to.
    await h.t.store.query(
      `INSERT INTO users (id, username, display_name, role, password_hash) SELECT 'qa-2', 'qa2', '质检员二', 'qa', password_hash FROM users WHERE username = 'qa1'`,
    );
    qa = await h.login('qa1');
    const rows = await h.t.store.query<{ id: string; no: string; team_id: string }>(
      `SELECT u.id, a.employee_no AS no, u.team_id FROM users u JOIN agents a ON a.user_id = u.id WHERE a.employee_no IN ('8001', '8002', '8005')`,
    );
    agent = Object.fromEntries(rows.map((r) => [r.no, { id: r.id, teamId: r.team_id }]));
    const queueId = await queueNamed(h, '售前咨询');
    await recordCalls(h, [
      ...answeredCall('a1', queueId, agent['8001']!.id, at(9), { talkMinutes: 3, from: '+8613800000001' }),
      ...answeredCall('a2', queueId, agent['8001']!.id, at(9, 30), { talkMinutes: 15, from: '+8613800000002' }),
      ...answeredCall('a3', queueId, agent['8001']!.id, at(10), { talkMinutes: 4, from: '+8613800000003' }),
      ...answeredCall('b1', queueId, agent['8002']!.id, at(10), { talkMinutes: 3, from: '+8613800000009' }),
      ...answeredCall('b2', queueId, agent['8002']!.id, at(11), { talkMinutes: 3, from: '+8613800000004' }),
      ...answeredCall('b3', queueId, agent['8002']!.id, at(16), { talkMinutes: 3, from: '+8613800000004' }),
      ...answeredCall('e1', queueId, agent['8005']!.id, at(12), { talkMinutes: 3, from: '+8613800000005' }),
      ...answeredCall('e2', queueId, agent['8005']!.id, at(13), { talkMinutes: 3, from: '+8613800000006' }),
    ]);
    formId = ((await h.call(qa, 'POST', '/api/v1/qa/forms', form)).json() as QaForm).id;
  });
  afterAll(() => h.close());

  it('samples each agent’s quota with the reasons, spread evenly over the inspectors, and not twice', async () => {
    const manager = await h.login('manager');
    const plan = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json().sampling;
    expect((await h.call(manager, 'PATCH', '/api/v1/qa/settings', { sampling: { ...plan, perAgent: 1 } })).statusCode).toBe(200);
    expect((await h.call(await h.login('8001'), 'POST', '/api/v1/qa/queue/sample', {})).statusCode).toBe(403);
    // The ticket accepted from e2 was rated 1 of 5 at its callback (回访): low satisfaction picks it.
    await h.t.store.query(
      `INSERT INTO tickets (type, title, priority, status, call_id, owner_id, callback, clock_started_at, remind_at, due_at, manager_at, created_at, updated_at)
       SELECT code, '空调不制冷', 'normal', 'closed', 'e2', $1, '{"solved": false, "satisfaction": 1}', now(), now(), now(), now(), now(), now() FROM ticket_types LIMIT 1`,
      [agent['8005']!.id],
    );
    const sampled = await h.call(qa, 'POST', '/api/v1/qa/queue/sample', { date: '2026-01-05' });
    expect(sampled.json()).toEqual({ date: '2026-01-05', added: 3 });
    const everyone = (await h.call(manager, 'GET', '/api/v1/qa/queue')).json() as QaQueueItem[];
    const byAgent = Object.fromEntries(everyone.map((q) => [q.agentId, q]));
    expect(byAgent[agent['8001']!.id]).toMatchObject({ callId: 'a2', reasons: ['long_talk'], talkSeconds: 900 });
    expect(byAgent[agent['8002']!.id]).toMatchObject({ callId: 'b2', reasons: ['repeat_caller'], from: '+8613800000004' });
    expect(byAgent[agent['8005']!.id]).toMatchObject({ callId: 'e2', reasons: ['low_satisfaction'] });
    const perInspector = ['qa-2'].map((id) => everyone.filter((q) => q.inspectorId === id).length);
    expect(perInspector[0]).toBeGreaterThanOrEqual(1);
    expect(everyone.length - perInspector[0]!).toBeGreaterThanOrEqual(1);
    // qa1 sees the own queue; asking again adds nothing: the quota is filled.
    const mine = (await h.call(qa, 'GET', '/api/v1/qa/queue')).json() as QaQueueItem[];
    expect(mine.every((q) => q.inspectorId !== 'qa-2')).toBe(true);
    // QA hears recordings; it does not call customers: the numbers are masked.
    expect(mine.concat((await h.call(await h.login('qa2'), 'GET', '/api/v1/qa/queue')).json()).find((q) => q.callId === 'b2')).toMatchObject({ from: '138****0004' });
    expect((await h.call(qa, 'POST', '/api/v1/qa/queue/sample', { date: '2026-01-05' })).json().added).toBe(0);
    // Scoring a queued call takes it off the open queue.
    const first = everyone[0]!;
    await score(qa, first.callId, { answers: answers(30) });
    expect(((await h.call(manager, 'GET', '/api/v1/qa/queue')).json() as QaQueueItem[]).map((q) => q.callId)).not.toContain(first.callId);
  });

  it('keeps good and bad calls in the library for training', async () => {
    const added = await h.call(qa, 'POST', '/api/v1/qa/library', { callId: 'a2', kind: 'good', category: '投诉安抚', note: '耐心解释，客户满意' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ callId: 'a2', kind: 'good', category: '投诉安抚', agentName: '王芳' });
    expect((await h.call(qa, 'POST', '/api/v1/qa/library', { callId: 'a2', kind: 'good', category: 'x' })).statusCode).toBe(409);
    expect((await h.call(qa, 'POST', '/api/v1/qa/library', { callId: 'nope', kind: 'bad', category: 'x' })).statusCode).toBe(404);
    expect((await h.call(await h.login('8001'), 'GET', '/api/v1/qa/library')).statusCode).toBe(403);
    const list = (await h.call(await h.login('trainer1'), 'GET', '/api/v1/qa/library?kind=good')).json();
    expect(list).toHaveLength(1);
  });

  it('opens coaching from an evaluation and shows whether the item improved afterwards', async () => {
    const weak = await score(qa, 'a1', { answers: answers(10) });
    const body = { evaluationId: weak.id, focus: '业务解答不准确', itemKeys: ['accuracy'], actions: '复习知识库退换货政策', followUpOn: '2026-01-12' };
    expect((await h.call(await h.login('leader2'), 'POST', '/api/v1/qa/coaching', body)).statusCode).toBe(403);
    expect((await h.call(qa, 'POST', '/api/v1/qa/coaching', body)).statusCode).toBe(403);
    const opened = await h.call(await h.login('leader1'), 'POST', '/api/v1/qa/coaching', body);
    expect(opened.statusCode, opened.body).toBe(201);
    h.clock.advance(60_000);
    await score(await h.login('qa1'), 'a3', { answers: answers(30) });
    const [record] = (await h.call(await h.login('8001'), 'GET', '/api/v1/qa/coaching')).json() as QaCoaching[];
    expect(record!.followUp).toEqual([{ itemKey: 'accuracy', before: { failed: 1, of: 2 }, after: { failed: 0, of: 1 } }]);
    expect((await h.call(await h.login('8002'), 'GET', '/api/v1/qa/coaching')).json()).toEqual([]);
  });

  it('names the QA star of each team from confirmed scores with enough evaluations, and reports scores, fatal rate and most-failed items', async () => {
    const manager = await h.login('manager');
    qa = await h.login('qa1');
    // Nothing is confirmed yet: no star.
    expect((await h.call(qa, 'GET', '/api/v1/qa/stars?date=2026-01-05')).json()).toEqual([]);
    await h.call(manager, 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: false, starMinimum: { day: 2, month: 2 } });
    await score(qa, 'b1', { answers: answers(30) });
    await score(qa, 'b3', { answers: answers(20, true) });
    await score(qa, 'e1', { answers: answers(30) });
    await score(qa, 'e2', { answers: answers(25) });
    const stars = (await h.call(await h.login('8001'), 'GET', '/api/v1/qa/stars?date=2026-01-05')).json() as QaStarEntry[];
    expect(stars).toHaveLength(2);
    expect(stars).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agentId: agent['8002']!.id, agentName: '李娜', average: 50, evaluations: 2, teamName: '客服一组 Team 1' }),
        expect.objectContaining({ agentId: agent['8005']!.id, agentName: '杨磊', average: (100 + 90) / 2, evaluations: 2, teamName: '客服二组 Team 2' }),
      ]),
    );
    // 王芳's three evaluations wait for her signature: not counted for the star.
    expect(stars.map((s) => s.agentId)).not.toContain(agent['8001']!.id);

    const report = (await h.call(manager, 'GET', '/api/v1/qa/report?from=2026-01-05&to=2026-01-05&by=agent')).json() as QaReport;
    const wang = report.rows.find((r) => r.key === agent['8001']!.id)!;
    expect(wang).toMatchObject({ evaluations: 3, fatalRate: 0 });
    expect(report.rows.find((r) => r.key === agent['8002']!.id)).toMatchObject({ fatalRate: 0.5, averageScore: 50 });
    expect(report.items[0]).toMatchObject({ key: 'accuracy', failed: 3, of: 7 });
    expect(report.items.find((i) => i.key === 'privacy')).toMatchObject({ failed: 1, fatal: true });
    expect(report.trend).toEqual([{ day: '2026-01-05', averageScore: report.total.averageScore, evaluations: report.total.evaluations, fatalRate: report.total.fatalRate }]);
    const team = (await h.call(await h.login('leader1'), 'GET', '/api/v1/qa/report?from=2026-01-05&to=2026-01-05&by=agent')).json() as QaReport;
    expect(team.rows.map((r) => r.key).sort()).toEqual([agent['8001']!.id, agent['8002']!.id].sort());
    expect((await h.call(await h.login('leader1'), 'GET', `/api/v1/qa/report?from=2026-01-05&to=2026-01-05&teamId=${agent['8005']!.teamId}`)).statusCode).toBe(403);
  });

  it('calibrates: inspectors score the same call, the spread per item and Fleiss’ kappa show the ambiguous item; calibration sheets do not count', async () => {
    const before = ((await h.call(qa, 'GET', '/api/v1/qa/evaluations?callId=e2')).json() as QaEvaluation[]).length;
    for (const [username, accuracy] of [
      ['qa1', 30],
      ['qa2', 15],
      ['manager', 0],
    ] as const) {
      await score(await h.login(username), 'e2', { answers: answers(accuracy), purpose: 'calibration' });
    }
    const c = (await h.call(qa, 'GET', '/api/v1/qa/calibrations/e2')).json() as QaCalibration;
    expect(c.inspectors.map((i) => i.score)).toEqual([100, 70, 40]);
    expect(c.items.find((i) => i.key === 'accuracy')).toMatchObject({ min: 0, max: 30, mean: 15, text: '解答准确' });
    expect(c.items.find((i) => i.key === 'greeting')).toMatchObject({ min: 10, max: 10 });
    expect(c.kappa).not.toBeNull();
    expect(c.kappa!).toBeLessThan(1);
    expect(((await h.call(qa, 'GET', '/api/v1/qa/evaluations?callId=e2')).json() as QaEvaluation[]).length).toBe(before);
    expect((await h.call(qa, 'GET', '/api/v1/qa/calibrations/a1')).statusCode).toBe(404);
  });

  it('narrows the report to an agent or an inspector, shows each inspector’s dispute rate and outcomes, and every dimension adds up to the total', async () => {
    const manager = await h.login('manager');
    const qa2 = await h.login('qa2');
    // qa2 hears b2 and fails the fatal item; 王芳 disputes two of her three pending scores: one changed, one upheld.
    await score(qa2, 'b2', { answers: answers(0, true) });
    const wang = await h.login('8001');
    const pending = ((await h.call(wang, 'GET', '/api/v1/qa/evaluations?status=pending')).json() as QaEvaluation[]).sort((a, b) => a.callId.localeCompare(b.callId));
    expect(pending.map((e) => e.callId)).toEqual(['a1', 'a2', 'a3']);
    for (const e of [pending[0]!, pending[2]!]) {
      expect((await h.call(wang, 'POST', `/api/v1/qa/evaluations/${e.id}/dispute`, { reason: '客户问题已解决' })).statusCode).toBe(200);
    }
    expect((await h.call(manager, 'POST', `/api/v1/qa/evaluations/${pending[0]!.id}/resolve`, { outcome: 'changed', reason: '复听后改分', answers: answers(30) })).statusCode).toBe(
      200,
    );
    expect((await h.call(qa2, 'POST', `/api/v1/qa/evaluations/${pending[2]!.id}/resolve`, { outcome: 'upheld', reason: '维持' })).statusCode).toBe(200);

    const get = async (query: string, token = manager) => {
      const res = await h.call(token, 'GET', `/api/v1/qa/report?from=2026-01-05&to=2026-01-05&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as QaReport;
    };
    const byInspector = await get('by=inspector');
    expect(byInspector.rows.find((r) => r.key !== 'qa-2')).toMatchObject({ name: '质检员', evaluations: 7, disputes: 2, upheld: 1, changed: 1, disputeRate: 2 / 7 });
    expect(byInspector.rows.find((r) => r.key === 'qa-2')).toMatchObject({ name: '质检员二', evaluations: 1, fatalEvaluations: 1, fatalRate: 1, disputes: 0, disputeRate: 0 });
    // Each item: how often it failed, the share of its points earned, and (a fatal item) how often it was the fatal failure.
    const accuracy = byInspector.items.find((i) => i.key === 'accuracy')!;
    expect(accuracy).toMatchObject({ of: 8, fatal: false, fatalRate: null });
    expect(accuracy.earnedShare).toBeCloseTo((30 + 30 + 30 + 30 + 20 + 30 + 25 + 0) / 240, 10);
    expect(byInspector.items.find((i) => i.key === 'privacy')).toMatchObject({ failed: 2, of: 8, fatal: true, fatalRate: 2 / 8, earnedShare: 6 / 8 });

    // Whatever the rows are, they add up to the total; so do the days of the trend.
    const counts: (keyof QaReportRow)[] = ['evaluations', 'disputes', 'upheld', 'changed', 'fatalEvaluations'];
    const sum = (rows: QaReportRow[], key: keyof QaReportRow) => rows.reduce((s, r) => s + (r[key] as number), 0);
    for (const query of ['by=agent', 'by=team', 'by=inspector', `by=team&agentId=${agent['8001']!.id}`, 'by=agent&inspectorId=qa-2']) {
      const report = await get(query);
      expect(report.rows.length, query).toBeGreaterThan(0);
      for (const key of counts) expect(sum(report.rows, key), `${query} ${key}`).toBe(report.total[key]);
      const scoreSum = report.rows.reduce((s, r) => s + (r.averageScore ?? 0) * r.evaluations, 0);
      expect(scoreSum, query).toBeCloseTo((report.total.averageScore ?? 0) * report.total.evaluations, 8);
      expect(
        report.trend.reduce((s, d) => s + d.evaluations, 0),
        query,
      ).toBe(report.total.evaluations);
    }

    // Narrowed to 王芳: her three evaluations only; the choices still name everyone in scope.
    const hers = await get(`by=inspector&agentId=${agent['8001']!.id}`);
    expect(hers.total).toMatchObject({ evaluations: 3, disputes: 2, upheld: 1, changed: 1 });
    expect(hers.choices.agents.map((a) => a.name).sort()).toEqual(['李娜', '杨磊', '王芳'].sort());
    expect(hers.choices.inspectors.map((i) => i.id)).toContain('qa-2');
    expect((await get('by=agent&inspectorId=qa-2')).rows.map((r) => r.name)).toEqual(['李娜']);
    // A team leader narrows within the own team only; bad input is a Chinese 400 or 404.
    const leader1 = await h.login('leader1');
    expect((await get(`by=agent&agentId=${agent['8002']!.id}`, leader1)).total.evaluations).toBe(3);
    const otherTeam = await h.call(leader1, 'GET', `/api/v1/qa/report?from=2026-01-05&to=2026-01-05&agentId=${agent['8005']!.id}`);
    expect(otherTeam.statusCode).toBe(403);
    expect(otherTeam.json().error.message).toMatch(han);
    const unknown = await h.call(manager, 'GET', '/api/v1/qa/report?from=2026-01-05&to=2026-01-05&inspectorId=nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('质检员 nobody');
    const backwards = await h.call(manager, 'GET', '/api/v1/qa/report?from=2026-01-06&to=2026-01-05');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('早于开始日期');
    expect((await h.call(manager, 'GET', '/api/v1/qa/report?from=2025-01-01&to=2026-01-05')).json().error.message).toContain('最长 366 天');
    expect((await h.call(manager, 'GET', '/api/v1/qa/report?from=2026-1-5&to=2026-01-05')).statusCode).toBe(400);
    // In English when asked.
    const english = async (query: string, token = manager) => (await h.call(token, 'GET', `/api/v1/qa/report?${query}&lang=en`)).json().error.message;
    expect(await english('from=2026-01-06&to=2026-01-05')).toBe('the end date 2026-01-05 is before the first date 2026-01-06');
    expect(await english('from=2026-01-05&to=2026-01-05&inspectorId=nobody')).toBe('QA analyst nobody not found');
    expect(await english(`from=2026-01-05&to=2026-01-05&agentId=${agent['8005']!.id}`, leader1)).toMatch(/^the agent .+ is not on your team$/);
    expect(await english('from=2026-1-5&to=2026-01-05')).toBe('querystring.from: the first date is written YYYY-MM-DD');
  });

  it('exports the report to Excel with Chinese headers (English when asked), audited; agents may not', async () => {
    const manager = await h.login('manager');
    const res = await h.call(manager, 'GET', '/api/v1/qa/report/export.xlsx?from=2026-01-05&to=2026-01-05&by=inspector');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readBack(res.rawPayload);
    expect(book.sheets.map((s) => s.name)).toEqual(['汇总', '评分项', '每日趋势']);
    const [summary, items, trend] = [book.sheets[0]!, book.sheets[1]!, book.sheets[2]!];
    expect(summary.rows[0]![0]).toBe('质检报表 · 2026-01-05 · 全部班组');
    expect(rowWith(summary, '质检员').join('|')).toBe('质检员|评分数|平均分|致命项率|非致命项率|申诉数|申诉率|维持原分|改分');
    // Rates are numbers Excel formats as percentages.
    expect(rowWith(summary, '质检员二').slice(0, 4)).toEqual(['质检员二', '1', '0', '1']);
    expect(rowWith(summary, '合计')[1]).toBe('8');
    expect(rowWith(items, '泄露客户信息').slice(2, 7)).toEqual(['是', '2', '8', '0.75', '0.25']);
    expect(trend.rows[1]![0]).toBe('2026-01-05');
    const narrowed = await readBack((await h.call(manager, 'GET', `/api/v1/qa/report/export.xlsx?from=2026-01-05&to=2026-01-05&agentId=${agent['8001']!.id}`)).rawPayload);
    expect(narrowed.sheets[0]!.rows[0]![0]).toBe('质检报表 · 2026-01-05 · 全部班组 · 座席 王芳');
    const en = await readBack((await h.call(manager, 'GET', '/api/v1/qa/report/export.xlsx?from=2026-01-05&to=2026-01-05&by=team&lang=en')).rawPayload);
    expect(en.sheets.map((s) => s.name)).toEqual(['Summary', 'Items', 'Trend']);
    expect(rowWith(en.sheets[0]!, 'Team').join(' ')).not.toMatch(han);
    expect((await h.call(await h.login('8001'), 'GET', '/api/v1/qa/report/export.xlsx?from=2026-01-05&to=2026-01-05')).statusCode).toBe(403);
    const audits = await h.t.store.query<{ detail: { query: { by: string } } }>(`SELECT detail FROM audit_log WHERE subject = 'qa_report' AND action = 'export' ORDER BY id`);
    expect(audits.map((a) => a.detail.query.by)).toEqual(['inspector', 'agent', 'team']);
  });
});
