import { join } from 'node:path';
import {
  maskPhone,
  seesFullNumbers,
  speechFlags,
  speechHits,
  suggestedAnswers,
  type Actor,
  type SpeechHit,
  type SpeechRule,
  type Transcript,
  type TranscriptionPort,
} from '@banzu/core';
import { z } from 'zod';
import { maySeeRecordedCall } from '../access/index';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';
import { loadQaSettings, notFound } from './forms';

export const transcriptSchema = z.object({
  segments: z
    .array(z.object({ startSeconds: z.number().min(0), speaker: z.enum(['agent', 'customer']), text: z.string().max(10_000) }))
    .min(1)
    .max(20_000),
  source: z.string().trim().min(1).max(100).default('import'),
});

/** Stores a call's transcript (from a recogniser, or an outside job), replacing an older one. */
export async function saveTranscript(db: Queryable, callId: string, body: z.infer<typeof transcriptSchema>): Promise<void> {
  const [call] = await db.query('SELECT 1 FROM call_records WHERE call_id = $1', [callId]);
  if (!call) throw notFound('call', callId);
  await db.query(
    `INSERT INTO qa_transcripts (call_id, segments, source) VALUES ($1, $2, $3)
     ON CONFLICT (call_id) DO UPDATE SET segments = EXCLUDED.segments, source = EXCLUDED.source, created_at = now()`,
    [callId, JSON.stringify(body.segments), body.source],
  );
}

/**
 * Runs the transcription port over recorded calls that have no transcript yet and stores each
 * result. The port is the center's local recogniser (docs/qa.md); tests pass a stub.
 *
 * @example
 * await transcribeCalls(store, recogniser, recordingsDir(config), ['call-1', 'call-2']);
 */
export async function transcribeCalls(db: Queryable, port: TranscriptionPort, dir: string, callIds: readonly string[]): Promise<number> {
  const recorded = await db.query<{ call_id: string; path: string }>(
    `SELECT r.call_id, r.path FROM recordings r WHERE r.call_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM qa_transcripts t WHERE t.call_id = r.call_id)`,
    [[...callIds]],
  );
  for (const r of recorded) {
    const transcript = await port.transcribe({ callId: r.call_id, path: join(dir, r.path) });
    await saveTranscript(db, r.call_id, { segments: transcript.segments, source: 'recogniser' });
  }
  return recorded.length;
}

/** What the transcripts of these calls (those that have one) say for sampling: a banned phrase (禁语) or a keyword of the rules. */
export async function callsFlaggedBySpeech(
  db: Queryable,
  callIds: readonly string[],
  rules: readonly SpeechRule[],
): Promise<Map<string, { bannedPhrase: boolean; keyword: boolean }>> {
  if (rules.length === 0 || callIds.length === 0) return new Map();
  const rows = await db.query<{ call_id: string; segments: Transcript['segments'] }>('SELECT call_id, segments FROM qa_transcripts WHERE call_id = ANY($1::text[])', [
    [...callIds],
  ]);
  return new Map(rows.map((r) => [r.call_id, speechFlags({ callId: r.call_id, segments: r.segments }, rules)]));
}

export interface TranscriptView {
  transcript: Transcript;
  hits: SpeechHit[];
  /** Items the transcript already decides, for the inspector to confirm. */
  suggested: ReturnType<typeof suggestedAnswers>;
}

/** A call's transcript with the rules' hits and suggested answers, for those who may hear the call. */
export async function transcriptView(db: Queryable, actor: Actor, callId: string): Promise<TranscriptView> {
  if (!(await maySeeRecordedCall(db, actor, callId))) throw new ForbiddenError(words('qa.call_not_your_team'));
  const [row] = await db.query<{ segments: Transcript['segments'] }>('SELECT segments FROM qa_transcripts WHERE call_id = $1', [callId]);
  if (!row) throw new NotFoundError(words('qa.no_transcript', { id: callId }));
  const rules = (await loadQaSettings(db)).speechRules;
  // A transcript may carry a mobile number read aloud: masked by the one rule for those who do not see numbers.
  const segments = seesFullNumbers(actor) ? row.segments : row.segments.map((s) => ({ ...s, text: s.text.replace(/1[3-9]\d{9}/g, (m) => maskPhone(m)) }));
  const transcript = { callId, segments };
  return { transcript, hits: speechHits(transcript, rules), suggested: suggestedAnswers(transcript, rules) };
}
