/**
 * CLI start benchmark: `banzu erlang ... --json` is a computation of microseconds, so its time is
 * almost all start-up: Node, the compiled CLI (packages/server/build.mjs, rebuilt here first so the
 * figure is the current sources') and the modules the command loads. Set against `node -e 0`, Node's
 * own start, on the same machine in the same minutes: the ratio says what Banzu adds, whatever the
 * machine. Also the same command from the sources through tsx, as the tests and development run it.
 * Runs alternate between the commands so a change of load hits them alike. Besides wall time, the CPU
 * a run took (Linux), which moves far less than wall time on a machine busy with other work.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './index';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../packages/server');
const erlang = [join(serverDir, 'bin/banzu.js'), 'erlang', '--volume', '100', '--interval', '1800', '--aht', '180', '--agents', '12', '--threshold', '20', '--json'];
const RUNS = 21;
const SOURCE_RUNS = 5;

/** CPU time (user + system, ms) of this process's finished children: cutime and cstime in /proc/self/stat, in ticks of 10 ms. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  wallMs: number[];
  cpuMs: number;
}

/** Runs `node <args>` and adds its wall and CPU time to `timing`; a failed run throws, so no figure hides an error. */
function run(timing: Timing, args: string[], env: NodeJS.ProcessEnv): void {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  timing.wallMs.push(performance.now() - t0);
  timing.cpuMs += childrenCpuMs() - cpu0;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
}

const best = (t: Timing) => Math.min(...t.wallMs);
const median = (t: Timing) => [...t.wallMs].sort((a, b) => a - b)[Math.floor(t.wallMs.length / 2)]!;
const cpu = (t: Timing) => t.cpuMs / t.wallMs.length;

export default async function (): Promise<BenchResult[]> {
  const build = spawnSync(process.execPath, [join(serverDir, 'build.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build.mjs exited ${build.status}: ${build.stderr}`);
  const { BANZU_FROM_SOURCE: _, ...compiledEnv } = process.env;
  const sourceEnv = { ...process.env, BANZU_FROM_SOURCE: '1' };
  const node: Timing = { wallMs: [], cpuMs: 0 };
  const compiled: Timing = { wallMs: [], cpuMs: 0 };
  const source: Timing = { wallMs: [], cpuMs: 0 };
  // One unmeasured run each: the first reads the files from disk into the operating system's cache.
  run({ wallMs: [], cpuMs: 0 }, ['-e', '0'], process.env);
  run({ wallMs: [], cpuMs: 0 }, erlang, compiledEnv);
  run({ wallMs: [], cpuMs: 0 }, erlang, sourceEnv);
  for (let i = 0; i < RUNS; i++) {
    run(node, ['-e', '0'], process.env);
    run(compiled, erlang, compiledEnv);
    if (i < SOURCE_RUNS) run(source, erlang, sourceEnv);
  }
  return [
    { name: 'node -e 0: median wall', value: median(node), unit: 'ms' },
    { name: 'node -e 0: best wall', value: best(node), unit: 'ms' },
    { name: 'banzu erlang --json, compiled: median wall', value: median(compiled), unit: 'ms', target: '< 300 ms', ok: median(compiled) < 300 },
    { name: 'banzu erlang --json, compiled: best wall', value: best(compiled), unit: 'ms' },
    { name: 'banzu erlang ÷ node -e 0, median wall', value: median(compiled) / median(node), unit: '×' },
    { name: 'banzu erlang --json, from source (tsx): median wall', value: median(source), unit: 'ms' },
    { name: 'CPU per run: node -e 0', value: cpu(node), unit: 'ms' },
    { name: 'CPU per run: banzu erlang, compiled', value: cpu(compiled), unit: 'ms' },
    { name: 'CPU per run: banzu erlang, from source (tsx)', value: cpu(source), unit: 'ms' },
  ];
}
