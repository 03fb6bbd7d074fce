import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Embedded PostgreSQL must have one process at a time: two would corrupt the data files. */
export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process is a Banzu one: a PID in a stale file may since belong to another program
 * (the machine restarted, PIDs went round). Where /proc cannot tell (not Linux), any live process counts.
 */
function isBanzu(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    return /banzu/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync('/proc/self');
  }
}

/** Takes the data directory for this process; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(resolve(dataDir), 'banzu.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder !== process.pid && Number.isInteger(holder) && isBanzu(holder)) {
      throw new DataDirBusyError(`${resolve(dataDir)} is in use by another Banzu process (pid ${holder}); stop it first`);
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
