import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaCoaching, QaEvaluation, QaForm } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { answeredCall, queueNamed, recordCalls } from './testing';

const DAY = 86_400_000;
/** A Shanghai wall-clock time on a day of January 2026. */
const at = (day: number, h: number, m = 0) => Date.UTC(2026, 0, day, h - 8, m);

const form = { name: '服务质量评分表', sections: [{ name: '服务', items: [{ key: 'accuracy', text: '解答准确', points: 100 }] }] };

describe.each(backends)('coaching (个别辅导) from an evaluation, a KPI or a discipline item ($name)', (backend) => {
  let h: TestApp;
  let wang: string;
  let formId: string;

  const json = async <T>(username: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(await h.login(username), method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const records = (username: string) => json<QaCoaching[]>(username, 'GET', '/api/v1/qa/coaching');

  beforeAll(async () => {
    h = await openTestApp(backend);
    wang = (await h.t.store.query<{ user_id: string }>("SELECT user_id FROM agents WHERE employee_no = '8001'"))[0]!.user_id;
    const queueId = await queueNamed(h, '售前咨询');
    // 王芳's calls: 10 minutes each in the week before the coaching on 5 January, 3 minutes in the week after it.
    await recordCalls(h, [
      ...answeredCall('before-1', queueId, wang, at(1, 10), { talkMinutes: 10 }),
      ...answeredCall('before-2', queueId, wang, at(2, 10), { talkMinutes: 10 }),
      ...answeredCall('opening', queueId, wang, at(5, 8, 30), { talkMinutes: 6 }),
      ...answeredCall('after-1', queueId, wang, at(6, 10), { talkMinutes: 3 }),
      ...answeredCall('after-2', queueId, wang, at(7, 10), { talkMinutes: 3 }),
    ]);
    formId = (await json<QaForm>('qa1', 'POST', '/api/v1/qa/forms', form, 201)).id;
  });
  afterAll(() => h.close());

  it('refuses what is not the caller’s to open, with a Chinese message naming the problem', async () => {
    const kpi = { source: { kind: 'kpi', id: 'averageHandleTime' }, agentId: '8001', focus: '缩短通话', followUpOn: '2026-01-12' };
    expect((await h.call(await h.login('8001'), 'POST', '/api/v1/qa/coaching', kpi)).statusCode).toBe(403);
    expect((await h.call(await h.login('qa1'), 'POST', '/api/v1/qa/coaching', kpi)).statusCode).toBe(403);
    const other = await h.call(await h.login('leader2'), 'POST', '/api/v1/qa/coaching', kpi);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('只能辅导本班组的座席');
    for (const [body, message] of [
      [{ ...kpi, source: { kind: 'kpi', id: 'nope' } }, '没有可比较好坏的指标“nope”'],
      // A plain volume has no better direction: nothing to improve.
      [{ ...kpi, source: { kind: 'kpi', id: 'totalCalls' } }, '没有可比较好坏的指标“totalCalls”'],
      [{ ...kpi, agentId: undefined }, '按指标辅导时请指定座席（agentId）'],
      [{ ...kpi, source: undefined }, '请指明辅导的来源'],
      [{ ...kpi, source: { kind: 'discipline', id: '00000000-0000-4000-8000-000000000000' } }, '没有扣分记录'],
      [{ ...kpi, source: { kind: 'mood', id: 'x' } }, '辅导来源必须是'],
      [{ ...kpi, focus: '' }, '请填写辅导重点'],
      [{ ...kpi, followUpOn: '下周' }, '跟进日期必须是 YYYY-MM-DD'],
    ] as const) {
      const res = await h.call(await h.login('leader1'), 'POST', '/api/v1/qa/coaching', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect(await records('leader1')).toEqual([]);
  });

  it('follows up a KPI, a discipline item and an evaluation: before against after, and whether it improved', async () => {
    // Opened Monday 5 January, 09:00; follow-up a week later.
    const kpi = await json<QaCoaching>(
      'leader1',
      'POST',
      '/api/v1/qa/coaching',
      { source: { kind: 'kpi', id: 'averageHandleTime' }, agentId: '8001', focus: '通话时长过长', actions: '先听后答，使用知识库话术', followUpOn: '2026-01-12' },
      201,
    );
    expect(kpi).toMatchObject({
      evaluationId: null,
      agentName: '王芳',
      coachName: '一组组长',
      source: { kind: 'kpi', id: 'averageHandleTime', label: '平均处理时长' },
      followUpDue: false,
    });
    // The week before: two calls of 10 minutes (and the 10 s each rang for nothing counts nowhere); nothing after yet.
    expect(kpi.result).toMatchObject({ measure: 'averageHandleTime', better: 'lower', before: 600, after: null, outcome: 'pending' });
    expect(kpi.result.periods).toEqual({ before: { from: '2025-12-29', to: '2026-01-04' }, after: null });

    const rule = (await json<{ code: string; points: number }[]>('leader1', 'GET', '/api/v1/discipline/rules'))[0]!;
    const point = await json<{ id: string }>('leader1', 'POST', '/api/v1/discipline/points', { agentId: wang, ruleCode: rule.code, occurredAt: '2026-01-04T10:00:00+08:00' }, 201);
    const discipline = await json<QaCoaching>(
      'leader1',
      'POST',
      '/api/v1/qa/coaching',
      { source: { kind: 'discipline', id: point.id }, focus: '现场纪律', followUpOn: '2026-01-12' },
      201,
    );
    expect(discipline.source.label).toContain('扣分：');
    expect(discipline.result).toMatchObject({ measure: 'disciplinePoints', better: 'lower', before: Number(rule.points), after: null, outcome: 'pending' });

    const weak = await json<QaEvaluation>('qa1', 'POST', '/api/v1/qa/evaluations', { callId: 'opening', formId, answers: [{ key: 'accuracy', earned: 40 }] }, 201);
    const evaluation = await json<QaCoaching>(
      'leader1',
      'POST',
      '/api/v1/qa/coaching',
      { evaluationId: weak.id, focus: '业务解答不准确', itemKeys: ['accuracy'], followUpOn: '2026-01-12' },
      201,
    );
    expect(evaluation).toMatchObject({ evaluationId: weak.id, source: { kind: 'qa_evaluation', id: weak.id, label: '通话 opening 评分 40' } });
    expect(evaluation.result).toMatchObject({ measure: 'qaScore', better: 'higher', before: 40, after: null, outcome: 'pending' });

    // Three days on: shorter calls, no more points, better scores.
    h.clock.advance(3 * DAY);
    await json('qa1', 'POST', '/api/v1/qa/evaluations', { callId: 'after-1', formId, answers: [{ key: 'accuracy', earned: 100 }] }, 201);
    await json('qa1', 'POST', '/api/v1/qa/evaluations', { callId: 'after-2', formId, answers: [{ key: 'accuracy', earned: 100 }] }, 201);
    const byKind = async (username: string) => Object.fromEntries((await records(username)).map((r) => [r.source.kind, r]));
    const so = await byKind('8001');
    expect(so.kpi!.result).toMatchObject({ before: 600, after: 180, outcome: 'improved', periods: { after: { from: '2026-01-06', to: '2026-01-08' } } });
    expect(so.kpi!.followUpDue).toBe(false);
    expect(so.discipline!.result).toMatchObject({ after: 0, outcome: 'improved' });
    expect(so.qa_evaluation!.result).toMatchObject({ before: 40, after: 100, outcome: 'improved' });
    expect(so.qa_evaluation!.followUp).toEqual([{ itemKey: 'accuracy', before: { failed: 1, of: 1 }, after: { failed: 0, of: 2 } }]);

    // At the follow-up date the comparison stops there; a worse score after it does not count.
    h.clock.advance(5 * DAY);
    await json('qa1', 'POST', '/api/v1/qa/evaluations', { callId: 'before-1', formId, answers: [{ key: 'accuracy', earned: 10 }] }, 201);
    const due = await byKind('leader1');
    expect(due.kpi!.followUpDue).toBe(true);
    expect(due.kpi!.result.periods.after).toEqual({ from: '2026-01-06', to: '2026-01-12' });
    expect(due.qa_evaluation!.result).toMatchObject({ after: 100, outcome: 'improved' });

    // The leader sees the team's, the agent only the own; another team's leader and agent none.
    expect((await records('leader1')).map((r) => r.id).sort()).toEqual([kpi.id, discipline.id, evaluation.id].sort());
    expect(await records('leader2')).toEqual([]);
    expect(await records('8002')).toEqual([]);
  });
});
