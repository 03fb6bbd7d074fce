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
 * and rtpengine would pass that hold on to the caller, who would then stop sending.
 *
 * @example
 * placeholderAnswer(offerTowardAgent, '127.0.0.1'); // m=audio 9 RTP/AVP 0, c=IN IP4 127.0.0.1
 */
export function placeholderAnswer(offer: string, address: string): string {
  const { payloadTypes } = audioStream(offer);
  const codec = payloadTypes.find((pt) => pt in g711);
  if (codec === undefined) throw new Error(`the offer has no G.711 codec (payload types ${payloadTypes.join(' ')})`);
  return [
    'v=0',
    `o=banzu 1 1 IN IP4 ${address}`,
    's=banzu',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio 9 RTP/AVP ${codec}`,
    `a=rtpmap:${codec} ${g711[codec]}`,
    'a=sendrecv',
    '',
  ].join('\r\n');
}
