import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { MonitorMode } from '@banzu/core';
import { decodeG711 } from './recording';
import { audioStream } from './sdp';

/**
 * A small G.711 conference mixer in Banzu: rtpengine 10.5 relays and plays, but does not mix. Each
 * participant of a room is one RTP endpoint (a UDP socket of its own); every 20 ms each listener is
 * sent the sum of what the participants it hears sent, so each hears everyone it may except itself.
 * Made for tens of calls on one machine (docs/voice.md: why not Janus).
 */

/** 20 ms of 8 kHz audio: the packet every phone and rtpengine sends. */
const frame = 160;
const frameMs = 20;
/** Audio waits this many frames after an underrun before it plays again: jitter of the sender and of this loop. */
const prebufferFrames = 3;
/** More than this queued is cut down to `prebufferFrames`: a sender that runs fast must not make the delay grow. */
const maxBufferedFrames = 12;
/** The payload types the mixer speaks, in order of preference. */
const codecs = [
  { pt: 0, name: 'PCMU/8000' },
  { pt: 8, name: 'PCMA/8000' },
];

/** Whom each participant of a room hears (the caller is `caller`; agents and supervisors by id). */
export type Hearing = ReadonlyMap<string, readonly string[]>;

/** Who is on a customer call in the mixer, and how: what `hearing` turns into who hears whom. */
export interface RoomPlan {
  /** Agents talking with the caller (one, or several in a conference). */
  talking: readonly string[];
  /** An agent consulting another while the caller holds: the two hear each other and nobody else hears them. */
  consult: { agentId: string; targetId: string } | null;
  /** Supervisors on the call: listen (hears all, heard by nobody), whisper (heard by the agents), barge (heard by all). */
  monitors: ReadonlyMap<string, MonitorMode>;
}

/**
 * Who hears whom on a call: the caller hears the agents talking with it and a barging supervisor;
 * each talking agent hears the caller, the other talking agents and a whispering or barging
 * supervisor (and, consulting, the consulted agent); the consulted agent hears the one consulting;
 * a supervisor hears the caller and every agent. Nobody hears themself, and a listening supervisor
 * is heard by nobody. While the caller holds, rtpengine plays the music and blocks both ways.
 *
 * @example
 * hearing({ talking: ['8001'], consult: null, monitors: new Map([['9001', 'whisper']]) });
 * // caller ← 8001; 8001 ← caller, 9001; 9001 ← caller, 8001
 */
export function hearing(plan: RoomPlan): Hearing {
  const heard = new Map<string, string[]>();
  const supervisors = [...plan.monitors];
  const speaking = (...modes: MonitorMode[]) => supervisors.filter(([, mode]) => modes.includes(mode)).map(([id]) => id);
  const agents = [...plan.talking, ...(plan.consult && !plan.talking.includes(plan.consult.targetId) ? [plan.consult.targetId] : [])];
  heard.set('caller', [...plan.talking, ...speaking('barge')]);
  for (const agentId of plan.talking) {
    const consulted = plan.consult?.agentId === agentId ? [plan.consult.targetId] : [];
    heard.set(agentId, ['caller', ...plan.talking.filter((a) => a !== agentId), ...consulted, ...speaking('whisper', 'barge')]);
  }
  if (plan.consult && !plan.talking.includes(plan.consult.targetId)) heard.set(plan.consult.targetId, [plan.consult.agentId]);
  for (const [supervisorId] of supervisors) heard.set(supervisorId, ['caller', ...agents]);
  return heard;
}

/** Media ports, both included (`BANZU_RTP_PORTS`). */
export interface PortRange {
  min: number;
  max: number;
}

/**
 * The even ports of the media range where the mixer's places bind, taken from the top down (rtpengine
 * takes the same range from the bottom up; either skips a port the other holds), and round again.
 * Inside the range, so a firewall that lets the media ports through lets the mixer's through too.
 */
class MixerPorts {
  private next: number;

  constructor(private readonly range: PortRange) {
    this.next = this.top();
  }

  /** Binds a socket on the next free even port of the range. */
  async bind(address: string, onError: (err: unknown) => void): Promise<{ socket: Socket; port: number }> {
    const count = Math.floor((this.top() - this.range.min) / 2) + 1;
    for (let tried = 0; tried < count; tried++) {
      const port = this.next;
      this.next = port - 2 < this.range.min ? this.top() : port - 2;
      const socket = createSocket('udp4');
      const bound = await new Promise<boolean>((resolve, reject) => {
        socket.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err)));
        socket.bind(port, address, () => resolve(true));
      }).catch((err: unknown) => {
        socket.close();
        throw err;
      });
      if (bound) {
        socket.removeAllListeners('error');
        socket.on('error', onError);
        return { socket, port };
      }
      socket.close();
    }
    throw new Error(`no free port for the mixer in the media ports ${this.range.min}-${this.range.max}`);
  }

  /** The highest even port of the range. */
  private top(): number {
    return this.range.max % 2 === 0 ? this.range.max : this.range.max - 1;
  }
}

/**
 * The rooms of one machine and the clock that mixes them: one loop every 20 ms for all rooms, and
 * none while there are no rooms.
 *
 * @example
 * const mixer = new Mixer('127.0.0.1', { min: 30000, max: 30999 }, onError);
 * const room = mixer.room();
 * const caller = await room.add('caller');
 */
export class Mixer {
  private readonly rooms = new Set<MixRoom>();
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private readonly ports: MixerPorts;

  constructor(
    private readonly address: string,
    ports: PortRange,
    private readonly onError: (err: unknown) => void,
  ) {
    this.ports = new MixerPorts(ports);
  }

  room(): MixRoom {
    const room = new MixRoom(this.address, this.ports, this.onError, () => {
      this.rooms.delete(room);
      if (this.rooms.size === 0) this.stop();
    });
    this.rooms.add(room);
    if (!this.timer) {
      this.next = performance.now() + frameMs;
      this.schedule();
    }
    return room;
  }

  close(): void {
    for (const room of [...this.rooms]) room.close();
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Mixes the frames that are due: each loop runs on the clock, not on the last timer (which drifts late). */
  private tick(): void {
    const now = performance.now();
    // Far behind (the machine stalled): start again from now instead of sending a burst.
    if (now - this.next > 10 * frameMs) this.next = now;
    while (this.next <= now) {
      for (const room of this.rooms) room.mix();
      this.next += frameMs;
    }
    if (this.rooms.size > 0) this.schedule();
  }

  /**
   * The next loop, once its time came and the packets that arrived meanwhile were read: a timer runs
   * before the event loop polls the sockets, and after a stall of the machine it would mix the frames
   * due without the packets waiting for it (a gap) and read them only afterwards (a longer delay).
   */
  private schedule(): void {
    const timer = setTimeout(() => setImmediate(() => this.timer === timer && this.tick()), Math.max(0, this.next - performance.now()));
    this.timer = timer;
  }
}

/** One call's participants in the mixer and who hears whom. */
export class MixRoom {
  private readonly participants = new Map<string, Participant>();
  private heard: Hearing = new Map();
  private closed = false;

  constructor(
    private readonly address: string,
    private readonly ports: MixerPorts,
    private readonly onError: (err: unknown) => void,
    private readonly onClose: () => void,
  ) {}

  /** A participant's endpoint, bound on an even port of the media range (RTP's convention; RTCP is not used). */
  async add(id: string): Promise<Participant> {
    const existing = this.participants.get(id);
    if (existing) return existing;
    const { socket, port } = await this.ports.bind(this.address, this.onError);
    const participant = new Participant(socket, this.address, port);
    if (this.closed) {
      participant.close();
      throw new Error('the call ended');
    }
    this.participants.set(id, participant);
    return participant;
  }

  get(id: string): Participant | undefined {
    return this.participants.get(id);
  }

  remove(id: string): void {
    this.participants.get(id)?.close();
    this.participants.delete(id);
  }

  setHearing(heard: Hearing): void {
    this.heard = heard;
  }

  /** One frame: each participant's next 20 ms in, each listener's mix out. */
  mix(): void {
    const frames = new Map<string, Int16Array | null>();
    for (const [id, participant] of this.participants) frames.set(id, participant.take());
    for (const [id, listener] of this.participants) {
      if (!listener.sending) continue;
      const sum = new Int32Array(frame);
      for (const source of this.heard.get(id) ?? []) {
        const samples = frames.get(source);
        if (!samples) continue;
        for (let i = 0; i < frame; i++) sum[i]! += samples[i]!;
      }
      listener.send(sum);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const participant of this.participants.values()) participant.close();
    this.participants.clear();
    this.onClose();
  }
}

/** One RTP endpoint of a room: what its phone (or rtpengine) sends in, its mix out. */
export class Participant {
  /** Sends its mix only once told: a phone must not get two streams at once while it is moved here. */
  sending = false;
  private remote: { address: string; port: number } | null = null;
  private payloadType = 0;
  private readonly buffer = new Int16Array(frame * (maxBufferedFrames + 4));
  private buffered = 0;
  private playing = false;
  private readonly ssrc = randomInt(2 ** 32);
  private seq = randomInt(2 ** 16);
  private timestamp = randomInt(2 ** 32);

  constructor(
    private readonly socket: Socket,
    private readonly address: string,
    readonly port: number,
  ) {
    socket.on('message', (packet, from) => this.receive(packet, from));
  }

  /** An offer for a phone: G.711 both ways. */
  offer(): string {
    return this.sdp(codecs);
  }

  /** The answer to an offer (rtpengine's toward the agents): the first G.711 codec offered; the other side is connected too. */
  answer(offer: string): string {
    const { payloadTypes } = audioStream(offer);
    const codec = codecs.find((c) => c.pt === Number(payloadTypes.find((pt) => codecs.some((c) => String(c.pt) === pt))));
    if (!codec) throw new Error(`the offer has no G.711 codec (payload types ${payloadTypes.join(' ')})`);
    this.payloadType = codec.pt;
    this.connect(offer);
    return this.sdp([codec]);
  }

  /** Where the other side receives (its SDP), and the codec it chose when that SDP is an answer to `offer()`. */
  connect(sdp: string): void {
    const stream = audioStream(sdp);
    const chosen = codecs.find((c) => String(c.pt) === stream.payloadTypes.find((pt) => codecs.some((x) => String(x.pt) === pt)));
    if (chosen) this.payloadType = chosen.pt;
    this.remote = { address: stream.address ?? this.address, port: stream.port };
  }

  /** The next 20 ms it sent, or null while it has nothing to play (silence, an underrun, not started). */
  take(): Int16Array | null {
    if (!this.playing && this.buffered >= frame * prebufferFrames) this.playing = true;
    if (!this.playing) return null;
    if (this.buffered < frame) {
      this.playing = false;
      return null;
    }
    const out = this.buffer.slice(0, frame);
    this.buffer.copyWithin(0, frame, this.buffered);
    this.buffered -= frame;
    return out;
  }

  send(sum: Int32Array): void {
    if (!this.remote) return;
    const packet = Buffer.alloc(12 + frame);
    packet[0] = 0x80;
    packet[1] = this.payloadType;
    packet.writeUInt16BE(this.seq, 2);
    packet.writeUInt32BE(this.timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    const encode = this.payloadType === 8 ? alawEncode : ulawEncode;
    for (let i = 0; i < frame; i++) packet[12 + i] = encode(Math.max(-32768, Math.min(32767, sum[i]!)));
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + frame) >>> 0;
    this.socket.send(packet, this.remote.port, this.remote.address);
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      // Closed already.
    }
  }

  private receive(packet: Buffer, from: { address: string; port: number }): void {
    if (packet.length < 12 || packet[0]! >> 6 !== 2) return;
    const csrcCount = packet[0]! & 0x0f;
    let offset = 12 + csrcCount * 4;
    if (packet[0]! & 0x10 && packet.length >= offset + 4) offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    const end = packet[0]! & 0x20 ? packet.length - packet[packet.length - 1]! : packet.length;
    const samples = decodeG711(packet[1]! & 0x7f, packet.subarray(offset, end));
    // DTMF events and comfort noise are not mixed.
    if (!samples) return;
    // Symmetric RTP: answer where it really sends from (a phone behind NAT, a relay's own port).
    this.remote = { address: from.address, port: from.port };
    if (this.buffered + samples.length > this.buffer.length - frame || this.buffered > frame * maxBufferedFrames) {
      const keep = frame * prebufferFrames;
      this.buffer.copyWithin(0, this.buffered - keep, this.buffered);
      this.buffered = keep;
    }
    this.buffer.set(samples, this.buffered);
    this.buffered += samples.length;
  }

  private sdp(offered: readonly { pt: number; name: string }[]): string {
    return [
      'v=0',
      `o=banzu-mixer ${this.port} 1 IN IP4 ${this.address}`,
      's=banzu',
      `c=IN IP4 ${this.address}`,
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${offered.map((c) => c.pt).join(' ')}`,
      ...offered.map((c) => `a=rtpmap:${c.pt} ${c.name}`),
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
  }
}

/** A 16-bit sample as G.711 μ-law (ITU-T G.711, with the usual bias and clip). */
export function ulawEncode(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return ~magnitude & 0xff;
}

/** A 16-bit sample as G.711 A-law. */
export function alawEncode(sample: number): number {
  const sign = sample >= 0 ? 0x80 : 0;
  const magnitude = Math.min(sample >= 0 ? sample : -sample - 1, 32767);
  let compressed: number;
  if (magnitude < 256) compressed = magnitude >> 4;
  else {
    let exponent = 7;
    for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 1; mask >>= 1) exponent--;
    compressed = (exponent << 4) | ((magnitude >> (exponent + 3)) & 0x0f);
  }
  return (compressed | sign) ^ 0x55;
}
