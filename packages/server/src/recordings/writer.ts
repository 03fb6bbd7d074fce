import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RecordedCall } from '@banzu/core';
import type { Queryable } from '../store/index';
import { sampleRate, simulatedCallAudio } from './wav';

export interface RecordingWriterOptions {
  /** How long recorded calls collect before one batch writes them. */
  batchMs?: number;
  /** Recordings waiting at most; beyond it new ones are dropped (the disk or the store is too slow). */
  maxPending?: number;
  /** The newest recordings kept; older files and rows are deleted, unless quality assurance still needs them. */
  keep?: number;
}

/** 1 to 3 seconds of audio, longer for longer calls: enough to play, small on disk (≤ 48 KB). */
export function audioSeconds(call: RecordedCall): number {
  return Math.min(3, Math.max(1, (call.endedAt - call.startedAt) / 60_000));
}

/** `YYYY/MM/DD/<callId>.wav` by the call's UTC date; an id that is not a plain file name is hashed. */
export function recordingPath(callId: string, startedAt: number): string {
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  const name = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}$/.test(callId) ? callId : createHash('sha256').update(callId).digest('hex').slice(0, 32);
  return `${day}/${name}.wav`;
}

/**
 * Keeps one real call's recording (the SIP switch's, a WAV of any channels at 8 kHz 16-bit): the
 * file under `dir` at `recordingPath`, and its row in `recordings`, where the recording route finds it.
 *
 * @example
 * await saveRecording(store, recordingsDir(config), { callId, startedAt, wav });
 */
export async function saveRecording(store: Queryable, dir: string, recording: { callId: string; startedAt: number; wav: Buffer }): Promise<void> {
  const { callId, startedAt, wav } = recording;
  const path = recordingPath(callId, startedAt);
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), wav);
  const bytesPerSecond = wav.readUInt32LE(28);
  await store.query(
    `INSERT INTO recordings (call_id, path, started_at, duration_ms, bytes) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (call_id) DO UPDATE SET path = excluded.path, started_at = excluded.started_at, duration_ms = excluded.duration_ms, bytes = excluded.bytes`,
    [callId, path, new Date(startedAt).toISOString(), Math.round(((wav.length - 44) * 1000) / bytesPerSecond), wav.length],
  );
}

/**
 * Writes the simulated switch's recordings: each recorded call gets a short generated WAV file under
 * `dir` and a row in `recordings`. `add` only queues (it is called on the router's path); files and
 * rows are written in batches in the background, and the oldest are deleted beyond `keep` (but not
 * those quality assurance still needs, see `prune`).
 *
 * @example
 * const writer = new RecordingWriter(store, '/var/lib/banzu/recordings', log.error);
 * center = new SimulatedCenter({ ...config, onRecorded: (call) => writer.add(call) });
 * await writer.close();
 */
export class RecordingWriter {
  private pending: RecordedCall[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private sincePrune = 0;
  private readonly batchMs: number;
  private readonly maxPending: number;
  private readonly keep: number;
  /** Recordings dropped because too many were waiting. */
  dropped = 0;

  constructor(
    private readonly store: Queryable,
    private readonly dir: string,
    private readonly onError: (err: unknown) => void,
    options: RecordingWriterOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 1000;
    this.maxPending = options.maxPending ?? 1000;
    this.keep = options.keep ?? 2000;
  }

  add(call: RecordedCall): void {
    if (this.pending.length >= this.maxPending) {
      this.dropped++;
      return;
    }
    this.pending.push(call);
    this.timer ??= setTimeout(() => void this.flush(), this.batchMs);
  }

  /** Writes what is waiting; resolves once it is on disk and in the store. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.running = this.running.then(() => this.write(batch)).catch(this.onError);
    return this.running;
  }

  close(): Promise<void> {
    return this.flush();
  }

  private async write(batch: RecordedCall[]): Promise<void> {
    if (batch.length === 0) return;
    const rows: unknown[] = [];
    for (const call of batch) {
      const path = recordingPath(call.callId, call.startedAt);
      const seconds = audioSeconds(call);
      const audio = simulatedCallAudio(call.callId, seconds);
      await mkdir(dirname(join(this.dir, path)), { recursive: true });
      await writeFile(join(this.dir, path), audio);
      rows.push(call.callId, path, new Date(call.startedAt).toISOString(), Math.round((((audio.length - 44) / 2) * 1000) / sampleRate), audio.length);
    }
    const values = batch.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
    await this.store.query(
      `INSERT INTO recordings (call_id, path, started_at, duration_ms, bytes) VALUES ${values}
       ON CONFLICT (call_id) DO UPDATE SET path = excluded.path, started_at = excluded.started_at, duration_ms = excluded.duration_ms, bytes = excluded.bytes`,
      rows,
    );
    this.sincePrune += batch.length;
    // Pruning scans the table: once a tenth of the kept number has come in is often enough.
    if (this.sincePrune >= Math.max(1, this.keep / 10)) {
      this.sincePrune = 0;
      await this.prune();
    }
  }

  /**
   * Deletes the recordings beyond the newest `keep`, except those quality assurance still needs: a
   * call in the model-call library (played in training), with an evaluation the agent has not
   * confirmed or still disputes (heard before signing, by the QA lead deciding), in an open QA
   * queue (waiting to be heard), or with a coaching record (heard again in the follow-up).
   */
  private async prune(): Promise<void> {
    const old = await this.store.query<{ call_id: string; path: string }>(
      `SELECT call_id, path FROM (SELECT call_id, path FROM recordings ORDER BY created_at DESC, call_id DESC OFFSET $1) r
       WHERE NOT EXISTS (SELECT 1 FROM qa_library l WHERE l.call_id = r.call_id)
         AND NOT EXISTS (SELECT 1 FROM qa_evaluations e WHERE e.call_id = r.call_id AND e.status <> 'confirmed')
         AND NOT EXISTS (SELECT 1 FROM qa_queue q WHERE q.call_id = r.call_id AND q.evaluation_id IS NULL)
         AND NOT EXISTS (SELECT 1 FROM qa_coaching c JOIN qa_evaluations e ON e.id = c.evaluation_id WHERE e.call_id = r.call_id)`,
      [this.keep],
    );
    if (old.length === 0) return;
    for (const r of old) await rm(join(this.dir, r.path), { force: true });
    await this.store.query('DELETE FROM recordings WHERE call_id = ANY($1::text[])', [old.map((r) => r.call_id)]);
  }
}
