import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';

/** Sends one SIP OPTIONS over UDP and tells whether anything answered within `timeoutMs`. */
export function sipPing(address: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (reply) => done(reply.toString('utf8').startsWith('SIP/2.0 ')));
    socket.on('error', () => done(false));
    socket.bind(0, address, () => {
      const local = socket.address();
      const request = [
        `OPTIONS sip:${address}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${local.address}:${local.port};branch=z9hG4bK${randomUUID()};rport`,
        'Max-Forwards: 70',
        `From: <sip:banzu@${local.address}>;tag=${randomUUID()}`,
        `To: <sip:${address}:${port}>`,
        `Call-ID: ${randomUUID()}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, address);
    });
  });
}
