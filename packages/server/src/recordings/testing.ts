import { expect } from 'vitest';

/** What a player needs from the header: a RIFF/WAVE file of PCM samples, and how long it plays. For tests. */
export function readWav(file: Buffer) {
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
