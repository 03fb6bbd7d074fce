import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentStretches, skipSilenceTarget, waveformPeaks } from './waveform';

const RATE = 8000;
/** Speech-like sound (a 300 Hz tone at `level`) or silence, second by second. */
function recording(parts: [seconds: number, level: number][]): Float32Array {
  const samples: number[] = [];
  for (const [seconds, level] of parts) for (let i = 0; i < seconds * RATE; i++) samples.push(level * Math.sin((2 * Math.PI * 300 * i) / RATE));
  return Float32Array.from(samples);
}

describe('the waveform and silence of a recording', () => {
  it('draws the loudest sample of each slice', () => {
    expect(waveformPeaks(new Float32Array([0, 0.5, -1, 0.25]), 2)).toEqual([0.5, 1]);
    expect(waveformPeaks(new Float32Array(0), 3)).toEqual([0, 0, 0]);
  });

  it('finds a hold in the middle of a call, ignores a short pause between words, and skips to just before speech resumes', () => {
    // 3 s talk, 0.5 s pause, 2 s talk, 6 s of line noise on hold, 2 s talk.
    const call = recording([
      [3, 0.6],
      [0.5, 0.001],
      [2, 0.5],
      [6, 0.004],
      [2, 0.6],
    ]);
    const silences = silentStretches(call, RATE);
    expect(silences).toHaveLength(1);
    expect(silences[0]!.start).toBeCloseTo(5.5, 1);
    expect(silences[0]!.end).toBeCloseTo(11.5, 1);
    expect(skipSilenceTarget(silences, 7)).toBeCloseTo(11.3, 1);
    expect(skipSilenceTarget(silences, 4)).toBeNull();
    expect(skipSilenceTarget(silences, 11.4)).toBeNull();
    // A recording with no sound at all has nothing to skip to.
    expect(silentStretches(new Float32Array(RATE * 5), RATE)).toEqual([]);
  });

  it('keeps peaks within 0..1, one per bar, and silences ordered, apart and long enough', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 12 }),
        fc.integer({ min: 1, max: 200 }),
        (parts, bars) => {
          const samples = recording(parts.map(([tenths, level]) => [tenths / 10, level]));
          const peaks = waveformPeaks(samples, bars);
          expect(peaks).toHaveLength(bars);
          for (const p of peaks) expect(p >= 0 && p <= 1).toBe(true);
          const silences = silentStretches(samples, RATE, { minSeconds: 1 });
          silences.forEach((s, i) => {
            expect(s.end - s.start).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(s.end).toBeLessThanOrEqual(samples.length / RATE + 1e-9);
            if (i > 0) expect(s.start).toBeGreaterThan(silences[i - 1]!.end);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
