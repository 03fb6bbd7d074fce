import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaQueueItem } from '@banzu/contract';
import type { Transcript, TranscriptionPort } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { transcribeCalls } from './speech';
import { answeredCall, at, queueNamed, recordCalls } from './testing';

/** The fixture transcripts a stub recogniser returns: no model is needed in CI. */
const fixtures: Record<string, Transcript['segments']> = {
  s1: [
    { startSeconds: 2, speaker: 'agent', text: '您好，很高兴为您服务。' },
    { startSeconds: 30, speaker: 'customer', text: '我的号码是13812345678。' },
  ],
  s2: [
    { startSeconds: 3, speaker: 'agent', text: '喂，什么事？' },
    { startSeconds: 83, speaker: 'agent', text: '这个不归我管。' },
  ],
};
const stub: TranscriptionPort = { transcribe: async ({ callId }) => ({ callId, segments: fixtures[callId]! }) };

describe.each(backends)('QA speech analytics with a stub recogniser ($name)', (backend) => {
  let h: TestApp;
  let qa: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    qa = await h.login('qa1');
    const [agent] = await h.t.store.query<{ id: string }>(`SELECT user_id AS id FROM agents WHERE employee_no = '8001'`);
    const queue = await queueNamed(h, '售前咨询');
    await recordCalls(h, [...answeredCall('s1', queue, agent!.id, at(9)), ...answeredCall('s2', queue, agent!.id, at(10))]);
    for (const id of ['s1', 's2']) {
      await h.t.store.query(`INSERT INTO recordings (call_id, path, started_at, duration_ms, bytes) VALUES ($1, $2, $3, 180000, 44)`, [
        id,
        `2026/01/05/${id}.wav`,
        new Date(at(9)).toISOString(),
      ]);
    }
    const manager = await h.login('manager');
    // The rules answer items of a sheet in use.
    const sheet = {
      name: '服务评分表',
      sections: [
        {
          name: '服务',
          items: [
            { key: 'greeting', text: '标准开场白', points: 10 },
            { key: 'courtesy', text: '文明用语', points: 10 },
          ],
        },
      ],
    };
    expect((await h.call(qa, 'POST', '/api/v1/qa/forms', sheet)).statusCode).toBe(201);
    const settings = await h.call(manager, 'PATCH', '/api/v1/qa/settings', {
      speechRules: [
        { id: 'rude', kind: 'banned', phrases: ['不归我管', '滚'], speaker: 'agent', itemKey: 'courtesy' },
        { id: 'greeting', kind: 'required', phrases: ['您好'], speaker: 'agent', itemKey: 'greeting' },
      ],
      sampling: { ...(await h.call(manager, 'GET', '/api/v1/qa/settings')).json().sampling, perAgent: 1 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(() => h.close());

  it('transcribes recorded calls through the port once, and shows hits and suggested answers with numbers masked for QA', async () => {
    expect(await transcribeCalls(h.t.store, stub, '/recordings', ['s1', 's2', 'not-recorded'])).toBe(2);
    expect(await transcribeCalls(h.t.store, stub, '/recordings', ['s1', 's2'])).toBe(0);
    const rude = (await h.call(qa, 'GET', '/api/v1/qa/transcripts/s2')).json();
    expect(rude.hits).toEqual([{ ruleId: 'rude', phrase: '不归我管', atSeconds: 83, speaker: 'agent' }]);
    expect(rude.suggested).toEqual([
      { key: 'courtesy', failed: true, why: '禁语「不归我管」 1:23' },
      { key: 'greeting', earned: 0, why: '未说「您好」' },
    ]);
    const polite = (await h.call(qa, 'GET', '/api/v1/qa/transcripts/s1')).json();
    expect(polite.suggested).toEqual([]);
    expect(polite.transcript.segments[1].text).toBe('我的号码是138****5678。');
    expect((await h.call(await h.login('leader1'), 'GET', '/api/v1/qa/transcripts/s1')).json().transcript.segments[1].text).toBe('我的号码是13812345678。');
    expect((await h.call(await h.login('leader2'), 'GET', '/api/v1/qa/transcripts/s1')).statusCode).toBe(403);
    expect((await h.call(qa, 'GET', '/api/v1/qa/transcripts/none')).statusCode).toBe(404);
  });

  it('samples the call with a banned phrase first, saying so; stores transcripts from an outside job', async () => {
    const sampled = await h.call(qa, 'POST', '/api/v1/qa/queue/sample', { date: '2026-01-05' });
    expect(sampled.json().added).toBe(1);
    const [picked] = (await h.call(qa, 'GET', '/api/v1/qa/queue')).json() as QaQueueItem[];
    expect(picked).toMatchObject({ callId: 's2', reasons: ['banned_phrase'] });
    expect((await h.call(qa, 'PUT', '/api/v1/qa/transcripts/nope', { segments: [{ startSeconds: 0, speaker: 'agent', text: '您好' }] })).statusCode).toBe(404);
    expect((await h.call(qa, 'PUT', '/api/v1/qa/transcripts/s1', { segments: [] })).statusCode).toBe(400);
    expect((await h.call(qa, 'PUT', '/api/v1/qa/transcripts/s1', { segments: [{ startSeconds: 0, speaker: 'agent', text: '滚' }] })).statusCode).toBe(204);
    expect((await h.call(qa, 'GET', '/api/v1/qa/transcripts/s1')).json().hits).toHaveLength(1);
  });
});
