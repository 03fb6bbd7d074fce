import { describe, expect, it } from 'vitest';
import { harness, t0 } from '../routing/testing';
import { callDetailRecords, foldCallDetailRecord, type CallDetailRecord } from './index';

describe('call detail records', () => {
  it('equal what happened: queue, ring, talk, hold, transfer, wrap-up, disposition, VIP level', () => {
    const t = harness([{ id: 'q', agents: ['a1', 'a2'], wrapUpSeconds: 20 }], ['a1', 'a2']);
    t.arrive('c1', 0, { vipLevel: 3 });
    t.login('a1', 10);
    t.answer('c1', 'a1', 14);
    t.h({ type: 'agent.hold', agentId: 'a1' }, 30);
    t.h({ type: 'agent.retrieve', agentId: 'a1' }, 40);
    t.login('a2', 50);
    t.h({ type: 'agent.transfer', agentId: 'a1', to: { agentId: 'a2' } }, 60);
    t.answer('c1', 'a2', 63);
    t.h({ type: 'agent.set_disposition', agentId: 'a2', callId: 'c1', code: 'resolved' }, 70);
    t.h({ type: 'switch.caller_hung_up', callId: 'c1' }, 100);
    t.tick(130);
    const cdr = callDetailRecords(t.events).get('c1')!;
    expect(cdr).toMatchObject({
      direction: 'inbound',
      from: '13800138000',
      vipLevel: 3,
      startedAt: t0,
      endedAt: t0 + 100_000,
      firstQueueId: 'q',
      entryPosition: 1,
      queueMs: 10_000,
      ringMs: 4_000 + 3_000,
      talkMs: 16_000 + 20_000 + 37_000,
      holdMs: 10_000,
      wrapUpMs: 40_000,
      answeredAt: t0 + 14_000,
      answeredBy: 'a1',
      agents: ['a1', 'a2'],
      disposition: 'resolved',
      recorded: true,
      outcome: 'answered',
      abandonedAfterMs: null,
    });
    expect(cdr.transfers).toEqual([{ at: t0 + 60_000, mode: 'blind', fromAgentId: 'a1', to: { agentId: 'a2' } }]);
    expect(cdr.legs).toEqual([
      { agentId: 'a1', purpose: 'queue', offeredAt: t0 + 10_000, answeredAt: t0 + 14_000, leftAt: t0 + 60_000, result: 'answered' },
      { agentId: 'a2', purpose: 'transfer', offeredAt: t0 + 60_000, answeredAt: t0 + 63_000, leftAt: t0 + 100_000, result: 'answered' },
    ]);
  });

  it('records an abandon with the time the caller waited, and a ring-no-answer leg', () => {
    const t = harness([{ id: 'q', agents: ['a1'], ringTimeoutSeconds: 10 }], ['a1']);
    t.arrive('c1', 0, { vipLevel: 1 });
    t.login('a1', 5);
    t.h({ type: 'switch.caller_hung_up', callId: 'c1' }, 42);
    const cdr = callDetailRecords(t.events).get('c1')!;
    expect(cdr).toMatchObject({ outcome: 'abandoned', abandonedAfterMs: 42_000, queueMs: 5_000 + 27_000, ringMs: 10_000, agents: [] });
    expect(cdr.legs).toEqual([{ agentId: 'a1', purpose: 'queue', offeredAt: t0 + 5_000, answeredAt: null, leftAt: t0 + 15_000, result: 'no_answer' }]);
    expect(cdr.queues.map((e) => e.via)).toEqual(['arrival', 'ring_no_answer']);
  });

  it('records overflow, after-hours forwarding and callbacks as outcomes', () => {
    const t = harness(
      [
        { id: 'q', agents: ['a1'], maxWait: { seconds: 30, action: { kind: 'forward', number: '13900000000' } } },
        { id: 'cb', agents: ['a1'], wrapUpSeconds: 0 },
      ],
      ['a1'],
    );
    t.arrive('c1', 0);
    t.arrive('c2', 1, { queueId: 'cb' });
    t.h({ type: 'switch.callback_requested', callId: 'c2', number: '13911112222' }, 5);
    t.login('a1', 40);
    t.answer('c2', 'a1', 42);
    t.h({ type: 'switch.customer_unreachable', callId: 'c2', cause: 'no_answer' }, 60);
    const records = callDetailRecords(t.events);
    expect(records.get('c1')).toMatchObject({ outcome: 'overflowed', forwardedTo: '13900000000', overflows: [{ reason: 'max_wait', action: 'forward' }] });
    expect(records.get('c2')).toMatchObject({
      outcome: 'callback',
      callback: { number: '13911112222', requestedAt: t0 + 5_000, connected: false },
      queueMs: 4_000,
      callbackWaitMs: 37_000,
      dialMs: 18_000,
    });
  });

  it('keeps who ended the call and the phase the caller was in: held, consulted for, transferred or talking', () => {
    // Only a1 takes the queue's calls; a2 is the colleague consulted or transferred to.
    const t = harness([{ id: 'q', agents: ['a1'], ringTimeoutSeconds: 30 }], ['a1', 'a2']);
    t.login('a1', 0);
    t.login('a2', 0);
    const ended = (callId: string) => {
      const r = callDetailRecords(t.events).get(callId)!;
      return { endedBy: r.endedBy, endedIn: r.endedIn, outcome: r.outcome };
    };
    // Held by the agent.
    t.arrive('held', 1);
    t.answer('held', 'a1', 2);
    t.h({ type: 'agent.hold', agentId: 'a1' }, 5);
    t.h({ type: 'switch.caller_hung_up', callId: 'held' }, 9);
    expect(ended('held')).toEqual({ endedBy: 'caller', endedIn: 'hold', outcome: 'answered' });
    t.h({ type: 'agent.ready', agentId: 'a1' }, 10);
    // Waiting while the agent's colleague rings for a consultation, then while they talk.
    t.arrive('ringing', 11);
    t.answer('ringing', 'a1', 12);
    t.h({ type: 'agent.consult', agentId: 'a1', targetAgentId: 'a2' }, 15);
    t.h({ type: 'switch.caller_hung_up', callId: 'ringing' }, 18);
    expect(ended('ringing')).toEqual({ endedBy: 'caller', endedIn: 'hold', outcome: 'answered' });
    t.h({ type: 'agent.ready', agentId: 'a1' }, 19);
    t.arrive('consulted', 20);
    t.answer('consulted', 'a1', 21);
    t.h({ type: 'agent.consult', agentId: 'a1', targetAgentId: 'a2' }, 25);
    t.answer('consulted', 'a2', 27);
    t.h({ type: 'switch.caller_hung_up', callId: 'consulted' }, 30);
    expect(ended('consulted')).toEqual({ endedBy: 'caller', endedIn: 'hold', outcome: 'answered' });
    t.h({ type: 'agent.ready', agentId: 'a1' }, 31);
    t.h({ type: 'agent.ready', agentId: 'a2' }, 31);
    // A blind transfer ringing its target.
    t.arrive('transferred', 32);
    t.answer('transferred', 'a1', 33);
    t.h({ type: 'agent.transfer', agentId: 'a1', to: { agentId: 'a2' } }, 40);
    t.h({ type: 'switch.caller_hung_up', callId: 'transferred' }, 44);
    expect(ended('transferred')).toEqual({ endedBy: 'caller', endedIn: 'ring', outcome: 'answered' });
    t.h({ type: 'agent.ready', agentId: 'a1' }, 45);
    // Talking: the caller or the agent hangs up.
    t.arrive('talked', 46);
    t.answer('talked', 'a1', 47);
    t.h({ type: 'switch.caller_hung_up', callId: 'talked' }, 60);
    expect(ended('talked')).toEqual({ endedBy: 'caller', endedIn: 'talk', outcome: 'answered' });
    t.h({ type: 'agent.ready', agentId: 'a1' }, 61);
    t.arrive('put-down', 62);
    t.answer('put-down', 'a1', 63);
    t.hangUp('a1', 70);
    expect(ended('put-down')).toEqual({ endedBy: 'agent', endedIn: 'talk', outcome: 'answered' });
    // Transferred to a queue where nobody is free, or never answered: gone from the queue.
    t.h({ type: 'agent.logout', agentId: 'a2' }, 71);
    t.h({ type: 'agent.ready', agentId: 'a1' }, 71);
    t.arrive('requeued', 72);
    t.answer('requeued', 'a1', 73);
    t.h({ type: 'agent.transfer', agentId: 'a1', to: { queueId: 'q' } }, 75);
    t.h({ type: 'switch.caller_hung_up', callId: 'requeued' }, 79);
    expect(ended('requeued')).toEqual({ endedBy: 'caller', endedIn: 'queue', outcome: 'answered' });
    t.arrive('abandoned', 80);
    t.h({ type: 'switch.caller_hung_up', callId: 'abandoned' }, 85);
    expect(ended('abandoned')).toEqual({ endedBy: 'caller', endedIn: 'queue', outcome: 'abandoned' });
  });

  it('says nothing of who ended a call still going', () => {
    const t = harness([{ id: 'q', agents: ['a1'] }], ['a1']);
    t.login('a1', 0);
    t.arrive('c1', 1);
    t.answer('c1', 'a1', 2);
    expect(callDetailRecords(t.events).get('c1')).toMatchObject({ endedBy: null, endedIn: null, phase: 'talk' });
  });

  it('folds without changing the record it was given', () => {
    const t = harness([{ id: 'q', agents: ['a1'] }], ['a1']);
    t.arrive('c1', 0);
    let record: CallDetailRecord | undefined;
    for (const e of t.events) record = foldCallDetailRecord(record, e);
    const snapshot = structuredClone(record);
    const next = foldCallDetailRecord(record, { type: 'call.abandoned', stream: 'c1', at: t0 + 9_000, payload: { queueId: 'q', while: 'queued', waitedMs: 9_000 } });
    expect(record).toEqual(snapshot);
    expect(next?.abandonedAfterMs).toBe(9_000);
    expect(foldCallDetailRecord(record, { ...t.events[0]!, stream: 'other' } as never)).toBe(record);
  });
});
