import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberPieces, Prompts } from './prompts';
import { readWav } from './testing/hearing';
import { writeTone } from './tone';

const said: Record<string, string> = { ten: '十', two: '两', ...Object.fromEntries([...'一二三四五六七八九'].map((d, i) => [`digit-${i + 1}`, d])) };
const chinese = (n: number) =>
  numberPieces(n, false)
    .map((p) => said[p])
    .join('');

describe('the callers’ prompts', () => {
  it('reads 1 to 99 in Mandarin from the pieces: 三, 十二, 二十, 四十五; a count of two is 两', () => {
    expect([3, 10, 12, 20, 45, 99].map(chinese)).toEqual(['三', '十', '十二', '二十', '四十五', '九十九']);
    expect(numberPieces(2, true)).toEqual(['two']);
    expect(numberPieces(2, false)).toEqual(['digit-2']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (n) => {
        const text = chinese(n);
        // Read back: tens before 十 (one if none), ones after it.
        const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
        const digit = (d: string) => [...'一二三四五六七八九'].indexOf(d) + 1;
        const value = (text.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + (ones ? digit(ones!) : 0);
        expect(value).toBe(n);
      }),
    );
  });

  it('speaks the missing pieces with espeak-ng, keeps a recording an administrator put in a piece’s place, and plays both at 8 kHz', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banzu-prompts-'));
    try {
      // The administrator's own recording of 分钟。 at CD quality, stereo: converted, not replaced.
      await writeTone(join(dir, 'minutes-source.wav'), { hz: 300, seconds: 1 });
      await new Promise((resolve, reject) =>
        execFile('sox', [join(dir, 'minutes-source.wav'), '-r', '44100', '-c', '2', join(dir, 'minutes.wav')], (err) => (err ? reject(err) : resolve(null))),
      );
      const recorded = (await stat(join(dir, 'minutes.wav'))).mtimeMs;
      const prompts = await Prompts.prepare(join(dir));
      expect((await stat(join(dir, 'minutes.wav'))).mtimeMs).toBe(recorded);
      expect((await stat(join(dir, 'position-before.wav'))).size).toBeGreaterThan(1000);
      const { file, ms } = await prompts.position(3, 150);
      const played = await readWav(file);
      expect(played.rate).toBe(8000);
      expect(played.samples.length).toBe(Math.round((ms * 8000) / 1000));
      // 您现在排在第 三 位，预计等待 三 分钟。如需回电，请按1。: several seconds, the recorded 分钟 among them.
      expect(ms).toBeGreaterThan(3000);
      const again = await prompts.position(3, 150);
      expect(again.file).toBe(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
