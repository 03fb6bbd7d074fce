import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisciplinePointPage, QaEvaluation, QaForm, QaPenaltyStanding } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { han } from '../testing/workbook';
import { answeredCall, at, expectJson, queueNamed, recordCalls, userIds } from './testing';

const form = {
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
const fatal = [{ key: 'greeting' }, { key: 'privacy', failed: true }];

describe.each(backends)('the penalty ladder’s follow-through ($name)', (backend) => {
  let h: TestApp;
  let formId: string;
  let ids: Record<string, string>;
  const evaluations: Record<string, QaEvaluation> = {};
  let manager: string;
  let leader1: string;

  const json = expectJson(() => h);
  const standings = (token: string, query = '') => json<QaPenaltyStanding[]>(token, 'GET', `/api/v1/qa/penalties${query}`);

  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    leader1 = await h.login('leader1');
    const qa = await h.login('qa1');
    ids = await userIds(h, ['8001', '8002', '8005']);
    const queueId = await queueNamed(h, '售前咨询');
    // Before the test clock's 09:00: 王芳 (8001, team 1) three calls, 李娜 (8002, team 1) five, 杨磊 (8005, team 2) one and a good one.
    const calls = [
      ...['w1', 'w2', 'w3'].map((id, i) => [id, ids['8001']!, at(6, i * 10)] as const),
      ...['l1', 'l2', 'l3', 'l4', 'l5'].map((id, i) => [id, ids['8002']!, at(7, i * 10)] as const),
      ['y1', ids['8005']!, at(8)] as const,
      ['y2', ids['8005']!, at(8, 30)] as const,
    ];
    await recordCalls(
      h,
      calls.flatMap(([id, agentId, start]) => answeredCall(id, queueId, agentId, start)),
    );
    formId = (await json<QaForm>(qa, 'POST', '/api/v1/qa/forms', form, 201)).id;
    // Confirmed at once, except 王芳's third, which she signs herself (签字).
    await json(manager, 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: false });
    for (const [callId] of calls) {
      if (callId === 'w3') await json(manager, 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: true });
      h.clock.advance(60_000);
      evaluations[callId] = await json<QaEvaluation>(
        qa,
        'POST',
        '/api/v1/qa/evaluations',
        { callId, formId, answers: callId === 'y2' ? [{ key: 'greeting' }, { key: 'privacy' }] : fatal },
        201,
      );
      if (callId === 'w3') {
        await json(await h.login('8001'), 'POST', `/api/v1/qa/evaluations/${evaluations.w3!.id}/acknowledge`);
        await json(manager, 'PATCH', '/api/v1/qa/settings', { requireAcknowledgement: false });
      }
    }
  });
  afterAll(() => h.close());

  it('lists a leader’s agents by their current step, highest first, with what is left to do', async () => {
    const team1 = await standings(leader1);
    expect(team1.map((s) => [s.agentName, s.step.zh, s.stepNumber, s.offences])).toEqual([
      ['李娜', '经济扣罚', 5, 5],
      ['王芳', '质检提醒单', 3, 3],
    ]);
    const [li, wang] = team1 as [QaPenaltyStanding, QaPenaltyStanding];
    expect(li).toMatchObject({
      evaluationId: evaluations.l5!.id,
      nextStep: { zh: '辞退' },
      slipSigned: false,
      todo: ['sign_slip', 'book_fine', 'carry_out'],
      done: null,
      expiresOn: '2026-04-05',
    });
    expect(li.items).toEqual([{ key: 'privacy', text: '泄露客户信息' }]);
    // 王芳 signed the slip herself: only carrying the step out is left.
    expect(wang).toMatchObject({ slipSigned: true, todo: ['carry_out'], nextStep: { zh: '下岗培训' } });
    // Another team's leader sees the own team only; a manager every team; agents nothing.
    expect((await standings(await h.login('leader2'))).map((s) => [s.agentName, s.step.zh, s.slipSigned, s.todo])).toEqual([['杨磊', '口头提醒', null, ['carry_out']]]);
    expect((await standings(manager)).map((s) => s.agentName)).toEqual(['李娜', '王芳', '杨磊']);
    const teamId = (await h.t.store.query<{ team_id: string }>('SELECT team_id FROM users WHERE id = $1', [ids['8005']]))[0]!.team_id;
    expect((await h.call(leader1, 'GET', `/api/v1/qa/penalties?teamId=${teamId}`)).statusCode).toBe(403);
    expect((await h.call(await h.login('8001'), 'GET', '/api/v1/qa/penalties')).statusCode).toBe(403);
  });

  it('records a step carried out once, in the leader’s team only, and leaves it off the pending list', async () => {
    const done = await json<QaPenaltyStanding>(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.w3!.id}/done`, { note: '已约谈，签字确认' });
    expect(done).toMatchObject({ todo: [], done: { by: '一组组长', note: '已约谈，签字确认' }, offences: 3 });
    const twice = await h.call(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.w3!.id}/done`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已执行');
    expect((await h.call(await h.login('leader2'), 'POST', `/api/v1/qa/penalties/${evaluations.l5!.id}/done`, {})).statusCode).toBe(403);
    const none = await h.call(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.y2!.id}/done`, {});
    expect(none.statusCode).toBe(403);
    const good = await h.call(manager, 'POST', `/api/v1/qa/penalties/${evaluations.y2!.id}/done`, {});
    expect(good.statusCode).toBe(409);
    expect(good.json().error.message).toMatch(han);
    expect((await h.call(manager, 'POST', '/api/v1/qa/penalties/nope/done', {})).statusCode).toBe(404);
    expect((await h.call(manager, 'POST', '/api/v1/qa/penalties/00000000-0000-4000-8000-000000000000/done', {})).statusCode).toBe(404);
    expect((await standings(leader1, '?pending=true')).map((s) => s.agentName)).toEqual(['李娜']);
    const [audit] = await h.t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'qa_penalty_done'`);
    expect(audit!.n).toBe(1);
  });

  it('books a fine step as a discipline item linked to the evaluation, once, even where the catalogue predates the QA rule', async () => {
    // A center whose catalogue was made before the QA fine rule existed.
    await json(leader1, 'GET', '/api/v1/discipline/rules');
    await h.t.store.query(`DELETE FROM discipline_rules WHERE code = 'QA-01'`);
    const notFine = await h.call(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.w3!.id}/fine`, {});
    expect(notFine.statusCode).toBe(409);
    expect(notFine.json().error.message).toContain('经济扣罚');
    const booked = await json<QaPenaltyStanding>(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.l5!.id}/fine`, {});
    expect(booked.disciplinePointId).not.toBeNull();
    expect(booked.todo).toEqual(['sign_slip', 'carry_out']);
    const page = await json<DisciplinePointPage>(leader1, 'GET', `/api/v1/discipline/points?agentId=8002&month=2026-01`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: booked.disciplinePointId, ruleCode: 'QA-01', points: 5, occurredAt: new Date(at(7, 40)).toISOString(), recordedByName: '一组组长' });
    expect(page.items[0]!.note).toContain('泄露客户信息');
    const again = await h.call(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.l5!.id}/fine`, {});
    expect(again.statusCode).toBe(409);
    expect((await h.call(leader1, 'POST', `/api/v1/qa/penalties/${evaluations.l5!.id}/fine`, { ruleCode: 'XC-99' })).statusCode).toBe(409);
  });

  it('lets a step leave the list once the ladder’s window has passed', async () => {
    h.clock.advance(91 * 86_400_000);
    expect(await standings(await h.login('manager'))).toEqual([]);
  });
});
