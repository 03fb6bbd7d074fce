/** A stretch of a recording, in seconds. */
export interface Stretch {
  start: number;
  end: number;
}

/**
 * The loudest sample of each of `buckets` equal slices of the recording, 0..1: the bars of the
 * waveform the inspector sees above the player.
 *
 * @example
 * waveformPeaks(new Float32Array([0, 0.5, -1, 0.25]), 2); // [0.5, 1]
 */
export function waveformPeaks(samples: Float32Array, buckets: number): number[] {
  const peaks: number[] = [];
  if (buckets <= 0) return peaks;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * samples.length) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * samples.length) / buckets));
    let peak = 0;
    for (let i = from; i < to && i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
    peaks.push(Math.min(1, peak));
  }
  return peaks;
}

/** Loudness is measured over windows this long: a syllable is longer, a click shorter. */
const WINDOW_SECONDS = 0.05;

/**
 * The silent stretches of a recording worth skipping: at least `minSeconds` long where every 50 ms
 * window is quieter (RMS) than `relative` of the loudest window, so a line's noise floor counts as
 * silence whatever the recording's level. A recording without sound has no stretch to skip.
 *
 * @example
 * silentStretches(samples, 8000); // [{ start: 12.4, end: 19.05 }]: the customer was put on hold
 */
export function silentStretches(samples: Float32Array, sampleRate: number, { minSeconds = 1.5, relative = 0.05 } = {}): Stretch[] {
  const size = Math.max(1, Math.round(sampleRate * WINDOW_SECONDS));
  const levels: number[] = [];
  for (let from = 0; from < samples.length; from += size) {
    let sum = 0;
    const to = Math.min(samples.length, from + size);
    for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
    levels.push(Math.sqrt(sum / (to - from)));
  }
  const loudest = Math.max(0, ...levels);
  if (loudest === 0) return [];
  const quiet = loudest * relative;
  const stretches: Stretch[] = [];
  let runStart: number | null = null;
  const close = (endWindow: number) => {
    if (runStart === null) return;
    const start = (runStart * size) / sampleRate;
    const end = Math.min(samples.length, endWindow * size) / sampleRate;
    if (end - start >= minSeconds) stretches.push({ start, end });
    runStart = null;
  };
  levels.forEach((level, w) => {
    if (level < quiet) runStart ??= w;
    else close(w);
  });
  close(levels.length);
  return stretches;
}

/** Sound this long before speech resumes is kept, so the first word is not clipped. */
const LEAD_SECONDS = 0.2;

/**
 * Where playback at `at` should jump to when skipping silence: just before the end of the silent
 * stretch it is in, or null when it is not in one (or already at its end).
 *
 * @example
 * skipSilenceTarget([{ start: 12, end: 19 }], 13); // 18.8
 */
export function skipSilenceTarget(stretches: readonly Stretch[], at: number): number | null {
  const stretch = stretches.find((s) => at >= s.start && at < s.end - LEAD_SECONDS);
  return stretch ? stretch.end - LEAD_SECONDS : null;
}
