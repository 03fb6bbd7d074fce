/**
 * `npm run bench`: runs every benchmark in bench/*.bench.ts and prints one table.
 * Record the numbers in docs/benchmarks.md with the machine they ran on.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target the figure must meet, in words, e.g. "< 10 ms". */
  target?: string;
  ok?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.startsWith(only))
  .sort();

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<BenchResult[]> };
  const results = await mod.default();
  for (const r of results) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED';
    if (r.ok === false) failed = true;
    console.log(`${file.padEnd(24)} ${r.name.padEnd(56)} ${r.value.toFixed(2).padStart(12)} ${r.unit.padEnd(10)} ${r.target ?? ''}${verdict}`);
  }
}
process.exitCode = failed ? 1 : 0;
