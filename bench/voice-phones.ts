/**
 * The voice bench's phones (bench/voice.bench.ts), in a process of their own: callers and agents'
 * phones as small SIP user agents, each leg sending a G.711 tone every 20 ms and keeping the times
 * it sent and received. Apart from the switch's process, so that sending and receiving ten thousand
 * packets a second neither delays the B2BUA nor is delayed by it. Driven over the IPC channel
 * (`PhonesRequest` in, `PhonesReply` out); times are ms since the epoch, comparable across processes.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createRequire } from 'node:module';
import sip, { type SipRequest, type SipResponse } from 'sip';
import { audioStream } from '../packages/server/src/voice/sdp';

export type PhonesRequest =
  | { type: 'register'; agents: string[]; password: string; sipPort: number; agentsPort: number; callersPort: number }
  | { type: 'call'; level: number; queueNumber: string }
  | { type: 'measure'; seconds: number }
  | { type: 'hang_up' }
  | { type: 'close' };

/** One leg's view of a measured window: how much it heard and its longest silences. */
export interface LegReport {
  /** Where it sends from (rtpengine's pcap names the source so). */
  source: string;
  lost: number;
  /** Longest silence it heard (as its event loop read the packets). */
  heardGap: number;
  /** Longest pause between two packets it sent. */
  sentGap: number;
}

export type PhonesReply =
  | { type: 'registered' }
  | { type: 'called'; inviteToRing: number[] }
  | { type: 'measured'; from: number; to: number; legs: LegReport[]; stall: number }
  | { type: 'hung_up' };

const digest = createRequire(import.meta.url)('sip/digest') as {
  signRequest(ctx: object, request: SipRequest, response: SipResponse, creds: { user: string; password: string }): void;
};

const address = '127.0.0.1';
const wall = () => performance.timeOrigin + performance.now();

/** One side's RTP: sends its tone every 20 ms once it knows where to, and keeps when it sent and received. */
class Leg {
  readonly socket: Socket = createSocket('udp4');
  port = 0;
  target: { address: string; port: number } | null = null;
  private seq = 0;
  /** When it started sending: a late timer tick sends what is due, so a busy load generator does not pass for loss. */
  private since = 0;
  private readonly ssrc = Math.floor(Math.random() * 2 ** 32);
  arrivals: number[] = [];
  sent: number[] = [];

  constructor(private readonly frames: Buffer[]) {}

  async open(): Promise<void> {
    this.socket.on('message', () => this.arrivals.push(wall()));
    await new Promise<void>((resolve) => this.socket.bind(0, address, resolve));
    this.port = this.socket.address().port;
  }

  send(now: number): void {
    if (!this.target) return;
    if (this.since === 0) this.since = now;
    while (this.seq <= (now - this.since) / 20) this.packet(this.target, now);
  }

  private packet(target: { address: string; port: number }, now: number): void {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = 0;
    header.writeUInt16BE(this.seq & 0xffff, 2);
    header.writeUInt32BE((this.seq * 160) >>> 0, 4);
    header.writeUInt32BE(this.ssrc, 8);
    const frame = this.frames[this.seq % this.frames.length]!;
    this.seq++;
    this.sent.push(now);
    this.socket.send(Buffer.concat([header, frame]), target.port, target.address);
  }

  sdp(): string {
    return `v=0\r\no=- 1 1 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio ${this.port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n`;
  }

  report(from: number, to: number): LegReport {
    const longest = (times: number[]) => {
      const all = [from, ...times.filter((t) => t >= from && t <= to), to];
      let gap = 0;
      for (let i = 1; i < all.length; i++) gap = Math.max(gap, all[i]! - all[i - 1]!);
      return gap;
    };
    const heard = this.arrivals.filter((t) => t >= from && t <= to).length;
    return { source: `${address}:${this.port}`, lost: Math.max(0, 1 - heard / ((to - from) / 20)), heardGap: longest(this.arrivals), sentGap: longest(this.sent) };
  }

  close(): void {
    this.socket.close();
  }
}

/** One second of a tone in μ-law, cut into 20 ms frames. */
function toneFrames(hz: number): Buffer[] {
  const frames: Buffer[] = [];
  for (let f = 0; f < 50; f++) {
    const frame = Buffer.alloc(160);
    for (let i = 0; i < 160; i++) frame[i] = mulaw(Math.round(8000 * Math.sin((2 * Math.PI * hz * (f * 160 + i)) / 8000)));
    frames.push(frame);
  }
  return frames;
}

function mulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + 132;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

const callerFrames = toneFrames(440);
const agentFrames = toneFrames(660);
const legs = new Set<Leg>();
// This process's own longest pause between ticks: a silence no longer than it is the phones', not the switch's.
let lastTick = wall();
let stall = 0;
const sender = setInterval(() => {
  const now = wall();
  stall = Math.max(stall, now - lastTick);
  lastTick = now;
  for (const leg of legs) leg.send(now);
}, 20);

let agentStack: ReturnType<typeof sip.create> | null = null;
let callerStack: ReturnType<typeof sip.create> | null = null;
let sipPort = 0;
let callersPort = 0;
const ringAt = new Map<string, number>();
const agentLegs = new Map<string, Leg>();
let calls: { number: string; leg: Leg; invitedAt: number; bye: () => Promise<void> }[] = [];
let serial = 0;

function reply(message: PhonesReply): void {
  process.send?.(message);
}

async function register(request: Extract<PhonesRequest, { type: 'register' }>): Promise<void> {
  sipPort = request.sipPort;
  callersPort = request.callersPort;
  const stack = sip.create({ address, port: request.agentsPort, publicAddress: 'bench-agents.invalid', tcp: false }, (rq) => {
    if (rq.method === 'INVITE') {
      ringAt.set(sip.parseUri(rq.headers.from.uri).user ?? '', wall());
      const leg = new Leg(agentFrames);
      void leg.open().then(() => {
        const offer = audioStream(rq.content ?? '');
        leg.target = { address: offer.address ?? address, port: offer.port };
        agentLegs.set(rq.headers['call-id'], leg);
        legs.add(leg);
        const to = { ...rq.headers.to, params: { ...rq.headers.to.params, tag: Math.random().toString(36).slice(2) } };
        stack.send(sip.makeResponse(rq, 200, 'OK', { headers: { to, contact: [{ uri: rq.uri, params: {} }], 'content-type': 'application/sdp' }, content: leg.sdp() }));
      });
      return;
    }
    if (rq.method === 'BYE') {
      const leg = agentLegs.get(rq.headers['call-id']);
      if (leg) {
        legs.delete(leg);
        agentLegs.delete(rq.headers['call-id']);
        leg.close();
      }
    }
    if (rq.method !== 'ACK') stack.send(sip.makeResponse(rq, 200, 'OK'));
  });
  agentStack = stack;
  callerStack = sip.create({ address, port: callersPort, publicAddress: 'bench-callers.invalid', tcp: false }, (rq) => {
    if (rq.method !== 'ACK') callerStack?.send(sip.makeResponse(rq, 200, 'OK'));
  });
  await Promise.all(
    request.agents.map(
      (user) =>
        new Promise<void>((resolve, reject) => {
          const uri = `sip:${user}@${address}:${sipPort}`;
          const send = (attempt: number, challenge?: SipResponse) => {
            const rq: SipRequest = {
              method: 'REGISTER',
              uri: `sip:${address}:${sipPort}`,
              headers: {
                to: { uri, params: {} },
                from: { uri, params: { tag: user } },
                'call-id': `register-${user}`,
                cseq: { seq: attempt, method: 'REGISTER' },
                contact: [{ uri: `sip:${user}@${address}:${request.agentsPort}`, params: {} }],
                expires: 3600,
                'max-forwards': 70,
              },
            };
            if (challenge) digest.signRequest({}, rq, challenge, { user, password: request.password });
            stack.send(rq, (rs) => {
              if (rs.status === 401 && attempt === 1) send(2, rs);
              else if (rs.status === 200) resolve();
              else if (rs.status >= 300) reject(new Error(`${user} could not register: ${rs.status}`));
            });
          };
          send(1);
        }),
    ),
  );
  reply({ type: 'registered' });
}

/** Places the level's calls, about 25 a second (as a busy center's peak would never reach), and tells each one's INVITE → ring once all rang. */
async function call(level: number, queueNumber: string): Promise<void> {
  const stack = callerStack!;
  calls = [];
  for (let i = 0; i < level; i++) {
    const number = `1390000${String(++serial).padStart(4, '0')}`;
    const leg = new Leg(callerFrames);
    await leg.open();
    const invite: SipRequest = {
      method: 'INVITE',
      uri: `sip:${queueNumber}@${address}:${sipPort}`,
      headers: {
        to: { uri: `sip:${queueNumber}@${address}:${sipPort}`, params: {} },
        from: { uri: `sip:${number}@${address}`, params: { tag: `c${serial}` } },
        'call-id': `bench-call-${serial}`,
        cseq: { seq: 1, method: 'INVITE' },
        contact: [{ uri: `sip:${number}@${address}:${callersPort}`, params: {} }],
        'max-forwards': 70,
        'content-type': 'application/sdp',
      },
      content: leg.sdp(),
    };
    const placed = { number, leg, invitedAt: wall(), bye: async () => {} };
    stack.send(invite, (rs) => {
      if (rs.status !== 200 || !rs.content) return;
      const answer = audioStream(rs.content);
      leg.target = { address: answer.address ?? address, port: answer.port };
      legs.add(leg);
      const inDialog = (method: string, seq: number): SipRequest => ({
        method,
        uri: rs.headers.contact?.[0]?.uri ?? invite.uri,
        headers: {
          to: rs.headers.to,
          from: invite.headers.from,
          'call-id': invite.headers['call-id'],
          cseq: { seq, method },
          via: [],
          'max-forwards': 70,
          ...(rs.headers['record-route'] ? { route: [...rs.headers['record-route']].reverse() } : {}),
        },
      });
      stack.send(inDialog('ACK', 1));
      placed.bye = () => new Promise<void>((resolve) => stack.send(inDialog('BYE', 2), () => resolve()));
    });
    calls.push(placed);
    await new Promise((r) => setTimeout(r, 40));
  }
  const deadline = wall() + 60_000;
  while (calls.some((c) => !ringAt.has(c.number)) && wall() < deadline) await new Promise((r) => setTimeout(r, 50));
  reply({ type: 'called', inviteToRing: calls.filter((c) => ringAt.has(c.number)).map((c) => ringAt.get(c.number)! - c.invitedAt) });
}

async function measure(seconds: number): Promise<void> {
  const from = wall();
  stall = 0;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const to = wall();
  const all = [...calls.map((c) => c.leg), ...agentLegs.values()];
  reply({ type: 'measured', from, to, legs: all.map((leg) => leg.report(from, to)), stall });
  for (const leg of all) {
    leg.arrivals = [];
    leg.sent = [];
  }
}

async function hangUp(): Promise<void> {
  for (const c of calls) legs.delete(c.leg);
  await Promise.all(calls.map((c) => c.bye()));
  for (const c of calls) c.leg.close();
  calls = [];
  reply({ type: 'hung_up' });
}

process.on('message', (request: PhonesRequest) => {
  const done = (err: unknown) => {
    console.error('phones:', err);
    process.exit(1);
  };
  if (request.type === 'register') register(request).catch(done);
  else if (request.type === 'call') call(request.level, request.queueNumber).catch(done);
  else if (request.type === 'measure') measure(request.seconds).catch(done);
  else if (request.type === 'hang_up') hangUp().catch(done);
  else {
    clearInterval(sender);
    for (const leg of legs) leg.close();
    agentStack?.destroy();
    callerStack?.destroy();
    process.disconnect?.();
  }
});
