/** The static RTP payload types of G.711, the codecs every phone and trunk speaks. */
const g711: Record<string, string> = { '0': 'PCMU/8000', '8': 'PCMA/8000' };

/** The port and payload types of an SDP's first audio stream, and its connection address. */
export interface AudioStream {
  address: string | null;
  port: number;
  payloadTypes: string[];
}

/**
 * Reads the first audio stream of an SDP (session-level or media-level `c=` line).
 *
 * @example
 * audioStream('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 0 101\r\n'); // { address: '127.0.0.1', port: 4000, payloadTypes: ['0', '101'] }
 */
export function audioStream(sdp: string): AudioStream {
  const lines = sdp.split(/\r?\n/);
  let address: string | null = null;
  for (const [i, line] of lines.entries()) {
    const connection = /^c=IN IP[46] (\S+)/.exec(line);
    if (connection) address = connection[1]!;
    const media = /^m=audio (\d+) \S+ ?(.*)$/.exec(line);
    if (!media) continue;
    // A c= line inside the media section overrides the session's.
    const section = lines.slice(i + 1);
    const end = section.findIndex((l) => l.startsWith('m='));
    const own = (end < 0 ? section : section.slice(0, end)).map((l) => /^c=IN IP[46] (\S+)/.exec(l)).find(Boolean);
    return { address: own ? own[1]! : address, port: Number(media[1]), payloadTypes: media[2]!.split(' ').filter(Boolean) };
  }
  throw new Error('the SDP has no audio stream');
}

/**
 * An answer for a side that nobody listens to yet (the agent side while the caller waits): the first
 * G.711 codec offered, a real address and the discard port. An address of 0.0.0.0 would mean hold,
 * and rtpengine would pass that hold on to the caller, who would then stop sending. The offer's
 * telephone events (RFC 4733) are kept: without them in the caller's answer a phone sends no keys,
 * and the callback key is one.
 *
 * @example
 * placeholderAnswer(offerTowardAgent, '127.0.0.1'); // m=audio 9 RTP/AVP 0 101, c=IN IP4 127.0.0.1
 */
export function placeholderAnswer(offer: string, address: string): string {
  const { payloadTypes } = audioStream(offer);
  const codec = payloadTypes.find((pt) => pt in g711);
  if (codec === undefined) throw new Error(`the offer has no G.711 codec (payload types ${payloadTypes.join(' ')})`);
  const events = telephoneEvents(offer);
  return [
    'v=0',
    `o=banzu 1 1 IN IP4 ${address}`,
    's=banzu',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio 9 RTP/AVP ${codec}${events ? ` ${events}` : ''}`,
    `a=rtpmap:${codec} ${g711[codec]}`,
    ...(events ? [`a=rtpmap:${events} telephone-event/8000`, `a=fmtp:${events} 0-16`] : []),
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/**
 * An offer from Banzu's own side for a call it places (a callback, an outbound call) before the
 * customer's media is known: G.711 and telephone events on the discard port, replaced by the
 * customer's answer once it comes.
 *
 * @example
 * placeholderOffer('127.0.0.1'); // m=audio 9 RTP/AVP 0 8 101
 */
export function placeholderOffer(address: string): string {
  return [
    'v=0',
    `o=banzu 1 1 IN IP4 ${address}`,
    's=banzu',
    `c=IN IP4 ${address}`,
    't=0 0',
    'm=audio 9 RTP/AVP 0 8 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/** The payload type of the SDP's telephone events (8 kHz), or null. */
function telephoneEvents(sdp: string): string | null {
  return /^a=rtpmap:(\d+) telephone-event\/8000/m.exec(sdp)?.[1] ?? null;
}
