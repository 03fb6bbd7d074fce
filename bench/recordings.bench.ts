/**
 * Recordings benchmark: what the simulated switch's recordings cost. `add` runs on the router's path
 * (it only queues the call), so it must be far below the router's own microseconds per input; the
 * writer then generates each WAV, writes it and inserts its row in batches (embedded PostgreSQL, a
 * temporary directory). The demo at its top speed (100×) records about 12 calls a second at the
 * busiest quarter-hour, so the writer must keep far ahead of that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingWriter } from '../packages/server/src/recordings/index';
import { migrate, openEmbeddedStore } from '../packages/server/src/store/index';
import type { BenchResult } from './index';

export default async function (): Promise<BenchResult[]> {
  const store = await openEmbeddedStore({});
  await migrate(store);
  const dir = mkdtempSync(join(tmpdir(), 'banzu-bench-recordings-'));
  try {
    const calls = 2000;
    const start = Date.UTC(2026, 2, 2, 9);
    // Talk times of 30 s to 4 min: audio of 1 to 3 s, the spread a real day gives.
    const recorded = Array.from({ length: calls }, (_, i) => ({ callId: `b-${i}`, startedAt: start + i * 1000, endedAt: start + i * 1000 + 30_000 + ((i * 7919) % 210_000) }));

    const queueOnly = new RecordingWriter(
      store,
      dir,
      (err) => {
        throw err;
      },
      { batchMs: 3_600_000, maxPending: calls },
    );
    const t0 = process.hrtime.bigint();
    for (const call of recorded) queueOnly.add(call);
    const addNs = Number(process.hrtime.bigint() - t0) / calls;

    const t1 = process.hrtime.bigint();
    await queueOnly.flush();
    const writeSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
    const [{ bytes }] = (await store.query<{ bytes: number }>('SELECT avg(bytes)::float AS bytes FROM recordings')) as [{ bytes: number }];
    return [
      { name: 'add one recorded call (on the router path)', value: addNs, unit: 'ns', target: '< 1000 ns', ok: addNs < 1000 },
      { name: `write ${calls} recordings (WAV + row, batched)`, value: calls / writeSeconds, unit: 'calls/s', target: '≥ 100 calls/s', ok: calls / writeSeconds >= 100 },
      { name: 'average recording size', value: bytes / 1024, unit: 'KiB', target: '≤ 47 KiB (3 s)', ok: bytes <= 44 + 3 * 16000 },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
