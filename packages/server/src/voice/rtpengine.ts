import { Client } from 'rtpengine-client';
import { join } from 'node:path';
import { startChild, stopLeftover, waitUntilReady, type Child } from './child';

export interface RtpengineOptions {
  address: string;
  /** The ng control port (UDP). */
  ngPort: number;
  /** The media ports it may use, both included. */
  rtpPorts: { min: number; max: number };
  /** Where it writes recorded calls as pcap files (`pcaps/<call-id>-<random>.pcap`); no recording without it. */
  recordingDir?: string;
  /** Where it sends each key a caller presses (JSON over UDP on `address`), see `listenForKeys`. */
  dtmfLogPort?: number;
}

/**
 * Starts rtpengine forwarding in userspace (the kernel module is for production scale and cannot be
 * loaded everywhere); resolves once it answers an ng ping. Stop it gracefully: it has dumped core
 * when killed after many calls.
 *
 * @example
 * const rtpengine = await startRtpengine(dataDir, { address: '127.0.0.1', ngPort: 2223, rtpPorts: { min: 30000, max: 30999 } });
 */
export async function startRtpengine(dir: string, options: RtpengineOptions): Promise<Child> {
  const pidFile = join(dir, 'rtpengine.pid');
  await stopLeftover(pidFile, 'rtpengine');
  const child = startChild(
    'rtpengine',
    'rtpengine',
    [
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--log-level=5',
      '--table=-1',
      `--interface=${options.address}`,
      `--listen-ng=${options.address}:${options.ngPort}`,
      `--port-min=${options.rtpPorts.min}`,
      `--port-max=${options.rtpPorts.max}`,
      '--num-threads=2',
      '--delete-delay=0',
      `--pidfile=${pidFile}`,
      // pcap, not the recording daemon: the daemon reads packets from the kernel module's /proc
      // interface, and forwarding in userspace has none (docs/voice.md).
      ...(options.dtmfLogPort ? [`--dtmf-log-dest=${options.address}:${options.dtmfLogPort}`] : []),
      ...(options.recordingDir ? [`--recording-dir=${options.recordingDir}`, '--recording-method=pcap', '--recording-format=raw'] : []),
    ],
    dir,
  );
  const probe = new MediaRelay(options.address, options.ngPort, 500);
  try {
    await waitUntilReady(child, () => probe.ping());
  } finally {
    probe.close();
  }
  return child;
}

/**
 * The flags every offer and answer carries: plain RTP on this side, rtpengine's own address in the
 * SDP, and its ports kept when the other side's change (without `port-latching`, answering again
 * with the agent's SDP moves the caller's side to a new port, which the caller is never told of).
 */
const plainRtp = { flags: ['port-latching'], replace: ['origin', 'session-connection'], ICE: 'remove', 'transport-protocol': 'RTP/AVP' };

/** One side of an rtpengine call: the call and the tag of the party. */
export interface MediaParty {
  callId: string;
  tag: string;
}

/** What the B2BUA asks of the media relay. */
export type MediaControl = Pick<MediaRelay, 'offer' | 'answer' | 'play' | 'playOnce' | 'stopPlaying' | 'block' | 'unblock' | 'startRecording' | 'delete'>;

/**
 * rtpengine's ng protocol as the B2BUA uses it: one rtpengine call per customer call, the caller
 * on one side and the agent side on the other.
 *
 * @example
 * const relay = new MediaRelay('127.0.0.1', 2223);
 * const towardAgent = await relay.offer({ callId, tag: callerTag }, callerSdp);
 */
export class MediaRelay {
  private readonly client: Client;

  constructor(
    private readonly address: string,
    private readonly port: number,
    timeoutMs = 5000,
    onError: (err: unknown) => void = () => {},
  ) {
    this.client = new Client({ localAddress: address, timeout: timeoutMs });
    // A datagram the client cannot read (anything that reaches its port) is an 'error' event, which
    // unheard would end the process: it is told instead, and a reply it spoiled times out.
    this.client.on('error', onError);
  }

  async ping(): Promise<boolean> {
    const reply = await this.client.ping(this.port, this.address);
    return String(reply.result) === 'pong';
  }

  /**
   * The caller's offer in; the SDP to offer the other side out. With `toTag` the other side is known
   * by its tag from now on, before it answers: it can be blocked at once.
   */
  async offer(from: MediaParty, sdp: string, toTag?: string): Promise<string> {
    return this.sdpOf(await this.send('offer', { 'call-id': from.callId, 'from-tag': from.tag, ...(toTag ? { 'to-tag': toTag } : {}), sdp, ...plainRtp }));
  }

  /** The other side's answer in (again whenever it changes); the SDP to answer the caller out. */
  async answer(from: MediaParty, toTag: string, sdp: string): Promise<string> {
    return this.sdpOf(await this.send('answer', { 'call-id': from.callId, 'from-tag': from.tag, 'to-tag': toTag, sdp, ...plainRtp }));
  }

  /** Plays a file (WAV) to the party, over whatever it would hear, repeated until stopped. */
  async play(to: MediaParty, file: string): Promise<void> {
    await this.send('playMedia', { 'call-id': to.callId, 'from-tag': to.tag, file, 'repeat-times': 10_000 });
  }

  /** Plays a file (WAV) to the party once: an announcement. */
  async playOnce(to: MediaParty, file: string): Promise<void> {
    await this.send('playMedia', { 'call-id': to.callId, 'from-tag': to.tag, file });
  }

  async stopPlaying(to: MediaParty): Promise<void> {
    await this.send('stopMedia', { 'call-id': to.callId, 'from-tag': to.tag });
  }

  /** Stops forwarding what the party sends. */
  async block(from: MediaParty): Promise<void> {
    await this.send('blockMedia', { 'call-id': from.callId, 'from-tag': from.tag });
  }

  async unblock(from: MediaParty): Promise<void> {
    await this.send('unblockMedia', { 'call-id': from.callId, 'from-tag': from.tag });
  }

  /** Records what both sides send from now until the call is deleted (a pcap in the recording directory). */
  async startRecording(callId: string): Promise<void> {
    await this.send('startRecording', { 'call-id': callId });
  }

  async delete(callId: string): Promise<void> {
    await this.send('delete', { 'call-id': callId });
  }

  close(): void {
    this.client.close();
  }

  private async send(command: NgCommand, params: Record<string, unknown>): Promise<NgReply> {
    const reply = await this.client[command](this.port, this.address, params);
    if (String(reply.result) !== 'ok') {
      throw new Error(`rtpengine ${command} failed: ${String(reply['error-reason'] ?? reply.result)}`);
    }
    return reply;
  }

  private sdpOf(reply: NgReply): string {
    if (reply.sdp === undefined) throw new Error('rtpengine answered without SDP');
    return String(reply.sdp);
  }
}

type NgCommand = 'offer' | 'answer' | 'playMedia' | 'stopMedia' | 'blockMedia' | 'unblockMedia' | 'startRecording' | 'delete';
type NgReply = Record<string, unknown> & { result: unknown; sdp?: unknown };
