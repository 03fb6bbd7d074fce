import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { testPassword } from '../http/testing';
import { startFloor } from '../floor/index';
import { backends, type TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { RecordingWriter, recordingPath, recordingsDir } from './index';

/** What a player needs from the header: a RIFF/WAVE file of PCM samples, and how long it plays. */
function readWav(file: Buffer) {
  expect(file.toString('ascii', 0, 4)).toBe('RIFF');
  expect(file.readUInt32LE(4)).toBe(file.length - 8);
  expect(file.toString('ascii', 8, 12)).toBe('WAVE');
  expect(file.toString('ascii', 12, 16)).toBe('fmt ');
  expect(file.toString('ascii', 36, 40)).toBe('data');
  const format = { pcm: file.readUInt16LE(20), channels: file.readUInt16LE(22), rate: file.readUInt32LE(24), bits: file.readUInt16LE(34) };
  const dataBytes = file.readUInt32LE(40);
  expect(dataBytes).toBe(file.length - 44);
  let loudest = 0;
  for (let i = 44; i < file.length; i += 2) loudest = Math.max(loudest, Math.abs(file.readInt16LE(i)));
  return { ...format, seconds: dataBytes / (format.rate * format.channels * (format.bits / 8)), loudest };
}

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
    const writer = new RecordingWriter(t.store, dir, (err) => {
      throw err;
    }, { batchMs: 60_000, keep: 3 });
    const at = Date.UTC(2026, 2, 2, 9, 0);
    for (let i = 1; i <= 5; i++) writer.add({ callId: `w-${i}`, startedAt: at + i * 1000, endedAt: at + i * 1000 + 150_000 });
    // Nothing is written on the caller's path: it waits for the batch.
    expect(existsSync(join(dir, '2026/03/02/w-1.wav'))).toBe(false);
    await writer.flush();
    const rows = await t.store.query<{ call_id: string; path: string; duration_ms: number; bytes: number }>('SELECT call_id, path, duration_ms, bytes FROM recordings ORDER BY call_id');
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
    await t.store.query(
      `INSERT INTO call_records (call_id, direction, started_at, agent_id, team_id, record) VALUES ($1, 'inbound', $2, $3, $4, $5)`,
      ['rec-1', new Date(startedAt).toISOString(), agent!.id, agent!.team_id, JSON.stringify({ agents: [agent!.id] })],
    );
    const writer = new RecordingWriter(t.store, dir, (err) => {
      throw err;
    });
    writer.add({ callId: 'rec-1', startedAt, endedAt: startedAt + 30_000 });
    await writer.close();

    const clock = manualClock(startedAt);
    const log = new EventLog(t.store);
    const app = await buildApp({ config: loadConfig({ env: { BANZU_RECORDINGS_DIR: dir }, cwd: '/nonexistent' }), store: t.store, log, clock });
    try {
      const login = async (username: string) => (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword } })).json().token as string;
      const get = async (username: string | null, callId = 'rec-1') =>
        app.inject({ method: 'GET', url: `/api/v1/calls/${callId}/recording`, headers: username ? { authorization: `Bearer ${await login(username)}` } : {} });

      const own = await get('8001');
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('audio/wav');
      expect(readWav(own.rawPayload).seconds).toBe(1);
      for (const username of [ownLeader, 'qa1', 'trainer1', 'manager']) expect((await get(username)).statusCode, username).toBe(200);
      for (const username of ['8002', otherLeader]) {
        const refused = await get(username);
        expect(refused.statusCode, username).toBe(403);
        expect(refused.headers['content-type']).toContain('application/json');
      }
      expect(other).toBeDefined();
      expect((await get(null)).statusCode).toBe(401);
      expect((await get('manager', 'no-such-call')).statusCode).toBe(404);
    } finally {
      await app.close();
      await log.close();
    }
  });

  it('records the demo floor’s calls: a simulated call that was answered has a playable WAV', async () => {
    const log = new EventLog(t.store);
    const floorDir = mkdtempSync(join(tmpdir(), 'banzu-demo-recordings-'));
    // 1,000 simulated seconds a second: calls arrive, are answered and end within moments.
    const floor = await startFloor({ store: t.store, log, clock: manualClock(Date.now()) }, { simulate: true, speed: 1000, recordingsDir: floorDir, onError: (err) => console.error(err) });
    let rows: { call_id: string; path: string }[] = [];
    try {
      for (let i = 0; i < 200 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = await t.store.query<{ call_id: string; path: string }>(`SELECT call_id, path FROM recordings WHERE call_id LIKE 'sim-%' LIMIT 1`);
      }
    } finally {
      await floor.close();
      await log.close();
    }
    expect(rows).toHaveLength(1);
    const wav = readWav(readFileSync(join(floorDir, rows[0]!.path)));
    expect(wav.seconds).toBeGreaterThan(0);
    expect(wav.loudest).toBeGreaterThan(1000);
    const answered = await t.store.query('SELECT 1 FROM events WHERE stream = $1 AND type = $2', [rows[0]!.call_id, 'call.answered']);
    expect(answered).toHaveLength(1);
  });
});
