import { execFile } from 'node:child_process';
import { fromLocal, type Transcript, type TranscriptionPort } from '@banzu/core';
import type { Queryable } from '../store/index';
import { transcribeCalls, transcriptSchema } from './speech';

/**
 * A transcription port that runs a local program once per recording: `<command> <file.wav>`. The
 * program prints the transcript as JSON (`{"segments":[{"startSeconds","speaker","text"}]}`), or
 * plain text, taken as what was said from the start (a recogniser of one mixed channel). Any local
 * model fits behind it — a sherpa-onnx Paraformer script, for one (docs/qa.md).
 *
 * @example
 * const port = commandTranscriber('/opt/asr/transcribe.sh');
 * await port.transcribe({ callId: 'c1', path: '/var/lib/banzu/recordings/2026/01/05/c1.wav' });
 */
export function commandTranscriber(command: string, timeoutMs = 10 * 60_000): TranscriptionPort {
  return {
    transcribe: ({ callId, path }) =>
      new Promise<Transcript>((resolve, reject) => {
        // The file is the shell's "$1", never spliced into the command line.
        execFile('/bin/sh', ['-c', `${command} "$1"`, 'banzu-transcribe', path], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (err) return reject(new Error(`transcribing ${callId} failed: ${stderr.trim() || err.message}`));
          const text = stdout.trim();
          if (text.startsWith('{')) {
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch (bad) {
              return reject(new Error(`transcribing ${callId}: the program printed no transcript: ${(bad as Error).message}`));
            }
            const parsed = transcriptSchema.safeParse(json);
            if (!parsed.success) return reject(new Error(`transcribing ${callId}: the program printed no transcript: ${parsed.error.message}`));
            return resolve({ callId, segments: parsed.data.segments });
          }
          resolve({ callId, segments: text ? [{ startSeconds: 0, speaker: 'agent', text }] : [] });
        });
      }),
  };
}

/**
 * Transcribes the recorded calls of a local day that have no transcript yet, one by one: a call the
 * recogniser fails on is reported and skipped, so it does not hold the others back. The nightly job
 * runs it over the day before; run again, it does only what is left.
 *
 * @example
 * await transcribeDay(store, port, recordingsDir(config), '2026-01-05', 'Asia/Shanghai', log.warn); // { done: 412, failed: 1 }
 */
export async function transcribeDay(
  db: Queryable,
  port: TranscriptionPort,
  dir: string,
  date: string,
  timeZone: string,
  onError: (err: unknown) => void,
): Promise<{ done: number; failed: number }> {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const calls = await db.query<{ call_id: string }>(
    `SELECT c.call_id FROM call_records c JOIN recordings r ON r.call_id = c.call_id
     WHERE c.started_at >= $1 AND c.started_at < $2 AND c.outcome = 'answered' AND NOT EXISTS (SELECT 1 FROM qa_transcripts t WHERE t.call_id = c.call_id)
     ORDER BY c.started_at`,
    [new Date(fromLocal(y, m, d, 0, 0, timeZone)).toISOString(), new Date(fromLocal(y, m, d + 1, 0, 0, timeZone)).toISOString()],
  );
  let done = 0;
  let failed = 0;
  for (const { call_id } of calls) {
    try {
      done += await transcribeCalls(db, port, dir, [call_id]);
    } catch (err) {
      failed += 1;
      onError(err);
    }
  }
  return { done, failed };
}
