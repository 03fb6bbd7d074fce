import { endianness } from 'node:os';

/** WAV samples are little-endian: on such a machine they are copied as they are. */
const littleEndian = endianness() === 'LE';

/** Telephony audio: 8 kHz, 16-bit, mono (what G.711 decodes to). */
export const sampleRate = 8000;

/**
 * A WAV file (RIFF, PCM) around 16-bit mono samples, written by hand: the 44-byte header, then
 * the samples little-endian.
 *
 * @example
 * wavFile(new Int16Array(8000)); // one second of silence, 16,044 bytes
 */
export function wavFile(samples: Int16Array, rate = sampleRate): Buffer {
  const dataBytes = samples.length * 2;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16); // size of the fmt chunk
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28); // bytes per second
  b.writeUInt16LE(2, 32); // bytes per sample frame
  b.writeUInt16LE(16, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
  if (littleEndian) Buffer.from(samples.buffer, samples.byteOffset, dataBytes).copy(b, 44);
  else for (let i = 0; i < samples.length; i++) b.writeInt16LE(samples[i]!, 44 + i * 2);
  return b;
}

/** A small deterministic generator (xorshift32), seeded from the call id: the same call, the same audio. */
function noiseSource(seedText: string): () => number {
  let x = 2166136261;
  for (let i = 0; i < seedText.length; i++) x = Math.imul(x ^ seedText.charCodeAt(i), 16777619);
  x ||= 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) / 4294967296) * 2 - 1;
  };
}

/**
 * The audio of a simulated call: a short 425 Hz tone (the Chinese dial tone's pitch) and then noise
 * shaped into syllable-like bursts of a voice, band-limited by a simple low-pass. Not speech, but a
 * real, playable recording of the given length.
 *
 * @example
 * simulatedCallAudio('sim-1', 2); // a 2-second WAV
 */
export function simulatedCallAudio(callId: string, seconds: number): Buffer {
  const n = Math.max(1, Math.round(seconds * sampleRate));
  const samples = new Int16Array(n);
  const noise = noiseSource(callId);
  const toneEnd = Math.min(n, sampleRate / 4);
  for (let i = 0; i < toneEnd; i++) samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 425 * i) / sampleRate));
  let low = 0;
  let syllable = 0;
  for (let i = toneEnd; i < n; i++) {
    // The envelope changes slowly: once every 10 ms is enough. Bursts of about four syllables a
    // second, with pauses between words.
    if (i % 80 === 0 || i === toneEnd) {
      const t = i / sampleRate;
      syllable = 14000 * Math.max(0, Math.sin(2 * Math.PI * 4 * t)) * (Math.sin(2 * Math.PI * 0.7 * t) > -0.3 ? 1 : 0.1);
    }
    low += 0.25 * (noise() - low);
    samples[i] = Math.round(syllable * low);
  }
  return wavFile(samples);
}
