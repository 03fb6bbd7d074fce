import { describe, expect, it } from 'vitest';
import type { FloorAgent, FloorCall, FloorQueue, FloorSnapshot, LiveEvent } from '@banzu/contract';
import { applyEvents, applyPatch, fromSnapshot } from './reducer';

const agent = (id: string, over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: id,
  employeeNo: id,
  name: `座席${id}`,
  teamId: 't1',
  status: 'ready',
  since: 1000,
  notReadyReason: null,
  callId: null,
  wrapUpEndsAt: null,
  simulated: false,
  ...over,
});
const queue = (id: string, waiting = 0): FloorQueue => ({
  queueId: id,
  name: id,
  slThresholdSeconds: 20,
  slTarget: 0.8,
  waiting,
  longestWaitSince: null,
  agentsReady: 1,
  agentsTalking: 0,
  agentsNotReady: 0,
  today: {},
  last30: {},
});
const call = (id: string, over: Partial<FloorCall> = {}): FloorCall => ({
  callId: id,
  status: 'queued',
  queueId: 'q1',
  from: '13800000000',
  vipLevel: 0,
  since: 1000,
  agentIds: [],
  ringing: [],
  held: false,
  ...over,
});
const snapshot: FloorSnapshot = {
  now: 50_000,
  timeZone: 'Asia/Shanghai',
  thresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60, callSeconds: 1200 },
  serviceLevel: { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'Service level: answered within threshold / offered' },
  agents: [agent('8001'), agent('8002')],
  queues: [queue('q1'), queue('q2')],
  calls: [call('c1')],
  intervals: [{ start: 0, offered: 1, answered: 1, abandoned: 0 }],
  alerts: [],
  dispositions: [],
  notReadyReasons: [{ code: 'break', zh: '小休', en: 'Break', system: false }],
};
const event = (seq: number, payload: LiveEvent['payload']): LiveEvent => ({ seq, type: 'x', stream: 's', at: '', payload });

describe('floor reducer', () => {
  it('keeps the server clock offset and the sequence of the snapshot', () => {
    const state = fromSnapshot(7, snapshot, 40_000);
    expect(state.seq).toBe(7);
    expect(state.clockOffset).toBe(10_000);
    expect(state.messages).toEqual([]);
  });

  it('replaces agents, queues and calls by id in place and appends new ones', () => {
    const state = applyPatch(fromSnapshot(1, snapshot, 0), {
      agents: [agent('8002', { status: 'talking', callId: 'c1' }), agent('8003')],
      queues: [queue('q1', 3)],
      calls: [call('c1', { status: 'connected', agentIds: ['8002'] }), call('c2')],
    });
    expect(state.agents.map((a) => [a.agentId, a.status])).toEqual([
      ['8001', 'ready'],
      ['8002', 'talking'],
      ['8003', 'ready'],
    ]);
    expect(state.queues.map((q) => q.waiting)).toEqual([3, 0]);
    expect(state.calls.map((c) => [c.callId, c.status])).toEqual([
      ['c1', 'connected'],
      ['c2', 'queued'],
    ]);
  });

  it('removes ended calls, replaces intervals by start and the alert list as a whole', () => {
    const alert = { id: 'sl:q1', kind: 'service_level' as const, subjectId: 'q1', since: 5 };
    const state = applyPatch(fromSnapshot(1, { ...snapshot, alerts: [{ ...alert, id: 'old' }] }, 0), {
      removedCalls: ['c1'],
      intervals: [
        { start: 0, offered: 2, answered: 1, abandoned: 1 },
        { start: -1800_000, offered: 1, answered: 0, abandoned: 1 },
      ],
      alerts: [alert],
    });
    expect(state.calls).toEqual([]);
    expect(state.intervals.map((i) => [i.start, i.offered])).toEqual([
      [-1800_000, 1],
      [0, 2],
    ]);
    expect(state.alerts).toEqual([alert]);
  });

  it('leaves what a patch does not mention untouched', () => {
    const before = fromSnapshot(1, snapshot, 0);
    const after = applyPatch(before, { agents: [agent('8001', { status: 'not_ready', notReadyReason: 'break' })] });
    expect(after.queues).toBe(before.queues);
    expect(after.calls).toBe(before.calls);
    expect(after.alerts).toBe(before.alerts);
  });

  it('keeps a row the patch repeats unchanged as the same object, so the screen need not draw it again', () => {
    const before = fromSnapshot(1, snapshot, 0);
    const after = applyPatch(before, {
      agents: [agent('8001'), agent('8002', { status: 'talking' })],
      queues: [queue('q1'), queue('q2')],
      intervals: [{ start: 0, offered: 1, answered: 1, abandoned: 0 }],
      alerts: [],
      removedCalls: ['gone'],
    });
    expect(after.agents[0]).toBe(before.agents[0]);
    expect(after.agents[1]!.status).toBe('talking');
    expect(after.queues).toBe(before.queues);
    expect(after.intervals).toBe(before.intervals);
    expect(after.alerts).toBe(before.alerts);
    expect(after.calls).toBe(before.calls);
  });

  it('appends a message once', () => {
    const message = { id: 'm1', fromUserId: 'u1', fromName: '王芳', toAgentId: '8001', text: '注意示忙时长', at: 9 };
    const state = applyPatch(applyPatch(fromSnapshot(1, snapshot, 0), { message }), { message });
    expect(state.messages).toEqual([message]);
  });

  it('applies events in order, skips those already included, and moves the sequence', () => {
    const state = applyEvents(fromSnapshot(5, snapshot, 0), [
      event(4, { agents: [agent('8001', { status: 'logged_out' })] }),
      event(6, { agents: [agent('8001', { status: 'ringing' })] }),
      event(9, { agents: [agent('8001', { status: 'talking' })] }),
    ]);
    expect(state.seq).toBe(9);
    expect(state.agents[0]!.status).toBe('talking');
  });

  it('keeps messages across a fresh snapshot after a long disconnection', () => {
    const message = { id: 'm1', fromUserId: 'u1', fromName: '王芳', toAgentId: '8001', text: 'hi', at: 9 };
    const old = applyPatch(fromSnapshot(1, snapshot, 0), { message });
    expect(fromSnapshot(99, snapshot, 0, old.messages).messages).toEqual([message]);
  });
});
