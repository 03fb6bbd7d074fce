/**
 * Call recordings: the simulated switch's generated audio files, the SIP switch's real ones, their
 * rows, and the route that plays them to those who may hear them.
 *
 * @example
 * const writer = new RecordingWriter(store, recordingsDir(config), onError);
 * await app.register(recordingRoutes(recordingsDir(config)));
 */
import { resolve } from 'node:path';
import type { Config } from '../config/index';

export { RecordingWriter, audioSeconds, recordingPath, saveRecording, type RecordingWriterOptions } from './writer';
export { recordingRoutes } from './routes';
export { simulatedCallAudio, wavFile } from './wav';

/** `BANZU_RECORDINGS_DIR`, or `recordings` in the data directory. */
export function recordingsDir(config: Pick<Config, 'dataDir' | 'recordingsDir'>): string {
  return resolve(config.recordingsDir ?? resolve(config.dataDir, 'recordings'));
}
