import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaEvaluation, QaForm, QaLibraryEntry, QaSettings } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { answeredCall, at, queueNamed, recordCalls } from './testing';

const sheet = { name: '旧版评分表', sections: [{ name: '服务', items: [{ key: 'greeting', text: '标准开场白', points: 10 }] }] };

describe.each(backends)('The QA lead’s settings, archived sheets and the library’s upkeep ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let qa: string;
  let queueId: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    qa = await h.login('qa1');
    const [agent] = await h.t.store.query<{ id: string }>(`SELECT user_id AS id FROM agents WHERE employee_no = '8001'`);
    queueId = await queueNamed(h, '售前咨询');
    await recordCalls(h, [...answeredCall('k1', queueId, agent!.id, at(9)), ...answeredCall('k2', queueId, agent!.id, at(10))]);
  });
  afterAll(() => h.close());

  it('refuses bad settings with a Chinese 400 naming the setting, changing nothing', async () => {
    const before = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json() as QaSettings;
    const refused = async (patch: object) => {
      const res = await h.call(manager, 'PATCH', '/api/v1/qa/settings', patch);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
      return res.json().error.message as string;
    };
    expect(await refused({ acknowledgementDays: 45 })).toContain('签字期限（工作日）应为 0 到 30 的整数');
    expect(await refused({ acknowledgementDays: 1.5 })).toContain('签字期限（工作日）应为 0 到 30 的整数');
    expect(await refused({ sampling: { ...before.sampling, perAgent: -1 } })).toContain('每位座席抽检数应为 0 到 500 的整数');
    expect(await refused({ sampling: { ...before.sampling, shortTalkSeconds: 900, longTalkSeconds: 600 } })).toContain('短通话阈值应小于长通话阈值');
    expect(await refused({ sampling: { ...before.sampling, repeatHours: 36 } })).toContain('重复来电时间窗应为 24 或 48 小时');
    expect(await refused({ sampling: { ...before.sampling, complaintQueueIds: ['no-such-queue'] } })).toBe('投诉队列中没有这个队列：no-such-queue');
    const tiers = (patch: object) => ({ sampling: { ...before.sampling, tiers: { ...before.sampling.tiers, ...patch } } });
    expect(await refused(tiers({ goodFrom: 70, poorBelow: 80 }))).toContain('“差”的分数线应低于“优”的分数线');
    expect(await refused(tiers({ goodFrom: 80, poorBelow: 80 }))).toContain('“差”的分数线应低于“优”的分数线');
    expect(await refused(tiers({ goodFrom: 120 }))).toContain('“优”的分数线应为 0 到 100 之间的数');
    expect(await refused(tiers({ goodWeight: 1.5 }))).toContain('优等座席抽检倍数应为 0 到 1 之间的数');
    expect(await refused(tiers({ poorWeight: 0.5 }))).toContain('差等座席抽检倍数应为 1 到 10 之间的数');
    expect(await refused(tiers({ lookbackDays: 0 }))).toContain('分级参考的天数应为 1 到 366 的整数');
    expect(await refused(tiers({ minEvaluations: 2.5 }))).toContain('分级所需的最少评分数应为 1 到 100 的整数');
    expect(await refused(tiers({ enabled: 'yes' }))).toContain('“按优、中、差分级抽检”应为是或否');
    expect(await refused({ ladder: { ...before.ladder, steps: [] } })).toContain('处理阶梯至少要有 1 级');
    expect(await refused({ ladder: { ...before.ladder, steps: [before.ladder.steps[0], before.ladder.steps[0]] } })).toContain('阶梯代码“verbal_reminder”重复了');
    expect(await refused({ starMinimum: { day: 0, month: 10 } })).toContain('每日质检明星的最少评分数应为 1 到 100 的整数');
    expect(await refused({ speechRules: [{ id: 'r1', kind: 'banned', phrases: ['  '], speaker: 'agent' }] })).toContain('请填写语音规则的词语');
    expect(await refused({ speechRules: [{ id: 'r1', kind: 'rude', phrases: ['滚'], speaker: 'agent' }] })).toContain('语音规则类型应为禁语、必说话术或关键词');
    // An item no sheet in use has: the rule could never answer it.
    const linked = [
      { id: 'r1', kind: 'keyword', phrases: ['投诉'], speaker: 'customer' },
      { id: 'r2', kind: 'banned', phrases: ['滚'], speaker: 'agent', itemKey: 'no-such-item' },
    ];
    expect(await refused({ speechRules: linked })).toBe('语音规则 2 的关联评分项“no-such-item”不在任何在用的评分表中');
    expect((await h.call(manager, 'GET', '/api/v1/qa/settings')).json()).toEqual(before);
    expect((await h.call(await h.login('8001'), 'PATCH', '/api/v1/qa/settings', { acknowledgementDays: 5 })).statusCode).toBe(403);
    expect((await h.call(await h.login('leader1'), 'PATCH', '/api/v1/qa/settings', { acknowledgementDays: 5 })).statusCode).toBe(403);
  });

  it('saves what the QA lead sets, audited with what changed', async () => {
    const soothing = { name: '投诉处理评分表', sections: [{ name: '安抚', items: [{ key: 'soothe', text: '安抚客户情绪', points: 10 }] }] };
    expect((await h.call(qa, 'POST', '/api/v1/qa/forms', soothing)).statusCode).toBe(201);
    const before = (await h.call(manager, 'GET', '/api/v1/qa/settings')).json() as QaSettings;
    const interview = { code: 'interview', zh: '组长约谈', en: 'Leader interview', slip: true };
    const patch = {
      acknowledgementDays: 2,
      sampling: {
        ...before.sampling,
        perAgent: 3,
        period: 'week',
        complaintQueueIds: [queueId],
        newAgentWeight: 1.5,
        tiers: { enabled: true, lookbackDays: 14, minEvaluations: 2, goodFrom: 95, poorBelow: 80, goodWeight: 0, poorWeight: 3 },
      },
      ladder: { steps: [...before.ladder.steps.slice(0, 3), interview], windowDays: 30, countBy: 'any_fatal' },
      speechRules: [{ id: 'r1', kind: 'keyword', phrases: ['投诉', '12315'], speaker: 'customer', itemKey: 'soothe' }],
    };
    const res = await h.call(qa, 'PATCH', '/api/v1/qa/settings', patch);
    expect(res.statusCode, res.body).toBe(200);
    expect((await h.call(manager, 'GET', '/api/v1/qa/settings')).json()).toEqual({ ...before, ...patch });
    const [audit] = await h.t.store.query<{ detail: { changed: string[] } }>(`SELECT detail FROM audit_log WHERE action = 'qa_settings' ORDER BY id DESC LIMIT 1`);
    expect(audit!.detail.changed.sort()).toEqual(['acknowledgementDays', 'ladder', 'sampling', 'speechRules']);
    // A client that knows nothing of the tiers gets the default ones, on by default.
    const { tiers: _, ...older } = patch.sampling;
    const saved = await h.call(manager, 'PATCH', '/api/v1/qa/settings', { sampling: older });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().sampling.tiers).toEqual({ enabled: true, lookbackDays: 30, minEvaluations: 3, goodFrom: 90, poorBelow: 75, goodWeight: 0.5, poorWeight: 2 });
  });

  it('archives a sheet: gone from the sheets in use and refused for new scores, while the evaluation scored on it keeps it; it can come back', async () => {
    const form = (await h.call(qa, 'POST', '/api/v1/qa/forms', sheet)).json() as QaForm;
    const scored = await h.call(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'k1', formId: form.id, answers: [{ key: 'greeting' }] });
    expect(scored.statusCode, scored.body).toBe(201);
    expect((await h.call(await h.login('leader1'), 'PATCH', `/api/v1/qa/forms/${form.id}`, { archived: true })).statusCode).toBe(403);
    const archived = await h.call(qa, 'PATCH', `/api/v1/qa/forms/${form.id}`, { archived: true });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ id: form.id, archived: true });
    expect(((await h.call(qa, 'GET', '/api/v1/qa/forms')).json() as QaForm[]).map((f) => f.id)).not.toContain(form.id);
    expect(((await h.call(qa, 'GET', '/api/v1/qa/forms?archived=true')).json() as QaForm[]).map((f) => f.name)).toEqual(['旧版评分表']);
    const refused = await h.call(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'k2', formId: form.id, answers: [{ key: 'greeting' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ message: '评分表“旧版评分表”已停用，不能用于新的评分', details: { code: 'form_archived' } });
    const kept = (await h.call(qa, 'GET', `/api/v1/qa/evaluations/${scored.json().id}`)).json() as QaEvaluation;
    expect(kept).toMatchObject({ formId: form.id, formName: '旧版评分表', score: 100 });
    expect((await h.call(qa, 'GET', `/api/v1/qa/forms/${form.id}?version=1`)).json()).toMatchObject({ name: '旧版评分表', archived: true });
    expect((await h.call(qa, 'PATCH', '/api/v1/qa/forms/not-a-form', { archived: true })).statusCode).toBe(404);
    expect((await h.call(qa, 'PATCH', `/api/v1/qa/forms/${form.id}`, { archived: false })).json()).toMatchObject({ archived: false });
    expect((await h.call(qa, 'POST', '/api/v1/qa/evaluations', { callId: 'k2', formId: form.id, answers: [{ key: 'greeting' }] })).statusCode).toBe(201);
    const audit = await h.t.store.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = 'qa_forms' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['qa_form_archive', 'qa_form_restore']);
  });

  it('re-categorises and removes library entries: QA any, a team leader only the own, each step audited', async () => {
    const leader = await h.login('leader1');
    const add = async (token: string, body: object) => {
      const res = await h.call(token, 'POST', '/api/v1/qa/library', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as QaLibraryEntry;
    };
    const good = await add(qa, { callId: 'k1', kind: 'good', category: '开场白', note: '标准' });
    const leaders = await add(leader, { callId: 'k2', kind: 'bad', category: '投诉处理' });
    await add(qa, { callId: 'k1', kind: 'bad', category: '开场白' });
    expect((await h.call(qa, 'GET', '/api/v1/qa/library/categories')).json()).toEqual([
      { category: '开场白', count: 2 },
      { category: '投诉处理', count: 1 },
    ]);

    const moved = await h.call(qa, 'PATCH', `/api/v1/qa/library/${leaders.id}`, { category: '投诉安抚', note: '先道歉再解释' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: leaders.id, kind: 'bad', category: '投诉安抚', note: '先道歉再解释' });
    expect(((await h.call(qa, 'GET', '/api/v1/qa/library?category=投诉安抚')).json() as QaLibraryEntry[]).map((e) => e.callId)).toEqual(['k2']);
    // k1 is in both folders already: it cannot be good twice.
    const twin = await h.call(qa, 'PATCH', `/api/v1/qa/library/${good.id}`, { kind: 'bad' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.message).toBe('这通电话已在差录音中');
    const empty = await h.call(qa, 'PATCH', `/api/v1/qa/library/${good.id}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请说明要修改的类别、分类或说明');
    expect((await h.call(qa, 'PATCH', `/api/v1/qa/library/${good.id}`, { category: ' ' })).json().error.message).toContain('请填写分类');

    // A team leader changes the own entry only; trainers and leaders read, agents not at all.
    expect((await h.call(leader, 'PATCH', `/api/v1/qa/library/${good.id}`, { category: '随便' })).statusCode).toBe(403);
    expect((await h.call(leader, 'DELETE', `/api/v1/qa/library/${good.id}`)).statusCode).toBe(403);
    expect((await h.call(await h.login('8001'), 'DELETE', `/api/v1/qa/library/${leaders.id}`)).statusCode).toBe(403);
    expect((await h.call(leader, 'DELETE', `/api/v1/qa/library/${leaders.id}`)).statusCode).toBe(204);
    expect((await h.call(qa, 'DELETE', `/api/v1/qa/library/${leaders.id}`)).statusCode).toBe(404);
    expect((await h.call(qa, 'DELETE', '/api/v1/qa/library/not-an-id')).statusCode).toBe(404);
    expect((await h.call(qa, 'DELETE', `/api/v1/qa/library/${good.id}`)).statusCode).toBe(204);
    expect(((await h.call(qa, 'GET', '/api/v1/qa/library')).json() as QaLibraryEntry[]).map((e) => [e.callId, e.kind])).toEqual([['k1', 'bad']]);
    const audit = await h.t.store.query<{ action: string; user_id: string }>(`SELECT action FROM audit_log WHERE subject = 'qa_library' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['qa_library_add', 'qa_library_add', 'qa_library_add', 'qa_library_update', 'qa_library_remove', 'qa_library_remove']);
  });
});
