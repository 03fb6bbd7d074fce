import { createSocket, type Socket } from 'node:dgram';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorMode } from '@banzu/core';
import { alawEncode, hearing, Mixer, ulawEncode, type RoomPlan } from './mixer';
import { decodeG711 } from './recording';
import { toneShare } from './testing/hearing';
import { until } from './testing/call-setup';

describe('G.711 encoding', () => {
  it('gives back every code’s own sample (μ-law and A-law)', () => {
    for (const [pt, encode] of [
      [0, ulawEncode],
      [8, alawEncode],
    ] as const) {
      const decoded = decodeG711(
        pt,
        Uint8Array.from({ length: 256 }, (_, i) => i),
      )!;
      for (const sample of decoded) expect(decodeG711(pt, Uint8Array.of(encode(sample)))![0]).toBe(sample);
    }
  });

  it('keeps a sample within G.711’s step of the original', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32768, max: 32767 }), (sample) => {
        for (const [pt, encode] of [
          [0, ulawEncode],
          [8, alawEncode],
        ] as const) {
          const back = decodeG711(pt, Uint8Array.of(encode(sample)))![0]!;
          expect(Math.abs(back - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) / 16) + 132);
        }
      }),
    );
  });
});

const plans = fc
  .record({
    agents: fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3'), { minLength: 1, maxLength: 3 }),
    consulting: fc.boolean(),
    monitors: fc.array(fc.tuple(fc.constantFrom('s1', 's2'), fc.constantFrom<MonitorMode>('listen', 'whisper', 'barge')), { maxLength: 2 }),
  })
  .map(({ agents, consulting, monitors }): RoomPlan => {
    const consult = consulting && agents.length === 2 ? { agentId: agents[0]!, targetId: agents[1]! } : null;
    return { talking: consult ? [agents[0]!] : agents, consult, monitors: new Map(monitors) };
  });

describe('who hears whom', () => {
  it('nobody hears themself; a supervisor hears the caller and every agent; listen is heard by nobody, whisper by the agents only, barge by all', () => {
    fc.assert(
      fc.property(plans, (plan) => {
        const heard = hearing(plan);
        const hears = (listener: string, source: string) => heard.get(listener)?.includes(source) ?? false;
        for (const [listener, sources] of heard) expect(sources).not.toContain(listener);
        for (const [supervisorId, mode] of plan.monitors) {
          expect(hears(supervisorId, 'caller')).toBe(true);
          for (const agentId of plan.talking) {
            expect(hears(supervisorId, agentId)).toBe(true);
            expect(hears(agentId, supervisorId)).toBe(mode !== 'listen');
          }
          expect(hears('caller', supervisorId)).toBe(mode === 'barge');
          for (const other of plan.monitors.keys()) expect(hears(other, supervisorId)).toBe(false);
        }
        for (const agentId of plan.talking) {
          expect(hears('caller', agentId)).toBe(true);
          expect(hears(agentId, 'caller')).toBe(true);
        }
      }),
    );
  });

  it('a consultation: the two agents hear each other, the consulted agent hears nobody else and the caller does not hear it', () => {
    fc.assert(
      fc.property(
        plans.filter((p) => p.consult !== null),
        (plan) => {
          const heard = hearing(plan);
          const { agentId, targetId } = plan.consult!;
          expect(heard.get(agentId)).toContain(targetId);
          expect(heard.get(targetId)).toEqual([agentId]);
          expect(heard.get('caller')).not.toContain(targetId);
        },
      ),
    );
  });
});

/** A phone for the mixer test: sends a tone as μ-law every 20 ms, keeps what it receives. */
class ToyPhone {
  readonly received: number[] = [];
  private readonly socket: Socket = createSocket('udp4');
  private timer: NodeJS.Timeout | undefined;

  static async start(): Promise<ToyPhone> {
    const phone = new ToyPhone();
    await new Promise<void>((resolve) => phone.socket.bind(0, '127.0.0.1', resolve));
    phone.socket.on('message', (packet) => phone.received.push(...decodeG711(packet[1]! & 0x7f, packet.subarray(12))!));
    return phone;
  }

  get port(): number {
    return this.socket.address().port;
  }

  sdp(): string {
    return `v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio ${this.port} RTP/AVP 0\r\n`;
  }

  /** Sends on the clock, as a real phone does: as many packets as are due, whenever this busy loop gets to it. */
  speak(hz: number, to: number): void {
    let n = 0;
    let seq = 0;
    const start = performance.now();
    this.timer = setInterval(() => {
      while (n < ((performance.now() - start) / 1000) * 8000) {
        const packet = Buffer.alloc(172);
        packet[0] = 0x80;
        packet.writeUInt16BE(seq++ & 0xffff, 2);
        packet.writeUInt32BE(n >>> 0, 4);
        for (let i = 0; i < 160; i++, n++) packet[12 + i] = ulawEncode(Math.round(6000 * Math.sin((2 * Math.PI * hz * n) / 8000)));
        this.socket.send(packet, to, '127.0.0.1');
      }
    }, 10);
  }

  close(): void {
    clearInterval(this.timer);
    this.socket.close();
  }
}

describe('the mixer over UDP', () => {
  const toClose: { close(): void }[] = [];
  afterEach(() => {
    for (const c of toClose.splice(0)) c.close();
  });

  it('sends each participant the sum of those it hears: in a conference of three each hears the two others, a listener is heard by nobody', async () => {
    const mixer = new Mixer('127.0.0.1', { min: 41_000, max: 41_999 }, (err) => {
      throw err;
    });
    toClose.push(mixer);
    const room = mixer.room();
    const tones = { caller: 440, a1: 660, a2: 880, s1: 1200 };
    const phones = new Map<string, ToyPhone>();
    for (const [id, hz] of Object.entries(tones)) {
      const phone = await ToyPhone.start();
      toClose.push(phone);
      phones.set(id, phone);
      const endpoint = await room.add(id);
      endpoint.connect(phone.sdp());
      endpoint.sending = true;
      phone.speak(hz, endpoint.port);
    }
    room.setHearing(hearing({ talking: ['a1', 'a2'], consult: null, monitors: new Map([['s1', 'listen']]) }));
    await until(() => [...phones.values()].every((p) => p.received.length >= 8000 * 2), 'two seconds heard by each', 10_000);
    const share = (id: string, hz: number) => toneShare(phones.get(id)!.received.slice(8000, 16000), 8000, hz);
    const shares = Object.fromEntries([...phones.keys()].map((id) => [id, Object.fromEntries(Object.entries(tones).map(([who, hz]) => [who, share(id, hz).toFixed(2)]))]));
    // Each hears the two others about equally; its own voice, and the listener's, not at all.
    for (const [listener, heard] of [
      ['caller', ['a1', 'a2']],
      ['a1', ['caller', 'a2']],
      ['a2', ['caller', 'a1']],
      ['s1', ['caller', 'a1', 'a2']],
    ] as const) {
      for (const [who, hz] of Object.entries(tones)) {
        const s = share(listener, hz);
        if ((heard as readonly string[]).includes(who)) expect(s, JSON.stringify(shares)).toBeGreaterThan(0.2);
        else expect(s, JSON.stringify(shares)).toBeLessThan(0.02);
      }
    }
  });

  it('binds its places on even ports inside the media range only, skipping one rtpengine holds, and says so when the range is full', async () => {
    const min = 42_000 + 2 * Math.floor(Math.random() * 2000);
    const range = { min, max: min + 7 };
    // rtpengine (here a plain socket) holds the top even port of the range.
    const held = createSocket('udp4');
    await new Promise<void>((resolve) => held.bind(min + 6, '127.0.0.1', resolve));
    toClose.push(held);
    const mixer = new Mixer('127.0.0.1', range, (err) => {
      throw err;
    });
    toClose.push(mixer);
    const room = mixer.room();
    const ports: number[] = [];
    for (const id of ['caller', 'a1', 'a2']) ports.push((await room.add(id)).port);
    expect(ports.sort()).toEqual([min, min + 2, min + 4]);
    await expect(room.add('s1')).rejects.toThrow(`no free port for the mixer in the media ports ${min}-${min + 7}`);
    // A place given back is free for the next call.
    room.remove('a1');
    expect((await mixer.room().add('caller')).port).toBe(min + 2);
  });
});
