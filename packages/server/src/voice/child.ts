import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

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

/**
 * Starts `command` in the foreground, keeping its last lines of output. It leads its own process
 * group: Kamailio's workers outlive a main process that was killed and keep answering on its port,
 * so when the main process exits whatever is left of its group is killed too.
 */
export function startChild(name: string, command: string, args: readonly string[], cwd: string): Child {
  const daemon = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keptLines) lines.splice(0, lines.length - keptLines);
  };
  daemon.stdout?.on('data', keep);
  daemon.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    daemon.on('exit', (code) => {
      if (daemon.pid !== undefined) signalGroup(daemon.pid, 'SIGKILL');
      resolve(code);
    });
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
  const timer = setTimeout(() => daemon.pid !== undefined && signalGroup(daemon.pid, 'SIGKILL'), graceMs);
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

/** A daemon kept running: its current process, and a stop that ends the watch. */
export interface KeptChild {
  readonly name: string;
  /** Stops watching and stops the current process (gracefully, as `Child.stop`). */
  stop(graceMs?: number): Promise<void>;
}

export interface KeepRunningOptions {
  /** The first wait before starting it again; doubled after each exit in a row, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long counts as healthy: the next exit waits `firstDelayMs` again. */
  healthyMs?: number;
  /** Told of each exit (with the process's last words) and each failed start. */
  onError: (err: unknown) => void;
}

/**
 * Starts a daemon again whenever it exits while not being stopped, with backoff: 1 s, 2 s, 4 s …
 * up to 30 s between tries, back to 1 s once it has run a minute.
 *
 * @example
 * const rtpengine = keepRunning(await startRtpengine(dir, options), () => startRtpengine(dir, options), { onError });
 * await rtpengine.stop();
 */
export function keepRunning(first: Child, start: () => Promise<Child>, options: KeepRunningOptions): KeptChild {
  const firstDelayMs = options.firstDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const healthyMs = options.healthyMs ?? 60_000;
  let current: Child | null = first;
  let stopping = false;
  /** Exits and failed starts in a row: the next wait is `firstDelayMs` doubled that often. */
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<unknown> = Promise.resolve();

  const nextDelay = () => Math.min(firstDelayMs * 2 ** failures++, maxDelayMs);
  const retry = (delay: number) => {
    timer = setTimeout(() => {
      starting = start().then(
        (child) => (stopping ? child.stop() : watch(child)),
        (err: unknown) => {
          options.onError(err);
          if (!stopping) retry(nextDelay());
        },
      );
    }, delay);
  };
  const watch = (child: Child) => {
    current = child;
    const since = Date.now();
    void child.exited.then((code) => {
      if (stopping) return;
      current = null;
      if (Date.now() - since >= healthyMs) failures = 0;
      const delay = nextDelay();
      const lastWords = child.output().split('\n').slice(-5).join('\n');
      options.onError(new Error(`${child.name} exited (code ${code}); starting it again in ${delay / 1000} s${lastWords ? `:\n${lastWords}` : ''}`));
      retry(delay);
    });
  };
  watch(first);
  return {
    name: first.name,
    async stop(graceMs) {
      stopping = true;
      clearTimeout(timer);
      await starting;
      await current?.stop(graceMs);
    },
  };
}

/**
 * Stops a daemon a previous run left behind (Banzu was killed and its children lived on, holding the
 * ports): the process in `pidFile`, if it is still `program`. Resolves once it is gone.
 *
 * @example
 * await stopLeftover(join(dir, 'kamailio.pid'), 'kamailio');
 */
export async function stopLeftover(pidFile: string, program: string, graceMs = 5000): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  const isProgram = async () => (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0')[0]?.endsWith(program) ?? false;
  if (!(await isProgram())) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (await isProgram()) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Its workers, if the main process went first.
  signalGroup(pid, 'SIGKILL');
}

/** Signals every process of the group `pid` leads; nothing if none is left (or it leads none). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Nobody left in it.
  }
}
