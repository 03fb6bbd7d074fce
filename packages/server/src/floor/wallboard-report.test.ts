import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addTallies, computeMetrics, factsFromRecord, foldCallDetailRecord, fromLocal, simulateSingleQueue, tallyCall, type CallDetailRecord, type DomainEvent } from '@banzu/core';
import { EventLog } from '../events/index';
import { ProjectionRunner } from '../projections/index';
import { metricsReport, reportsProjection } from '../reports/index';
import { backends, type TestStore } from '../store/testing';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { FloorFeed } from './feed';

const timeZone = 'Asia/Shanghai';
const HALF_HOUR = 30 * 60_000;
// The what-if simulator counts every abandon (as Erlang A does): no short-abandon allowance here.
const limits = { serviceLevelSeconds: 20, shortAbandonSeconds: 0 };
const manager = { userId: 'manager', role: 'manager' as const, teamId: null };

/** The metric dictionary over the raw call detail records folded from the events, started at or after `from`. */
function recompute(events: DomainEvent[], from: number) {
  const records = new Map<string, CallDetailRecord>();
  for (const e of events) if (e.type.startsWith('call.')) records.set(e.stream, foldCallDetailRecord(records.get(e.stream), e)!);
  const tallies = [];
  for (const record of records.values()) {
    const at = factsFromRecord(record);
    if (at && at.offeredAt >= from) tallies.push(tallyCall(at.facts, limits));
  }
  return computeMetrics(addTallies(...tallies));
}

/** Same figures, allowing for float sums taken in a different order by SQL and by JavaScript. */
function expectSameFigures(actual: Record<string, number | null>, expected: Record<string, number | null>, where: string) {
  expect(Object.keys(actual).sort(), where).toEqual(Object.keys(expected).sort());
  for (const [metric, value] of Object.entries(expected)) {
    if (value === null) expect(actual[metric], `${where}: ${metric}`).toBeNull();
    else expect(actual[metric], `${where}: ${metric}`).toBeCloseTo(value, 9);
  }
}

describe.each(backends)('a recorded simulated morning: wallboard, report and call records agree ($name)', (backend) => {
  let t: TestStore;
  let log: EventLog;
  let runner: ProjectionRunner;
  let feed: FloorFeed;
  const start = fromLocal(2026, 3, 2, 8, 0, timeZone);
  let now = start;

  beforeAll(async () => {
    t = await backend.open();
    await t.store.query(`INSERT INTO queues (id, name, sl_threshold_seconds, sl_target) VALUES ('q', '售前咨询', 20, 0.8)`);
    // The center counts no abandon as short, as the simulator does.
    await t.store.query(`INSERT INTO centers (id, name, time_zone, hours, settings) VALUES ('c', '中心', $1, '{}', $2)`, [timeZone, JSON.stringify({ shortAbandonSeconds: 0 })]);
    log = new EventLog(t.store);
    runner = new ProjectionRunner(t.store, log, reportsProjection({ timeZone }));
    await runner.start();
    feed = await FloorFeed.open({
      store: t.store,
      log,
      timeZone,
      now: () => now,
      router: { agentState: () => undefined, liveCalls: () => [], call: () => undefined, dispositionDue: () => false },
    });
  });
  afterAll(async () => {
    feed.close();
    runner.stop();
    await log.close();
    await t.cleanup();
  });

  it('at each half-hour end the wallboard’s today and last 30 minutes equal the report and a recomputation; at the end, the simulator’s summary', async () => {
    const events: DomainEvent[] = [];
    // Busy enough that some callers wait past 20 s and some give up.
    const summary = simulateSingleQueue(
      { agents: 7, volume: 75, intervalSeconds: 1800, ahtSeconds: 180, patienceSeconds: 120, thresholdSeconds: 20, hours: 4, seed: 5, start },
      (batch) => events.push(...batch),
    );
    const end = start + 4 * 3_600_000;
    let written = 0;
    for (let intervalEnd = start + HALF_HOUR; intervalEnd <= end; intervalEnd += HALF_HOUR) {
      let upTo = written;
      while (upTo < events.length && events[upTo]!.at < intervalEnd) upTo++;
      const stored = await log.append(events.slice(written, upTo));
      written = upTo;
      now = intervalEnd;
      const head = stored.at(-1)!.seq;
      await runner.caughtUp(head);
      await vi.waitFor(() => expect(feed.snapshot(manager).seq).toBe(head));

      const where = new Date(intervalEnd).toISOString();
      const tile = feed.snapshot(manager).state.queues.find((q) => q.queueId === 'q')!;
      const report = await metricsReport(t.store, { from: '2026-03-02', to: '2026-03-02', by: 'interval', intervalMinutes: 30, timeZone, queueId: 'q' });
      const sofar = events.slice(0, written);
      expectSameFigures(tile.today, report.total.metrics, `${where} today vs report`);
      expectSameFigures(tile.today, recompute(sofar, start), `${where} today vs call records`);
      const lastRow = report.rows.at(-1)!;
      // Shanghai keeps UTC+8 all year, so the local key is the UTC time plus eight hours.
      expect(lastRow.key, where).toBe(new Date(intervalEnd - HALF_HOUR + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
      expectSameFigures(tile.last30, lastRow.metrics, `${where} last 30 minutes vs the report's interval`);
      expectSameFigures(tile.last30, recompute(sofar, intervalEnd - HALF_HOUR), `${where} last 30 minutes vs call records`);
    }

    // Only calls that ended before the run stopped have an outcome, in the simulator as in the report.
    const whole = feed.snapshot(manager).state.queues.find((q) => q.queueId === 'q')!.today;
    expect(written).toBe(events.length);
    expect(whole.totalCalls).toBe(summary.offered);
    expect(whole.abandonmentRate).toBeCloseTo(summary.abandonRate!, 10);
    expect(whole.serviceLevel).toBeCloseTo(summary.serviceLevel!, 10);
    expect(whole.averageSpeedOfAnswer).toBeCloseTo(summary.asa!, 10);
    // The run was not trivial: callers waited past the threshold and some abandoned.
    expect(summary.serviceLevel!).toBeLessThan(0.99);
    expect(summary.abandoned).toBeGreaterThan(0);
  }, 60_000);

  it('counts the service level in the center’s variant and names it, as the report does', async () => {
    const before = feed.snapshot(manager).state;
    expect(before.serviceLevel).toMatchObject({ variant: 'offered', zh: '服务水平口径：阈值内接听 / 呼入' });
    const offered = before.queues.find((q) => q.queueId === 'q')!.today.serviceLevel;
    await t.store.query(`UPDATE centers SET settings = $1`, [JSON.stringify({ shortAbandonSeconds: 0, serviceLevel: { variant: 'abandon_met', excludeShortAbandons: false } })]);
    await feed.reloadSettings();
    const after = feed.snapshot(manager).state;
    expect(after.serviceLevel.zh).toContain('放弃');
    const tile = after.queues.find((q) => q.queueId === 'q')!.today;
    const parameters = metricParameters(await loadCenterSettings(t.store));
    const report = await metricsReport(t.store, { from: '2026-03-02', to: '2026-03-02', by: 'day', timeZone, queueId: 'q', parameters });
    expect(tile.serviceLevel).toBeCloseTo(report.total.metrics.serviceLevel!, 10);
    // Callers who gave up within 20 s now count as met: a different figure from the default's.
    expect(tile.serviceLevel!).toBeGreaterThan(offered!);
  });
});
