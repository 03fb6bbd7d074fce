import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { testPassword } from '../http/testing';
import { backends, type TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { RecordingWriter, recordingPath, recordingsDir } from './index';
import { readWav } from './testing';

describe('recording paths and the recordings directory', () => {
  it('files a call by its UTC date, and hashes an id that is not a plain file name', () => {
    expect(recordingPath('sim-1', Date.UTC(2026, 2, 2, 23, 59))).toBe('2026/03/02/sim-1.wav');
    expect(recordingPath('../../etc/passwd', Date.UTC(2026, 2, 2))).toMatch(/^2026\/03\/02\/[0-9a-f]{32}\.wav$/);
    expect(recordingsDir({ dataDir: '/srv/banzu', recordingsDir: undefined })).toBe('/srv/banzu/recordings');
    expect(recordingsDir({ dataDir: '/srv/banzu', recordingsDir: '/mnt/audio' })).toBe('/mnt/audio');
    expect(loadConfig({ env: { BANZU_RECORDINGS_DIR: '/mnt/audio' }, cwd: '/nonexistent' }).recordingsDir).toBe('/mnt/audio');
  });
});

describe.each(backends)('call recordings ($name)', (backend) => {
  let t: TestStore;
  let dir: string;

  beforeAll(async () => {
    t = await backend.open();
    await seedTestCenter(t.store, testPassword);
    dir = mkdtempSync(join(tmpdir(), 'banzu-recordings-'));
  });
  afterAll(() => t.cleanup());

  it('writes a playable WAV and a row for each recorded call, in batches, and keeps only the newest', async () => {
    const writer = new RecordingWriter(
      t.store,
      dir,
      (err) => {
        throw err;
      },
      { batchMs: 60_000, keep: 3 },
    );
    const at = Date.UTC(2026, 2, 2, 9, 0);
    for (let i = 1; i <= 5; i++) writer.add({ callId: `w-${i}`, startedAt: at + i * 1000, endedAt: at + i * 1000 + 150_000 });
    // Nothing is written on the caller's path: it waits for the batch.
    expect(existsSync(join(dir, '2026/03/02/w-1.wav'))).toBe(false);
    await writer.flush();
    const rows = await t.store.query<{ call_id: string; path: string; duration_ms: number; bytes: number }>(
      'SELECT call_id, path, duration_ms, bytes FROM recordings ORDER BY call_id',
    );
    expect(rows.map((r) => r.call_id)).toEqual(['w-3', 'w-4', 'w-5']);
    expect(existsSync(join(dir, '2026/03/02/w-1.wav'))).toBe(false);
    const wav = readWav(readFileSync(join(dir, rows[0]!.path)));
    expect(wav).toMatchObject({ pcm: 1, channels: 1, rate: 8000, bits: 16, seconds: 2.5 });
    expect(wav.loudest).toBeGreaterThan(1000);
    expect(rows[0]).toMatchObject({ path: '2026/03/02/w-3.wav', duration_ms: 2500, bytes: 44 + 2.5 * 16000 });
    await writer.close();
  });

  it('plays a recording to those who may hear it: the agent who took the call, the team’s leader, QA, trainers and managers', async () => {
    const [agent, other] = await t.store.query<{ id: string; team_id: string }>(
      `SELECT u.id, u.team_id FROM users u JOIN agents a ON a.user_id = u.id WHERE a.employee_no IN ('8001', '8002') ORDER BY a.employee_no`,
    );
    const leaders = await t.store.query<{ username: string; team_id: string }>(`SELECT username, team_id FROM users WHERE role = 'team_leader'`);
    const ownLeader = leaders.find((l) => l.team_id === agent!.team_id)!.username;
    const otherLeader = leaders.find((l) => l.team_id !== agent!.team_id)!.username;
    const startedAt = Date.UTC(2026, 2, 2, 10, 0);
    await t.store.query(`INSERT INTO call_records (call_id, direction, started_at, agent_id, team_id, record) VALUES ($1, 'inbound', $2, $3, $4, $5)`, [
      'rec-1',
      new Date(startedAt).toISOString(),
      agent!.id,
      agent!.team_id,
      JSON.stringify({ agents: [agent!.id] }),
    ]);
    const writer = new RecordingWriter(t.store, dir, (err) => {
      throw err;
    });
    writer.add({ callId: 'rec-1', startedAt, endedAt: startedAt + 30_000 });
    await writer.close();

    const clock = manualClock(startedAt);
    const log = new EventLog(t.store);
    const app = await buildApp({ config: loadConfig({ env: { BANZU_RECORDINGS_DIR: dir }, cwd: '/nonexistent' }), store: t.store, log, clock });
    try {
      const login = async (username: string) =>
        (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword } })).json().token as string;
      const get = async (username: string | null, callId = 'rec-1') =>
        app.inject({ method: 'GET', url: `/api/v1/calls/${callId}/recording`, headers: username ? { authorization: `Bearer ${await login(username)}` } : {} });

      const own = await get('8001');
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('audio/wav');
      expect(readWav(own.rawPayload).seconds).toBe(1);
      for (const username of [ownLeader, 'qa1', 'trainer1', 'manager']) expect((await get(username)).statusCode, username).toBe(200);
      for (const username of ['8002', otherLeader]) {
        const refused = await get(username);
        // The same 404 as for a call without a recording: whether it exists is not told.
        expect(refused.statusCode, username).toBe(404);
        expect(refused.headers['content-type']).toContain('application/json');
      }
      expect(other).toBeDefined();
      expect((await get(null)).statusCode).toBe(401);
      const none = await get('manager', 'no-such-call');
      expect(none.statusCode).toBe(404);
      expect(none.json().error.message).toBe('找不到通话 no-such-call 的录音');
      const english = await app.inject({ method: 'GET', url: '/api/v1/calls/no-such-call/recording?lang=en', headers: { authorization: `Bearer ${await login('manager')}` } });
      expect(english.json().error.message).toBe('no recording of call no-such-call');
    } finally {
      await app.close();
      await log.close();
    }
  });

  it('lets a player seek: a byte range comes back as 206 with just those bytes, never compressed', async () => {
    const app = await buildApp({
      config: loadConfig({ env: { BANZU_RECORDINGS_DIR: dir }, cwd: '/nonexistent' }),
      store: t.store,
      log: new EventLog(t.store),
      clock: manualClock(0),
    });
    try {
      const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'manager', password: testPassword } })).json().token as string;
      const get = (range?: string) =>
        app.inject({
          method: 'GET',
          url: '/api/v1/calls/rec-1/recording',
          headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip', ...(range ? { range } : {}) },
        });
      const whole = await get();
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.headers['content-encoding']).toBeUndefined();
      const size = whole.rawPayload.length;

      const middle = await get('bytes=100-199');
      expect(middle.statusCode).toBe(206);
      expect(middle.headers['content-range']).toBe(`bytes 100-199/${size}`);
      expect(middle.rawPayload.equals(whole.rawPayload.subarray(100, 200))).toBe(true);
      const rest = await get('bytes=16000-');
      expect(rest.rawPayload.equals(whole.rawPayload.subarray(16000))).toBe(true);
      const last = await get('bytes=-44');
      expect(last.headers['content-range']).toBe(`bytes ${size - 44}-${size - 1}/${size}`);
      const beyond = await get(`bytes=${size}-`);
      expect(beyond.statusCode).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    } finally {
      await app.close();
    }
  });

  it('keeps beyond the cap what quality assurance still needs: library calls, evaluations not yet confirmed, the open queue, coaching', async () => {
    const [agent, qa] = await t.store.query<{ id: string }>(`SELECT id FROM users WHERE username IN ('8001', 'qa1') ORDER BY username`);
    const [form] = await t.store.query<{ id: string }>(`INSERT INTO qa_forms (name) VALUES ('评分表') RETURNING id`);
    await t.store.query(`INSERT INTO qa_form_versions (form_id, version, definition) VALUES ($1, 1, '{}')`, [form!.id]);
    const evaluation = async (callId: string, status: string) => {
      const [row] = await t.store.query<{ id: string }>(
        `INSERT INTO qa_evaluations (call_id, form_id, form_version, agent_id, call_started_at, inspector_id, answers, items, score, fatal, scored_at, status)
         VALUES ($1, $2, 1, $3, now(), $4, '[]', '[]', 80, false, now(), $5) RETURNING id`,
        [callId, form!.id, agent!.id, qa!.id, status],
      );
      return row!.id;
    };
    await t.store.query(`INSERT INTO qa_library (call_id, kind, category, created_by) VALUES ('keep-library', 'good', '开场白', $1)`, [qa!.id]);
    await evaluation('keep-pending', 'pending');
    await evaluation('keep-disputed', 'disputed');
    const coached = await evaluation('keep-coached', 'confirmed');
    await t.store.query(`INSERT INTO qa_coaching (evaluation_id, agent_id, coach_id, focus, follow_up_on) VALUES ($1, $2, $3, '开场白', '2026-03-20')`, [
      coached,
      agent!.id,
      qa!.id,
    ]);
    const scored = await evaluation('old-scored', 'confirmed');
    await t.store.query(
      `INSERT INTO qa_queue (call_id, agent_id, inspector_id, reasons, sampled_at, period_start, evaluation_id)
       VALUES ('keep-queued', $1, $2, '{random}', now(), '2026-03-02', NULL), ('old-scored', $1, $2, '{random}', now(), '2026-03-02', $3)`,
      [agent!.id, qa!.id, scored],
    );
    const fail = (err: unknown) => {
      throw err;
    };
    const at = Date.UTC(2026, 2, 2, 9, 0);
    const oldCalls = ['keep-library', 'keep-pending', 'keep-disputed', 'keep-coached', 'keep-queued', 'old-scored', 'old-plain'];
    const before = new RecordingWriter(t.store, dir, fail, { keep: 100 });
    for (const callId of oldCalls) before.add({ callId, startedAt: at, endedAt: at + 60_000 });
    await before.close();

    const after = new RecordingWriter(t.store, dir, fail, { keep: 2 });
    for (const callId of ['new-1', 'new-2']) after.add({ callId, startedAt: at + 3_600_000, endedAt: at + 3_660_000 });
    await after.close();
    const kept = await t.store.query<{ call_id: string }>('SELECT call_id FROM recordings ORDER BY call_id');
    expect(kept.map((r) => r.call_id)).toEqual(['keep-coached', 'keep-disputed', 'keep-library', 'keep-pending', 'keep-queued', 'new-1', 'new-2']);
    expect(existsSync(join(dir, '2026/03/02/keep-library.wav'))).toBe(true);
    expect(existsSync(join(dir, '2026/03/02/old-plain.wav'))).toBe(false);
    expect(existsSync(join(dir, '2026/03/02/old-scored.wav'))).toBe(false);
  });
});

describe.each(backends)('recordings of the model-call library ($name)', (backend) => {
  let t: TestStore;
  let dir: string;

  beforeAll(async () => {
    t = await backend.open();
    await seedTestCenter(t.store, testPassword);
    dir = mkdtempSync(join(tmpdir(), 'banzu-library-recordings-'));
  });
  afterAll(() => t.cleanup());

  it('plays a call of the model-call library to every librarian, a leader of another team too; a call not in it stays the own team’s', async () => {
    const [agent] = await t.store.query<{ id: string; team_id: string }>(`SELECT u.id, u.team_id FROM users u JOIN agents a ON a.user_id = u.id WHERE a.employee_no = '8001'`);
    const [otherLeader] = await t.store.query<{ username: string }>(`SELECT username FROM users WHERE role = 'team_leader' AND team_id <> $1 ORDER BY username LIMIT 1`, [
      agent!.team_id,
    ]);
    const [otherAgent] = await t.store.query<{ employee_no: string }>(
      `SELECT a.employee_no FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id <> $1 ORDER BY a.employee_no LIMIT 1`,
      [agent!.team_id],
    );
    const startedAt = Date.UTC(2026, 2, 2, 11, 0);
    for (const callId of ['lib-good', 'lib-none']) {
      await t.store.query(`INSERT INTO call_records (call_id, direction, started_at, agent_id, team_id, record) VALUES ($1, 'inbound', $2, $3, $4, $5)`, [
        callId,
        new Date(startedAt).toISOString(),
        agent!.id,
        agent!.team_id,
        JSON.stringify({ agents: [agent!.id] }),
      ]);
    }
    const writer = new RecordingWriter(t.store, dir, (err) => {
      throw err;
    });
    writer.add({ callId: 'lib-good', startedAt, endedAt: startedAt + 30_000 });
    writer.add({ callId: 'lib-none', startedAt, endedAt: startedAt + 30_000 });
    await writer.close();
    await t.store.query(`INSERT INTO qa_library (call_id, kind, category, created_by) SELECT 'lib-good', 'good', '标准开场', id FROM users WHERE username = 'qa1'`);

    const log = new EventLog(t.store);
    const app = await buildApp({ config: loadConfig({ env: { BANZU_RECORDINGS_DIR: dir }, cwd: '/nonexistent' }), store: t.store, log, clock: manualClock(startedAt) });
    try {
      const login = async (username: string) =>
        (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword } })).json().token as string;
      const get = async (username: string, callId: string) =>
        app.inject({ method: 'GET', url: `/api/v1/calls/${callId}/recording`, headers: { authorization: `Bearer ${await login(username)}` } });

      const fromLibrary = await get(otherLeader!.username, 'lib-good');
      expect(fromLibrary.statusCode, fromLibrary.body).toBe(200);
      expect(readWav(fromLibrary.rawPayload).seconds).toBe(1);
      // Outside the library the leader hears the own team only; an agent never hears another's call, library or not.
      expect((await get(otherLeader!.username, 'lib-none')).statusCode).toBe(404);
      expect((await get(otherAgent!.employee_no, 'lib-good')).statusCode).toBe(404);
    } finally {
      await app.close();
      await log.close();
    }
  });
});
