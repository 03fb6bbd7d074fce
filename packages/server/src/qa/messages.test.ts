import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaForm } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { answeredCall, at, expectJson, queueNamed, recordCalls, userIds } from './testing';

const nobody = '00000000-0000-4000-8000-000000000000';

/**
 * One refusal of each QA file, as its user reads it: `who` asks `method url` with `body`; the
 * answer says `zh` by default and `en` with ?lang=en.
 */
const refusals: { file: string; who: string; method: string; url: (form: QaForm) => string; body?: object; zh: string; en: string }[] = [
  {
    file: 'forms.ts, a missing sheet',
    who: 'qa1',
    method: 'GET',
    url: () => `/api/v1/qa/forms/${nobody}`,
    zh: `找不到评分表 ${nobody}`,
    en: `scoring sheet ${nobody} not found`,
  },
  {
    file: 'forms.ts, a setting out of range',
    who: 'manager',
    method: 'PATCH',
    url: () => '/api/v1/qa/settings',
    body: { dailyTarget: -1 },
    zh: 'body.dailyTarget: 每位质检员每日监听目标应为 0 到 1000 的整数',
    en: 'body.dailyTarget: a QA analyst’s daily target is a whole number from 0 to 1000',
  },
  {
    file: 'forms.ts, a speech rule id twice',
    who: 'manager',
    method: 'PATCH',
    url: () => '/api/v1/qa/settings',
    body: {
      speechRules: [
        { id: 'r1', kind: 'banned', phrases: ['不知道'], speaker: 'agent' },
        { id: 'r1', kind: 'keyword', phrases: ['投诉'], speaker: 'customer' },
      ],
    },
    zh: 'body.speechRules.1.id: 语音规则编号“r1”重复了',
    en: 'body.speechRules.1.id: the speech rule id “r1” comes twice',
  },
  {
    file: 'forms.ts, a sheet item without points',
    who: 'qa1',
    method: 'POST',
    url: () => '/api/v1/qa/forms',
    body: { name: '评分表', sections: [{ name: '服务', items: [{ key: 'greeting', text: '开场白', points: 0 }] }] },
    zh: 'body.sections.0.items.0.points: 评分项分值应为大于 0、不超过 1000 的数',
    en: 'body.sections.0.items.0.points: an item’s points are a number above 0, at most 1000',
  },
  {
    file: 'forms.ts, core’s problem with a sheet',
    who: 'qa1',
    method: 'POST',
    url: () => '/api/v1/qa/forms',
    body: {
      name: '评分表',
      sections: [
        {
          name: '服务',
          items: [
            { key: 'greeting', text: '开场白', points: 5 },
            { key: 'greeting', text: '结束语', points: 5 },
          ],
        },
      ],
    },
    zh: '评分项编号 greeting 重复',
    en: 'the item key greeting comes twice',
  },
  {
    file: 'evaluations.ts, core’s problem with an answer sheet',
    who: 'qa1',
    method: 'POST',
    url: () => '/api/v1/qa/evaluations',
    body: { callId: 'c1', formId: 'FORM', answers: [{ key: 'greeting' }, { key: 'nope' }] },
    zh: '评分表中没有评分项 nope',
    en: 'the scoring sheet has no item nope',
  },
  {
    file: 'evaluations.ts, items left unscored',
    who: 'qa1',
    method: 'POST',
    url: () => '/api/v1/qa/evaluations',
    body: { callId: 'c1', formId: 'FORM', answers: [{ key: 'closing' }] },
    zh: '评分项 greeting 还未评（还有 1 项未评）',
    en: 'item greeting is not scored yet (1 more not scored)',
  },
  {
    file: 'routes.ts',
    who: 'qa1',
    method: 'PATCH',
    url: (form) => `/api/v1/qa/forms/${form.id}`,
    body: { archived: 'yes' },
    zh: 'body.archived: “停用”应为是或否',
    en: 'body.archived: “archived” is true or false',
  },
  {
    file: 'calibration.ts',
    who: 'qa1',
    method: 'GET',
    url: () => '/api/v1/qa/calibration-sessions?month=2026-13',
    zh: 'querystring.month: 月份应为 YYYY-MM 格式',
    en: 'querystring.month: the month is written YYYY-MM',
  },
  {
    file: 'calibration.ts, a missing session',
    who: 'qa1',
    method: 'GET',
    url: () => '/api/v1/qa/calibration-sessions/nope',
    zh: '找不到校准 nope',
    en: 'calibration session nope not found',
  },
  {
    file: 'coaching.ts',
    who: 'manager',
    method: 'POST',
    url: () => '/api/v1/qa/coaching',
    body: { source: { kind: 'kpi', id: 'no-such-metric' }, agentId: '8001', focus: '开场白', followUpOn: '2026-01-20' },
    zh: '没有可比较好坏的指标“no-such-metric”',
    en: 'no metric “no-such-metric” that tells better from worse',
  },
  {
    file: 'penalties.ts',
    who: 'manager',
    method: 'GET',
    url: () => '/api/v1/qa/penalties?pending=maybe',
    zh: 'querystring.pending: pending 应为 true 或 false',
    en: 'querystring.pending: pending is true or false',
  },
  {
    file: 'speech.ts',
    who: 'qa1',
    method: 'PUT',
    url: () => '/api/v1/qa/transcripts/nope',
    body: { segments: [{ startSeconds: 0, speaker: 'agent', text: '您好' }] },
    zh: '找不到通话 nope',
    en: 'call nope not found',
  },
  {
    file: 'library.ts',
    who: 'qa1',
    method: 'PATCH',
    url: () => `/api/v1/qa/library/${nobody}`,
    body: { category: '投诉' },
    zh: `找不到录音库条目 ${nobody}`,
    en: `library entry ${nobody} not found`,
  },
  {
    file: 'evaluations.ts',
    who: 'qa1',
    method: 'GET',
    url: () => '/api/v1/qa/evaluations/nope',
    zh: '找不到评分记录 nope',
    en: 'evaluation nope not found',
  },
];

describe.each(backends)('QA refusals in the user’s language ($name)', (backend) => {
  let h: TestApp;
  const json = expectJson(() => h);
  let form: QaForm;

  beforeAll(async () => {
    h = await openTestApp(backend);
    const ids = await userIds(h, ['8001']);
    await recordCalls(h, answeredCall('c1', await queueNamed(h, '售前咨询'), ids['8001']!, at(9)));
    const items = [
      { key: 'greeting', text: '开场白', points: 10 },
      { key: 'accuracy', text: '解答准确', points: 10 },
      { key: 'closing', text: '结束语', points: 10 },
    ];
    form = await json<QaForm>(await h.login('qa1'), 'POST', '/api/v1/qa/forms', { name: '服务质量评分表', sections: [{ name: '服务', items }] }, 201);
  });
  afterAll(() => h.close());

  it.each(refusals)('$file: Chinese by default, English with ?lang=en', async ({ who, method, url, body: sent, zh, en }) => {
    const token = await h.login(who);
    const path = url(form);
    // A sheet to score on is the one made above.
    const body = sent && 'formId' in sent ? { ...sent, formId: form.id } : sent;
    const chinese = await h.call(token, method, path, body);
    expect(chinese.statusCode, chinese.body).toBeGreaterThanOrEqual(400);
    expect(chinese.json().error.message).toBe(zh);
    const english = await h.call(token, method, `${path}${path.includes('?') ? '&' : '?'}lang=en`, body);
    expect(english.statusCode).toBe(chinese.statusCode);
    expect(english.json().error.message).toBe(en);
  });
});
