import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOutboundTallies, defaultDispositions, manualClock, tallyDial, type OutboundTally } from '@banzu/core';
import { assemble, type Assembled } from '../bootstrap/index';
import { campaignsProjection } from '../campaigns/index';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { ProjectionRunner } from '../projections/index';
import { backends, type TestStore } from '../store/testing';
import { seedDemoCenter } from './seed';
import { startDemoTelemarketers, type DemoTelemarketers } from './telemarketers';
import { DemoTraffic } from './traffic';

/** Monday 2026-01-05, 09:00 in Shanghai. */
const start = Date.UTC(2026, 0, 5, 1, 0);
const retryMinutes: Record<string, number> = { busy: 15, no_answer: 120 };

interface Attempt {
  campaign_id: string;
  customer_id: string;
  agent_id: string;
  started_at: Date;
  connected_at: Date | null;
  ended_at: Date | null;
  recorded_at: Date | null;
  talk_seconds: number;
  line_result: string | null;
  result: string | null;
}

describe.each(backends)('the demo campaign run in the simulator ($name)', { timeout: 600_000 }, (backend) => {
  let t: TestStore;
  let log: EventLog;
  let server: Assembled;
  let traffic: DemoTraffic;
  let telemarketers: DemoTelemarketers;
  let stop: () => void;
  const clock = manualClock(start);
  let attempts: Attempt[];

  beforeAll(async () => {
    t = await backend.open();
    await seedDemoCenter(t.store, 'demo-pass-123', start);
    log = new EventLog(t.store);
    const onError = (err: unknown) => console.error(err);
    traffic = new DemoTraffic({ speed: 1, load: 1, seed: 5, recordingsDir: null, clock, onError });
    server = await assemble(
      { config: loadConfig({ env: {}, cwd: '/nonexistent' }), store: t.store, log, clock },
      { floor: { connect: (resume) => traffic.connect(t.store, resume), onError } },
    );
    const stopTraffic = traffic.start(server.floor!);
    ({ telemarketers, stop } = await startDemoTelemarketers(t.store, server.app.campaignDesk!, server.floor!, traffic.switch));
    expect(telemarketers.agentIds).toHaveLength(8);
    // Two simulated hours in 20-second steps: the switch's world moves, then the telemarketers act.
    for (let step = 0; step < 360; step++) {
      clock.advance(20_000);
      await new Promise((resolve) => setTimeout(resolve, 1));
      await telemarketers.step();
    }
    await server.app.campaignDesk!.flush();
    stop();
    await stopTraffic();
    // The dial records, built from the log afterwards as a restarted server would.
    const dialRecords = new ProjectionRunner(t.store, log, campaignsProjection({ timeZone: 'Asia/Shanghai' }));
    await dialRecords.start();
    await dialRecords.caughtUp(await log.head());
    dialRecords.stop();
    attempts = await t.store.query<Attempt>('SELECT * FROM campaign_attempts ORDER BY started_at, id');
  }, 1_200_000);
  afterAll(async () => {
    await server.close();
    await log.close();
    await t.cleanup();
  });

  it('has the telemarketers dial through the router, with the switch’s answers, busy lines and ring-outs recorded', () => {
    expect(attempts.length).toBeGreaterThan(100);
    expect(new Set(attempts.map((a) => a.agent_id)).size).toBe(8);
    const saved = attempts.filter((a) => a.result !== null);
    expect(saved.length).toBeGreaterThan(attempts.length - 9);
    for (const a of saved) {
      if (a.connected_at === null) {
        expect({ line: a.line_result, result: a.result }).toEqual({
          line: a.line_result,
          result: { busy: 'busy', no_answer: 'no_answer', failed: 'invalid_number' }[a.line_result!],
        });
        expect(a.talk_seconds).toBe(0);
      } else {
        expect(['success', 'interested', 'callback', 'not_interested', 'refused', 'wrong_number']).toContain(a.result);
        expect(a.talk_seconds).toBe(Math.round((a.ended_at!.getTime() - a.connected_at.getTime()) / 1000));
      }
    }
    const results = new Set(saved.map((a) => a.result));
    for (const code of ['busy', 'no_answer', 'success', 'not_interested']) expect(results).toContain(code);
  });

  it('never puts two agents on one customer at once, never dials beyond the maximum, and keeps the retry intervals', () => {
    const byCustomer = attempts.reduce((m, a) => m.set(a.customer_id, [...(m.get(a.customer_id) ?? []), a]), new Map<string, Attempt[]>());
    for (const list of byCustomer.values()) {
      expect(list.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1]!;
        const after = list[i]!;
        expect(before.recorded_at).not.toBeNull();
        expect(after.started_at.getTime()).toBeGreaterThanOrEqual(before.recorded_at!.getTime());
        const wait = retryMinutes[before.result!];
        if (wait) expect(after.started_at.getTime() - before.recorded_at!.getTime()).toBeGreaterThanOrEqual(wait * 60_000);
      }
    }
  });

  it('reports per agent exactly what a recomputation from the dial records gives, and counts effective calls against each quota', async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader4', password: 'demo-pass-123' } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const report = (await server.app.inject({ method: 'GET', url: '/api/v1/campaigns/reports/agents?from=2026-01-05&to=2026-01-05', headers })).json() as {
      rows: { agentId: string; tally: OutboundTally }[];
      total: { tally: OutboundTally };
    };
    const recomputed = new Map<string, OutboundTally>();
    for (const a of attempts) {
      const dial = tallyDial(defaultDispositions, {
        startedAt: a.started_at.getTime(),
        talkSeconds: a.talk_seconds,
        result: a.result,
        recordedAt: a.recorded_at?.getTime() ?? null,
      });
      recomputed.set(a.agent_id, addOutboundTallies(recomputed.get(a.agent_id) ?? {}, dial));
    }
    expect(report.rows).toHaveLength(8);
    const fields = ['dials', 'connects', 'effectiveCalls', 'successes', 'refusals', 'talkSeconds', 'workSeconds'] as const;
    for (const row of report.rows) {
      const mine = recomputed.get(row.agentId)!;
      for (const f of fields) expect(row.tally[f], f).toBe(mine[f]);
    }
    expect(report.total.tally.dials).toBe(attempts.length);

    const team = (await server.app.inject({ method: 'GET', url: '/api/v1/campaigns/reports/team?date=2026-01-05', headers })).json() as {
      rows: { agentId: string; quota: { target: number; done: number } }[];
    };
    const targets = team.rows.map((r) => r.quota.target).sort();
    // Seed 000: two of the demo's telemarketers are in their first two weeks.
    expect(targets).toEqual([30, 30, 50, 50, 50, 50, 50, 50]);
    for (const r of team.rows) expect(r.quota.done).toBe(recomputed.get(r.agentId)!.effectiveCalls);
  });

  it('leaves a telemarketer to the person who takes the next customer at the desk', async () => {
    const [agentId] = telemarketers.agentIds;
    const [{ employee_no }] = (await t.store.query<{ employee_no: string }>('SELECT employee_no FROM agents WHERE user_id = $1', [agentId])) as [{ employee_no: string }];
    const { center } = traffic.switch;
    expect(center.isSimulated(agentId!)).toBe(true);
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: employee_no, password: 'demo-pass-123' } });
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/campaigns/tasks/next', headers: { authorization: `Bearer ${login.json().token}` } });
    expect(res.statusCode).toBe(200);
    expect(center.isSimulated(agentId!)).toBe(false);
    expect(center.isHuman(agentId!)).toBe(true);
    expect(server.floor!.feed.agent(agentId!)?.simulated).toBe(false);
  });
});
