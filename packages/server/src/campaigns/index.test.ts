import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { maskPhone, type Actor } from '@banzu/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { backends } from '../store/testing';
import { campaignsProjection } from './projection';

const anyHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

describe.each(backends)('campaigns over HTTP ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let teams: { id: string; name: string }[];
  let team1: string;
  let team1Agents: { id: string; employeeNo: string }[];

  /** Customers of team 1 tagged `tag`, each with one number; returns their ids in list order. */
  async function customers(tag: string, numbers: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, n] of numbers.entries()) {
      const id = randomUUID();
      await h.t.store.query(`INSERT INTO customers (id, name, class_code, tags, team_id, created_at) VALUES ($1, $2, 'prospect', $3, $4, $5)`, [
        id,
        `客户${tag}${i}`,
        [tag],
        team1,
        new Date(Date.UTC(2025, 0, 1) + i * 1000),
      ]);
      await h.t.store.query('INSERT INTO customer_phones (customer_id, number_e164) VALUES ($1, $2)', [id, n]);
      ids.push(id);
    }
    return ids;
  }

  async function campaign(token: string, tag: string, extra: Record<string, unknown> = {}) {
    return h.call(token, 'POST', '/api/v1/campaigns', {
      name: `测试 ${tag}`,
      script: '您好',
      teamId: team1,
      source: { kind: 'filter', classCodes: [], tags: [tag] },
      agentIds: team1Agents.slice(0, 2).map((a) => a.id),
      rules: { callingHours: anyHours, ...extra },
    });
  }

  let dialRecords: ProjectionRunner;
  /** Waits until the dial records (a projection of the log) show every event so far. */
  async function dialRecordsCaughtUp(): Promise<void> {
    await h.app.banzu.log.settled();
    await dialRecords.caughtUp(await h.app.banzu.log.head());
  }

  beforeAll(async () => {
    h = await openTestApp(backend, { floor: true });
    dialRecords = new ProjectionRunner(h.t.store, h.app.banzu.log, campaignsProjection({ timeZone: 'Asia/Shanghai' }));
    await dialRecords.start();
    manager = await h.login('manager');
    teams = (await h.call(manager, 'GET', '/api/v1/teams')).json();
    team1 = teams.find((t) => t.name.startsWith('客服一组'))!.id;
    team1Agents = (await h.call(manager, 'GET', `/api/v1/users?role=agent&teamId=${team1}`)).json();
  });
  afterAll(async () => {
    dialRecords.stop();
    await h.close();
  });

  it('shows the test center’s running campaign to its team leader and the manager only; agents may not manage campaigns', async () => {
    const all = (await h.call(manager, 'GET', '/api/v1/campaigns')).json() as { id: string; status: string; counts: Record<string, number> }[];
    const running = all.find((c) => c.status === 'running')!;
    expect(running.counts.open).toBe(10);
    const leader4 = await h.login('leader4');
    expect(((await h.call(leader4, 'GET', '/api/v1/campaigns')).json() as unknown[]).length).toBe(1);
    const leader1 = await h.login('leader1');
    expect((await h.call(leader1, 'GET', '/api/v1/campaigns')).json()).toEqual([]);
    expect((await h.call(leader1, 'GET', `/api/v1/campaigns/${running.id}`)).statusCode).toBe(403);
    expect((await h.call(leader1, 'POST', `/api/v1/campaigns/${running.id}/status`, { status: 'paused' })).statusCode).toBe(403);
    const agent = await h.login('8001');
    expect((await h.call(agent, 'GET', '/api/v1/campaigns')).statusCode).toBe(403);
    expect((await h.call(agent, 'POST', '/api/v1/campaigns', { name: 'x', source: { kind: 'filter', tags: ['春季促销'] } })).statusCode).toBe(403);
  });

  it('refuses bad campaigns with the field named, and writes nothing', async () => {
    await customers('校验', ['+8613800000001']);
    const before = await h.t.store.query('SELECT id FROM campaigns');
    const cases: [Record<string, unknown>, string][] = [
      [{ maxAttempts: 0 }, 'rules.maxAttempts'],
      [{ doNotCall: ['call me'] }, '免打扰名单里的“call me”不是电话号码'],
      [{ retryMinutes: { busy: 15 } }, '拨打结果“no_answer”需要设定重拨间隔'],
      [{ distribution: 'skill' }, '按技能分配需要指定技能'],
      [{ callingHours: { mon: [['18:00', '09:00']] } }, '周一的拨打时段 18:00-09:00 不对'],
    ];
    for (const [rules, field] of cases) {
      const res = await campaign(manager, '校验', rules);
      expect(res.statusCode, JSON.stringify(rules)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    const empty = await campaign(manager, '没有这个标签');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('没有符合条件且有电话号码的客户');
    const english = await h.call(manager, 'POST', '/api/v1/campaigns?lang=en', {
      name: '没有这个标签',
      teamId: team1,
      agentIds: team1Agents.slice(0, 2).map((a) => a.id),
      source: { kind: 'filter', classCodes: [], tags: ['没有这个标签'] },
      rules: { callingHours: anyHours },
    });
    expect(english.json().error.message).toBe('no customer with a phone number matches');
    const leader1 = await h.login('leader1');
    const foreign = await h.call(leader1, 'POST', '/api/v1/campaigns', {
      name: '越权',
      source: { kind: 'filter', tags: ['校验'] },
      agentIds: [(await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE role = 'agent' AND team_id <> $1 LIMIT 1`, [team1]))[0]!.id],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ message: '所有座席都必须属于外呼任务的班组', details: { field: 'agentIds' } });
    expect(await h.t.store.query('SELECT id FROM campaigns')).toEqual(before);
  });

  it('makes a campaign of the customers an import wrote, and refuses an import that did not finish', async () => {
    const [job] = await h.t.store.query<{ id: string }>(
      `INSERT INTO import_jobs (subject, file_name, format, status, created_at, finished_at)
       VALUES ('customers', 'list.xlsx', 'xlsx', 'done', now(), now() + interval '1 minute') RETURNING id`,
    );
    const written = await customers('导入', ['+8613800000021', '+8613800000022']);
    await h.t.store.query(`UPDATE customers SET updated_at = now() + interval '30 seconds' WHERE id = ANY($1::uuid[])`, [written]);
    const body = { name: '导入回访', teamId: team1, agentIds: [team1Agents[0]!.id], rules: { callingHours: anyHours } };
    const made = await h.call(manager, 'POST', '/api/v1/campaigns', { ...body, source: { kind: 'import', importId: job!.id } });
    expect(made.statusCode).toBe(201);
    expect(made.json().customers).toBe(2);
    const unknownImport = randomUUID();
    const unknown = await h.call(manager, 'POST', '/api/v1/campaigns', { ...body, source: { kind: 'import', importId: unknownImport } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ message: `没有已完成的导入任务：${unknownImport}`, details: { field: 'source.importId' } });
  });

  it('hands each agent the next customer, dials through the router, and keeps retries, do-not-call and one agent per customer', async () => {
    const ids = await customers('流程', ['+8613800000011', '+8613900000000', '+8613800000013', '+8613800000014']);
    const created = await campaign(manager, '流程', { doNotCall: ['13900000000'], distribution: 'equal' });
    expect(created.statusCode).toBe(201);
    const { campaign: c, customers: listed } = created.json() as { campaign: { id: string }; customers: number };
    expect(listed).toBe(4);
    const engine = h.app.floor!.engine;
    const [a1, a2] = team1Agents;
    const t1 = await h.login(a1!.employeeNo);
    const t2 = await h.login(a2!.employeeNo);

    expect((await h.call(t1, 'POST', '/api/v1/campaigns/tasks/next')).json().task).toBeNull();
    expect((await h.call(manager, 'POST', `/api/v1/campaigns/${c.id}/status`, { status: 'running' })).json().status).toBe('running');
    for (const token of [t1, t2]) await h.call(token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'training' });

    const [n1, n2] = await Promise.all([h.call(t1, 'POST', '/api/v1/campaigns/tasks/next'), h.call(t2, 'POST', '/api/v1/campaigns/tasks/next')]);
    const task1 = n1.json().task;
    const task2 = n2.json().task;
    expect(task1.customer.id).not.toBe(task2.customer.id);
    expect([task1.customer.id, task2.customer.id]).not.toContain(ids[1]);
    expect(task1.campaign.script).toBe('您好');
    expect(task1.customer.className).toEqual({ zh: '意向客户', en: 'Prospect' });
    expect(task1.number).toMatch(/^138 0000 001\d$/);
    expect(n1.json().progress).toMatchObject({ campaigns: 1, quota: { target: 50, done: 0 } });
    // The same task again until its result is saved.
    expect((await h.call(t1, 'POST', '/api/v1/campaigns/tasks/next')).json().task.customer.id).toBe(task1.customer.id);

    const result = (code: string, token = t1, extra: Record<string, unknown> = {}) =>
      h.call(token, 'POST', '/api/v1/campaigns/tasks/result', { campaignId: c.id, customerId: task1.customer.id, code, ...extra });
    expect((await result('busy')).json().error.code).toBe('no_dial');
    const dial = await h.call(t1, 'POST', '/api/v1/campaigns/tasks/dial', { campaignId: c.id, customerId: task1.customer.id });
    expect(dial.statusCode).toBe(200);
    const { callId } = dial.json() as { callId: string };
    expect(engine.router.agentState(a1!.id)?.status).toBe('dialing');
    expect((await h.call(t2, 'POST', '/api/v1/campaigns/tasks/dial', { campaignId: c.id, customerId: task1.customer.id })).json().error.code).toBe('not_your_task');
    expect((await result('busy')).json().error.code).toBe('on_call');
    engine.command({ type: 'switch.customer_unreachable', callId, cause: 'busy' });
    expect(await h.app.campaignDesk!.openDial(a1!.id)).toMatchObject({ campaignId: c.id, callId, connected: false, lineResult: 'busy' });
    // The task panel proposes what the switch heard.
    expect((await h.call(t1, 'POST', '/api/v1/campaigns/tasks/next')).json().task.dial).toEqual({ callId, connected: false, ended: true, lineResult: 'busy', proposed: 'busy' });
    expect((await result('sold')).statusCode).toBe(400);
    expect((await result('busy', t2)).json().error.code).toBe('no_dial');
    const saved = await result('busy', t1, { finish: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'open', attempts: 1, nextAttemptAt: h.clock.now() + 15 * 60_000 });
    expect(engine.router.agentState(a1!.id)?.status).toBe('ready');
    expect(await h.app.campaignDesk!.openDial(a1!.id)).toBeNull();
    await dialRecordsCaughtUp();
    const [attempt] = await h.t.store.query<{ line_result: string; result: string }>('SELECT line_result, result FROM campaign_attempts WHERE call_id = $1', [callId]);
    expect(attempt).toEqual({ line_result: 'busy', result: 'busy' });

    // Not due again for 15 minutes: the agent gets another customer, never the do-not-call one.
    const next = (await h.call(t1, 'POST', '/api/v1/campaigns/tasks/next')).json();
    expect(next.task.customer.id).not.toBe(task1.customer.id);
    expect(next.task.customer.id).not.toBe(ids[1]);
    await h.call(t1, 'POST', '/api/v1/campaigns/tasks/release', { campaignId: c.id, customerId: next.task.customer.id });
    h.clock.advance(15 * 60_000);
    const retry = (await h.call(t1, 'POST', '/api/v1/campaigns/tasks/next')).json();
    expect(retry.task).toMatchObject({ why: 'retry', attempts: 1, customer: { id: task1.customer.id } });

    await h.call(manager, 'POST', `/api/v1/campaigns/${c.id}/status`, { status: 'paused' });
    expect((await h.call(t1, 'POST', '/api/v1/campaigns/tasks/dial', { campaignId: c.id, customerId: task1.customer.id })).json().error.code).toBe('not_running');
  });

  it('reports per agent and per number within the caller’s scope, exports to Excel and records each export', async () => {
    const date = '2026-01-05';
    await dialRecordsCaughtUp();
    const report = await h.call(manager, 'GET', `/api/v1/campaigns/reports/agents?from=${date}&to=${date}&by=day`);
    expect(report.statusCode).toBe(200);
    const row = (report.json().rows as { employeeNo: string; tally: { dials: number; connects: number } }[]).find((r) => r.employeeNo === team1Agents[0]!.employeeNo)!;
    expect(row.tally).toMatchObject({ dials: 1, connects: 0 });
    expect(report.json().metrics.map((m: { id: string }) => m.id)).toContain('refusalRate');

    const leader2 = await h.login('leader2');
    expect((await h.call(leader2, 'GET', `/api/v1/campaigns/reports/agents?from=${date}&to=${date}&teamId=${team1}`)).statusCode).toBe(403);
    const own = (await h.call(leader2, 'GET', `/api/v1/campaigns/reports/agents?from=${date}&to=${date}`)).json();
    expect(own.rows).toEqual([]);
    expect((await h.call(manager, 'GET', `/api/v1/campaigns/reports/agents?from=${date}&to=2026-01-01`)).statusCode).toBe(400);

    const leader1 = await h.login('leader1');
    const team = (await h.call(leader1, 'GET', '/api/v1/campaigns/reports/team')).json();
    expect(team.rows.map((r: { employeeNo: string }) => r.employeeNo)).toContain(team1Agents[0]!.employeeNo);
    expect(team.rows[0].quota).toMatchObject({ target: expect.any(Number), done: 0 });

    const list = (await h.call(leader1, 'GET', '/api/v1/campaigns')).json() as { id: string; name: string }[];
    const flow = list.find((c) => c.name === '测试 流程')!;
    const numbers = (await h.call(leader1, 'GET', `/api/v1/campaigns/${flow.id}/numbers`)).json() as { number: string; attempts: number; status: string }[];
    expect(numbers.find((n) => n.attempts === 1)).toMatchObject({ number: '138 0000 0011', status: 'open' });
    expect(numbers.find((n) => n.number.startsWith('139'))!.status).toBe('dnc');

    const xlsx = await h.call(leader1, 'GET', `/api/v1/campaigns/${flow.id}/numbers?format=xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('138****0011');
    // Labels in the user's language and times on the center's clock, never raw codes or UTC.
    expect(cells).toEqual(expect.arrayContaining(['客户', '状态', '最后结果', '最后拨打', '通话时长（秒）', '待拨', '免打扰', '占线']));
    for (const raw of ['open', 'dnc', 'busy', 'exhausted', 'no_answer', 'refused', 'Status']) expect(cells).not.toContain(raw);
    expect(cells.filter((c) => /\d{4}-\d\d-\d\dT|Z$/.test(c))).toEqual([]);
    expect(cells.filter((c) => /^2026-01-05 09:\d\d:\d\d$/.test(c))).toHaveLength(1);
    const daily = await h.call(manager, 'GET', `/api/v1/campaigns/reports/agents?from=${date}&to=${date}&format=xlsx`);
    expect(daily.statusCode).toBe(200);
    const audit = await h.t.store.query<{ subject: string; row_count: number }>(`SELECT subject, row_count FROM audit_log WHERE action = 'export' ORDER BY id`);
    expect(audit.map((a) => a.subject)).toEqual(['campaign_numbers', 'campaign_agent_report']);
    expect(audit[0]!.row_count).toBe(numbers.length);

    // In English for a user who reads English, the daily report's headers too.
    const english = new ExcelJS.Workbook();
    await english.xlsx.load((await h.call(leader1, 'GET', `/api/v1/campaigns/${flow.id}/numbers?format=xlsx&lang=en`)).rawPayload as unknown as ArrayBuffer);
    const englishCells = english.worksheets[0]!.getSheetValues().flat().map(String);
    expect(englishCells).toEqual(expect.arrayContaining(['Customer', 'Status', 'Last result', 'To dial', 'Do not call', 'Busy']));
    expect(englishCells).not.toContain('状态');
    const dailyBook = new ExcelJS.Workbook();
    await dailyBook.xlsx.load(daily.rawPayload as unknown as ArrayBuffer);
    const reportCells = dailyBook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(reportCells).toEqual(expect.arrayContaining(['日期', '座席', '合计']));
    expect(reportCells.some((c) => c.endsWith('（秒）'))).toBe(true);
    expect(reportCells.some((c) => /[A-Za-z]{3,} /.test(c) && !c.includes('Banzu'))).toBe(false);
  });

  it('sets an agent’s quota terms: 30 effective calls a day in the first two weeks, an own figure on request', async () => {
    const leader1 = await h.login('leader1');
    const agentId = team1Agents[0]!.id;
    const newHire = await h.call(leader1, 'PUT', `/api/v1/campaigns/quotas/${agentId}`, { employedSince: '2025-12-29' });
    expect(newHire.json().today).toBe(30);
    expect((await h.call(leader1, 'PUT', `/api/v1/campaigns/quotas/${agentId}`, { employedSince: '2025-01-01' })).json().today).toBe(50);
    expect((await h.call(leader1, 'PUT', `/api/v1/campaigns/quotas/${agentId}`, { employedSince: '2025-01-01', dailyEffectiveCalls: 40 })).json().today).toBe(40);
    const foreign = (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE role = 'agent' AND team_id <> $1 LIMIT 1`, [team1]))[0]!.id;
    expect((await h.call(leader1, 'PUT', `/api/v1/campaigns/quotas/${foreign}`, { employedSince: '2025-01-01' })).statusCode).toBe(403);
    const agent = await h.login(team1Agents[0]!.employeeNo);
    // Its campaign is paused: the quota still shows, the desktop's task panel has no campaign to work.
    expect((await h.call(agent, 'GET', '/api/v1/campaigns/my/progress')).json()).toMatchObject({ campaigns: 0, quota: { target: 40 } });
  });

  /** A telemarketer of the test center (8011-8013), by 工号. */
  async function telemarketer(employeeNo: string): Promise<string> {
    const [row] = await h.t.store.query<{ user_id: string }>('SELECT user_id FROM agents WHERE employee_no = $1', [employeeNo]);
    return row!.user_id;
  }

  it('hands a person who takes over a busy twin the customer with the pending dial, refuses in Chinese to dial again, and lets the agent go on after the result', async () => {
    const engine = h.app.floor!.engine;
    const desk = h.app.campaignDesk!;
    const agentId = await telemarketer('8011');
    // The simulated twin at work: logged in, took a customer, dialled, and the customer picked up.
    expect(engine.command({ type: 'agent.login', agentId, notReadyReason: 'training' })).toBeNull();
    const twin = await desk.next(agentId);
    if ('none' in twin) throw new Error('the twin got no customer');
    const callId = await desk.dial(agentId, twin.campaign.id, twin.task.customerId);
    engine.command({ type: 'switch.customer_answered', callId });
    expect(engine.router.agentState(agentId)?.status).toBe('talking');

    // The person logs in as 8011: the task panel gets that customer with the dial still on the line.
    const person = await h.login('8011');
    // The desktop's task panel learns at once that a result is due, before anyone presses 下一个客户.
    expect((await h.call(person, 'GET', '/api/v1/campaigns/my/progress')).json().resultDue).toBe(true);
    const onTheLine = (await h.call(person, 'POST', '/api/v1/campaigns/tasks/next')).json().task;
    expect(onTheLine).toMatchObject({ customer: { id: twin.task.customerId }, why: 'current', dial: { callId, connected: true, ended: false, lineResult: null, proposed: null } });

    expect((await h.call(person, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    expect(engine.router.agentState(agentId)?.status).toBe('wrap_up');
    const after = (await h.call(person, 'POST', '/api/v1/campaigns/tasks/next')).json().task;
    expect(after).toMatchObject({ customer: { id: twin.task.customerId }, dial: { callId, connected: true, ended: true } });

    const ids = { campaignId: twin.campaign.id, customerId: twin.task.customerId };
    for (const path of ['dial', 'release']) {
      const refused = await h.call(person, 'POST', `/api/v1/campaigns/tasks/${path}`, ids);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toEqual({ code: 'result_missing', message: '请先保存上一次拨打的结果' });
    }
    const english = await h.app.inject({ method: 'POST', url: '/api/v1/campaigns/tasks/dial?lang=en', headers: { authorization: `Bearer ${person}` }, payload: ids });
    expect(english.json().error).toEqual({ code: 'result_missing', message: 'save the result of the last dial first' });

    const saved = await h.call(person, 'POST', '/api/v1/campaigns/tasks/result', { ...ids, code: 'interested', finish: true });
    expect(saved.statusCode).toBe(200);
    expect(engine.router.agentState(agentId)?.status).toBe('ready');
    await dialRecordsCaughtUp();
    expect((await h.call(person, 'GET', '/api/v1/campaigns/my/progress')).json()).toMatchObject({ resultDue: false, quota: { done: 1 } });
    const next = (await h.call(person, 'POST', '/api/v1/campaigns/tasks/next')).json().task;
    expect(next.customer.id).not.toBe(twin.task.customerId);
    expect(next.dial).toBeNull();
  });

  it('hangs up a dial while it rings out, and refuses a callback for it in Chinese: only a line result counts, and not toward the quota', async () => {
    const engine = h.app.floor!.engine;
    const agentId = await telemarketer('8012');
    const person = await h.login('8012');
    await h.call(person, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'training' });
    const { task } = (await h.call(person, 'POST', '/api/v1/campaigns/tasks/next')).json();
    const ids = { campaignId: task.campaign.id, customerId: task.customer.id };
    const { callId } = (await h.call(person, 'POST', '/api/v1/campaigns/tasks/dial', ids)).json();
    expect(engine.router.agentState(agentId)?.status).toBe('dialing');
    // The call card shows the customer dialled: in full to the agent, masked to QA.
    await h.app.banzu.log.settled();
    const [{ team_id: teamId, number } = { team_id: '', number: '' }] = await h.t.store.query<{ team_id: string; number: string }>(
      'SELECT u.team_id, c.dial_number AS number FROM users u, campaign_customers c WHERE u.id = $1 AND c.dial_call_id = $2',
      [agentId, callId],
    );
    const liveCall = (actor: Actor) => h.app.floor!.feed.snapshot(actor).state.calls.find((c) => c.callId === callId);
    await vi.waitFor(() => expect(liveCall({ userId: agentId, role: 'agent', teamId })).toMatchObject({ from: null, to: number }));
    expect(liveCall({ userId: 'qa', role: 'qa', teamId: null })?.to).toBe(maskPhone(number));
    // The screen pop shows the customer dialled, not an empty card.
    const pop = (await h.call(person, 'GET', `/api/v1/desktop/calls/${callId}/screen-pop`)).json();
    expect(pop).toMatchObject({ callId, from: number, customer: { id: task.customer.id } });

    expect((await h.call(person, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    expect(engine.router.call(callId)).toBeUndefined();
    expect(engine.router.agentState(agentId)?.status).toBe('wrap_up');
    expect((await h.call(person, 'POST', '/api/v1/campaigns/tasks/next')).json().task.dial).toEqual({ callId, connected: false, ended: true, lineResult: null, proposed: null });

    const callback = await h.call(person, 'POST', '/api/v1/campaigns/tasks/result', {
      ...ids,
      code: 'callback',
      callbackAt: new Date(h.clock.now() + 3_600_000).toISOString(),
    });
    expect(callback.statusCode).toBe(400);
    expect(callback.json().error.code).toBe('not_connected');
    expect(callback.json().error.message).toMatch(/^客户没有接通/);
    const saved = await h.call(person, 'POST', '/api/v1/campaigns/tasks/result', { ...ids, code: 'no_answer', finish: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'open', attempts: 1 });
    await dialRecordsCaughtUp();
    const [attempt] = await h.t.store.query<{ result: string }>('SELECT result FROM campaign_attempts WHERE call_id = $1', [callId]);
    expect(attempt).toEqual({ result: 'no_answer' });
    expect((await h.call(person, 'GET', '/api/v1/campaigns/my/progress')).json()).toMatchObject({ metrics: { dials: 1 }, quota: { done: 0 } });
  });
});
