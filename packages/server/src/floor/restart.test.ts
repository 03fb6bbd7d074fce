import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { manualClock } from '@banzu/core';
import { EventLog } from '../events/index';
import { createQueue, createSkill } from '../org/index';
import { backends, type TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { startFloor, type Floor } from './index';

describe.each(backends)('a floor restarted on the same store resumes where it stopped ($name)', (backend) => {
  let t: TestStore;
  let log: EventLog;
  const clock = manualClock(Date.UTC(2026, 0, 5, 1, 0));
  const open: Floor[] = [];
  let agentId: string;
  let queueId: string;

  const start = async () => {
    const floor = await startFloor({ store: t.store, log, clock }, { timer: clock.timer, onError: (err) => console.error(err) });
    open.push(floor);
    return floor;
  };

  beforeAll(async () => {
    t = await backend.open();
    await seedTestCenter(t.store, 'test-pass-123');
    log = new EventLog(t.store);
    [{ id: agentId }] = (await t.store.query<{ id: string }>('SELECT user_id AS id FROM agents ORDER BY employee_no LIMIT 1')) as [{ id: string }];
    // A queue no agent has the skill for, so its call keeps waiting.
    const skillId = await createSkill(t.store, { name: '韩语 Korean' });
    queueId = await createQueue(t.store, { name: '韩语专线', requiredSkills: [{ skillId, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8, routing: { widening: [] } });
  });
  afterAll(async () => {
    for (const floor of open) await floor.close();
    await log.close();
    await t.cleanup();
  });

  it('keeps a ready agent ready and a queued call queued, appending nothing while it restores', async () => {
    const first = await start();
    expect(first.engine.command({ type: 'agent.login', agentId })).toBeNull();
    clock.advance(2000);
    expect(first.engine.command({ type: 'switch.call_arrived', callId: 'kr-1', from: '13900000001', to: null, queueId, vipLevel: 0 })).toBeNull();
    expect(first.engine.router.call('kr-1')?.status).toBe('queued');
    const before = first.engine.router.snapshot();
    await first.close();
    const head = await log.head();

    clock.advance(1000);
    const second = await start();
    expect(await log.head()).toBe(head);
    expect(second.engine.router.agentState(agentId)?.status).toBe('ready');
    expect(second.engine.router.call('kr-1')).toMatchObject({ status: 'queued', queueId, position: 1 });
    expect(second.engine.router.snapshot().calls).toEqual(before.calls);
    // The wallboard shows them too.
    expect(second.feed.agent(agentId)?.status).toBe('ready');
    expect(second.feed.snapshot({ userId: 'x', role: 'manager', teamId: null }).state.calls.map((c) => c.callId)).toContain('kr-1');

    // And the restored router goes on: the agent logs out, the call's caller gives up.
    expect(second.engine.command({ type: 'agent.logout', agentId })).toBeNull();
    expect(second.engine.command({ type: 'switch.caller_hung_up', callId: 'kr-1' })).toBeNull();
    await vi.waitFor(() => expect(second.feed.agent(agentId)?.status).toBe('logged_out'));
    await second.close();
  });

  it('replays the inputs handled after the last snapshot when the last run never saved one at the end', async () => {
    const running = await start();
    expect(running.engine.command({ type: 'agent.login', agentId })).toBeNull();
    clock.advance(1000);
    expect(running.engine.command({ type: 'switch.call_arrived', callId: 'kr-2', from: null, to: null, queueId, vipLevel: 3 })).toBeNull();
    expect(running.engine.command({ type: 'agent.not_ready', agentId, reason: 'meal' })).toBeNull();
    // As if the process died now: the inputs are journalled, the last snapshot is the one from its start.
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM router_inputs')) as [{ n: number }];
      if (n >= 3) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Its events are written after the inputs are journalled: all of them are in the log by now.
    await running.engine.written();
    const head = await log.head();
    const restarted = await start();
    expect(await log.head()).toBe(head);
    expect(restarted.engine.router.snapshot()).toEqual(running.engine.router.snapshot());
    expect(restarted.engine.router.agentState(agentId)).toMatchObject({ status: 'not_ready', notReadyReason: 'meal' });
    expect(restarted.engine.router.call('kr-2')).toMatchObject({ status: 'queued', vipLevel: 3 });
  });
});
