import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Child } from './child';
import { kamailioConfig, startKamailio, writeSipAccounts } from './kamailio';
import { startRtpengine } from './rtpengine';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const ha1 = (user: string, password: string) => md5(`${user}:banzu:${password}`);
const options = {
  address: '127.0.0.1',
  port: 15060,
  b2buaPort: 15070,
  queueNumbers: ['4008001001', '+864008001002'],
  realm: 'banzu',
  accountsDir: '/nonexistent/accounts',
  trunks: ['127.0.0.1', '10.0.0.0/8'],
};

describe('Kamailio’s generated configuration', () => {
  it.each([
    ['the queue numbers given', options],
    ['every all-digit number to the B2BUA', { ...options, queueNumbers: undefined }],
    ['SIP over WebSocket and rtpengine for browsers', { ...options, wsPort: 15066, ngPort: 15062 }],
  ])('is a configuration Kamailio accepts, with %s', async (_, given) => {
    const dir = await mkdtemp(join(tmpdir(), 'banzu-kamailio-'));
    try {
      const file = join(dir, 'kamailio.cfg');
      await writeFile(file, kamailioConfig({ ...given, accountsDir: join(dir, 'accounts') }));
      await expect(promisify(execFile)('kamailio', ['-c', '-f', file])).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('listens where told, sends the queue numbers to the B2BUA and the B2BUA’s calls to the registered phone', () => {
    const config = kamailioConfig(options);
    expect(config).toContain('listen=udp:127.0.0.1:15060');
    expect(config).toContain('$rU =~ "^(4008001001|\\+864008001002)$"');
    expect(config).toContain('$du = "sip:127.0.0.1:15070"');
    expect(config).toContain('if ($si == "127.0.0.1" && $sp == 15070)');
    expect(config).toContain('lookup("location")');
    expect(config).toContain('is_in_subnet("$si", "127.0.0.1/32") || is_in_subnet("$si", "10.0.0.0/8")');
    expect(config).not.toContain('websocket');
  });

  it('without queue numbers sends any all-digit number to the B2BUA, which knows the queues', () => {
    const { queueNumbers: _, ...anyNumber } = options;
    expect(kamailioConfig(anyNumber)).toContain('$rU =~ "^(\\+?[0-9]+)$"');
  });

  it('with a WebSocket port listens there and anchors a browser’s media in rtpengine as DTLS-SRTP', () => {
    const config = kamailioConfig({ ...options, wsPort: 15066, ngPort: 15062 });
    expect(config).toContain('listen=tcp:127.0.0.1:15066');
    expect(config).toContain('ws_handle_handshake()');
    expect(config).toContain('"rtpengine_sock", "udp:127.0.0.1:15062"');
    expect(config).toContain('DTLS=passive UDP/TLS/RTP/SAVPF');
    expect(config).toContain('add_contact_alias()');
    // Per branch: an agent's desk phone keeps plain RTP while the softphone beside it gets DTLS-SRTP.
    expect(config).toContain('branch_route[TO_AGENT_PHONE]');
  });

  it.each([
    ['a queue number that is not digits, which would break the routing expression', { queueNumbers: ['400|.*'] }, 'digits only'],
    ['a trunk that is not an address', { trunks: ['10.0.0.1"; exit; #'] }, 'a trunk is an IP address'],
    ['a network with too many bits', { trunks: ['10.0.0.0/33'] }, 'a trunk is an IP address'],
    ['a realm with quotes', { realm: 'ban"zu' }, 'a realm has'],
    ['WebSocket without rtpengine for the browser’s media', { wsPort: 15066 }, 'needs rtpengine'],
  ])('refuses %s', (_, bad, message) => {
    expect(() => kamailioConfig({ ...options, ...bad })).toThrow(message);
  });

  it('writes only user and HA1 to the accounts file, and refuses what would break its format', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banzu-accounts-'));
    try {
      await writeSipAccounts(dir, [{ user: '8001', ha1: ha1('8001', 'secret123') }]);
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(join(dir, 'subscriber'), 'utf8')).toBe(`username(string) ha1(string)\n8001:${ha1('8001', 'secret123')}\n`);
      await expect(writeSipAccounts(dir, [{ user: '80:01', ha1: ha1('8001', 'x') }])).rejects.toThrow('not a SIP account');
      await expect(writeSipAccounts(dir, [{ user: '8001', ha1: 'secret123' }])).rejects.toThrow('not a SIP account');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A bare SIP client over UDP from a chosen loopback address: REGISTER and INVITE, answering a digest challenge. */
class RawSip {
  private constructor(
    private readonly socket: Socket,
    readonly address: string,
    readonly port: number,
    private readonly proxy: { address: string; port: number },
  ) {}

  static async open(address: string, proxy: { address: string; port: number }): Promise<RawSip> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, resolve));
    return new RawSip(socket, address, socket.address().port, proxy);
  }

  /** Sends `method` as `user` (to `to`); answers one challenge with `password` if given; returns every final status line in order. */
  async request(method: 'REGISTER' | 'INVITE', user: string, password: string | null, to = user): Promise<string[]> {
    const uri = method === 'REGISTER' ? `sip:${this.proxy.address}:${this.proxy.port}` : `sip:${to}@${this.proxy.address}:${this.proxy.port}`;
    const callId = randomUUID();
    const statuses: string[] = [];
    let reply = await this.send(method, uri, user, to, callId, 1);
    statuses.push(reply.split('\r\n')[0]!);
    const challenge = /^(WWW|Proxy)-Authenticate: Digest (.*)$/im.exec(reply);
    if (challenge && password !== null) {
      const nonce = /nonce="([^"]+)"/.exec(challenge[2]!)![1]!;
      const realm = /realm="([^"]+)"/.exec(challenge[2]!)![1]!;
      const response = md5(`${md5(`${user}:${realm}:${password}`)}:${nonce}:${md5(`${method}:${uri}`)}`);
      const header = challenge[1]!.toLowerCase() === 'www' ? 'Authorization' : 'Proxy-Authorization';
      reply = await this.send(
        method,
        uri,
        user,
        to,
        callId,
        2,
        `${header}: Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`,
      );
      statuses.push(reply.split('\r\n')[0]!);
    }
    return statuses;
  }

  /** Resolves with the next request of `method` the proxy sends this phone. */
  next(method: string): Promise<string> {
    return new Promise((resolve) => {
      const onMessage = (message: Buffer) => {
        const text = message.toString('utf8');
        if (!text.startsWith(`${method} `)) return;
        this.socket.off('message', onMessage);
        resolve(text);
      };
      this.socket.on('message', onMessage);
    });
  }

  close(): void {
    this.socket.close();
  }

  private send(method: string, uri: string, user: string, to: string, callId: string, cseq: number, authorization?: string): Promise<string> {
    const message = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=z9hG4bK${randomUUID()};rport`,
      'Max-Forwards: 70',
      `From: <sip:${user}@${this.proxy.address}>;tag=${randomUUID().slice(0, 8)}`,
      `To: <sip:${to}@${this.proxy.address}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <sip:${user}@${this.address}:${this.port}>`,
      'Expires: 60',
      ...(authorization ? [authorization] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method}`)), 5000);
      const onMessage = (reply: Buffer) => {
        const text = reply.toString('utf8');
        // 100 Trying is provisional: the final answer follows.
        if (/^SIP\/2\.0 1\d\d /.test(text)) return;
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        resolve(text);
      };
      this.socket.on('message', onMessage);
      this.socket.send(message, this.proxy.port, this.proxy.address);
    });
  }
}

describe('Kamailio authenticates agents’ phones and callers that are not trunks', () => {
  // Below voice/index.test.ts's blocks (10000 up), so the two never meet.
  const base = 6_000 + 10 * Math.floor(Math.random() * 300);
  const proxy = { address: '127.0.0.1', port: base };
  let dir: string;
  let kamailio: Child;
  /** Stands in for the B2BUA: answers every INVITE Kamailio relays with 486, so the test sees it arrive. */
  let b2bua: Socket;
  const relayed: string[] = [];
  const clients: RawSip[] = [];
  const client = async (address: string) => {
    const c = await RawSip.open(address, proxy);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banzu-kamailio-auth-'));
    await writeSipAccounts(join(dir, 'accounts'), [
      { user: '8001', ha1: ha1('8001', 'secret123') },
      { user: '8002', ha1: ha1('8002', 'other-pw1') },
    ]);
    b2bua = createSocket('udp4');
    await new Promise<void>((resolve) => b2bua.bind(base + 1, '127.0.0.1', resolve));
    b2bua.on('message', (message, from) => {
      const text = message.toString('utf8');
      if (!text.startsWith('INVITE ')) return;
      relayed.push(/^From: .*sip:([^@]+)@/m.exec(text)![1]!);
      const headers = text.split('\r\n').filter((line) => /^(Via|From|To|Call-ID|CSeq):/i.test(line));
      b2bua.send(['SIP/2.0 486 Busy Here', ...headers.map((h) => (/^To:/i.test(h) ? `${h};tag=b2bua` : h)), 'Content-Length: 0', '', ''].join('\r\n'), from.port, from.address);
    });
    kamailio = await startKamailio(dir, {
      address: '127.0.0.1',
      port: proxy.port,
      b2buaPort: base + 1,
      queueNumbers: ['4008001001'],
      realm: 'banzu',
      accountsDir: join(dir, 'accounts'),
      // The test's trunk is 127.0.0.2; its phones send from other loopback addresses.
      trunks: ['127.0.0.2'],
      failureLimit: 3,
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    b2bua?.close();
    await kamailio?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('challenges a registration, accepts the agent’s password, and refuses a wrong one or another agent’s extension', async () => {
    const phone = await client('127.0.0.10');
    expect(await phone.request('REGISTER', '8001', null)).toEqual(['SIP/2.0 401 Unauthorized']);
    expect(await phone.request('REGISTER', '8001', 'secret123')).toEqual(['SIP/2.0 401 Unauthorized', 'SIP/2.0 200 OK']);
    expect(await phone.request('REGISTER', '8001', 'wrong-pw')).toEqual(['SIP/2.0 401 Unauthorized', 'SIP/2.0 403 Forbidden']);
    expect(await phone.request('REGISTER', '9999', 'secret123')).toEqual(['SIP/2.0 401 Unauthorized', 'SIP/2.0 403 Forbidden']);
    // 8002's credentials do not register 8001's extension.
    const other = await client('127.0.0.11');
    expect(await other.request('REGISTER', '8002', 'other-pw1', '8001')).toEqual(['SIP/2.0 401 Unauthorized', 'SIP/2.0 403 Not Your Extension']);
  });

  it('refuses an address after three failed authentications, even with the right password; others go on', async () => {
    const guesser = await client('127.0.0.20');
    for (const guess of ['a-guess-1', 'a-guess-2', 'a-guess-3']) expect((await guesser.request('REGISTER', '8001', guess)).at(-1)).toBe('SIP/2.0 403 Forbidden');
    expect(await guesser.request('REGISTER', '8001', 'secret123')).toEqual(['SIP/2.0 403 Too Many Failed Attempts']);
    expect(await guesser.request('INVITE', '8001', 'secret123', '4008001001')).toEqual(['SIP/2.0 403 Too Many Failed Attempts']);
    const agent = await client('127.0.0.21');
    expect((await agent.request('REGISTER', '8001', 'secret123')).at(-1)).toBe('SIP/2.0 200 OK');
  });

  it('takes a new password at once when the accounts file is rewritten; the old one fails', async () => {
    await writeSipAccounts(join(dir, 'accounts'), [
      { user: '8001', ha1: ha1('8001', 'changed-pw9') },
      { user: '8002', ha1: ha1('8002', 'other-pw1') },
    ]);
    const phone = await client('127.0.0.30');
    expect((await phone.request('REGISTER', '8001', 'changed-pw9')).at(-1)).toBe('SIP/2.0 200 OK');
    expect((await phone.request('REGISTER', '8001', 'secret123')).at(-1)).toBe('SIP/2.0 403 Forbidden');
  });

  it('lets a trunk’s call to a queue number through; anyone else must authenticate as an agent first', async () => {
    const trunk = await client('127.0.0.2');
    expect(await trunk.request('INVITE', '13800138000', null, '4008001001')).toEqual(['SIP/2.0 486 Busy Here']);
    expect(relayed).toEqual(['13800138000']);
    const stranger = await client('127.0.0.40');
    expect(await stranger.request('INVITE', '13800138000', null, '4008001001')).toEqual(['SIP/2.0 407 Proxy Authentication Required']);
    expect(await stranger.request('INVITE', '8002', 'other-pw1', '4008001001')).toEqual(['SIP/2.0 407 Proxy Authentication Required', 'SIP/2.0 486 Busy Here']);
    expect(relayed).toEqual(['13800138000', '8002']);
  });
});

describe('Kamailio rings every phone of an extension: a desk phone over UDP and a softphone over WebSocket', () => {
  // Its own block of ten below voice/index.test.ts's (10000 up); the describes of this file run one after another.
  const base = 6_000 + 10 * Math.floor(Math.random() * 300);
  const ports = { sip: base, b2bua: base + 1, ng: base + 2, ws: base + 3, rtp: { min: base + 4, max: base + 9 } };
  let dir: string;
  const children: Child[] = [];
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banzu-kamailio-ws-'));
    await writeSipAccounts(join(dir, 'accounts'), [{ user: '8001', ha1: ha1('8001', 'secret123') }]);
    children.push(await startRtpengine(dir, { address: '127.0.0.1', ngPort: ports.ng, rtpPorts: ports.rtp }));
    children.push(
      await startKamailio(dir, {
        address: '127.0.0.1',
        port: ports.sip,
        b2buaPort: ports.b2bua,
        realm: 'banzu',
        accountsDir: join(dir, 'accounts'),
        trunks: [],
        wsPort: ports.ws,
        ngPort: ports.ng,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of children.reverse()) await c.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the desk phone the B2BUA’s plain RTP and the browser DTLS-SRTP with ICE, record-routed', async () => {
    const desk = await RawSip.open('127.0.0.50', { address: '127.0.0.1', port: ports.sip });
    sockets.push(desk);
    expect((await desk.request('REGISTER', '8001', 'secret123')).at(-1)).toBe('SIP/2.0 200 OK');
    const deskInvite = desk.next('INVITE');

    // The browser: SIP over WebSocket with an unreachable Contact, as JsSIP registers.
    const browser = new WebSocket(`ws://127.0.0.1:${ports.ws}`, 'sip');
    sockets.push(browser);
    const received: string[] = [];
    browser.on('message', (data) => received.push(String(data)));
    await new Promise((resolve, reject) => browser.once('open', resolve).once('error', reject));
    const register = (cseq: number, authorization?: string) =>
      [
        `REGISTER sip:127.0.0.1 SIP/2.0`,
        `Via: SIP/2.0/WSS browser.invalid;branch=z9hG4bK${randomUUID()}`,
        'Max-Forwards: 70',
        'From: <sip:8001@127.0.0.1>;tag=ws1',
        'To: <sip:8001@127.0.0.1>',
        'Call-ID: ws-register',
        `CSeq: ${cseq} REGISTER`,
        'Contact: <sip:ws8001@browser.invalid;transport=ws>',
        'Expires: 60',
        ...(authorization ? [authorization] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    const reply = async (index: number) => {
      const deadline = Date.now() + 5000;
      while (received.length <= index) {
        if (Date.now() > deadline) throw new Error('no reply over WebSocket');
        await new Promise((r) => setTimeout(r, 20));
      }
      return received[index]!;
    };
    browser.send(register(1));
    const challenge = await reply(0);
    expect(challenge.split('\r\n')[0]).toBe('SIP/2.0 401 Unauthorized');
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
    const response = md5(`${ha1('8001', 'secret123')}:${nonce}:${md5('REGISTER:sip:127.0.0.1')}`);
    browser.send(register(2, `Authorization: Digest username="8001", realm="banzu", nonce="${nonce}", uri="sip:127.0.0.1", response="${response}", algorithm=MD5`));
    expect((await reply(1)).split('\r\n')[0]).toBe('SIP/2.0 200 OK');

    // The B2BUA offers the agent plain RTP.
    const b2bua = createSocket('udp4');
    sockets.push(b2bua);
    await new Promise<void>((resolve) => b2bua.bind(ports.b2bua, '127.0.0.1', resolve));
    const sdp = ['v=0', 'o=banzu 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');
    const invite = [
      `INVITE sip:8001@127.0.0.1:${ports.sip} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${ports.b2bua};branch=z9hG4bK${randomUUID()};rport`,
      'Max-Forwards: 70',
      `From: <sip:banzu@127.0.0.1:${ports.b2bua}>;tag=b2bua`,
      'To: <sip:8001@127.0.0.1>',
      `Call-ID: ${randomUUID()}`,
      'CSeq: 1 INVITE',
      `Contact: <sip:banzu@127.0.0.1:${ports.b2bua}>`,
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(sdp)}`,
      '',
      sdp,
    ].join('\r\n');
    b2bua.send(invite, ports.sip, '127.0.0.1');

    const toDesk = await deskInvite;
    expect(toDesk).toContain('m=audio 40000 RTP/AVP 0');
    expect(toDesk).not.toContain('webrtc=1');
    const toBrowser = await reply(2);
    expect(toBrowser.split('\r\n')[0]).toBe('INVITE sip:ws8001@browser.invalid;transport=ws SIP/2.0');
    expect(toBrowser).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF/);
    expect(toBrowser).toContain('a=fingerprint:');
    expect(toBrowser).toContain('a=ice-ufrag:');
    // Both sides of Kamailio stay on the dialog: the WebSocket one for the browser, the UDP one for the B2BUA.
    expect(toBrowser).toContain(`Record-Route: <sip:127.0.0.1:${ports.ws};transport=ws;r2=on;lr;ftag=b2bua;webrtc=1>`);
    expect(toBrowser).toContain(`Record-Route: <sip:127.0.0.1:${ports.sip};r2=on;lr;ftag=b2bua;webrtc=1>`);
  });
});
