import { describe, expect, it } from 'vitest';
import { manualClock } from '@banzu/core';
import { seedDemoCenter } from '../demo/index';
import { EventLog } from '../events/index';
import { backends } from '../store/testing';
import { startFloor } from './index';

const QUARTER_HOUR = 15 * 60_000;

describe('the demo floor', () => {
  it('has callers in every quarter-hour, including the first whole one after the start', async () => {
    const t = await backends[0]!.open();
    await seedDemoCenter(t.store, 'demo-pass-123');
    const log = new EventLog(t.store);
    const errors: unknown[] = [];
    // 09:14 in Shanghai, a minute before a quarter-hour ends; a quarter-hour passes in 1.5 s.
    const start = Date.UTC(2026, 0, 5, 1, 14);
    const speed = 600;
    const wallStart = Date.now();
    const simulationClock = { now: () => start + (Date.now() - wallStart) * speed };
    try {
      const floor = await startFloor({ store: t.store, log, clock: manualClock(start) }, { simulate: true, speed, simulationClock, onError: (err) => errors.push(err) });
      const until = Date.UTC(2026, 0, 5, 1, 46);
      while (simulationClock.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      await floor.close();
      await log.close();
      const arrivals = await t.store.query<{ quarter: string; calls: string }>(
        `SELECT floor(extract(epoch FROM occurred_at) * 1000 / ${QUARTER_HOUR}) * ${QUARTER_HOUR} AS quarter, count(*) AS calls
           FROM events WHERE type = 'call.arrived' GROUP BY 1`,
      );
      const byQuarter = new Map(arrivals.map((r) => [Number(r.quarter), Number(r.calls)]));
      // The demo's night floor is 44 callers a quarter-hour; at 09:15 and 09:30 it is far above that.
      for (const quarter of [Date.UTC(2026, 0, 5, 1, 15), Date.UTC(2026, 0, 5, 1, 30)]) {
        expect(byQuarter.get(quarter) ?? 0, new Date(quarter).toISOString()).toBeGreaterThan(40);
      }
      expect(errors).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});
