import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { startFloor } from '../floor/index';
import { readWav } from '../recordings/testing';
import { backends, type TestStore } from '../store/testing';
import { seedDemoCenter } from './seed';
import { demoCenter } from './index';
import { DemoTraffic } from './traffic';

const QUARTER_HOUR = 15 * 60_000;

/** The demo's floor over a seeded store, on a clock the test moves. */
async function demoFloor(t: TestStore, clock: ManualClock, errors: unknown[], recordingsDir: string | null = null) {
  const log = new EventLog(t.store);
  const onError = (err: unknown) => errors.push(err);
  const traffic = new DemoTraffic({ speed: 1, load: 1, seed: 1, recordingsDir, clock, onError });
  const floor = await startFloor({ store: t.store, log, clock }, { connect: (resume) => traffic.connect(t.store, resume), onError });
  const stopTraffic = traffic.start(floor);
  return {
    floor,
    traffic,
    async close() {
      await stopTraffic();
      await floor.close();
      await log.close();
    },
  };
}

/** Moves the clock in steps, letting the floor's writes run between them. */
async function run(clock: ManualClock, until: number, stepMs = 10_000) {
  while (clock.now() < until) {
    clock.advance(Math.min(stepMs, until - clock.now()));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// Each test seeds the whole demo center and runs a simulated half-hour: minutes on a loaded machine.
describe('the demo floor', { timeout: 600_000 }, () => {
  it('has callers in every quarter-hour, including the first whole one after the start', async () => {
    const t = await backends[0]!.open();
    const errors: unknown[] = [];
    try {
      await seedDemoCenter(t.store, 'demo-pass-123');
      // 09:14 in Shanghai, a minute before a quarter-hour ends.
      const clock = manualClock(Date.UTC(2026, 0, 5, 1, 14));
      const demo = await demoFloor(t, clock, errors);
      await run(clock, Date.UTC(2026, 0, 5, 1, 46));
      await demo.close();
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
  });

  it('records its calls: a simulated call that was answered has a playable WAV; call ids are unguessable', async () => {
    const t = await backends[0]!.open();
    const dir = mkdtempSync(join(tmpdir(), 'banzu-demo-recordings-'));
    const errors: unknown[] = [];
    try {
      await seedDemoCenter(t.store, 'demo-pass-123');
      const clock = manualClock(Date.UTC(2026, 0, 5, 2, 0));
      const demo = await demoFloor(t, clock, errors, dir);
      await run(clock, clock.now() + 20 * 60_000);
      await demo.close();
      const rows = await t.store.query<{ call_id: string; path: string }>(`SELECT call_id, path FROM recordings WHERE call_id LIKE 'sim-%' ORDER BY call_id LIMIT 1`);
      expect(rows).toHaveLength(1);
      const wav = readWav(readFileSync(join(dir, rows[0]!.path)));
      expect(wav.seconds).toBeGreaterThan(0);
      expect(wav.loudest).toBeGreaterThan(1000);
      const answered = await t.store.query('SELECT 1 FROM events WHERE stream = $1 AND type = $2', [rows[0]!.call_id, 'call.answered']);
      expect(answered).toHaveLength(1);
      // Call ids are random, not a count: a team leader who sees one of the own team's cannot name another team's.
      const ids = (await t.store.query<{ stream: string }>(`SELECT DISTINCT stream FROM events WHERE type = 'call.arrived'`)).map((r) => r.stream);
      expect(ids.length).toBeGreaterThan(1);
      for (const id of ids) expect(id).toMatch(/^sim-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.cleanup();
    }
  });

  it('after a restart ends the calls the last simulation left and restaffs its agents, without errors', async () => {
    const t = await backends[0]!.open();
    const errors: unknown[] = [];
    try {
      await seedDemoCenter(t.store, 'demo-pass-123');
      const clock = manualClock(Date.UTC(2026, 0, 5, 2, 0));
      const first = await demoFloor(t, clock, errors);
      // Ten simulated minutes: agents staffed, calls waiting and talking.
      await run(clock, clock.now() + 10 * 60_000);
      const left = first.floor.engine.router.liveCalls();
      expect(left.length).toBeGreaterThan(0);
      await first.close();

      const second = await demoFloor(t, clock, errors);
      const stillThere = second.floor.engine.router.liveCalls().filter((id) => left.includes(id));
      // Only queued callbacks outlive the caller: the callback is still owed.
      for (const id of stillThere) expect(second.floor.engine.router.call(id)).toMatchObject({ status: 'queued', callback: true });
      await run(clock, clock.now() + 5 * 60_000);
      expect(second.floor.engine.router.liveCalls().some((id) => !left.includes(id))).toBe(true);
      await second.close();
      const ended = await t.store.query<{ stream: string }>(`SELECT stream FROM events WHERE type = 'call.ended'`);
      const endedIds = new Set(ended.map((e) => e.stream));
      for (const id of left) if (!stillThere.includes(id)) expect(endedIds.has(id), id).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('the demo as start-up’s guest', () => {
  it('names its center, site, teams, skills and queues in Chinese only, as a Chinese center would', async () => {
    const t = await backends[0]!.open();
    try {
      await seedDemoCenter(t.store, 'demo-pass-123');
      const names = await t.store.query<{ name: string }>(
        `SELECT name FROM centers UNION ALL SELECT name FROM sites UNION ALL SELECT name FROM teams
         UNION ALL SELECT name FROM skills UNION ALL SELECT description FROM skills UNION ALL SELECT name FROM queues`,
      );
      expect(names.length).toBeGreaterThan(10);
      // VIP is what Chinese centers call the line (VIP专线); no other Latin word belongs in a name.
      expect(names.map((n) => n.name).filter((name) => /[A-Za-z]/.test(name.replace('VIP', '')))).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 120_000);

  it('seeds the first start only when asked, and brings no switch without the simulation', async () => {
    const quiet = demoCenter(loadConfig({ env: { BANZU_DEMO: 'false', BANZU_SIM: 'false' }, cwd: '/nonexistent' }), { onError: () => {} });
    expect(quiet.seed).toBeUndefined();
    expect(quiet.connect).toBeUndefined();
    const full = demoCenter(loadConfig({ env: {}, cwd: '/nonexistent' }), { onError: () => {} });
    expect(full.seed).toBeTypeOf('function');
    expect(full.connect).toBeTypeOf('function');
  });
});
