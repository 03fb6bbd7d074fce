import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaCalibration, QaCalibrationMonth, QaCalibrationSession, QaEvaluation, QaForm, QaQueueItem } from '@banzu/contract';
import { fleissKappa } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { han } from '../testing/workbook';
import { answeredCall, at, expectJson, queueNamed, recordCalls, serviceForm as form, userIds } from './testing';

const answers = (accuracy: number) => [{ key: 'greeting' }, { key: 'accuracy', earned: accuracy }, { key: 'privacy' }];

describe.each(backends)('calibration sessions (校准) ($name)', (backend) => {
  let h: TestApp;
  let formId: string;
  let qa1Id: string;
  let ids: Record<string, string>;
  let tokens: { qa1: string; qa2: string; qa3: string; manager: string; agent: string };

  const json = expectJson(() => h);

  beforeAll(async () => {
    h = await openTestApp(backend);
    // Two more inspectors: calibration needs several.
    for (const [id, name] of [
      ['qa-2', '质检员二'],
      ['qa-3', '质检员三'],
    ]) {
      await h.t.store.query(
        `INSERT INTO users (id, username, display_name, role, password_hash) SELECT $1, replace($1, '-', ''), $2, 'qa', password_hash FROM users WHERE username = 'qa1'`,
        [id, name],
      );
    }
    tokens = { qa1: await h.login('qa1'), qa2: await h.login('qa2'), qa3: await h.login('qa3'), manager: await h.login('manager'), agent: await h.login('8001') };
    ids = await userIds(h, ['qa1', '8001', 'manager']);
    qa1Id = ids.qa1!;
    const queueId = await queueNamed(h, '售前咨询');
    await recordCalls(h, [...answeredCall('c1', queueId, ids['8001']!, at(9)), ...answeredCall('c2', queueId, ids['8001']!, at(10))]);
    formId = (await json<QaForm>(tokens.qa1, 'POST', '/api/v1/qa/forms', form, 201)).id;
  });
  afterAll(() => h.close());

  it('puts the call in each invitee’s queue marked 校准, hides the others’ sheets until the own is in, then shows the spread and kappa', async () => {
    const open = (body: object) => h.call(tokens.manager, 'POST', '/api/v1/qa/calibration-sessions', { callId: 'c1', formId, ...body });
    // Bad sessions are refused in Chinese, naming the problem.
    const refusals = [
      [await open({ inspectorIds: [qa1Id] }), 400, '至少要邀请 2 位'],
      [await open({ inspectorIds: [qa1Id, qa1Id] }), 400, '2 位不同的质检员'],
      [await open({ inspectorIds: [qa1Id, 'nobody'] }), 404, '质检员 nobody'],
      [await open({ inspectorIds: [qa1Id, 'qa-2'], callId: 'nope' }), 404, '通话 nope'],
      [
        await h.call(tokens.manager, 'POST', '/api/v1/qa/calibration-sessions', {
          callId: 'c1',
          formId,
          inspectorIds: [qa1Id, (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'leader1'`))[0]!.id],
        }),
        400,
        '不能参加校准',
      ],
    ] as const;
    for (const [res, status, words] of refusals) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toContain(words);
    }
    expect((await h.call(tokens.agent, 'POST', '/api/v1/qa/calibration-sessions', { callId: 'c1', formId, inspectorIds: [qa1Id, 'qa-2'] })).statusCode).toBe(403);

    const created = await open({ inspectorIds: [qa1Id, 'qa-2', 'qa-3'], note: '开场白是否算完整' });
    expect(created.statusCode, created.body).toBe(201);
    const session = created.json() as QaCalibrationSession;
    expect(session).toMatchObject({ callId: 'c1', formVersion: 1, formName: '服务质量评分表', note: '开场白是否算完整', agentName: '王芳', blind: false, result: null });
    expect(session.invitees.map((i) => [i.name, i.scored])).toEqual(
      expect.arrayContaining([
        ['质检员', false],
        ['质检员二', false],
        ['质检员三', false],
      ]),
    );
    const [audit] = await h.t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'qa_calibration_open'`);
    expect(audit!.n).toBe(1);

    // The call waits in each invitee's queue, marked with its session.
    const queue = await json<QaQueueItem[]>(tokens.qa2, 'GET', '/api/v1/qa/queue');
    expect(queue.find((q) => q.callId === 'c1')).toMatchObject({ calibrationSessionId: session.id, reasons: [], agentName: '王芳', evaluationId: null });

    // A minute apart: the result lists the inspectors in the order they scored.
    const sheet = (token: string, accuracy: number) => {
      h.clock.advance(60_000);
      return h.call(token, 'POST', `/api/v1/qa/calibration-sessions/${session.id}/sheets`, { answers: answers(accuracy) });
    };
    const first = await sheet(tokens.qa1, 30);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ purpose: 'calibration', callId: 'c1', score: 100 });
    // qa2 has not scored: sees who has, not what they gave, by any way in.
    const blind = await json<QaCalibrationSession>(tokens.qa2, 'GET', `/api/v1/qa/calibration-sessions/${session.id}`);
    expect(blind).toMatchObject({ blind: true, result: null });
    expect(blind.invitees.find((i) => i.id === qa1Id)?.scored).toBe(true);
    const byCall = await h.call(tokens.qa2, 'GET', '/api/v1/qa/calibrations/c1');
    expect(byCall.statusCode).toBe(403);
    expect(byCall.json().error.message).toMatch(han);
    expect(await json<QaEvaluation[]>(tokens.qa2, 'GET', '/api/v1/qa/evaluations?purpose=calibration&callId=c1')).toEqual([]);
    expect((await h.call(tokens.qa2, 'GET', `/api/v1/qa/evaluations/${first.json().id}`)).statusCode).toBe(403);
    expect((await json<QaCalibrationSession[]>(tokens.qa2, 'GET', '/api/v1/qa/calibration-sessions'))[0]).toMatchObject({ id: session.id, blind: true, result: null });
    // qa1 has scored: sees the own sheet in the result.
    expect((await json<QaCalibrationSession>(tokens.qa1, 'GET', `/api/v1/qa/calibration-sessions/${session.id}`)).result?.inspectors.map((i) => i.score)).toEqual([100]);

    expect((await sheet(tokens.qa2, 15)).statusCode).toBe(201);
    const wrong = await h.call(tokens.qa3, 'POST', `/api/v1/qa/calibration-sessions/${session.id}/sheets`, { answers: [...answers(0), { key: 'nope' }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('nope');
    expect((await sheet(tokens.qa3, 0)).statusCode).toBe(201);
    const again = await sheet(tokens.qa2, 30);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已提交');
    expect((await sheet(tokens.manager, 30)).statusCode).toBe(403);

    const done = await json<QaCalibrationSession>(tokens.qa2, 'GET', `/api/v1/qa/calibration-sessions/${session.id}`);
    expect(done.blind).toBe(false);
    expect(done.result!.inspectors.map((i) => i.score)).toEqual([100, 70, 40]);
    expect(done.result!.items.find((i) => i.key === 'accuracy')).toMatchObject({ min: 0, max: 30, mean: 15, text: '解答准确' });
    expect(done.result!.kappa).not.toBeNull();
    expect(done.result!.kappa!).toBeLessThan(1);
    expect((await json<QaCalibration>(tokens.qa2, 'GET', '/api/v1/qa/calibrations/c1')).kappa).toBeCloseTo(done.result!.kappa!, 10);
    // Scored: off the open queue; calibration sheets count nowhere.
    expect((await json<QaQueueItem[]>(tokens.qa2, 'GET', '/api/v1/qa/queue')).map((q) => q.callId)).not.toContain('c1');
    expect(await json<QaEvaluation[]>(tokens.manager, 'GET', '/api/v1/qa/evaluations?callId=c1')).toEqual([]);
    expect((await h.call(tokens.qa1, 'GET', '/api/v1/qa/calibration-sessions/nope')).statusCode).toBe(404);
  });

  it('shows per item how well the inspectors agree across a month’s sessions, the least agreed first', async () => {
    const created = await json<QaCalibrationSession>(
      tokens.qa1,
      'POST',
      '/api/v1/qa/calibration-sessions',
      { callId: 'c2', formId, inspectorIds: ['qa-2', 'qa-3', qa1Id, (await h.t.store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`))[0]!.id] },
      201,
    );
    for (const [who, accuracy] of [
      ['qa1', 30],
      ['qa2', 30],
      ['qa3', 30],
      ['manager', 20],
    ] as const) {
      await json(tokens[who], 'POST', `/api/v1/qa/calibration-sessions/${created.id}/sheets`, { answers: answers(accuracy) }, 201);
    }
    const month = await json<QaCalibrationMonth>(tokens.manager, 'GET', '/api/v1/qa/calibration-items?month=2026-01');
    expect(month.sessions).toBe(2);
    expect(month.items.map((i) => i.key)).toEqual(['accuracy', 'greeting', 'privacy']);
    const accuracy = month.items[0]!;
    // The sessions are the subjects: three inspectors on c1, four on c2.
    expect(accuracy.kappa).toBeCloseTo(
      fleissKappa([
        ['full', 'part:15', 'none'],
        ['full', 'full', 'full', 'part:20'],
      ])!,
      10,
    );
    expect(accuracy).toMatchObject({ text: '解答准确', points: 30, sessions: 2, meanGap: (30 + 10) / 2, disagreements: 2 });
    // Everyone always gave full points: no disagreement, and kappa is undefined.
    expect(month.items.find((i) => i.key === 'greeting')).toMatchObject({ kappa: null, disagreements: 0, meanGap: 0 });
    expect(await json<QaCalibrationMonth>(tokens.manager, 'GET', '/api/v1/qa/calibration-items?month=2026-02')).toEqual({ month: '2026-02', sessions: 0, items: [] });
    const bad = await h.call(tokens.manager, 'GET', '/api/v1/qa/calibration-items?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('YYYY-MM');
    expect((await h.call(tokens.agent, 'GET', '/api/v1/qa/calibration-items')).statusCode).toBe(403);
    // The month's list has both sessions, each with its kappa.
    const list = await json<QaCalibrationSession[]>(tokens.manager, 'GET', '/api/v1/qa/calibration-sessions?month=2026-01');
    expect(list.map((s) => s.callId).sort()).toEqual(['c1', 'c2']);
    expect(list.every((s) => s.result !== null)).toBe(true);
  });

  it('closes a session by its creator or a floor lead: no more sheets, the kappa final, the unscored invitation gone from the queue', async () => {
    await recordCalls(h, answeredCall('c3', await queueNamed(h, '售前咨询'), ids['8001']!, at(11)));
    const session = await json<QaCalibrationSession>(
      tokens.qa1,
      'POST',
      '/api/v1/qa/calibration-sessions',
      { callId: 'c3', formId, inspectorIds: ['qa-2', 'qa-3', ids.manager] },
      201,
    );
    expect(session).toMatchObject({ closed: null, mayClose: true });
    const url = `/api/v1/qa/calibration-sessions/${session.id}`;
    await json(tokens.qa2, 'POST', `${url}/sheets`, { answers: answers(30) }, 201);
    await json(tokens.manager, 'POST', `${url}/sheets`, { answers: answers(15) }, 201);
    const inQueue = async (token: string, sessionId: string, query = '') =>
      (await json<QaQueueItem[]>(token, 'GET', `/api/v1/qa/queue${query}`)).filter((q) => q.calibrationSessionId === sessionId);
    expect(await inQueue(tokens.qa3, session.id)).toHaveLength(1);
    // An invitee who did not open it may not close it; neither may an agent.
    expect(await json<QaCalibrationSession>(tokens.qa2, 'GET', url)).toMatchObject({ mayClose: false });
    const refused = await h.call(tokens.qa2, 'POST', `${url}/close`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('发起人');
    expect((await h.call(tokens.agent, 'POST', `${url}/close`)).statusCode).toBe(403);
    expect((await h.call(tokens.qa1, 'POST', '/api/v1/qa/calibration-sessions/nope/close')).statusCode).toBe(404);

    h.clock.advance(60_000);
    const closed = await json<QaCalibrationSession>(tokens.qa1, 'POST', `${url}/close`);
    expect(closed).toMatchObject({ closed: { at: new Date(h.clock.now()).toISOString(), by: { id: qa1Id, name: '质检员' } }, mayClose: false });
    expect(closed.result!.inspectors.map((i) => i.score)).toEqual([100, 70]);
    expect(closed.result!.kappa).toBeLessThan(1);

    // qa3 never scored: the call is off the queue, open or not, and the sheets are no longer hidden.
    expect(await inQueue(tokens.qa3, session.id)).toEqual([]);
    expect(await inQueue(tokens.qa3, session.id, '?open=false')).toEqual([]);
    // A sheet scored before the close stays among the inspector's done calls.
    const done = await inQueue(tokens.manager, session.id, `?inspectorId=${ids.manager}&open=false`);
    expect(done).toHaveLength(1);
    expect(done[0]!.evaluationId).not.toBeNull();
    const seen = await json<QaCalibrationSession>(tokens.qa3, 'GET', url);
    expect(seen).toMatchObject({ blind: false, result: { kappa: closed.result!.kappa } });
    expect(seen.invitees.find((i) => i.id === 'qa-3')).toMatchObject({ scored: false });
    expect((await h.call(tokens.qa3, 'GET', '/api/v1/qa/calibrations/c3')).statusCode).toBe(200);

    // A sheet after the close is refused in Chinese saying so, and the session cannot close twice.
    const late = await h.call(tokens.qa3, 'POST', `${url}/sheets`, { answers: answers(30) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('已于 1月5日');
    expect(late.json().error.message).toContain('结束，不能再提交评分');
    const lateEn = await h.call(tokens.qa3, 'POST', `${url}/sheets?lang=en`, { answers: answers(30) });
    expect(lateEn.json().error.message).toMatch(/^this calibration closed on 2026-01-05 \d\d:\d\d: it takes no more sheets$/);
    const twice = await h.call(tokens.manager, 'POST', `${url}/close`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已经结束');

    const [audit] = await h.t.store.query<{ user_id: string; detail: { sessionId: string; kappa: number | null; unscored: string[] } }>(
      `SELECT user_id, detail FROM audit_log WHERE action = 'qa_calibration_close'`,
    );
    expect(audit).toMatchObject({ user_id: qa1Id, detail: { sessionId: session.id, unscored: ['qa-3'] } });
    expect(audit!.detail.kappa).toBeCloseTo(closed.result!.kappa!, 10);

    // A floor lead closes a session someone else opened, before anyone scored: there is no result to show.
    const other = await json<QaCalibrationSession>(tokens.qa1, 'POST', '/api/v1/qa/calibration-sessions', { callId: 'c3', formId, inspectorIds: ['qa-2', 'qa-3'] }, 201);
    expect(await json<QaCalibrationSession>(tokens.manager, 'GET', `/api/v1/qa/calibration-sessions/${other.id}`)).toMatchObject({ mayClose: true });
    expect(await json<QaCalibrationSession>(tokens.manager, 'POST', `/api/v1/qa/calibration-sessions/${other.id}/close`)).toMatchObject({
      closed: { by: { id: ids.manager } },
      result: null,
    });
    expect(await inQueue(tokens.qa2, other.id)).toEqual([]);
  });
});
