import { describe, expect, it } from 'vitest';
import { keepRunning, startChild, waitUntilReady, type Child } from './child';

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

  it('starts a daemon again after it exits, waiting longer after each exit in a row, and not once it is stopped', async () => {
    const started: Child[] = [];
    const errors: string[] = [];
    // A daemon that dies at once: exit, start, exit, start …
    const start = async () => {
      const child = startChild('flaky', 'sh', ['-c', 'echo up; exit 3'], '.');
      started.push(child);
      return child;
    };
    const kept = keepRunning(await start(), start, { firstDelayMs: 50, onError: (err) => errors.push(String(err)) });
    await expect.poll(() => started.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await kept.stop();
    const count = started.length;
    expect(errors[0]).toContain('flaky exited (code 3); starting it again in 0.05 s');
    expect(errors[1]).toContain('starting it again in 0.1 s');
    expect(errors[2] ?? 'starting it again in 0.2 s').toContain('starting it again in 0.2 s');
    await new Promise((r) => setTimeout(r, 500));
    expect(started.length).toBe(count);
  });
});
