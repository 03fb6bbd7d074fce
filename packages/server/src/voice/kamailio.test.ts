import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kamailioConfig } from './kamailio';

const options = { address: '127.0.0.1', port: 15060, b2buaPort: 15070, queueNumbers: ['4008001001', '+864008001002'] };

describe('Kamailio’s generated configuration', () => {
  it.each([
    ['the queue numbers given', options],
    ['every all-digit number to the B2BUA', { ...options, queueNumbers: undefined }],
  ])('is a configuration Kamailio accepts, with %s', async (_, given) => {
    const dir = await mkdtemp(join(tmpdir(), 'banzu-kamailio-'));
    try {
      const file = join(dir, 'kamailio.cfg');
      await writeFile(file, kamailioConfig(given));
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
  });

  it('without queue numbers sends any all-digit number to the B2BUA, which knows the queues', () => {
    const { queueNumbers: _, ...anyNumber } = options;
    expect(kamailioConfig(anyNumber)).toContain('$rU =~ "^(\\+?[0-9]+)$"');
  });

  it('refuses a queue number that is not digits, which would break the routing expression', () => {
    expect(() => kamailioConfig({ ...options, queueNumbers: ['400|.*'] })).toThrow('digits only');
  });
});
