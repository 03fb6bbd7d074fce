import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The pieces every prompt is put together from, and what espeak-ng's Mandarin voice says for each
 * when no recording of it is there. Numbers are read digit by digit from 一 … 九 and 十, so twenty
 * pieces say any position and wait up to 99.
 */
const pieces = {
  'position-before': '您现在排在第',
  'position-after': '位，预计等待',
  minutes: '分钟。',
  'under-a-minute': '不到一分钟。',
  'callback-hint': '如需回电，请按1。',
  'callback-confirmed': '好的，轮到您时我们会给您回电，再见。',
  closed: '您好，现在是非工作时间，请在工作时间内来电，谢谢。',
  ten: '十',
  two: '两',
  ...Object.fromEntries(['一', '二', '三', '四', '五', '六', '七', '八', '九'].map((digit, i) => [`digit-${i + 1}`, digit])),
} as Readonly<Record<string, string>>;

/** A prompt ready for rtpengine's `play media`: an 8 kHz mono 16-bit WAV, and how long it plays. */
export interface PromptFile {
  file: string;
  ms: number;
}

const rate = 8000;
const gap = new Int16Array(rate * 0.06);

/**
 * The callers' announcements: position and estimated wait, the after-hours message and the
 * callback key's confirmation, in Mandarin. The pieces live in `<dir>/` as WAV files; the ones
 * missing at start are spoken by espeak-ng (`-v cmn`) once, so a recording an administrator puts
 * there under the same name (any rate or channels sox reads) is kept and used instead. Each is
 * converted to what `play media` plays cleanly (8 kHz mono 16-bit, silence trimmed) under
 * `<dir>/playable/`, and a prompt is the pieces' samples one after another.
 *
 * @example
 * const prompts = await Prompts.prepare('/var/lib/banzu/voice/prompts');
 * const { file, ms } = await prompts.position(3, 150); // 您现在排在第三位，预计等待三分钟。如需回电，请按1。
 */
export class Prompts {
  /** Composed prompts already written, by name. */
  private readonly made = new Map<string, Promise<PromptFile>>();

  private constructor(
    private readonly dir: string,
    private readonly samples: ReadonlyMap<string, Int16Array>,
  ) {}

  static async prepare(dir: string): Promise<Prompts> {
    const playable = join(dir, 'playable');
    await mkdir(playable, { recursive: true });
    const samples = new Map<string, Int16Array>();
    for (const [name, text] of Object.entries(pieces)) {
      const source = join(dir, `${name}.wav`);
      if (!(await exists(source))) await speak(text, source);
      const target = join(playable, `${name}.wav`);
      if (!(await exists(target)) || (await stat(target)).mtimeMs < (await stat(source)).mtimeMs) await toPlayable(source, target);
      samples.set(name, readPcm(await readFile(target), target));
    }
    return new Prompts(playable, samples);
  }

  /** 您现在排在第N位，预计等待M分钟（不到一分钟）。如需回电，请按1。 */
  position(position: number, estimatedWaitSeconds: number): Promise<PromptFile> {
    const minutes = Math.min(99, Math.ceil(estimatedWaitSeconds / 60));
    const wait = minutes === 0 ? ['under-a-minute'] : [...numberPieces(minutes, true), 'minutes'];
    const ordinal = numberPieces(Math.max(1, Math.min(99, position)), false);
    return this.compose(`position-${ordinal.join('_')}-${minutes}`, ['position-before', ...ordinal, 'position-after', ...wait, 'callback-hint']);
  }

  /**
   * The after-hours message: the router's `closed` (the default) is the recorded or generated
   * piece; a center's own text is spoken by espeak-ng the first time it is needed.
   */
  async closed(message: string): Promise<PromptFile> {
    if (message === 'closed') return this.compose('closed', ['closed']);
    const name = `closed-${createHash('sha1').update(message).digest('hex').slice(0, 12)}`;
    let made = this.made.get(name);
    if (!made) {
      made = (async () => {
        const source = join(this.dir, `${name}-source.wav`);
        const file = join(this.dir, `${name}.wav`);
        await speak(message, source);
        await toPlayable(source, file);
        return { file, ms: (readPcm(await readFile(file), file).length * 1000) / rate };
      })();
      this.made.set(name, made);
      made.catch(() => this.made.delete(name));
    }
    return made;
  }

  callbackConfirmed(): Promise<PromptFile> {
    return this.compose('callback-confirmed', ['callback-confirmed']);
  }

  private compose(name: string, parts: readonly string[]): Promise<PromptFile> {
    let made = this.made.get(name);
    if (!made) {
      const file = join(this.dir, `prompt-${name}.wav`);
      // A short pause between pieces, as a person reading them would make.
      const chunks = parts.flatMap((p, i) => (i === 0 ? [this.samples.get(p)!] : [gap, this.samples.get(p)!]));
      const all = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      // Written aside and renamed: rtpengine never reads half a file.
      made = writeFile(`${file}.part`, monoWav(all))
        .then(() => rename(`${file}.part`, file))
        .then(() => ({ file, ms: (all.length * 1000) / rate }));
      this.made.set(name, made);
      made.catch(() => this.made.delete(name));
    }
    return made;
  }
}

/** The pieces that read 1 … 99 in Mandarin: 三, 十二, 二十, 四十五; a count of two is 两 (两分钟). */
export function numberPieces(n: number, counting: boolean): string[] {
  if (n === 2 && counting) return ['two'];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return [`digit-${ones}`];
  return [...(tens > 1 ? [`digit-${tens}`] : []), 'ten', ...(ones > 0 ? [`digit-${ones}`] : [])];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function speak(text: string, file: string): Promise<void> {
  await run('espeak-ng', ['-v', 'cmn', '-w', file, text]);
}

/** 8 kHz mono 16-bit, the silence before and after trimmed (pieces follow each other closely), a little headroom. */
async function toPlayable(source: string, target: string): Promise<void> {
  await run('sox', [
    source,
    '-r',
    String(rate),
    '-c',
    '1',
    '-b',
    '16',
    `${target}.part.wav`,
    'silence',
    '1',
    '0.02',
    '1%',
    'reverse',
    'silence',
    '1',
    '0.02',
    '1%',
    'reverse',
    'gain',
    '-n',
    '-3',
  ]);
  await rename(`${target}.part.wav`, target);
}

/** The samples of an 8 kHz mono 16-bit WAV (as `toPlayable` writes it). */
function readPcm(bytes: Buffer, name: string): Int16Array {
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      const data = bytes.subarray(offset + 8, offset + 8 + Math.min(size, bytes.length - offset - 8));
      const out = new Int16Array(Math.floor(data.length / 2));
      for (let i = 0; i < out.length; i++) out[i] = data.readInt16LE(i * 2);
      return out;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${name} has no audio data`);
}

function monoWav(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.length * 2, 40);
  const body = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) body.writeInt16LE(samples[i]!, i * 2);
  return Buffer.concat([header, body]);
}
