import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, Router, seededRandom, type SwitchCommand, type SwitchEvent, type SwitchPort } from '@banzu/core';
import { EventLog } from '../events/index';
import { backends, type TestStore } from '../store/testing';
import { FloorEngine } from './engine';
import { RouterJournal } from './journal';

/** A switch of real phones as the floor sees it: it reports as things happen and executes what it is told. */
function phoneSwitch() {
  let handler: ((event: SwitchEvent) => void) | null = null;
  const executed: { command: SwitchCommand; at: number }[] = [];
  const atDesk: string[] = [];
  const port: SwitchPort = {
    execute: (commands, at) => executed.push(...commands.map((command) => ({ command, at }))),
    onEvent(h) {
      handler = h;
      return () => {
        handler = null;
      };
    },
    personAtDesk: (agentId) => atDesk.push(agentId),
  };
  return { port, executed, atDesk, report: (event: SwitchEvent) => handler?.(event), listening: () => handler !== null };
}

describe('the floor engine over a switch port', () => {
  let t: TestStore;
  let log: EventLog;
  const clock = manualClock(Date.UTC(2026, 0, 5, 1, 0));
  const phones = phoneSwitch();
  let engine: FloorEngine;

  beforeAll(async () => {
    t = await backends[0]!.open();
    log = new EventLog(t.store);
    const { journal } = await RouterJournal.open(t.store, (err) => console.error(err));
    const router = new Router({
      queues: [{ id: 'q', agents: ['a1', 'a2'] }],
      agents: [
        { agentId: 'a1', skills: [] },
        { agentId: 'a2', skills: [] },
      ],
      random: seededRandom(1),
    });
    engine = new FloorEngine({ router, log, clock, timer: clock.timer, switch: phones.port, journal, onError: (err) => console.error(err) });
    engine.start();
  });
  afterAll(async () => {
    await engine.stop();
    await log.close();
    await t.cleanup();
  });

  it('routes what the switch reports and hands the router’s commands back with the floor’s time', () => {
    expect(engine.command({ type: 'agent.login', agentId: 'a1' })).toBeNull();
    clock.advance(1000);
    phones.report({ type: 'switch.call_arrived', callId: 'c1', from: '13800138000', to: '95555', queueId: 'q', vipLevel: 0 });
    const offer = phones.executed.find((e) => e.command.type === 'offer');
    expect(offer).toEqual({ command: expect.objectContaining({ callId: 'c1', agentId: 'a1' }), at: clock.now() });
    phones.report({ type: 'switch.agent_answered', callId: 'c1', agentId: 'a1' });
    expect(engine.router.call('c1')).toMatchObject({ status: 'connected', agents: ['a1'] });
    phones.report({ type: 'switch.caller_hung_up', callId: 'c1' });
    expect(engine.router.call('c1')).toBeUndefined();
  });

  it('fires the router’s deadlines on its timer as the clock moves: an unanswered offer rings out', () => {
    expect(engine.command({ type: 'agent.login', agentId: 'a2' })).toBeNull();
    expect(engine.command({ type: 'agent.not_ready', agentId: 'a1', reason: 'meal' })).toBeNull();
    phones.report({ type: 'switch.call_arrived', callId: 'c2', from: null, to: null, queueId: 'q', vipLevel: 0 });
    expect(engine.router.agentState('a2')?.status).toBe('ringing');
    const rang = clock.now();
    clock.advance(20_000);
    const cancel = phones.executed.find((e) => e.command.type === 'cancel_offer' && e.command.callId === 'c2');
    // The default ring timeout is 15 s: the timer fired at that moment, not when the test's clock stopped.
    expect(cancel?.at).toBe(rang + 15_000);
    expect(engine.router.agentState('a2')?.status).not.toBe('ringing');
  });

  it('tells the switch who sits at a desk, and stops listening to it when the floor stops', async () => {
    engine.personAtDesk('a2');
    expect(phones.atDesk).toEqual(['a2']);
    await engine.stop();
    expect(phones.listening()).toBe(false);
    const before = phones.executed.length;
    clock.advance(60_000);
    expect(phones.executed).toHaveLength(before);
  });
});
