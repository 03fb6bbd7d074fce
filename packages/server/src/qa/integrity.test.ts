import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaEvaluation, QaForm } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { serverPackageDir } from '../package-dir';
import { backends } from '../store/testing';
import { answeredCall, at, expectJson, queueNamed, recordCalls, userIds } from './testing';

/** A sheet of two items, one of them fatal. */
const sheet = {
  name: '服务质量评分表',
  sections: [
    {
      name: '服务',
      items: [
        { key: 'greeting', text: '标准开场白', points: 10 },
        { key: 'privacy', text: '泄露客户信息', points: 10, fatal: true },
      ],
    },
  ],
};
const full = [{ key: 'greeting' }, { key: 'privacy' }];

describe.each(backends)('QA refuses what would make its figures wrong ($name)', (backend) => {
  let h: TestApp;
  const json = expectJson(() => h);
  let qa: string;
  let form: QaForm;
  let ids: Record<string, string>;
  let qaName: string;
  const score = (token: string, body: object) => h.call(token, 'POST', '/api/v1/qa/evaluations', body);
  const evaluationsOf = async (callId: string) =>
    (await h.t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM qa_evaluations WHERE call_id = $1 AND purpose = 'evaluation'`, [callId]))[0]!.n;

  beforeAll(async () => {
    h = await openTestApp(backend);
    qa = await h.login('qa1');
    ids = await userIds(h, ['8001', '8002', 'leader1', 'leader2', 'qa1']);
    qaName = (await h.t.store.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [ids.qa1]))[0]!.display_name;
    const queue = await queueNamed(h, '售前咨询');
    await recordCalls(h, [
      ...answeredCall('c1', queue, ids['8001']!, at(9)),
      ...answeredCall('c2', queue, ids['8001']!, at(9, 10)),
      ...answeredCall('c3', queue, ids['8002']!, at(9, 20)),
      ...answeredCall('c4', queue, ids['8002']!, at(9, 30)),
      // The team leader takes calls too when the queue is long, and is scored for them.
      ...answeredCall('lc1', queue, ids.leader1!, at(10)),
      ...answeredCall('lc2', queue, ids.leader1!, at(10, 10)),
    ]);
    form = await json<QaForm>(qa, 'POST', '/api/v1/qa/forms', sheet, 201);
  });
  afterAll(() => h.close());

  it('scores a call once per agent: a second evaluation is a 409 naming the first, a calibration sheet is not one', async () => {
    const first = await json<QaEvaluation>(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'c1', formId: form.id, answers: full }, 201);
    for (const token of [qa, await h.login('leader1')]) {
      const again = await score(token, { callId: 'c1', formId: form.id, answers: [{ key: 'greeting' }, { key: 'privacy', failed: true }] });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error.message).toBe(`这通电话已由 ${qaName} 于 2026-01-05 09:00 评分（评分记录 ${first.id}）`);
      expect(again.json().error.details).toEqual({ code: 'already_scored', evaluationId: first.id });
    }
    const english = await h.call(qa, 'POST', '/api/v1/qa/evaluations?lang=en', { callId: 'c1', formId: form.id, answers: full });
    expect(english.json().error.message).toBe(`this call was scored already, by ${qaName} on 2026-01-05 09:00 (evaluation ${first.id})`);
    await json(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'c1', formId: form.id, answers: full, purpose: 'calibration' }, 201);
    expect(await evaluationsOf('c1')).toBe(1);

    // Two clicks racing past the check: one sheet is stored, the other refused.
    const raced = await Promise.all([1, 2].map(() => score(qa, { callId: 'c2', formId: form.id, answers: full })));
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await evaluationsOf('c2')).toBe(1);
  });

  it('keeps one evaluation per call and agent in the database itself (migration 047), calibration sheets many', async () => {
    const copy = (purpose: string) =>
      h.t.store.query(
        `INSERT INTO qa_evaluations (call_id, form_id, form_version, purpose, agent_id, team_id, queue_id, call_started_at, inspector_id, answers, items, comments, score, fatal, scored_at, status)
         SELECT call_id, form_id, form_version, $1, agent_id, team_id, queue_id, call_started_at, inspector_id, answers, items, comments, score, fatal, scored_at, status
         FROM qa_evaluations WHERE call_id = 'c1' AND purpose = 'evaluation'`,
        [purpose],
      );
    await expect(copy('evaluation')).rejects.toMatchObject({ code: '23505' });
    await copy('calibration');
  });

  it('keeps the earliest of evaluations stored twice before migration 047, pointing the library at it and auditing the rest', async () => {
    // A center scored before the index: drop it and store c4 twice, the later one filed in the library.
    await h.t.store.exec('DROP INDEX qa_evaluations_one_per_call_agent');
    const earliest = await json<QaEvaluation>(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'c4', formId: form.id, answers: full }, 201);
    const [later] = await h.t.store.query<{ id: string }>(
      `INSERT INTO qa_evaluations (call_id, form_id, form_version, purpose, agent_id, team_id, queue_id, call_started_at, inspector_id, answers, items, comments, score, fatal, scored_at, status)
       SELECT call_id, form_id, form_version, purpose, agent_id, team_id, queue_id, call_started_at, inspector_id, answers, items, comments, 0, true, scored_at + interval '1 minute', status
       FROM qa_evaluations WHERE id = $1 RETURNING id`,
      [earliest.id],
    );
    await h.t.store.query(`INSERT INTO qa_library (call_id, kind, category, evaluation_id, created_by) VALUES ('c4', 'bad', '泄露信息', $1, $2)`, [later!.id, ids.qa1]);

    const migration = readFileSync(join(serverPackageDir, 'src/store/migrations/047_qa_one_evaluation_per_call.sql'), 'utf8');
    await h.t.store.transaction((tx) => tx.exec(migration));
    expect(await h.t.store.query(`SELECT id FROM qa_evaluations WHERE call_id = 'c4'`)).toEqual([{ id: earliest.id }]);
    expect(await h.t.store.query(`SELECT evaluation_id FROM qa_library WHERE call_id = 'c4'`)).toEqual([{ evaluation_id: earliest.id }]);
    const [audit] = await h.t.store.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'qa_duplicate_removed'`);
    expect(audit!.detail).toMatchObject({ evaluationId: later!.id, keptEvaluationId: earliest.id, callId: 'c4', score: 0, fatal: true });
    await h.t.store.query(`DELETE FROM qa_library WHERE call_id = 'c4'`);
  });

  it('refuses a comment pinned to an item not on the sheet or before the recording starts, naming it', async () => {
    const pinned = await score(qa, { callId: 'c3', formId: form.id, answers: full, comments: [{ atSeconds: 12, text: '语速太快', itemKey: 'speed' }] });
    expect(pinned.statusCode, pinned.body).toBe(400);
    expect(pinned.json().error.message).toBe('批注所指的评分项 speed 不在评分表中');
    const early = await score(qa, { callId: 'c3', formId: form.id, answers: full, comments: [{ atSeconds: -3, text: '开场前' }] });
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().error.message).toBe('批注的时间点不能为负数（-3 秒）');
    expect(await evaluationsOf('c3')).toBe(0);
    const right = await json<QaEvaluation>(
      qa,
      'POST',
      '/api/v1/qa/evaluations',
      { callId: 'c3', formId: form.id, answers: full, comments: [{ atSeconds: 12, text: '开场白完整', itemKey: 'greeting' }] },
      201,
    );
    expect(right.comments).toEqual([{ atSeconds: 12, text: '开场白完整', itemKey: 'greeting' }]);
  });

  it('opens coaching only on the evaluation’s items and with a follow-up from today on (the center’s day)', async () => {
    const leader = await h.login('leader1');
    const [evaluation] = await json<QaEvaluation[]>(qa, 'GET', '/api/v1/qa/evaluations?callId=c1');
    const body = { evaluationId: evaluation!.id, focus: '开场白', itemKeys: ['greeting'], followUpOn: '2026-01-12' };
    const stray = await h.call(leader, 'POST', '/api/v1/qa/coaching', { ...body, itemKeys: ['greeting', 'closing'] });
    expect(stray.statusCode, stray.body).toBe(400);
    expect(stray.json().error.message).toBe('评分项 closing 不在这条评分的评分表中');
    // The test clock is 2026-01-05 09:00 in Shanghai: the day before is past, the day itself is not.
    const past = await h.call(leader, 'POST', '/api/v1/qa/coaching', { ...body, followUpOn: '2026-01-04' });
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().error.message).toBe('跟进日期 2026-01-04 已过，最早是今天（2026-01-05）');
    expect((await h.t.store.query('SELECT id FROM qa_coaching')).length).toBe(0);
    await json(leader, 'POST', '/api/v1/qa/coaching', { ...body, followUpOn: '2026-01-05' }, 201);
  });

  it('files a call in the library only with its own evaluation, and a leader only the own team’s calls', async () => {
    const [evaluation] = await json<QaEvaluation[]>(qa, 'GET', '/api/v1/qa/evaluations?callId=c1');
    const entry = { callId: 'c1', kind: 'good', category: '标准开场', evaluationId: evaluation!.id };
    const unknown = await h.call(qa, 'POST', '/api/v1/qa/library', { ...entry, evaluationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.json().error.message).toContain('评分记录 00000000-0000-4000-8000-000000000000');
    const other = await h.call(qa, 'POST', '/api/v1/qa/library', { ...entry, callId: 'c4' });
    expect(other.statusCode, other.body).toBe(400);
    expect(other.json().error.message).toBe(`评分记录 ${evaluation!.id} 评的是通话 c1，不是通话 c4`);
    // c1 is the first team's call: the second team's leader may not file it, the first team's may.
    expect((await h.call(await h.login('leader2'), 'POST', '/api/v1/qa/library', entry)).statusCode).toBe(403);
    expect((await h.t.store.query('SELECT id FROM qa_library')).length).toBe(0);
    await json(await h.login('leader1'), 'POST', '/api/v1/qa/library', entry, 201);
  });

  it('lets whoever was scored sign or dispute, a team leader who took a call too, and nobody else', async () => {
    const signed = await json<QaEvaluation>(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'lc1', formId: form.id, answers: full }, 201);
    const disputed = await json<QaEvaluation>(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'lc2', formId: form.id, answers: full }, 201);
    expect(signed).toMatchObject({ agentId: ids.leader1, status: 'pending' });
    for (const other of ['leader2', '8001', 'manager']) {
      const token = await h.login(other);
      expect((await h.call(token, 'POST', `/api/v1/qa/evaluations/${signed.id}/acknowledge`)).statusCode, other).toBe(403);
      expect((await h.call(token, 'POST', `/api/v1/qa/evaluations/${disputed.id}/dispute`, { reason: '不是我' })).statusCode, other).toBe(403);
    }
    const leader = await h.login('leader1');
    expect(await json(leader, 'POST', `/api/v1/qa/evaluations/${signed.id}/acknowledge`)).toMatchObject({ status: 'confirmed', confirmedHow: 'acknowledged' });
    expect(await json(leader, 'POST', `/api/v1/qa/evaluations/${disputed.id}/dispute`, { reason: '客户信息是客户本人要求核对的' })).toMatchObject({ status: 'disputed' });
  });
});
