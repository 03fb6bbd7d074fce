/**
 * A call's recording from rtpengine's pcap (`--recording-method=pcap --recording-format=raw`): the
 * RTP packets it received from both sides, turned into a stereo WAV, the caller on the left and the
 * agent side on the right.
 */

/** Telephony audio: 8 kHz, what G.711 carries. */
const rate = 8000;

/** Where the caller sends from (its SDP's audio address and port): every other source is the agent side. */
export interface CallerSource {
  address: string | null;
  port: number;
}

/** One side's audio, placed on the recording's time line. */
interface Stream {
  firstArrival: number;
  firstTimestamp: number;
  packets: { timestamp: number; samples: Int16Array }[];
}

/**
 * The stereo WAV of a call's pcap: left the caller, right the agent side, each packet placed by its
 * stream's first arrival plus its RTP timestamp (arrival jitter does not move the audio). Packets
 * that are not G.711 (DTMF events, comfort noise) are left out.
 *
 * @example
 * const wav = stereoRecording(await readFile(pcapFile), { address: '127.0.0.1', port: 4000 });
 */
export function stereoRecording(pcap: Buffer, caller: CallerSource): Buffer {
  const streams: [Map<number, Stream>, Map<number, Stream>] = [new Map(), new Map()];
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const packet of pcapPackets(pcap)) {
    const udp = udpOf(packet.data);
    if (!udp) continue;
    const rtp = rtpOf(udp.payload);
    if (!rtp) continue;
    const samples = decodeG711(rtp.payloadType, rtp.payload);
    if (!samples) continue;
    const side = udp.sourcePort === caller.port && (caller.address === null || udp.sourceAddress === caller.address) ? 0 : 1;
    let stream = streams[side].get(rtp.ssrc);
    if (!stream) {
      stream = { firstArrival: packet.time, firstTimestamp: rtp.timestamp, packets: [] };
      streams[side].set(rtp.ssrc, stream);
    }
    stream.packets.push({ timestamp: rtp.timestamp, samples });
    start = Math.min(start, packet.time);
    end = Math.max(end, packet.time + samples.length / rate);
  }
  if (end === 0) return stereoWav(new Int16Array(0), new Int16Array(0));
  const length = Math.ceil((end - start) * rate);
  const channels = [new Int16Array(length), new Int16Array(length)] as const;
  for (const side of [0, 1] as const) {
    for (const stream of streams[side].values()) {
      const offset = Math.round((stream.firstArrival - start) * rate);
      for (const { timestamp, samples } of stream.packets) {
        // RTP timestamps wrap at 2^32: the difference is taken modulo that.
        const at = offset + ((timestamp - stream.firstTimestamp) >>> 0);
        if (at >= length) continue;
        channels[side].set(samples.subarray(0, length - at), at);
      }
    }
  }
  return stereoWav(channels[0], channels[1]);
}

/** A 16-bit PCM WAV with two channels of equal length, interleaved. */
export function stereoWav(left: Int16Array, right: Int16Array): Buffer {
  const frames = Math.min(left.length, right.length);
  const dataBytes = frames * 4;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(2, 22); // stereo
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 4, 28); // bytes per second
  b.writeUInt16LE(4, 32); // bytes per frame
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    b.writeInt16LE(left[i]!, 44 + i * 4);
    b.writeInt16LE(right[i]!, 46 + i * 4);
  }
  return b;
}

/**
 * When rtpengine received each source's RTP packets (its pcap's times, ms since the epoch), by
 * `address:port`: the relay's own view of the gaps in what each side sent, whatever the receiving
 * phones make of it.
 *
 * @example
 * const times = receivedTimes(await readFile(pcapFile)); // Map { '127.0.0.1:4000' => [1733450000000.1, …] }
 */
export function receivedTimes(pcap: Buffer): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const packet of pcapPackets(pcap)) {
    const udp = udpOf(packet.data);
    if (!udp || !rtpOf(udp.payload)) continue;
    const source = `${udp.sourceAddress}:${udp.sourcePort}`;
    const list = times.get(source) ?? [];
    list.push(packet.time * 1000);
    times.set(source, list);
  }
  return times;
}

/** The packets of a classic pcap file (either byte order, micro- or nanosecond times), time in seconds. */
function* pcapPackets(pcap: Buffer): Generator<{ time: number; data: Buffer }> {
  if (pcap.length < 24) return;
  const magic = pcap.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const big = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  if (!little && !big) throw new Error('not a pcap file');
  const u32 = (at: number) => (little ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  const fraction = magic === 0xa1b23c4d || magic === 0x4d3cb2a1 ? 1e9 : 1e6;
  // Link type 101 is raw IP (rtpengine's `raw` format); 1 is Ethernet.
  const linkHeader = u32(20) === 1 ? 14 : 0;
  let offset = 24;
  while (offset + 16 <= pcap.length) {
    const time = u32(offset) + u32(offset + 4) / fraction;
    const captured = u32(offset + 8);
    const data = pcap.subarray(offset + 16 + linkHeader, offset + 16 + captured);
    offset += 16 + captured;
    yield { time, data };
  }
}

function udpOf(ip: Buffer): { sourceAddress: string; sourcePort: number; payload: Buffer } | null {
  if (ip.length < 20) return null;
  const version = ip[0]! >> 4;
  if (version === 4) {
    const headerLength = (ip[0]! & 0x0f) * 4;
    if (ip[9] !== 17 || ip.length < headerLength + 8) return null;
    return { sourceAddress: [...ip.subarray(12, 16)].join('.'), sourcePort: ip.readUInt16BE(headerLength), payload: ip.subarray(headerLength + 8) };
  }
  if (version === 6) {
    if (ip[6] !== 17 || ip.length < 48) return null;
    const words = Array.from({ length: 8 }, (_, i) => ip.readUInt16BE(8 + i * 2).toString(16));
    return { sourceAddress: words.join(':'), sourcePort: ip.readUInt16BE(40), payload: ip.subarray(48) };
  }
  return null;
}

function rtpOf(packet: Buffer): { payloadType: number; timestamp: number; ssrc: number; payload: Buffer } | null {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return null;
  const csrcCount = packet[0]! & 0x0f;
  let offset = 12 + csrcCount * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
  if (offset > end) return null;
  return { payloadType: packet[1]! & 0x7f, timestamp: packet.readUInt32BE(4), ssrc: packet.readUInt32BE(8), payload: packet.subarray(offset, end) };
}

/** G.711 μ-law (payload type 0) or A-law (8) to 16-bit samples; null for any other payload. */
export function decodeG711(payloadType: number, payload: Uint8Array): Int16Array | null {
  const table = payloadType === 0 ? ulaw : payloadType === 8 ? alaw : null;
  if (!table) return null;
  const samples = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++) samples[i] = table[payload[i]!]!;
  return samples;
}

/** ITU-T G.711 expansion tables. */
const ulaw = Int16Array.from({ length: 256 }, (_, i) => {
  const u = ~i & 0xff;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
});
const alaw = Int16Array.from({ length: 256 }, (_, i) => {
  const a = i ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude = exponent === 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
});
