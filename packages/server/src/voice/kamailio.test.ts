import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kamailioConfig } from './kamailio';

const options = { address: '127.0.0.1', port: 15060, b2buaPort: 15070, queueNumbers: ['4008001001', '+864008001002'] };

describe('Kamailio’s generated configuration', () => {
  it('is a configuration Kamailio accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banzu-kamailio-'));
    try {
      const file = join(dir, 'kamailio.cfg');
      await writeFile(file, kamailioConfig(options));
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

  it('refuses a queue number that is not digits, which would break the routing expression', () => {
    expect(() => kamailioConfig({ ...options, queueNumbers: ['400|.*'] })).toThrow('digits only');
  });
});
