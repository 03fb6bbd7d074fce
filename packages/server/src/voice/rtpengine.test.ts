import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { MediaRelay } from './rtpengine';

describe('the ng client', () => {
  it('tells of a datagram it cannot read instead of ending the process, and the request it spoiled fails on its own', async () => {
    // Not rtpengine: whatever it is asked, it answers something that is no ng reply.
    const stranger = createSocket('udp4');
    await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', resolve));
    stranger.on('message', (_request, from) => stranger.send(Buffer.from([0x80, 0x00, 0x12, 0x34, 0xff]), from.port, from.address));
    const errors: unknown[] = [];
    const relay = new MediaRelay('127.0.0.1', stranger.address().port, 300, (err) => errors.push(err));
    try {
      await expect(relay.ping()).rejects.toThrow();
      expect(String(errors[0])).toContain('malformed');
    } finally {
      relay.close();
      stranger.close();
    }
  });
});
