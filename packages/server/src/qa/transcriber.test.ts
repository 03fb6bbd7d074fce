import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptionPort } from '@banzu/core';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { answeredCall, queueNamed, recordCalls } from './testing';
import { commandTranscriber, transcribeDay } from './transcriber';

const dir = mkdtempSync(join(tmpdir(), 'banzu-transcriber-'));
/** A stand-in for a local recogniser: a script that prints what a model would. */
function program(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('a local recogniser run as a program', () => {
  it('reads the JSON transcript it prints, with the recording’s path as its argument, even one with spaces, quotes and a $', async () => {
    const json = program('json.sh', `printf '{"segments":[{"startSeconds":1.5,"speaker":"agent","text":"您好，%s"}]}' "$(basename "$1")"`);
    const transcript = await commandTranscriber(json).transcribe({ callId: 'c1', path: join(dir, "it's a call $HOME.wav") });
    expect(transcript).toEqual({ callId: 'c1', segments: [{ startSeconds: 1.5, speaker: 'agent', text: "您好，it's a call $HOME.wav" }] });
  });

  it('takes plain text as what was said from the start, and an empty answer as nothing said', async () => {
    expect(await commandTranscriber(program('text.sh', 'echo "您好 很高兴为您服务"')).transcribe({ callId: 'c2', path: '/x.wav' })).toEqual({
      callId: 'c2',
      segments: [{ startSeconds: 0, speaker: 'agent', text: '您好 很高兴为您服务' }],
    });
    expect((await commandTranscriber(program('silent.sh', 'true')).transcribe({ callId: 'c3', path: '/x.wav' })).segments).toEqual([]);
  });

  it('fails with what the program said when it fails or prints a broken transcript', async () => {
    await expect(commandTranscriber(program('fail.sh', 'echo "model not found" >&2; exit 3')).transcribe({ callId: 'c4', path: '/x.wav' })).rejects.toThrow('model not found');
    await expect(commandTranscriber(program('bad.sh', `echo '{"segments":[{"speaker":"robot"}]}'`)).transcribe({ callId: 'c5', path: '/x.wav' })).rejects.toThrow('no transcript');
    await expect(commandTranscriber(program('cut.sh', `echo '{"segments":['`)).transcribe({ callId: 'c6', path: '/x.wav' })).rejects.toThrow('no transcript');
  });
});

describe('the nightly transcription of the day before', () => {
  let h: TestApp;
  const at = (day: number, hour: number) => Date.UTC(2026, 0, day, hour - 8);

  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    const [agent] = await h.t.store.query<{ id: string }>(`SELECT user_id AS id FROM agents WHERE employee_no = '8001'`);
    const queue = await queueNamed(h, '售前咨询');
    const call = (id: string, start: number) => answeredCall(id, queue, agent!.id, start, { talkMinutes: 1 });
    // Two calls on the 5th (one late in the evening, Shanghai time), one on the 6th.
    await recordCalls(h, [...call('d1', at(5, 9)), ...call('d2', at(5, 23)), ...call('d3', at(6, 9))]);
    for (const [id, day] of [
      ['d1', 5],
      ['d2', 5],
      ['d3', 6],
    ] as const) {
      await h.t.store.query(`INSERT INTO recordings (call_id, path, started_at, duration_ms, bytes) VALUES ($1, $2, $3, 60000, 44)`, [
        id,
        `2026/01/0${day}/${id}.wav`,
        new Date(at(day, 9)).toISOString(),
      ]);
    }
  });
  afterAll(() => h.close());

  it('transcribes the day’s recorded calls once, skips and reports a call the recogniser fails on, and does only what is left when run again', async () => {
    const heard: string[] = [];
    let broken = true;
    const port: TranscriptionPort = {
      async transcribe({ callId, path }) {
        heard.push(path);
        if (callId === 'd2' && broken) throw new Error('decoder crashed');
        return { callId, segments: [{ startSeconds: 0, speaker: 'agent', text: `您好 ${callId}` }] };
      },
    };
    const errors: unknown[] = [];
    expect(await transcribeDay(h.t.store, port, '/rec', '2026-01-05', 'Asia/Shanghai', (e) => errors.push(e))).toEqual({ done: 1, failed: 1 });
    expect(heard).toEqual(['/rec/2026/01/05/d1.wav', '/rec/2026/01/05/d2.wav']);
    expect(String(errors[0])).toContain('decoder crashed');
    broken = false;
    expect(await transcribeDay(h.t.store, port, '/rec', '2026-01-05', 'Asia/Shanghai', (e) => errors.push(e))).toEqual({ done: 1, failed: 0 });
    expect(await transcribeDay(h.t.store, port, '/rec', '2026-01-05', 'Asia/Shanghai', (e) => errors.push(e))).toEqual({ done: 0, failed: 0 });
    const stored = await h.t.store.query<{ call_id: string; source: string }>(`SELECT call_id, source FROM qa_transcripts ORDER BY call_id`);
    expect(stored).toEqual([
      { call_id: 'd1', source: 'recogniser' },
      { call_id: 'd2', source: 'recogniser' },
    ]);
  });
});
