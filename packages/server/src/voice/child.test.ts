import { describe, expect, it } from 'vitest';
import { startChild, waitUntilReady } from './child';

describe('the daemons Banzu runs itself', () => {
  it('says which program is not installed and where the packages are named', async () => {
    const child = startChild('kamailio', 'banzu-no-such-program', [], '.');
    await expect(waitUntilReady(child, async () => false)).rejects.toThrow('banzu-no-such-program is not installed (the Debian packages are in docs/voice.md)');
  });

  it('stops a program that ignores SIGTERM after the grace period', async () => {
    const child = startChild('stubborn', 'sh', ['-c', 'trap "" TERM; echo up; while true; do sleep 0.1; done'], '.');
    await waitUntilReady(child, async () => child.output().includes('up'));
    await child.stop(200);
    await expect(child.exited).resolves.toBeNull();
  });
});
