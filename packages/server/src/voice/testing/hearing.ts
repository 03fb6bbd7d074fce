import { readFile } from 'node:fs/promises';

/** A mono 16-bit PCM WAV's samples and rate; the data runs to the end of the file even if the header's size is stale. */
export async function readWav(file: string): Promise<{ rate: number; samples: Int16Array }> {
  const { rate, channels } = wavChannels(await readFile(file), file);
  if (channels.length !== 1) throw new Error(`${file} is not mono`);
  return { rate, samples: channels[0]! };
}

/** Each channel's samples of a 16-bit PCM WAV (a recording is stereo: the caller left, the agent right). */
export function wavChannels(bytes: Buffer, name = 'the audio'): { rate: number; channels: Int16Array[] } {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') throw new Error(`${name} is not a WAV file`);
  let offset = 12;
  let rate = 0;
  let count = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      count = bytes.readUInt16LE(offset + 10);
      if (bytes.readUInt16LE(offset + 8) !== 1 || bytes.readUInt16LE(offset + 22) !== 16) throw new Error(`${name} is not 16-bit PCM`);
      rate = bytes.readUInt32LE(offset + 12);
    }
    if (id === 'data') {
      const data = bytes.subarray(offset + 8);
      const frames = Math.floor(data.length / 2 / count);
      const channels = Array.from({ length: count }, () => new Int16Array(frames));
      for (let i = 0; i < frames; i++) for (let c = 0; c < count; c++) channels[c]![i] = data.readInt16LE((i * count + c) * 2);
      return { rate, channels };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${name} has no audio data`);
}

/** The share of a block's energy at one frequency (Goertzel): about 1 for a pure tone at that frequency, about 0 for others. */
export function toneShare(block: ArrayLike<number>, rate: number, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let previous = 0;
  let beforePrevious = 0;
  let energy = 0;
  for (let i = 0; i < block.length; i++) {
    const x = block[i]!;
    energy += x * x;
    const current = x + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  if (energy === 0) return 0;
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * power) / (block.length * energy);
}

/**
 * For each second of audio, which of the candidate tones dominates it (more than half its energy),
 * or null for silence and anything else.
 *
 * @example
 * dominantTones(samples, 8000, [440, 660, 1000]); // [1000, 1000, null, 660, 660, 660]
 */
export function dominantTones(samples: Int16Array, rate: number, candidates: readonly number[]): (number | null)[] {
  const seconds: (number | null)[] = [];
  for (let start = 0; start + rate <= samples.length; start += rate) {
    const block = samples.subarray(start, start + rate);
    let loudEnough = false;
    for (const x of block) if (Math.abs(x) > 300) loudEnough = true;
    const shares = candidates.map((hz) => ({ hz, share: loudEnough ? toneShare(block, rate, hz) : 0 }));
    const best = shares.reduce((a, b) => (b.share > a.share ? b : a));
    seconds.push(best.share > 0.5 ? best.hz : null);
  }
  return seconds;
}

/**
 * For each second of audio, every candidate tone that carries a fair share of it: what a listener to
 * a mix of several voices heard (two equal voices have about half the energy each, three a third).
 *
 * @example
 * presentTones(samples, 8000, [440, 660, 880]); // [[440], [440, 660], [], …]
 */
export function presentTones(samples: Int16Array, rate: number, candidates: readonly number[], minShare = 0.12): number[][] {
  const seconds: number[][] = [];
  for (let start = 0; start + rate <= samples.length; start += rate) {
    const block = samples.subarray(start, start + rate);
    let loudEnough = false;
    for (const x of block) if (Math.abs(x) > 300) loudEnough = true;
    seconds.push(loudEnough ? candidates.filter((hz) => toneShare(block, rate, hz) >= minShare) : []);
  }
  return seconds;
}
