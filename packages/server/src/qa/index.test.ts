import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaEvaluation, QaForm, QaLibraryEntry } from '@banzu/contract';
import type { DomainEvent } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';
import { answeredCall, at } from './testing';

export const serviceForm = {
  name: '服务质量评分表',
  sections: [
    {
      name: '开场',
      items: [
        { key: 'greeting', text: '标准开场白', points: 10 },
        { key: 'verify', text: '核实客户身份', points: 10, allowNA: true },
      ],
    },
    {
      name: '业务处理',
      items: [
        { key: 'accuracy', text: '解答准确', points: 30 },
        { key: 'privacy', text: '泄露客户信息', points: 10, fatal: true },
      ],
    },
  ],
};
const full = [{ key: 'greeting' }, { key: 'verify' }, { key: 'accuracy' }, { key: 'privacy' }];

describe.each(backends)('QA forms and evaluations over HTTP ($name)', (backend) => {
  let h: TestApp;
  let runner: ProjectionRunner;
  let qa: string;
  let agents: { id: string; username: string; teamId: string }[];
  let queueId: string;
  let form: QaForm;

  const append = async (events: DomainEvent[]) => {
    await h.app.banzu.log.append(events);
    await runner.caughtUp(await h.app.banzu.log.head());
  };
  const score = (token: string, body: object) => h.call(token, 'POST', '/api/v1/qa/evaluations', body);
  const monitoringScore = async (agentId: string) => {
    await runner.caughtUp(await h.app.banzu.log.head());
    const res = await h.call(await h.login('manager'), 'GET', `/api/v1/reports/metrics?from=2026-01-05&to=2026-01-05&by=agent&agentId=${agentId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total.metrics.monitoringScore as number | null;
  };

  /** The desktop messages a user was sent whose id starts so, oldest first. */
  const messagesTo = async (username: string, idPrefix: string) => {
    const rows = await h.t.store.query<{ text: string }>(
      `SELECT e.payload->>'text' AS text FROM events e JOIN users u ON u.id = e.stream
       WHERE e.type = 'agent.message_sent' AND (u.username = $1 OR u.id IN (SELECT user_id FROM agents WHERE employee_no = $1)) AND e.payload->>'id' LIKE $2 ORDER BY e.seq`,
      [username, `${idPrefix}%`],
    );
    return rows.map((r) => r.text);
  };
  const agentName = (i: number) => displayNames[i]!;
  let displayNames: string[];

  beforeAll(async () => {
    h = await openTestApp(backend);
    runner = new ProjectionRunner(h.t.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }));
    runner.start();
    qa = await h.login('qa1');
    agents = await h.t.store.query(
      `SELECT u.id, a.employee_no AS username, u.team_id AS "teamId" FROM users u JOIN agents a ON a.user_id = u.id WHERE a.employee_no IN ('8001', '8002', '8005') ORDER BY a.employee_no`,
    );
    displayNames = (
      await h.t.store.query<{ display_name: string }>(`SELECT display_name FROM users WHERE id = ANY($1::text[]) ORDER BY array_position($1::text[], id)`, [
        agents.map((a) => a.id),
      ])
    ).map((r) => r.display_name);
    [{ id: queueId }] = (await h.t.store.query<{ id: string }>(`SELECT id FROM queues WHERE name = '售前咨询'`)) as [{ id: string }];
    await append([
      ...answeredCall('c1', queueId, agents[0]!.id, at(9)),
      ...answeredCall('c2', queueId, agents[0]!.id, at(10), { talkMinutes: 4 }),
      ...answeredCall('c3', queueId, agents[1]!.id, at(11), { talkMinutes: 5 }),
      ...answeredCall('c4', queueId, agents[2]!.id, at(11, 30), { talkMinutes: 2 }),
    ]);
  });
  afterAll(async () => {
    await runner.stop();
    await h.close();
  });

  it('creates a form as version 1, and an edit makes version 2 while version 1 stays', async () => {
    const created = await h.call(qa, 'POST', '/api/v1/qa/forms', serviceForm);
    expect(created.statusCode, created.body).toBe(201);
    form = created.json();
    expect(form).toMatchObject({ version: 1, points: 60, fatalScope: 'evaluation' });
    expect(form.sections[1]!.items[1]).toMatchObject({ key: 'privacy', fatal: true, allowNA: false, type: 'points' });

    const bad = await h.call(qa, 'POST', '/api/v1/qa/forms', {
      name: 'x',
      sections: [
        {
          name: 's',
          items: [
            { key: 'a', text: 'a', points: 1 },
            { key: 'a', text: 'b', points: 1 },
          ],
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('重复');
    expect((await h.call(await h.login('8001'), 'POST', '/api/v1/qa/forms', serviceForm)).statusCode).toBe(403);
    expect((await h.call(qa, 'GET', '/api/v1/qa/forms/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await h.call(qa, 'GET', '/api/v1/qa/forms/not-a-uuid')).statusCode).toBe(404);
  });

  it('scores a call: Σ earned ÷ Σ possible × 100 with N/A left out, 0 on a fatal failure', async () => {
    const res = await score(qa, {
      callId: 'c1',
      formId: form.id,
      answers: [{ key: 'greeting', earned: 10 }, { key: 'verify', na: true }, { key: 'accuracy', earned: 15 }, { key: 'privacy' }],
      comments: [{ atSeconds: 42, text: '此处应先核实身份' }, '整体语气友好'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const e: QaEvaluation = res.json();
    expect(e.score).toBeCloseTo((35 / 50) * 100, 10);
    expect(e).toMatchObject({ fatal: false, status: 'pending', agentId: agents[0]!.id, formVersion: 1, dueAt: '2026-01-08T01:00:00.000Z' });
    expect(e.comments).toEqual([
      { atSeconds: 42, text: '此处应先核实身份', itemKey: null },
      { atSeconds: null, text: '整体语气友好', itemKey: null },
    ]);
    const fatal = await score(qa, { callId: 'c2', formId: form.id, answers: [{ key: 'greeting' }, { key: 'verify' }, { key: 'accuracy' }, { key: 'privacy', failed: true }] });
    expect(fatal.json()).toMatchObject({ score: 0, fatal: true });
    // The agent is told on the desktop until when to sign or dispute.
    const [notice] = await h.t.store.query<{ payload: { text: string } }>(`SELECT payload FROM events WHERE type = 'agent.message_sent' AND stream = $1 ORDER BY seq LIMIT 1`, [
      agents[0]!.id,
    ]);
    expect(notice!.payload.text).toBe('质检评分 70.0 分，请在 1月8日 09:00 前到「质检」页签字或申诉');
    // 监听分值 counts confirmed scores only while the center asks for the agent's signature (docs/metrics.md).
    expect(await monitoringScore(agents[0]!.id)).toBeNull();
    expect(await monitoringScore(agents[1]!.id)).toBeNull();
  });

  it('refuses bad sheets with 400/404 and the usual error shape, changing nothing', async () => {
    const cases: [object, number, string][] = [
      [{ callId: 'c3', formId: form.id, answers: [...full, { key: 'nope' }] }, 400, 'nope'],
      [{ callId: 'c3', formId: form.id, answers: [{ key: 'greeting', earned: 11 }, ...full.slice(1)] }, 400, '0 到 10'],
      [{ callId: 'c3', formId: form.id, answers: full.slice(1) }, 400, '未评'],
      [{ callId: 'c3', formId: form.id, answers: [{ key: 'greeting', na: true }, ...full.slice(1)] }, 400, '不适用'],
      [{ callId: 'no-such-call', formId: form.id, answers: full }, 404, 'no-such-call'],
      [{ callId: 'c3', formId: '00000000-0000-0000-0000-000000000000', answers: full }, 404, '评分表'],
      [{ callId: 'c3', formId: form.id, answers: [] }, 400, 'answers'],
    ];
    for (const [body, status, text] of cases) {
      const res = await score(qa, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.stringContaining(text) });
    }
    // Scoring one's own call: 400 for the agent who took it (other agents may not score at all), and a leader only the own team.
    const own = await score(await h.login('8002'), { callId: 'c3', formId: form.id, answers: full });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.details).toEqual({ code: 'own_call' });
    expect((await score(await h.login('8001'), { callId: 'c3', formId: form.id, answers: full })).statusCode).toBe(403);
    expect((await score(await h.login('leader2'), { callId: 'c3', formId: form.id, answers: full })).statusCode).toBe(403);
    expect((await score(await h.login('leader1'), { callId: 'c3', formId: form.id, answers: full })).statusCode).toBe(201);
    const stored = await h.t.store.query(`SELECT count(*)::int AS n FROM qa_evaluations WHERE call_id = 'c3'`);
    expect(stored).toEqual([{ n: 1 }]);
  });

  it('keeps the version an evaluation was scored on when the form is edited', async () => {
    const edited = { ...serviceForm, sections: [...serviceForm.sections, { name: '结束', items: [{ key: 'closing', text: '标准结束语', points: 5 }] }] };
    const v2 = await h.call(qa, 'PUT', `/api/v1/qa/forms/${form.id}`, edited);
    expect(v2.json()).toMatchObject({ id: form.id, version: 2, points: 65 });
    const old = (await h.call(qa, 'GET', `/api/v1/qa/evaluations?callId=c1`)).json() as QaEvaluation[];
    expect(old[0]).toMatchObject({ formVersion: 1 });
    expect(old[0]!.items.map((i) => i.key)).toEqual(['greeting', 'verify', 'accuracy', 'privacy']);
    // New evaluations take version 2: its new item must be answered.
    expect((await score(qa, { callId: 'c4', formId: form.id, answers: full })).json().error.message).toContain('closing');
    const onV2 = await score(qa, { callId: 'c4', formId: form.id, answers: [...full, { key: 'closing', earned: 0 }] });
    expect(onV2.json()).toMatchObject({ formVersion: 2, score: (60 / 65) * 100 });
    expect((await h.call(qa, 'GET', `/api/v1/qa/forms/${form.id}/versions`)).json().map((f: QaForm) => f.version)).toEqual([2, 1]);
  });

  it('lets the agent sign or dispute before the deadline; a QA lead upholds or changes with a reason; 监听分值 follows the change', async () => {
    const agent = await h.login('8001');
    const mine = (await h.call(agent, 'GET', '/api/v1/qa/evaluations')).json() as QaEvaluation[];
    expect(mine.map((e) => e.callId).sort()).toEqual(['c1', 'c2']);
    expect((await h.call(await h.login('8002'), 'GET', `/api/v1/qa/evaluations/${mine[0]!.id}`)).statusCode).toBe(403);
    const [c1, c2] = ['c1', 'c2'].map((c) => mine.find((e) => e.callId === c)!);

    // Someone else's evaluation cannot be signed; signing confirms; a second word is a conflict.
    expect((await h.call(await h.login('8002'), 'POST', `/api/v1/qa/evaluations/${c1!.id}/acknowledge`)).statusCode).toBe(403);
    const signed = await h.call(agent, 'POST', `/api/v1/qa/evaluations/${c1!.id}/acknowledge`);
    expect(signed.json()).toMatchObject({ status: 'confirmed', confirmedHow: 'acknowledged' });
    expect((await h.call(agent, 'POST', `/api/v1/qa/evaluations/${c1!.id}/dispute`, { reason: '晚了' })).statusCode).toBe(409);
    // Signed, c1's 70 counts; c2 still waits for the agent.
    expect(await monitoringScore(agents[0]!.id)).toBeCloseTo(70, 10);

    const disputed = await h.call(agent, 'POST', `/api/v1/qa/evaluations/${c2!.id}/dispute`, { reason: '我没有泄露信息，是客户本人' });
    expect(disputed.json()).toMatchObject({ status: 'disputed', disputeReason: '我没有泄露信息，是客户本人' });
    // The inspector who scored it may not judge the dispute; the reason is required.
    expect((await h.call(qa, 'POST', `/api/v1/qa/evaluations/${c2!.id}/resolve`, { outcome: 'upheld', reason: '维持' })).statusCode).toBe(403);
    const manager = await h.login('manager');
    expect((await h.call(manager, 'POST', `/api/v1/qa/evaluations/${c2!.id}/resolve`, { outcome: 'changed', reason: '' })).statusCode).toBe(400);
    expect((await h.call(manager, 'POST', `/api/v1/qa/evaluations/${c2!.id}/resolve`, { outcome: 'changed', reason: '核实为客户本人' })).statusCode).toBe(400);
    // While the dispute waits it does not count; the QA leads who may decide it see it waiting, the inspector who scored it does not.
    expect(await monitoringScore(agents[0]!.id)).toBeCloseTo(70, 10);
    expect((await h.call(manager, 'GET', '/api/v1/qa/disputes/waiting')).json()).toEqual({ waiting: 1, oldestDisputedAt: new Date(h.clock.now()).toISOString() });
    expect((await h.call(qa, 'GET', '/api/v1/qa/disputes/waiting')).json()).toMatchObject({ waiting: 0 });
    expect((await h.call(agent, 'GET', '/api/v1/qa/disputes/waiting')).statusCode).toBe(403);
    expect(await messagesTo('manager', 'qa-dispute-')).toEqual([
      `${agentName(0)} 对 1月5日 10:00 通话的质检评分 0.0 分提出申诉：我没有泄露信息，是客户本人。请到「质检」›「评分记录」处理`,
    ]);
    expect(await messagesTo('qa1', 'qa-dispute-')).toEqual([]);

    const changed = await h.call(manager, 'POST', `/api/v1/qa/evaluations/${c2!.id}/resolve`, { outcome: 'changed', reason: '核实为客户本人', answers: full });
    expect(changed.json()).toMatchObject({ status: 'confirmed', confirmedHow: 'changed', score: 100, fatal: false, originalScore: 0, resolutionReason: '核实为客户本人' });
    // Decided, the changed score counts; the agent is told the decision and why.
    expect(await monitoringScore(agents[0]!.id)).toBeCloseTo((70 + 100) / 2, 10);
    expect(await messagesTo('8001', 'qa-resolved-')).toEqual(['申诉结果：改为 100.0 分（原 0.0 分）。理由：核实为客户本人']);
    expect((await h.call(manager, 'GET', '/api/v1/qa/disputes/waiting')).json()).toEqual({ waiting: 0, oldestDisputedAt: null });

    // A dispute of the team leader's scoring goes to QA too; upheld, the agent hears that the score stands.
    const other = await h.login('8002');
    const [c3] = (await h.call(other, 'GET', '/api/v1/qa/evaluations?callId=c3')).json() as QaEvaluation[];
    await h.call(other, 'POST', `/api/v1/qa/evaluations/${c3!.id}/dispute`, { reason: '请复核' });
    expect((await h.call(qa, 'GET', '/api/v1/qa/disputes/waiting')).json()).toMatchObject({ waiting: 1 });
    expect(await messagesTo('qa1', 'qa-dispute-')).toHaveLength(1);
    const upheld = await h.call(qa, 'POST', `/api/v1/qa/evaluations/${c3!.id}/resolve`, { outcome: 'upheld', reason: '评分无误' });
    expect(upheld.json()).toMatchObject({ status: 'confirmed', confirmedHow: 'upheld', score: 100 });
    expect(await messagesTo('8002', 'qa-resolved-')).toEqual(['申诉结果：维持原评分 100.0 分。理由：评分无误']);
    expect(await monitoringScore(agents[1]!.id)).toBeCloseTo(100, 10);

    const audit = await h.t.store.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = 'qa_evaluations' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['qa_score', 'qa_acknowledge', 'qa_dispute', 'qa_resolve']));
  });

  it('counts an evaluation as signed once the 3 working days pass, and a repeated fatal item climbs the penalty ladder', async () => {
    const fatal = [{ key: 'greeting' }, { key: 'verify' }, { key: 'accuracy' }, { key: 'privacy', failed: true }, { key: 'closing' }];
    await append(answeredCall('c5', queueId, agents[2]!.id, at(13)));
    await append(answeredCall('c6', queueId, agents[2]!.id, at(14)));
    await append(answeredCall('c8', queueId, agents[2]!.id, at(12, 30)));
    // c4 is scored already (on version 2): a call counts once, so the first fatal failure is another call's.
    const first: QaEvaluation = (await score(qa, { callId: 'c8', formId: form.id, answers: fatal })).json();
    const onV2 = (60 / 65) * 100;
    // Monday + 3 working days = Thursday; on Wednesday it still waits, and neither of the agent's scores counts yet.
    h.clock.advance(2 * 86_400_000);
    // Sessions do not outlive days of the manual clock: log in again after each jump.
    qa = await h.login('qa1');
    expect((await h.call(qa, 'GET', `/api/v1/qa/evaluations/${first.id}`)).json()).toMatchObject({ status: 'pending' });
    expect(await monitoringScore(agents[2]!.id)).toBeNull();
    h.clock.advance(86_400_000);
    qa = await h.login('qa1');
    const lapsed: QaEvaluation = (await h.call(qa, 'GET', `/api/v1/qa/evaluations/${first.id}`)).json();
    expect(lapsed).toMatchObject({ status: 'confirmed', confirmedHow: 'deadline', penalty: { code: 'verbal_reminder', zh: '口头提醒' } });
    expect((await h.call(await h.login('8005'), 'POST', `/api/v1/qa/evaluations/${first.id}/dispute`, { reason: '太晚了' })).statusCode).toBe(409);
    // The deadline's confirmation is audited (no user acted) and the two lapsed scores count.
    const lapses = await h.t.store.query<{ user_id: string | null; detail: { evaluationId: string } }>(
      `SELECT user_id, detail FROM audit_log WHERE action = 'qa_deadline' ORDER BY id`,
    );
    expect(lapses).toHaveLength(2);
    expect(lapses.map((a) => a.detail.evaluationId)).toContain(first.id);
    expect(lapses.every((a) => a.user_id === null)).toBe(true);
    expect(await monitoringScore(agents[2]!.id)).toBeCloseTo(onV2 / 2, 10);

    const second: QaEvaluation = (await score(qa, { callId: 'c5', formId: form.id, answers: fatal })).json();
    const signed = await h.call(await h.login('8005'), 'POST', `/api/v1/qa/evaluations/${second.id}/acknowledge`);
    expect(signed.json().penalty).toMatchObject({ zh: '口头警告' });
    expect(await monitoringScore(agents[2]!.id)).toBeCloseTo(onV2 / 3, 10);
    // A center that needs no signature confirms at once, and the score counts at once.
    await h.call(await h.login('manager'), 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: false });
    const third = await score(qa, { callId: 'c6', formId: form.id, answers: fatal });
    expect(third.json()).toMatchObject({ status: 'confirmed', confirmedHow: 'automatic', dueAt: null, penalty: { zh: '质检提醒单', slip: true } });
    expect(await monitoringScore(agents[2]!.id)).toBeCloseTo(onV2 / 4, 10);
    await h.call(await h.login('manager'), 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: true });
  });

  it('zeroes only the fatal item’s section on a sheet that says so', async () => {
    const sectionForm = await h.call(qa, 'POST', '/api/v1/qa/forms', { ...serviceForm, name: '分段致命评分表', fatalScope: 'section' });
    expect(sectionForm.json()).toMatchObject({ fatalScope: 'section', version: 1 });
    await append(answeredCall('c7', queueId, agents[1]!.id, at(15)));
    const res = await score(qa, {
      callId: 'c7',
      formId: sectionForm.json().id,
      answers: [{ key: 'greeting' }, { key: 'verify', earned: 5 }, { key: 'accuracy' }, { key: 'privacy', failed: true }],
    });
    expect(res.statusCode, res.body).toBe(201);
    // 开场 keeps its 15 of 20; 业务处理 counts 0 of 40 for the failed 致命项: 15 / 60.
    const e: QaEvaluation = res.json();
    expect(e).toMatchObject({ fatal: true, formName: '分段致命评分表' });
    expect(e.score).toBeCloseTo((15 / 60) * 100, 10);
  });

  it('tells each librarian which library entries they may change: QA and the leads any, a trainer or team leader the own', async () => {
    const [trainer, leader, manager] = (await Promise.all(['trainer1', 'leader1', 'manager'].map((u) => h.login(u)))) as [string, string, string];
    const add = async (token: string, callId: string) => {
      const res = await h.call(token, 'POST', '/api/v1/qa/library', { callId, kind: 'good', category: '开场白' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as QaLibraryEntry;
    };
    // Whoever adds an entry may change it.
    expect((await add(trainer, 'c1')).mayEdit).toBe(true);
    expect((await add(qa, 'c3')).mayEdit).toBe(true);
    const mayEdit = async (token: string) => Object.fromEntries(((await h.call(token, 'GET', '/api/v1/qa/library')).json() as QaLibraryEntry[]).map((e) => [e.callId, e.mayEdit]));
    expect(await mayEdit(trainer)).toEqual({ c1: true, c3: false });
    expect(await mayEdit(leader)).toEqual({ c1: false, c3: false });
    expect(await mayEdit(qa)).toEqual({ c1: true, c3: true });
    expect(await mayEdit(manager)).toEqual({ c1: true, c3: true });
    // The server refuses by the same rule the page shows the buttons by.
    const entries = (await h.call(qa, 'GET', '/api/v1/qa/library')).json() as QaLibraryEntry[];
    const id = (callId: string) => entries.find((e) => e.callId === callId)!.id;
    expect((await h.call(trainer, 'PATCH', `/api/v1/qa/library/${id('c3')}`, { category: '投诉' })).statusCode).toBe(403);
    expect((await h.call(leader, 'DELETE', `/api/v1/qa/library/${id('c1')}`)).statusCode).toBe(403);
    const moved = await h.call(trainer, 'PATCH', `/api/v1/qa/library/${id('c1')}`, { category: '标准开场' });
    expect(moved.json()).toMatchObject({ category: '标准开场', mayEdit: true });
    expect((await h.call(qa, 'DELETE', `/api/v1/qa/library/${id('c1')}`)).statusCode).toBe(204);
  });
});
