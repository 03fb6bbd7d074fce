import { createSocket } from 'node:dgram';

/** A key a caller pressed, as rtpengine detected it in the RTP (RFC 4733 telephone events). */
export interface KeyPress {
  /** rtpengine's call: the customer call's id. */
  callId: string;
  /** The tag of the side that pressed it. */
  fromTag: string;
  /** '0'…'9', '*', '#', 'A'…'D'. */
  key: string;
}

const keys = '0123456789*#ABCD';

/**
 * Listens for rtpengine's DTMF log (`--dtmf-log-dest`): one JSON object per key over UDP. Resolves
 * once bound, with the port to give rtpengine (an ephemeral one unless told).
 *
 * @example
 * const keys = await listenForKeys('127.0.0.1', (press) => b2bua.keyPressed(press));
 * startRtpengine(dir, { ..., dtmfLogPort: keys.port });
 */
export async function listenForKeys(address: string, onKey: (press: KeyPress) => void, port = 0): Promise<{ port: number; close(): void }> {
  const socket = createSocket('udp4');
  socket.on('message', (bytes) => {
    let message: { callid?: unknown; source_tag?: unknown; event?: unknown };
    try {
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      return;
    }
    const key = typeof message.event === 'number' ? keys[message.event] : undefined;
    if (typeof message.callid === 'string' && typeof message.source_tag === 'string' && key) onKey({ callId: message.callid, fromTag: message.source_tag, key });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => resolve());
  });
  return { port: socket.address().port, close: () => socket.close() };
}
