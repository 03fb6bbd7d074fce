import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchEvent } from '@banzu/core';
import { B2bua } from './b2bua';
import type { MediaControl } from './rtpengine';
import { audioStream } from './sdp';

const address = '127.0.0.1';
const callerSdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
const agentSdp = 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n';

/** rtpengine as the B2BUA sees it, keeping what it was asked. */
function fakeRelay() {
  const asked: string[] = [];
  // Its SDP toward the agents on port 30000, toward the caller on 30002.
  const sdpOn = (port: number) => `v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio ${port} RTP/AVP 0\r\n`;
  const relay: MediaControl = {
    async offer(from, _sdp, toTag) {
      asked.push(`offer ${from.tag}${toTag ? ` to ${toTag}` : ''}`);
      return sdpOn(30000);
    },
    async answer(from, toTag, sdp) {
      asked.push(`answer ${from.tag} ${toTag} port ${audioStream(sdp).port}`);
      return sdpOn(30002);
    },
    play: async (to, file) => void asked.push(`play ${file} to ${to.tag}`),
    playOnce: async (to, file) => void asked.push(`play ${file} once to ${to.tag}`),
    stopPlaying: async (to) => void asked.push(`stop playing to ${to.tag}`),
    block: async (from) => void asked.push(`block ${from.tag}`),
    unblock: async (from) => void asked.push(`unblock ${from.tag}`),
    startRecording: async (callId) => void asked.push(`record ${callId}`),
    delete: async (callId) => void asked.push(`delete ${callId}`),
  };
  return { relay, asked };
}

interface Received {
  firstLine: string;
  headers: Map<string, string>;
  body: string;
}

/** One UDP socket playing both the caller's phone and the proxy with the agent's phone behind it. */
class Network {
  private readonly inbox: Received[] = [];
  private readonly waiting: { match: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];

  private constructor(
    readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (bytes, from) => {
      const [head = '', body = ''] = bytes.toString('utf8').split('\r\n\r\n');
      const [firstLine = '', ...lines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
      }
      const message = { firstLine, headers, body };
      if (firstLine.startsWith('BYE ')) this.reply(from.port, message, '200 OK');
      const i = this.waiting.findIndex((w) => w.match(message));
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(message);
      else this.inbox.push(message);
    });
  }

  static async open(): Promise<Network> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, resolve));
    return new Network(socket, socket.address().port);
  }

  send(to: number, lines: string[], body = ''): void {
    const text = [...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
    this.socket.send(text, to, address);
  }

  /** The first message (already here or still to come) that `match` accepts. */
  next(match: (m: Received) => boolean): Promise<Received> {
    const i = this.inbox.findIndex(match);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]!);
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }

  /** Replies to a request, echoing its dialog headers (`toTag` and the rest for an answer). */
  reply(to: number, request: Received, status: string, answer?: { toTag: string; extra: string[]; body: string }): void {
    const h = (name: string) => `${name}: ${request.headers.get(name.toLowerCase())}`;
    const toHeader = answer ? `${h('To')};tag=${answer.toTag}` : h('To');
    this.send(to, [`SIP/2.0 ${status}`, h('Via'), h('From'), toHeader, h('Call-ID'), h('CSeq'), ...(answer?.extra ?? [])], answer?.body);
  }
}

const isResponse = (status: number, method: string) => (m: Received) => m.firstLine.startsWith(`SIP/2.0 ${status}`) && (m.headers.get('cseq') ?? '').endsWith(method);
const isRequest = (method: string) => (m: Received) => m.firstLine.startsWith(`${method} `);

describe('the B2BUA: what it does on SIP and asks of rtpengine for the router’s commands', () => {
  const port = 30_000 + Math.floor(Math.random() * 2500);
  let net: Network;
  let b2bua: B2bua;
  const media = fakeRelay();
  const events: SwitchEvent[] = [];
  const errors: unknown[] = [];
  let callerSipCallId = '';

  beforeAll(async () => {
    net = await Network.open();
    b2bua = new B2bua({
      address,
      port,
      proxy: { address, port: net.port },
      relay: media.relay,
      rtpPorts: { min: port + 10, max: port + 99 },
      queueNumbers: { '4008001001': 'presales' },
      musicFile: '/music.wav',
      silenceFile: '/silence.wav',
      onError: (err) => errors.push(err),
    });
    b2bua.onEvent((event) => events.push(event));
  });
  afterAll(async () => {
    await b2bua.close();
    net.socket.close();
  });

  function invite(number: string): string {
    const callId = randomUUID();
    net.send(
      port,
      [
        `INVITE sip:${number}@${address}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${address}:${net.port};branch=z9hG4bK${randomUUID()};rport`,
        'Max-Forwards: 70',
        `From: <sip:13800138000@${address}>;tag=caller-tag`,
        `To: <sip:${number}@${address}>`,
        `Call-ID: ${callId}`,
        'CSeq: 1 INVITE',
        `Contact: <sip:13800138000@${address}:${net.port}>`,
        'Content-Type: application/sdp',
      ],
      callerSdp,
    );
    return callId;
  }

  it('refuses a number that is no queue’s, and reports nothing', async () => {
    invite('4008009999');
    expect((await net.next(isResponse(404, 'INVITE'))).firstLine).toContain('404');
    expect(events).toEqual([]);
  });

  it('answers a queue’s caller at once with rtpengine’s SDP, plays the music and reports the call', async () => {
    callerSipCallId = invite('4008001001');
    const ok = await net.next(isResponse(200, 'INVITE'));
    expect(audioStream(ok.body).port).toBe(30002);
    expect(ok.headers.get('to')).toMatch(/;tag=/);
    // The agent side answers with a real address and the discard port until an agent is bridged.
    // The agent side is blocked until the bridge: the caller hears only the music meanwhile.
    // The offer names the agent side, which is blocked at once, beside the placeholder answer.
    expect(media.asked).toEqual(['offer caller-tag to banzu-agents', 'block banzu-agents', 'answer caller-tag banzu-agents port 9', 'play /music.wav to caller-tag']);
    await expect.poll(() => events).toEqual([expect.objectContaining({ type: 'switch.call_arrived', from: '13800138000', to: '4008001001', queueId: 'presales' })]);
  });

  it('rings the agent’s extension at the proxy on offer, reports the answer, bridges in rtpengine, and hangs up both sides', async () => {
    const callId = (events[0] as Extract<SwitchEvent, { type: 'switch.call_arrived' }>).callId;
    media.asked.length = 0;
    b2bua.execute([{ type: 'offer', callId, agentId: '8001', ringTimeoutSeconds: 15 }]);
    const ring = await net.next(isRequest('INVITE'));
    expect(ring.firstLine).toBe(`INVITE sip:8001@${address}:${net.port} SIP/2.0`);
    expect(audioStream(ring.body).port).toBe(30000);
    net.reply(port, ring, '200 OK', { toTag: 'agent-phone', extra: [`Contact: <sip:8001@${address}:${net.port}>`, 'Content-Type: application/sdp'], body: agentSdp });
    expect((await net.next(isRequest('ACK'))).headers.get('call-id')).toBe(ring.headers.get('call-id'));
    await expect.poll(() => events.at(-1)).toEqual({ type: 'switch.agent_answered', callId, agentId: '8001' });

    b2bua.execute([{ type: 'bridge', callId, agentIds: ['8001'] }]);
    // A second of music first (a phone's jitter buffer must have started on one stream before the
    // next), then the music stops before the agent is let through: never two streams at once.
    await expect.poll(() => media.asked, { timeout: 5000 }).toEqual(['stop playing to caller-tag', 'answer caller-tag banzu-agents port 5000', 'unblock banzu-agents']);

    b2bua.execute([{ type: 'hang_up', callId }]);
    const byes = await Promise.all([net.next(isRequest('BYE')), net.next(isRequest('BYE'))]);
    expect(byes.map((m) => m.headers.get('call-id')).sort()).toEqual([ring.headers.get('call-id'), callerSipCallId].sort());
    await expect.poll(() => media.asked.at(-1)).toBe(`delete ${callId}`);
    // The router asked for it: nothing to report back.
    expect(events.map((e) => e.type)).toEqual(['switch.call_arrived', 'switch.agent_answered']);
  });

  it('cancels a ringing phone with the INVITE’s own branch; an agent hanging up is reported and ends the call', async () => {
    const callerCall = invite('4008001001');
    await expect.poll(() => events.filter((e) => e.type === 'switch.call_arrived')).toHaveLength(2);
    const callId = (events.at(-1) as Extract<SwitchEvent, { type: 'switch.call_arrived' }>).callId;
    b2bua.execute([{ type: 'offer', callId, agentId: '8001', ringTimeoutSeconds: 15 }]);
    const ringing = await net.next(isRequest('INVITE'));
    net.reply(port, ringing, '180 Ringing');
    b2bua.execute([{ type: 'cancel_offer', callId, agentId: '8001' }]);
    const cancel = await net.next(isRequest('CANCEL'));
    expect(cancel.headers.get('via')).toBe(ringing.headers.get('via'));
    net.reply(port, cancel, '200 OK');
    net.reply(port, ringing, '487 Request Terminated');
    expect((await net.next(isRequest('ACK'))).headers.get('call-id')).toBe(ringing.headers.get('call-id'));

    b2bua.execute([{ type: 'offer', callId, agentId: '8001', ringTimeoutSeconds: 15 }]);
    const ring = await net.next(isRequest('INVITE'));
    net.reply(port, ring, '200 OK', { toTag: 'agent-phone', extra: [`Contact: <sip:8001@${address}:${net.port}>`, 'Content-Type: application/sdp'], body: agentSdp });
    await net.next(isRequest('ACK'));
    b2bua.execute([{ type: 'bridge', callId, agentIds: ['8001'] }]);
    await expect.poll(() => media.asked.at(-1), { timeout: 5000 }).toBe('unblock banzu-agents');
    net.send(port, [
      `BYE sip:banzu@${address}:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP ${address}:${net.port};branch=z9hG4bK${randomUUID()};rport`,
      'Max-Forwards: 70',
      `From: ${ring.headers.get('to')};tag=agent-phone`,
      `To: ${ring.headers.get('from')}`,
      `Call-ID: ${ring.headers.get('call-id')}`,
      'CSeq: 1 BYE',
    ]);
    expect((await net.next(isResponse(200, 'BYE'))).headers.get('call-id')).toBe(ring.headers.get('call-id'));
    await expect.poll(() => events.at(-1)).toEqual({ type: 'switch.agent_hung_up', callId, agentId: '8001' });
    // The agent who talked with the caller left: the caller is hung up too, and the media freed.
    expect((await net.next(isRequest('BYE'))).headers.get('call-id')).toBe(callerCall);
    await expect.poll(() => media.asked.at(-1)).toBe(`delete ${callId}`);
  });

  it('tells once, for each kind, about a command it cannot do yet', async () => {
    invite('4008001001');
    await expect.poll(() => events.filter((e) => e.type === 'switch.call_arrived')).toHaveLength(3);
    const callId = (events.at(-1) as Extract<SwitchEvent, { type: 'switch.call_arrived' }>).callId;
    b2bua.execute([
      { type: 'record', callId },
      { type: 'record', callId },
    ]);
    await expect.poll(() => errors).toHaveLength(1);
    expect(String(errors[0])).toContain('cannot record yet');
  });

  it('a supervisor hanging up their own phone is reported as the supervisor’s, and the call goes on', async () => {
    invite('4008001001');
    await expect.poll(() => events.filter((e) => e.type === 'switch.call_arrived')).toHaveLength(4);
    const callId = (events.at(-1) as Extract<SwitchEvent, { type: 'switch.call_arrived' }>).callId;
    const answer = (request: Received, tag: string, user: string) =>
      net.reply(port, request, '200 OK', { toTag: tag, extra: [`Contact: <sip:${user}@${address}:${net.port}>`, 'Content-Type: application/sdp'], body: agentSdp });
    b2bua.execute([{ type: 'offer', callId, agentId: '8001', ringTimeoutSeconds: 15 }]);
    const ring = await net.next(isRequest('INVITE'));
    answer(ring, 'agent-phone', '8001');
    await net.next(isRequest('ACK'));
    b2bua.execute([{ type: 'bridge', callId, agentIds: ['8001'] }]);
    await expect.poll(() => media.asked.at(-1), { timeout: 5000 }).toBe('unblock banzu-agents');

    b2bua.execute([{ type: 'monitor', callId, supervisorId: '9001', mode: 'listen' }]);
    // The agent's phone moves into the mixer first, then the supervisor's rings with a place there.
    const moved = await net.next(isRequest('INVITE'));
    expect(moved.firstLine).toBe(`INVITE sip:8001@${address}:${net.port} SIP/2.0`);
    answer(moved, 'agent-phone', '8001');
    const supervisorRing = await net.next((m) => m.firstLine.startsWith(`INVITE sip:9001@`));
    // Its place is a port of the media range, where rtpengine's are.
    expect(audioStream(supervisorRing.body).port).toBeGreaterThanOrEqual(port + 10);
    expect(audioStream(supervisorRing.body).port).toBeLessThanOrEqual(port + 99);
    answer(supervisorRing, 'supervisor-phone', '9001');
    await net.next((m) => isRequest('ACK')(m) && m.headers.get('call-id') === supervisorRing.headers.get('call-id'));

    net.send(port, [
      `BYE sip:banzu@${address}:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP ${address}:${net.port};branch=z9hG4bK${randomUUID()};rport`,
      'Max-Forwards: 70',
      `From: ${supervisorRing.headers.get('to')};tag=supervisor-phone`,
      `To: ${supervisorRing.headers.get('from')}`,
      `Call-ID: ${supervisorRing.headers.get('call-id')}`,
      'CSeq: 1 BYE',
    ]);
    await expect.poll(() => events.at(-1)).toEqual({ type: 'switch.supervisor_hung_up', callId, supervisorId: '9001' });
    // Neither the caller nor the agent is hung up: their call goes on.
    b2bua.execute([{ type: 'hang_up', callId }]);
    const byes = await Promise.all([net.next(isRequest('BYE')), net.next(isRequest('BYE'))]);
    expect(byes.map((m) => m.headers.get('call-id'))).toContain(ring.headers.get('call-id'));
    expect(events.filter((e) => 'callId' in e && e.callId === callId).map((e) => e.type)).toEqual(['switch.call_arrived', 'switch.agent_answered', 'switch.supervisor_hung_up']);
  });
});
