import { connect } from 'node:net';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startChild, type Child } from '../child';

export interface PhoneOptions {
  /** The phone's own directory: configuration and what it heard. */
  dir: string;
  /** SIP user: an agent's 工号 for a desk phone, the caller's number for a caller. */
  user: string;
  /** The proxy it registers with and calls through. */
  proxy: { address: string; port: number };
  /** baresip takes this port for SIP and the next one for TLS. */
  sipPort: number;
  /** Its control port (ctrl_tcp). */
  controlPort: number;
  rtpPorts: { min: number; max: number };
  /** What it says: a WAV file it sends as its microphone. */
  voice: string;
  /** A desk phone registers and answers every call at once; a caller does neither. */
  deskPhone: boolean;
  /** A customer reached through the trunk: it does not register, and answers every call at once. */
  customer?: boolean;
  /** A desk phone that rings and is never picked up (the ring-no-answer case). */
  unanswered?: boolean;
  /** The SIP password it answers a challenge with (a desk phone's registration always needs one). */
  password?: string;
}

/**
 * A baresip softphone for tests: it speaks a WAV file and records what it hears. One process per
 * call: baresip's recorder writes only the first call of a process.
 */
export class Phone {
  private constructor(
    private readonly options: PhoneOptions,
    private readonly child: Child,
  ) {}

  static async start(options: PhoneOptions): Promise<Phone> {
    const heard = join(options.dir, 'heard');
    await mkdir(heard, { recursive: true });
    const { address, port } = options.proxy;
    await writeFile(
      join(options.dir, 'config'),
      [
        'poll_method epoll',
        `net_interface ${address}`,
        `sip_listen ${address}:${options.sipPort}`,
        `ctrl_tcp_listen ${address}:${options.controlPort}`,
        `rtp_ports ${options.rtpPorts.min}-${options.rtpPorts.max}`,
        `audio_path ${options.dir}`,
        `audio_source aufile,${options.voice}`,
        // aubridge's player with no source behind it: the sound goes nowhere, the recorder keeps it.
        'audio_player aubridge,nowhere',
        'audio_alert aubridge,nowhere',
        'module_path /usr/lib/baresip/modules',
        ...['g711', 'aufile', 'aubridge', 'sndfile', 'account', 'menu', 'ctrl_tcp'].map((m) => `module ${m}.so`),
        `snd_path ${heard}`,
        '',
      ].join('\n'),
    );
    const account = `<sip:${options.user}@${address}:${port}>;audio_codecs=PCMU;${options.deskPhone ? `regint=60;answermode=${options.unanswered ? 'manual' : 'auto'}` : options.customer ? 'regint=0;answermode=auto' : 'regint=0'}${options.password ? `;auth_pass=${options.password}` : ''}`;
    await writeFile(join(options.dir, 'accounts'), `${account}\n`);
    const phone = new Phone(options, startChild(`baresip ${options.user}`, 'baresip', ['-f', options.dir], options.dir));
    await phone.until(() => phone.child.output().includes('baresip is ready'), 'start');
    return phone;
  }

  /** Its SIP user: the agent's 工号, or the caller's number. */
  get user(): string {
    return this.options.user;
  }

  /** What it printed, for a failing test's message. */
  output(): string {
    return this.child.output();
  }

  /** Resolves once the registrar accepted the desk phone. */
  registered(): Promise<void> {
    return this.until(() => /200 OK .*binding/.test(this.child.output()), 'register');
  }

  async dial(number: string): Promise<void> {
    await this.command('dial', `sip:${number}@${this.options.proxy.address}:${this.options.proxy.port}`);
  }

  /** Presses a key during the call: an RFC 4733 telephone event. */
  async pressKey(key: string): Promise<void> {
    await this.command('sndcode', key);
  }

  async hangUp(): Promise<void> {
    await this.command('hangup');
  }

  /** Seconds of audio heard so far. */
  async secondsHeard(): Promise<number> {
    const file = await this.heardFile();
    return file ? ((await stat(file)).size - 44) / 16_000 : 0;
  }

  /** The file of what it heard (8 kHz mono WAV), once the call started. */
  async heardFile(): Promise<string | null> {
    const dir = join(this.options.dir, 'heard');
    const name = (await readdir(dir)).find((f) => f.endsWith('-dec.wav'));
    return name ? join(dir, name) : null;
  }

  /** Quits baresip, which closes its recording. */
  async stop(): Promise<void> {
    await this.command('quit').catch(() => {});
    await Promise.race([this.child.exited, new Promise((r) => setTimeout(r, 5000))]);
    await this.child.stop();
  }

  /** Polls until `condition` holds, failing with baresip's output after `timeoutMs`. */
  async until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.child.exited.then(() => {
      exited = true;
    });
    while (!(await condition())) {
      if (exited || Date.now() > deadline) throw new Error(`${this.child.name} did not ${what}:\n${this.child.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** One ctrl_tcp command: a JSON object in a netstring; resolves once baresip replied. */
  private command(command: string, params?: string): Promise<void> {
    const json = JSON.stringify({ command, params: params ?? '', token: command });
    const frame = `${Buffer.byteLength(json)}:${json},`;
    return new Promise((resolve, reject) => {
      const socket = connect(this.options.controlPort, this.options.proxy.address, () => socket.write(frame));
      socket.setTimeout(10_000, () => socket.destroy(new Error(`baresip did not answer ${command}`)));
      socket.once('data', () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
      socket.once('close', () => resolve());
    });
  }
}
