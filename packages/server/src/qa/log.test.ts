import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaEvaluation, QaForm, QaLog, QaLogOverview } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { readBack, rowWith } from '../testing/workbook';
import { answeredCall, at, expectJson, queueNamed, recordCalls, serviceForm as form, userIds } from './testing';

const good = [{ key: 'greeting' }, { key: 'accuracy' }, { key: 'privacy' }];

describe.each(backends)('the QA inspector’s daily log, 质检日志 ($name)', (backend) => {
  let h: TestApp;
  let ids: Record<string, string>;
  let qa1: string;
  let qa2: string;
  let manager: string;
  const evaluations: Record<string, QaEvaluation> = {};

  const json = expectJson(() => h);
  const log = (token: string, query: string) => json<QaLog>(token, 'GET', `/api/v1/qa/log?${query}`);

  beforeAll(async () => {
    h = await openTestApp(backend);
    await h.t.store.query(
      `INSERT INTO users (id, username, display_name, role, password_hash) SELECT 'qa-2', 'qa2', '质检员二', 'qa', password_hash FROM users WHERE username = 'qa1'`,
    );
    [qa1, qa2, manager] = [await h.login('qa1'), await h.login('qa2'), await h.login('manager')];
    ids = await userIds(h, ['qa1', 'manager', '8001', '8002']);
    const queueId = await queueNamed(h, '售前咨询');
    await recordCalls(
      h,
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].flatMap((id, i) => answeredCall(id, queueId, ids[i % 2 ? '8002' : '8001']!, at(7, i * 5))),
    );
    const formId = (await json<QaForm>(qa1, 'POST', '/api/v1/qa/forms', form, 201)).id;
    // Seed 004's 60 a day unless the center sets its own; a target that is no count is refused naming it.
    expect((await json<{ dailyTarget: number }>(manager, 'GET', '/api/v1/qa/settings')).dailyTarget).toBe(60);
    const refused = await h.call(manager, 'PATCH', '/api/v1/qa/settings', { dailyTarget: -1 });
    expect(refused.json().error.message).toContain('每位质检员每日监听目标应为 0 到 1000 的整数');
    await json(manager, 'PATCH', '/api/v1/qa/settings', { dailyTarget: 4 });
    const score = async (token: string, callId: string, body: object = {}) => {
      evaluations[callId] = await json<QaEvaluation>(token, 'POST', '/api/v1/qa/evaluations', { callId, formId, answers: good, ...body }, 201);
    };
    // 09:00 on the center's 2026-01-05: qa1 hears c1 and c2 (a fatal failure, commented at 01:05), and sits in a calibration of c4.
    await score(qa1, 'c1', { answers: [{ key: 'greeting', earned: 5 }, { key: 'accuracy' }, { key: 'privacy' }], comments: ['开场白语速过快'] });
    h.clock.advance(60_000);
    await score(qa1, 'c2', {
      answers: [{ key: 'greeting' }, { key: 'accuracy', earned: 20 }, { key: 'privacy', failed: true }],
      comments: [{ atSeconds: 65, text: '读出了客户手机号' }],
    });
    await score(qa1, 'c4', { purpose: 'calibration' });
    // qa2 hears c3 the same day: it is in qa2's log, not qa1's.
    await score(qa2, 'c3');
    // 23:59 the same day, then 00:01 the next: a minute apart, the same UTC date, two center days.
    // Logins idle that long have expired: each jump logs in again.
    h.clock.set(Date.UTC(2026, 0, 5, 15, 59));
    await score(await h.login('qa1'), 'c5');
    h.clock.set(Date.UTC(2026, 0, 5, 16, 1));
    [qa1, qa2, manager] = [await h.login('qa1'), await h.login('qa2'), await h.login('manager')];
    await score(qa1, 'c6');
    await json(await h.login('8002'), 'POST', `/api/v1/qa/evaluations/${evaluations.c2!.id}/dispute`, { reason: '号码是客户自己要求核对的' });
  });
  afterAll(() => h.close());

  it('counts the evaluations scored on the center’s day against the daily target, calibration apart, the own only', async () => {
    const day = await log(qa1, 'date=2026-01-05');
    expect(day.inspector).toEqual({ id: ids.qa1, name: '质检员' });
    expect(day.rows.map((r) => r.callId)).toEqual(['c1', 'c2', 'c5']);
    expect(day.summary).toEqual({
      heard: 3,
      calibrations: 1,
      target: 4,
      progress: 0.75,
      averageScore: (evaluations.c1!.score + 0 + 100) / 3,
      fatal: 1,
      disputes: 1,
    });
    const c2 = day.rows[1]!;
    expect(c2).toMatchObject({ agentName: evaluations.c2!.agentName, employeeNo: '8002', score: 0, fatal: true, status: 'disputed', comment: '[01:05] 读出了客户手机号' });
    expect(c2.failedItems).toEqual([
      { key: 'accuracy', text: '解答准确', fatal: false },
      { key: 'privacy', text: '泄露客户信息', fatal: true },
    ]);
    // 00:01 is the next center day, though the same UTC date.
    const next = await log(qa1, 'date=2026-01-06');
    expect(next.rows.map((r) => r.callId)).toEqual(['c6']);
    expect(next.summary).toMatchObject({ heard: 1, calibrations: 0, fatal: 0, disputes: 0 });
    // The default is today on the center's clock (now 00:01 on the 6th).
    expect((await log(qa1, '')).date).toBe('2026-01-06');
    expect((await log(qa2, 'date=2026-01-05')).rows.map((r) => r.callId)).toEqual(['c3']);
  });

  it('lets an inspector read the own log only, leads anyone’s; refuses a bad date and an unknown inspector in the user’s language', async () => {
    const refused = await h.call(qa1, 'GET', '/api/v1/qa/log?inspector=qa-2');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('质检员只能查看自己的质检日志');
    expect((await h.call(qa1, 'GET', '/api/v1/qa/log?inspector=nobody')).statusCode).toBe(403);
    expect((await h.call(qa1, 'GET', '/api/v1/qa/log/export.xlsx?inspector=qa-2')).statusCode).toBe(403);
    for (const login of ['8001', 'leader1', 'trainer1']) expect((await h.call(await h.login(login), 'GET', '/api/v1/qa/log')).statusCode).toBe(403);

    const theirs = await log(manager, 'date=2026-01-05&inspector=qa-2');
    expect(theirs.rows.map((r) => r.callId)).toEqual(['c3']);
    expect(theirs.mayWrite).toBe(false);
    const unknown = await h.call(manager, 'GET', '/api/v1/qa/log?inspector=nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('找不到质检员 nobody');
    // An agent scores nothing: no inspector either.
    expect((await h.call(manager, 'GET', `/api/v1/qa/log?inspector=${ids['8001']}`)).statusCode).toBe(404);

    const bad = await h.call(qa1, 'GET', '/api/v1/qa/log?date=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('日期应为 YYYY-MM-DD 格式的日期');
    expect((await h.call(qa1, 'GET', '/api/v1/qa/log?date=2026-02-30&lang=en')).json().error.message).toContain('the date is written YYYY-MM-DD');
  });

  it('keeps the inspector’s note of the day, read by the lead, audited; a day to come is refused', async () => {
    const text = '开场白普遍缺少工号播报；建议班前会强调';
    const saved = await json<QaLog['note']>(qa1, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-05', text: `  ${text} ` });
    expect(saved?.text).toBe(text);
    expect((await log(qa1, 'date=2026-01-05')).note?.text).toBe(text);
    expect((await log(manager, `date=2026-01-05&inspector=${ids.qa1}`)).note?.text).toBe(text);
    // Another day's log has its own note; the manager's note is the manager's.
    expect((await log(qa1, 'date=2026-01-06')).note).toBeNull();
    await json(manager, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-05', text: '经理自己的记录' });
    expect((await log(qa1, 'date=2026-01-05')).note?.text).toBe(text);
    const [audit] = await h.t.store.query<{ user_id: string; detail: { date: string; text: string } }>(
      `SELECT user_id, detail FROM audit_log WHERE action = 'qa_log_note' ORDER BY id LIMIT 1`,
    );
    expect(audit).toEqual({ user_id: ids.qa1, detail: { date: '2026-01-05', text } });

    const future = await h.call(qa1, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-07', text: '明天的' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('不能为未来的日期 2026-01-07 写质检日志');
    expect((await h.call(qa1, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-05', text: '长'.repeat(4001) })).json().error.message).toContain('最多 4000 字');
    // An empty note removes it.
    expect(await json(qa1, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-06', text: '临时' })).not.toBeNull();
    expect(await json(qa1, 'PUT', '/api/v1/qa/log/note', { date: '2026-01-06', text: '' })).toBeNull();
    expect((await log(qa1, 'date=2026-01-06')).note).toBeNull();
  });

  it('shows the lead each inspector’s day: heard against the target, average, fatal, disputes, note written', async () => {
    expect((await h.call(qa1, 'GET', '/api/v1/qa/log/overview?date=2026-01-05')).statusCode).toBe(403);
    const overview = await json<QaLogOverview>(manager, 'GET', '/api/v1/qa/log/overview?date=2026-01-05');
    expect(overview.rows.map((r) => [r.name, r.heard, r.target, r.calibrations, r.fatal, r.disputes])).toEqual([
      ['质检员二', 1, 4, 0, 0, 0],
      ['质检员', 3, 4, 1, 1, 1],
    ]);
    expect(overview.rows[1]!.averageScore).toBe((await log(qa1, 'date=2026-01-05')).summary.averageScore);
    expect(overview.rows.map((r) => r.noted)).toEqual([false, true]);
    expect((await h.call(manager, 'GET', '/api/v1/qa/log/overview?date=05.01.2026')).statusCode).toBe(400);
  });

  it('exports the day’s log to Excel: the same rows as the list on the center’s clock, Chinese headers, audited', async () => {
    const list = await log(manager, `date=2026-01-05&inspector=${ids.qa1}`);
    const res = await h.call(manager, 'GET', `/api/v1/qa/log/export.xlsx?date=2026-01-05&inspector=${ids.qa1}`);
    expect(res.statusCode).toBe(200);
    const [sheet] = (await readBack(res.rawPayload)).sheets;
    expect(sheet!.name).toBe('质检日志');
    const header = rowWith(sheet!, '评分时间');
    expect(header).toEqual(['评分时间', '座席', '工号', '通话开始', '得分', '致命项', '状态', '失分项', '评语']);
    const start = sheet!.rows.indexOf(header) + 1;
    const rows = sheet!.rows.slice(start, start + list.rows.length);
    // Nothing more than the list: the note follows.
    expect(sheet!.rows[start + list.rows.length]).toEqual(['今日发现的共性问题 / 建议']);
    expect(rows.map((r) => [r[0], r[2], r[4], r[7]])).toEqual(
      list.rows.map((r) => [expect.any(String), r.employeeNo, String(r.score), r.failedItems.map((i) => i.text).join('；')]),
    );
    // Scored at 09:00, 09:01 and 23:59 on the center's clock, not UTC's 01:00 and 15:59.
    expect(rows.map((r) => r[0])).toEqual(['2026-01-05 09:00:00', '2026-01-05 09:01:00', '2026-01-05 23:59:00']);
    expect(rows[1]).toContain('[01:05] 读出了客户手机号');
    expect(rowWith(sheet!, '监听数')).toEqual(expect.arrayContaining(['3', '4']));
    expect(rowWith(sheet!, '开场白普遍缺少工号播报；建议班前会强调')).not.toEqual([]);
    const [audit] = await h.t.store.query<{ user_id: string; row_count: number }>(`SELECT user_id, row_count FROM audit_log WHERE action = 'export' AND subject = 'qa_log'`);
    expect(audit).toEqual({ user_id: ids.manager, row_count: 3 });
    // In English when asked: sheet and headers, the rows the same.
    const [english] = (await readBack((await h.call(qa1, 'GET', '/api/v1/qa/log/export.xlsx?date=2026-01-05&lang=en')).rawPayload)).sheets;
    expect(english!.name).toBe('QA log');
    expect(rowWith(english!, 'Scored at')).toEqual(['Scored at', 'Agent', 'Employee no.', 'Call started', 'Score', 'Fatal', 'Status', 'Failed items', 'Comment']);
    expect(rowWith(english!, '2026-01-05 09:01:00')).toContain('Disputed');
  });
});
