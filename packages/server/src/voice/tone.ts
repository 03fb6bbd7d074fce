import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Writes a sine tone as a WAV file the way phones and rtpengine like it (8 kHz, mono, 16 bit), with
 * sox. Banzu's stand-in music on hold, and the test callers' voices.
 *
 * @example
 * await writeTone('/var/lib/banzu/voice/music.wav', { hz: 1000, seconds: 30 });
 */
export async function writeTone(file: string, tone: { hz: number; seconds: number; gainDb?: number }): Promise<void> {
  const args = ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'synth', String(tone.seconds), 'sine', String(tone.hz)];
  if (tone.gainDb !== undefined) args.push('gain', String(tone.gainDb));
  await promisify(execFile)('sox', args);
}

/**
 * Writes `seconds` of digital silence in the same format: what the agent hears while the caller is on hold.
 *
 * @example
 * await writeSilence('/var/lib/banzu/voice/silence.wav', 30);
 */
export async function writeSilence(file: string, seconds: number): Promise<void> {
  await promisify(execFile)('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'trim', '0', String(seconds)]);
}
