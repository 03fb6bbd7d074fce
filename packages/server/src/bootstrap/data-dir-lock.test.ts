import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from './data-dir-lock';

/** A live process of its own for the pid file; `args` end up in its command line. */
async function holder(...args: string[]) {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', ...args], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}

describe('the data directory lock', () => {
  it('takes over a stale banzu.pid whose PID now belongs to another program', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-lock-'));
    const other = await holder('not-our-program');
    try {
      writeFileSync(join(dir, 'banzu.pid'), String(other.pid));
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, 'banzu.pid'), 'utf8')).toBe(String(process.pid));
      release();
    } finally {
      other.kill();
    }
  });

  it('refuses while a Banzu process holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banzu-lock-'));
    const running = await holder('banzu', 'start');
    try {
      writeFileSync(join(dir, 'banzu.pid'), String(running.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
    } finally {
      running.kill();
    }
  });
});
