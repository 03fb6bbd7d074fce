import { describe, expect, it } from 'vitest';
import { audioStream, placeholderAnswer } from './sdp';

const baresipOffer = ['v=0', 'o=- 123 456 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 10000 RTP/AVP 9 8 0 101', 'a=rtpmap:101 telephone-event/8000', ''].join(
  '\r\n',
);

describe('SDP', () => {
  it('reads the audio stream’s address, port and codecs; a media-level address wins over the session’s', () => {
    expect(audioStream(baresipOffer)).toEqual({ address: '127.0.0.1', port: 10000, payloadTypes: ['9', '8', '0', '101'] });
    const mediaLevel = 'v=0\nc=IN IP4 10.0.0.1\nm=video 5000 RTP/AVP 96\nm=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.2\n';
    expect(audioStream(mediaLevel)).toEqual({ address: '10.0.0.2', port: 4000, payloadTypes: ['0'] });
    expect(() => audioStream('v=0\r\nm=video 5000 RTP/AVP 96\r\n')).toThrow('no audio stream');
  });

  it('answers for a side nobody hears yet with the first G.711 codec offered, a real address and the discard port, never 0.0.0.0 (that would be hold)', () => {
    const answer = placeholderAnswer(baresipOffer, '127.0.0.1');
    expect(audioStream(answer)).toEqual({ address: '127.0.0.1', port: 9, payloadTypes: ['8', '101'] });
    expect(answer).toContain('a=rtpmap:8 PCMA/8000');
    // The caller's keys (the callback key) need the telephone events in its answer.
    expect(answer).toContain('a=rtpmap:101 telephone-event/8000');
    expect(answer).toContain('a=sendrecv');
    expect(() => placeholderAnswer('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 9\r\n', '127.0.0.1')).toThrow('no G.711 codec');
  });
});
