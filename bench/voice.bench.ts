/**
 * Real voice benchmark (#14): how many concurrent recorded calls one machine carries through
 * Kamailio, rtpengine (forwarding in userspace) and the B2BUA, and how long a call takes from the
 * caller's INVITE to the ring of a ready agent's phone. Callers and agents' phones are small SIP
 * user agents in this process (baresip would take a process per call), each sending a G.711 tone
 * every 20 ms and counting what it receives; a stand-in for the router offers each call to a free
 * agent at once, bridges on the answer and records. Levels of concurrent calls rise to 100; a level
 * breaks when a leg misses more than 1 % of its packets, or hears nothing for 100 ms or more, in
 * eight seconds of talk (this process's own longest stall is printed beside it). rtpengine's CPU is read from /proc over the same seconds.
 *
 * Needs the Debian packages of docs/voice.md; skipped (no rows) without them. Runs on demand only:
 * `npm run bench voice`.
 */
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sip, { type SipRequest, type SipResponse } from 'sip';
import type { SwitchEvent } from '../packages/core/src/index';
import { sipHa1 } from '../packages/server/src/sip-accounts/index';
import { audioStream } from '../packages/server/src/voice/sdp';
import { startSipSwitch } from '../packages/server/src/voice/index';
import type { BenchResult } from './index';

const digest = createRequire(import.meta.url)('sip/digest') as {
  signRequest(ctx: object, request: SipRequest, response: SipResponse, creds: { user: string; password: string }): void;
};

const address = '127.0.0.1';
const base = 21_000;
const ports = { sip: base, b2bua: base + 1, ng: base + 2, agents: base + 10, callers: base + 11, rtp: { min: base + 100, max: base + 999 } };
const levels = [10, 25, 50, 75, 100];
const talkSeconds = 8;
const password = 'bench-password';
const queueNumber = '4008001001';

/** One side's RTP: sends its tone every 20 ms once it knows where to, and keeps the arrival times of what it receives. */
class Leg {
  readonly socket: Socket = createSocket('udp4');
  port = 0;
  target: { address: string; port: number } | null = null;
  private seq = 0;
  /** When it started sending: a late timer tick sends what is due, so a busy load generator does not pass for loss. */
  private since = 0;
  private readonly ssrc = Math.floor(Math.random() * 2 ** 32);
  arrivals: number[] = [];

  constructor(private readonly frames: Buffer[]) {}

  async open(): Promise<void> {
    this.socket.on('message', () => this.arrivals.push(performance.now()));
    await new Promise<void>((resolve) => this.socket.bind(0, address, resolve));
    this.port = this.socket.address().port;
  }

  send(now: number): void {
    if (!this.target) return;
    if (this.since === 0) this.since = now;
    while (this.seq <= (now - this.since) / 20) this.packet(this.target);
  }

  private packet(target: { address: string; port: number }): void {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = 0;
    header.writeUInt16BE(this.seq & 0xffff, 2);
    header.writeUInt32BE((this.seq * 160) >>> 0, 4);
    header.writeUInt32BE(this.ssrc, 8);
    const frame = this.frames[this.seq % this.frames.length]!;
    this.seq++;
    this.socket.send(Buffer.concat([header, frame]), target.port, target.address);
  }

  sdp(): string {
    return `v=0\r\no=- 1 1 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio ${this.port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n`;
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** rtpengine's CPU time so far, in seconds (utime + stime of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function installed(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v kamailio && command -v rtpengine && command -v espeak-ng && command -v sox'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default async function (): Promise<BenchResult[]> {
  if (!installed()) {
    console.log('voice.bench.ts: kamailio, rtpengine, sox or espeak-ng is not installed: skipped');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'banzu-bench-voice-'));
  const agents = Array.from({ length: Math.max(...levels) }, (_, i) => `b${String(i + 1).padStart(3, '0')}`);
  let recordings = 0;
  const sw = await startSipSwitch({
    dir,
    address,
    sipPort: ports.sip,
    b2buaPort: ports.b2bua,
    ngPort: ports.ng,
    rtpPorts: ports.rtp,
    queueNumbers: { [queueNumber]: 'bench' },
    accounts: async () => agents.map((user) => ({ user, ha1: sipHa1(user, 'banzu', password) })),
    realm: 'banzu',
    trunks: [address],
    saveRecording: async () => void recordings++,
    onError: (err) => console.error('switch:', err),
  });
  const callerFrames = toneFrames(440);
  const agentFrames = toneFrames(660);
  const legs = new Set<Leg>();
  // The load generator's own longest pause between ticks: a silence no longer than it is this process's, not the switch's.
  let lastTick = performance.now();
  let stall = 0;
  const sender = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - lastTick);
    lastTick = now;
    for (const leg of legs) leg.send(now);
  }, 20);

  // The agents' phones: one SIP stack, each agent registered with its own Contact.
  const free = new Set(agents);
  const ringAt = new Map<string, number>();
  const agentLegs = new Map<string, Leg>();
  const agentStack = sip.create({ address, port: ports.agents, publicAddress: 'bench-agents.invalid', tcp: false }, (rq) => {
    if (rq.method === 'INVITE') {
      const number = sip.parseUri(rq.headers.from.uri).user ?? '';
      ringAt.set(number, performance.now());
      const leg = new Leg(agentFrames);
      void leg.open().then(() => {
        const offer = audioStream(rq.content ?? '');
        leg.target = { address: offer.address ?? address, port: offer.port };
        agentLegs.set(rq.headers['call-id'], leg);
        legs.add(leg);
        const to = { ...rq.headers.to, params: { ...rq.headers.to.params, tag: Math.random().toString(36).slice(2) } };
        agentStack.send(sip.makeResponse(rq, 200, 'OK', { headers: { to, contact: [{ uri: rq.uri, params: {} }], 'content-type': 'application/sdp' }, content: leg.sdp() }));
      });
      return;
    }
    if (rq.method === 'BYE') {
      const leg = agentLegs.get(rq.headers['call-id']);
      if (leg) {
        legs.delete(leg);
        leg.close();
      }
    }
    if (rq.method !== 'ACK') agentStack.send(sip.makeResponse(rq, 200, 'OK'));
  });
  await Promise.all(
    agents.map(
      (user) =>
        new Promise<void>((resolve, reject) => {
          const uri = `sip:${user}@${address}:${ports.sip}`;
          const register = (attempt: number, challenge?: SipResponse) => {
            const rq: SipRequest = {
              method: 'REGISTER',
              uri: `sip:${address}:${ports.sip}`,
              headers: {
                to: { uri, params: {} },
                from: { uri, params: { tag: user } },
                'call-id': `register-${user}`,
                cseq: { seq: attempt, method: 'REGISTER' },
                contact: [{ uri: `sip:${user}@${address}:${ports.agents}`, params: {} }],
                expires: 3600,
                'max-forwards': 70,
              },
            };
            if (challenge) digest.signRequest({}, rq, challenge, { user, password });
            agentStack.send(rq, (rs) => {
              if (rs.status === 401 && attempt === 1) register(2, rs);
              else if (rs.status === 200) resolve();
              else if (rs.status >= 300) reject(new Error(`${user} could not register: ${rs.status}`));
            });
          };
          register(1);
        }),
    ),
  );

  // A stand-in for the router: a ready agent for every call, bridged and recorded on the answer.
  const agentOf = new Map<string, string>();
  const bridged = new Set<string>();
  sw.port.onEvent((event: SwitchEvent) => {
    if (event.type === 'switch.call_arrived') {
      const agentId = free.values().next().value as string;
      free.delete(agentId);
      agentOf.set(event.callId, agentId);
      sw.port.execute([{ type: 'offer', callId: event.callId, agentId, ringTimeoutSeconds: 15 }]);
    } else if (event.type === 'switch.agent_answered') {
      sw.port.execute([
        { type: 'bridge', callId: event.callId, agentIds: [event.agentId] },
        { type: 'record', callId: event.callId },
      ]);
      bridged.add(event.callId);
    } else if (event.type === 'switch.caller_hung_up') {
      free.add(agentOf.get(event.callId)!);
      bridged.delete(event.callId);
    }
  });

  const callerStack = sip.create({ address, port: ports.callers, publicAddress: 'bench-callers.invalid', tcp: false }, (rq) => {
    if (rq.method !== 'ACK') callerStack.send(sip.makeResponse(rq, 200, 'OK'));
  });
  const rtpengine = Number(readFileSync(join(dir, 'rtpengine.pid'), 'utf8').trim());
  const results: BenchResult[] = [];
  const inviteToRing: number[] = [];
  let carried = 0;
  let brokeAt: number | null = null;
  let serial = 0;
  try {
    for (const level of levels) {
      const calls: { number: string; leg: Leg; bye: () => Promise<void>; invitedAt: number }[] = [];
      const arrivedBefore = bridged.size;
      for (let i = 0; i < level; i++) {
        const number = `1390000${String(++serial).padStart(4, '0')}`;
        const leg = new Leg(callerFrames);
        await leg.open();
        const invite: SipRequest = {
          method: 'INVITE',
          uri: `sip:${queueNumber}@${address}:${ports.sip}`,
          headers: {
            to: { uri: `sip:${queueNumber}@${address}:${ports.sip}`, params: {} },
            from: { uri: `sip:${number}@${address}`, params: { tag: `c${serial}` } },
            'call-id': `bench-call-${serial}`,
            cseq: { seq: 1, method: 'INVITE' },
            contact: [{ uri: `sip:${number}@${address}:${ports.callers}`, params: {} }],
            'max-forwards': 70,
            'content-type': 'application/sdp',
          },
          content: leg.sdp(),
        };
        const invitedAt = performance.now();
        let bye = async () => {};
        callerStack.send(invite, (rs) => {
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
          callerStack.send(inDialog('ACK', 1));
          bye = () => new Promise<void>((resolve) => callerStack.send(inDialog('BYE', 2), () => resolve()));
        });
        calls.push({ number, leg, bye: () => bye(), invitedAt });
        // About 25 new calls a second, as a busy center's peak would never reach.
        await new Promise((r) => setTimeout(r, 40));
      }
      const deadline = performance.now() + 60_000;
      while (bridged.size < arrivedBefore + level && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const call of calls) {
        const rang = ringAt.get(call.number);
        if (rang !== undefined) inviteToRing.push(rang - call.invitedAt);
      }
      // The bridge waits a second of music; then talk.
      await new Promise((r) => setTimeout(r, 2000));
      const allLegs = [...calls.map((c) => c.leg), ...[...agentLegs.values()].filter((l) => legs.has(l))];
      const from = performance.now();
      const cpuFrom = cpuSeconds(rtpengine);
      for (const leg of allLegs) leg.arrivals = [];
      stall = 0;
      await new Promise((r) => setTimeout(r, talkSeconds * 1000));
      const to = performance.now();
      const cpu = (cpuSeconds(rtpengine) - cpuFrom) / ((to - from) / 1000);
      let worstLoss = 0;
      let worstGap = 0;
      for (const leg of allLegs) {
        const expected = (to - from) / 20;
        worstLoss = Math.max(worstLoss, 1 - leg.arrivals.length / expected);
        const times = [from, ...leg.arrivals, to];
        for (let i = 1; i < times.length; i++) worstGap = Math.max(worstGap, times[i]! - times[i - 1]!);
      }
      const clean = bridged.size >= arrivedBefore + level && worstLoss <= 0.01 && worstGap < 100;
      console.log(
        `voice.bench.ts: ${level} calls (${bridged.size - arrivedBefore} bridged): rtpengine ${(cpu * 100).toFixed(1)} % of a core, worst leg lost ${(worstLoss * 100).toFixed(2)} %, longest silence ${worstGap.toFixed(0)} ms (this process's longest stall ${stall.toFixed(0)} ms)${clean ? '' : ': BROKEN'}`,
      );
      results.push({ name: `${level} calls: rtpengine CPU per call`, value: (cpu * 100) / level, unit: '% core' });
      results.push({ name: `${level} calls: worst leg's longest silence`, value: worstGap, unit: 'ms', target: '< 100 ms', ok: clean });
      for (const call of calls) legs.delete(call.leg);
      await Promise.all(calls.map((c) => c.bye()));
      for (const call of calls) call.leg.close();
      const settle = performance.now() + 30_000;
      while (bridged.size > 0 && performance.now() < settle) await new Promise((r) => setTimeout(r, 100));
      // Every level runs: on a shared machine one stall breaks a level that the next one carries.
      if (!clean) brokeAt ??= level;
      else if (brokeAt === null) carried = level;
    }
  } finally {
    clearInterval(sender);
    await sw.close();
    agentStack.destroy();
    callerStack.destroy();
    for (const leg of legs) leg.close();
    rmSync(dir, { recursive: true, force: true });
  }
  results.push({ name: 'concurrent recorded calls without a break', value: carried, unit: 'calls', target: '≥ 100', ok: carried >= 100 });
  if (brokeAt !== null) results.push({ name: 'concurrent calls at which audio broke', value: brokeAt, unit: 'calls' });
  results.push({ name: 'recordings saved', value: recordings, unit: 'calls' });
  results.push({ name: 'INVITE → ring of a ready agent, p50', value: percentile(inviteToRing, 50), unit: 'ms' });
  results.push({ name: 'INVITE → ring of a ready agent, p99', value: percentile(inviteToRing, 99), unit: 'ms', target: '< 100 ms', ok: percentile(inviteToRing, 99) < 100 });
  return results;
}
