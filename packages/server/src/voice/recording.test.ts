import { describe, expect, it } from 'vitest';
import { decodeG711, stereoRecording } from './recording';
import { dominantTones, wavChannels } from './testing/hearing';

/** G.711 μ-law of one 16-bit sample (ITU-T G.711), to build the packets rtpengine would have captured. */
function ulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let x = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (x & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  x = (x >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | x) & 0xff;
}

interface Sent {
  /** Arrival time in seconds. */
  time: number;
  sourcePort: number;
  payloadType: number;
  ssrc: number;
  timestamp: number;
  payload: Buffer;
}

/** A pcap as rtpengine writes it with `--recording-format=raw`: link type 101, IPv4 + UDP + RTP. */
function pcapOf(packets: Sent[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(101, 20);
  const records = packets.map((p) => {
    const rtp = Buffer.concat([Buffer.alloc(12), p.payload]);
    rtp[0] = 0x80;
    rtp[1] = p.payloadType;
    rtp.writeUInt32BE(p.timestamp, 4);
    rtp.writeUInt32BE(p.ssrc, 8);
    const ip = Buffer.alloc(28);
    ip[0] = 0x45;
    ip[9] = 17;
    ip.set([127, 0, 0, 1], 12);
    ip.set([127, 0, 0, 1], 16);
    ip.writeUInt16BE(p.sourcePort, 20);
    const data = Buffer.concat([ip, rtp]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(p.time), 0);
    record.writeUInt32LE(Math.round((p.time % 1) * 1e6), 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, ...records]);
}

/** 20 ms packets of a tone from `port`, the first arriving at `start` s, each `jitter(i)` s late. */
function tonePackets(hz: number, port: number, ssrc: number, seconds: number, start: number, jitter: (i: number) => number): Sent[] {
  return Array.from({ length: seconds * 50 }, (_, i) => ({
    time: 1_800_000_000 + start + i * 0.02 + jitter(i),
    sourcePort: port,
    payloadType: 0,
    ssrc,
    timestamp: (0xffff_ff00 + i * 160) >>> 0, // wraps around 2^32 on the way
    payload: Buffer.from(Array.from({ length: 160 }, (_, n) => ulaw(Math.round(8000 * Math.sin((2 * Math.PI * hz * (i * 160 + n)) / 8000))))),
  }));
}

describe('a call’s recording from rtpengine’s pcap', () => {
  it('puts the caller on the left and the agent side on the right, each packet where its RTP timestamp says, DTMF left out', () => {
    const callerPort = 4000;
    // The caller talks for 3 s; the agent answers a second later, its packets arriving with jitter.
    const callerPackets = tonePackets(440, callerPort, 0xaaaa, 3, 0, () => 0);
    const agentPackets = tonePackets(660, 5000, 0xbbbb, 2, 1, (i) => (i % 3) * 0.015);
    const dtmf: Sent = { time: 1_800_000_001.5, sourcePort: callerPort, payloadType: 101, ssrc: 0xaaaa, timestamp: 0, payload: Buffer.alloc(4) };
    const wav = stereoRecording(pcapOf([...callerPackets, dtmf, ...agentPackets].sort((a, b) => a.time - b.time)), { address: '127.0.0.1', port: callerPort });
    const { rate, channels } = wavChannels(wav);
    expect(rate).toBe(8000);
    const [left, right] = channels.map((samples) => dominantTones(samples, rate, [440, 660]));
    expect(left).toEqual([440, 440, 440]);
    expect(right).toEqual([null, 660, 660]);
  });

  it('is an empty WAV for a call with no audio', () => {
    const { channels } = wavChannels(stereoRecording(pcapOf([]), { address: null, port: 4000 }));
    expect(channels.map((c) => c.length)).toEqual([0, 0]);
  });

  it('decodes G.711 μ-law and A-law, and nothing else', () => {
    expect([...decodeG711(0, Uint8Array.from([0xff, 0x80, 0x00]))!]).toEqual([0, 32124, -32124]);
    expect([...decodeG711(8, Uint8Array.from([0xd5, 0x55, 0xaa]))!]).toEqual([8, -8, 32256]);
    expect(decodeG711(101, Uint8Array.from([1]))).toBeNull();
  });
});
