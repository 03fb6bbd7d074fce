import { spawn, type ChildProcess } from 'node:child_process';

/** A daemon Banzu runs itself (Kamailio, rtpengine): its recent output for error messages, and a graceful stop. */
export interface Child {
  readonly name: string;
  /** The last lines it printed, for the error when it fails. */
  output(): string;
  /** Resolves with its exit code once it has stopped. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not stopped after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const keptLines = 200;

/** Starts `command` in the foreground, keeping its last lines of output. */
export function startChild(name: string, command: string, args: readonly string[], cwd: string): Child {
  const daemon = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keptLines) lines.splice(0, lines.length - keptLines);
  };
  daemon.stdout?.on('data', keep);
  daemon.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    daemon.on('exit', (code) => resolve(code));
    daemon.on('error', (err: NodeJS.ErrnoException) => {
      lines.push(err.code === 'ENOENT' ? `${command} is not installed (the Debian packages are in docs/voice.md)` : String(err));
      resolve(null);
    });
  });
  return {
    name,
    output: () => lines.join('\n'),
    exited,
    stop: (graceMs = 5000) => stopChild(daemon, exited, graceMs),
  };
}

async function stopChild(daemon: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (daemon.exitCode !== null || daemon.signalCode !== null) return;
  daemon.kill('SIGTERM');
  const timer = setTimeout(() => daemon.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Polls `ready` until it answers true, failing with the child's output if the child exits first
 * or `timeoutMs` passes.
 */
export async function waitUntilReady(child: Child, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  let gone = false;
  void child.exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${child.name} exited while starting:\n${child.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} did not become ready in ${timeoutMs} ms:\n${child.output()}`);
}
