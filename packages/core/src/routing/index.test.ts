import { describe, expect, it } from 'vitest';
import { AgentStateError } from '../agents/index';
import { RoutingError, type QueueConfig, type Strategy } from './index';
import { harness, t0 } from './testing';

const q = (over: Partial<QueueConfig> = {}): QueueConfig => ({ id: 'q', agents: ['a1', 'a2', 'a3'], wrapUpSeconds: 0, ...over });

describe('queue order', () => {
  it('serves a VIP caller before earlier ordinary callers, then the rest by time waited', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.arrive('c1', 1);
    t.arrive('c2', 2);
    t.arrive('c3', 3, { vipLevel: 2 });
    expect(t.router.queue('q')?.waiting).toEqual(['c3', 'c1', 'c2']);
    expect(t.of('call.queued').map((e) => e.payload.position)).toEqual([1, 2, 1]);
    t.login('a1', 10);
    expect(t.ringing('c3')).toEqual(['a1']);
    t.login('a2', 11);
    expect(t.ringing('c1')).toEqual(['a2']);
    expect(t.router.call('c2')?.position).toBe(1);
  });

  it('publishes position and estimated wait for the switch to announce, on entry and every interval', () => {
    const t = harness([q({ announceEverySeconds: 20, expectedHandleSeconds: 120 })], ['a1', 'a2', 'a3']);
    t.login('a1', 0, 'meal');
    t.login('a2', 0, 'meal');
    t.arrive('c1', 1);
    t.arrive('c2', 2);
    t.tick(21);
    const announced = t.of('call.position_announced').map((e) => [e.stream, e.at - t0, e.payload.position, e.payload.estimatedWaitSeconds]);
    // Two staffed agents, 120 s handle time: position 2 waits about one handle time.
    expect(announced).toEqual([
      ['c1', 1000, 1, 60],
      ['c2', 2000, 2, 120],
      ['c1', 21000, 1, 60],
    ]);
    expect(t.commands).toContainEqual({ type: 'play', callId: 'c2', prompt: { kind: 'position', position: 2, estimatedWaitSeconds: 120 } });
  });
});

describe('ring no answer', () => {
  it('returns the call to its original place and sets the agent not ready (no-answer)', () => {
    const t = harness([q({ ringTimeoutSeconds: 15 })], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 1);
    t.arrive('c2', 2);
    expect(t.ringing('c1')).toEqual(['a1']);
    expect(t.router.nextDeadline()).toBe(t0 + 16_000);
    t.tick(16);
    expect(t.router.agentState('a1')).toMatchObject({ status: 'not_ready', notReadyReason: 'no_answer' });
    expect(t.router.queue('q')?.waiting).toEqual(['c1', 'c2']);
    expect(t.of('call.ring_no_answer')[0]).toMatchObject({ at: t0 + 16_000, payload: { agentIds: ['a1'] } });
    expect(t.commands).toContainEqual({ type: 'cancel_offer', callId: 'c1', agentId: 'a1' });
    t.login('a2', 20);
    expect(t.ringing('c1')).toEqual(['a2']);
  });

  it('refuses an answer after the ring timed out', () => {
    const t = harness([q({ ringTimeoutSeconds: 10 })], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    const r = t.answer('c1', 'a1', 12);
    expect(r.rejected).toBeInstanceOf(RoutingError);
    expect(r.rejected?.code).toBe('not_on_call');
    expect(t.router.call('c1')?.status).toBe('queued');
  });
});

describe('agent selection strategies', () => {
  /** a1 answers one long call (100 s); a2 two short ones (5 s each); a3 logs in last: all ready, a1 longest. */
  function history(strategy: Strategy, members = ['a1', 'a2', 'a3']) {
    const t = harness([q({ strategy: 'linear', agents: members }), { id: 'pick', agents: members, strategy, wrapUpSeconds: 0 }], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('h1', 1);
    t.answer('h1', 'a1', 1);
    t.login('a2', 2);
    t.arrive('h2', 2);
    t.answer('h2', 'a2', 2);
    t.hangUp('a2', 7);
    t.arrive('h3', 8);
    t.answer('h3', 'a2', 8);
    t.hangUp('a2', 13);
    t.hangUp('a1', 101);
    t.login('a3', 102);
    return t;
  }

  it('longest idle: the agent ready the longest', () => {
    const t = history('longest_idle');
    t.arrive('c', 200, { queueId: 'pick' });
    expect(t.ringing('c')).toEqual(['a2']);
  });

  it('longest idle: agents who took many breaks queue up in the order they last came back, also after a restore', () => {
    const agents = Array.from({ length: 20 }, (_, i) => `a${i}`);
    const team = (from?: Parameters<typeof harness>[3]) => harness([q({ agents })], agents, {}, from);
    const t = team();
    for (const a of agents) t.login(a, 0);
    // Odd agents go on a break and come back, round after round: the even ones have waited longest.
    for (let round = 1; round <= 6; round++) {
      for (let i = 1; i < 20; i += 2) t.h({ type: 'agent.not_ready', agentId: `a${i}`, reason: 'meal' }, round * 10);
      for (let i = 1; i < 20; i += 2) t.h({ type: 'agent.ready', agentId: `a${i}` }, round * 10 + 1);
    }
    t.h({ type: 'agent.not_ready', agentId: 'a4', reason: 'meal' }, 71);
    const expected = [0, 2, 6, 8, 10, 12, 14, 16, 18, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19].map((i) => `a${i}`);
    const restored = team(t.router.snapshot());
    for (const r of [t, restored]) {
      const offered = expected.map((_, k) => {
        r.arrive(`c${k}`, 100);
        return r.ringing(`c${k}`)[0];
      });
      expect(offered).toEqual(expected);
    }
  });

  it('fewest calls today and least talk time', () => {
    let t = history('fewest_calls');
    t.arrive('c', 200, { queueId: 'pick' });
    expect(t.ringing('c')).toEqual(['a3']);
    t = history('least_talk_time', ['a1', 'a2']);
    t.arrive('c', 200, { queueId: 'pick' });
    expect(t.ringing('c')).toEqual(['a2']);
    expect(t.router.agentStats('a1')).toEqual({ callsToday: 1, talkMsToday: 100_000 });
  });

  it('linear always starts at the top of the member list', () => {
    const t = history('linear', ['a3', 'a1', 'a2']);
    t.arrive('c', 200, { queueId: 'pick' });
    expect(t.ringing('c')).toEqual(['a3']);
  });

  it('round robin takes the next member after the last one offered, wrapping round', () => {
    const t = harness([q({ strategy: 'round_robin' })], ['a1', 'a2', 'a3']);
    for (const a of ['a3', 'a2', 'a1']) t.login(a, 0);
    const picks: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.arrive(`c${i}`, 10 + i);
      const [agent] = t.ringing(`c${i}`);
      picks.push(agent!);
      t.answer(`c${i}`, agent!, 10 + i);
      t.hangUp(agent!, 10 + i);
    }
    expect(picks).toEqual(['a1', 'a2', 'a3', 'a1', 'a2']);
  });

  it('ring all rings everyone; the first to answer takes it and the others are released', () => {
    const t = harness([q({ strategy: 'ring_all' })], ['a1', 'a2', 'a3']);
    for (const a of ['a1', 'a2', 'a3']) t.login(a, 0);
    t.arrive('c1', 1);
    expect(t.ringing('c1').sort()).toEqual(['a1', 'a2', 'a3']);
    t.answer('c1', 'a2', 3);
    expect(t.router.agentState('a2')?.status).toBe('talking');
    expect(t.router.agentState('a1')?.status).toBe('ready');
    expect(
      t.commands
        .filter((c) => c.type === 'cancel_offer')
        .map((c) => c.agentId)
        .sort(),
    ).toEqual(['a1', 'a3']);
  });

  it('random is reproducible from the seed and reaches every agent', () => {
    const run = () => {
      const t = harness([q({ strategy: 'random' })], ['a1', 'a2', 'a3']);
      for (const a of ['a1', 'a2', 'a3']) t.login(a, 0);
      const picks: string[] = [];
      for (let i = 0; i < 30; i++) {
        t.arrive(`c${i}`, 1 + i);
        const [agent] = t.ringing(`c${i}`);
        picks.push(agent!);
        t.answer(`c${i}`, agent!, 1 + i);
        t.hangUp(agent!, 1 + i);
      }
      return picks;
    };
    const picks = run();
    expect(run()).toEqual(picks);
    expect(new Set(picks)).toEqual(new Set(['a1', 'a2', 'a3']));
  });
});

describe('skills and widening', () => {
  const english = { requiredSkills: [{ skillId: 'en', minLevel: 4 }], widening: [{ afterSeconds: 30, minLevelDrop: 2 }] };
  const agents = [
    { agentId: 'a1', skills: [{ skillId: 'en', level: 2 }] },
    { agentId: 'a2', skills: [{ skillId: 'en', level: 5 }] },
    { agentId: 'a3', skills: [] },
  ];

  it('admits a lower proficiency only after the call has waited N seconds', () => {
    const t = harness([q(english)], agents);
    t.login('a1', 0);
    t.login('a3', 0);
    t.arrive('c1', 0);
    t.tick(29);
    expect(t.ringing('c1')).toEqual([]);
    expect(t.router.nextDeadline()).toBe(t0 + 30_000);
    t.tick(30);
    // a3 has no English at all: 4 levels short, beyond the 2-level widening.
    expect(t.ringing('c1')).toEqual(['a1']);
  });

  it('still prefers a fully skilled agent once widened', () => {
    // A call overflowing from another queue arrives already widened: it has waited since arrival.
    const t = harness([q({ ...english, agents: ['a1', 'a2'] }), { id: 'first', agents: [], maxWait: { seconds: 40, action: { kind: 'queue', queueId: 'q' } } }], agents);
    t.login('a1', 0);
    t.login('a2', 1);
    t.arrive('c1', 2, { queueId: 'first' });
    t.tick(42);
    expect(t.ringing('c1')).toEqual(['a2']);
  });
});

describe('overflow', () => {
  it('moves a call to the overflow queue at max wait, keeping its place by arrival', () => {
    const t = harness([q({ maxWait: { seconds: 60, action: { kind: 'queue', queueId: 'backup' } } }), { id: 'backup', agents: ['a3'] }], ['a1', 'a2', 'a3']);
    t.login('a3', 0, 'meeting');
    t.arrive('c1', 1);
    t.arrive('c0', 5, { queueId: 'backup' });
    t.tick(60);
    expect(t.router.call('c1')?.queueId).toBe('q');
    t.tick(61);
    expect(t.of('call.overflowed')[0]).toMatchObject({ stream: 'c1', at: t0 + 61_000, payload: { fromQueueId: 'q', reason: 'max_wait', action: 'queue' } });
    expect(t.router.queue('backup')?.waiting).toEqual(['c1', 'c0']);
    t.h({ type: 'agent.ready', agentId: 'a3' }, 62);
    expect(t.ringing('c1')).toEqual(['a3']);
  });

  it('forwards to a number, sends to voicemail, or takes a callback', () => {
    const t = harness(
      [
        q({ id: 'fwd', maxWait: { seconds: 30, action: { kind: 'forward', number: '13900000000' } } }),
        q({ id: 'vm', maxWait: { seconds: 30, action: { kind: 'voicemail', mailbox: 'sales' } } }),
        q({ id: 'cb', maxWait: { seconds: 30, action: { kind: 'callback' } } }),
      ],
      ['a1', 'a2', 'a3'],
    );
    t.arrive('c1', 0, { queueId: 'fwd' });
    t.arrive('c2', 0, { queueId: 'vm' });
    t.arrive('c3', 0, { queueId: 'cb' });
    t.tick(30);
    expect(t.commands).toContainEqual({ type: 'forward', callId: 'c1', number: '13900000000' });
    expect(t.commands).toContainEqual({ type: 'voicemail', callId: 'c2', mailbox: 'sales' });
    expect(t.of('call.ended').map((e) => [e.stream, e.payload.outcome])).toEqual([
      ['c1', 'overflowed'],
      ['c2', 'overflowed'],
    ]);
    expect(t.router.call('c3')).toMatchObject({ status: 'queued', callback: true, position: 1 });
  });

  it('overflows when the queue is full, and when no agent is logged in', () => {
    const t = harness(
      [
        q({ agents: ['a2'], maxLength: { calls: 1, action: { kind: 'voicemail', mailbox: 'full' } } }),
        q({ id: 'empty', agents: ['a1'], noAgentsAction: { kind: 'forward', number: '110' } }),
      ],
      ['a1', 'a2', 'a3'],
    );
    t.arrive('c1', 0);
    t.arrive('c2', 1);
    expect(t.of('call.overflowed').map((e) => [e.stream, e.payload.reason])).toEqual([['c2', 'queue_full']]);
    t.arrive('c3', 2, { queueId: 'empty' });
    expect(t.of('call.forwarded').map((e) => [e.stream, e.payload.reason])).toEqual([['c3', 'no_agents']]);
    t.login('a1', 3);
    t.h({ type: 'agent.not_ready', agentId: 'a1', reason: 'break' }, 3);
    t.arrive('c4', 4, { queueId: 'empty' });
    expect(t.router.call('c4')?.status).toBe('queued');
    // The last member logs out: the rule now applies to the caller still waiting.
    t.h({ type: 'agent.logout', agentId: 'a1' }, 5);
    expect(t.of('call.forwarded').map((e) => e.stream)).toEqual(['c3', 'c4']);
  });

  it('an overflow falling due while the call rings waits for the ring to fail', () => {
    const t = harness([q({ ringTimeoutSeconds: 20, maxWait: { seconds: 10, action: { kind: 'voicemail', mailbox: 'm' } } })], ['a1', 'a2', 'a3']);
    t.arrive('c1', 0);
    t.login('a1', 5);
    t.tick(15);
    expect(t.router.call('c1')?.status).toBe('ringing');
    t.tick(25);
    expect(t.of('call.overflowed').map((e) => e.at - t0)).toEqual([25_000]);
  });
});

describe('hours of operation', () => {
  const hours = { timeZone: 'Asia/Shanghai', hours: { mon: [['08:30', '17:30']] as [string, string][] }, holidays: ['2026-01-12'] };
  const evening = (20 - 10) * 3600; // 20:00 local on the Monday

  it('forwards after-hours calls to the duty phone (呼叫转移)', () => {
    const t = harness([q({ afterHoursAction: { kind: 'forward', number: '13700000000' } })], ['a1', 'a2', 'a3'], { hours });
    t.arrive('day', 0);
    expect(t.router.call('day')?.status).toBe('queued');
    t.arrive('night', evening);
    t.arrive('holiday', 7 * 86_400);
    expect(t.of('call.forwarded').map((e) => [e.stream, e.payload.number, e.payload.reason])).toEqual([
      ['night', '13700000000', 'after_hours'],
      ['holiday', '13700000000', 'after_hours'],
    ]);
    expect(t.of('call.ended').map((e) => e.payload.outcome)).toEqual(['forwarded_after_hours', 'forwarded_after_hours']);
  });

  it('plays the closed message, or takes a callback that waits for the morning', () => {
    const t = harness(
      [q({ afterHoursAction: { kind: 'message', message: '您好，现在是非工作时间' } }), q({ id: 'cb', afterHoursAction: { kind: 'callback' } })],
      ['a1', 'a2', 'a3'],
      { hours },
    );
    t.arrive('c1', evening);
    expect(t.commands).toContainEqual({ type: 'play', callId: 'c1', prompt: { kind: 'closed', message: '您好，现在是非工作时间' } });
    expect(t.of('call.ended')[0]?.payload.outcome).toBe('after_hours_message');
    t.arrive('c2', evening, { queueId: 'cb' });
    expect(t.router.call('c2')).toMatchObject({ status: 'queued', callback: true, queueId: 'cb' });
  });
});

describe('callbacks', () => {
  it('keeps the caller’s place and offers the callback when its turn comes', () => {
    const t = harness([q({ wrapUpSeconds: 0 })], ['a1', 'a2', 'a3']);
    t.arrive('c1', 0);
    t.arrive('c2', 1, { from: '13911112222' });
    t.arrive('c3', 2);
    t.h({ type: 'switch.callback_requested', callId: 'c2', number: '13911112222' }, 10);
    t.h({ type: 'switch.caller_hung_up', callId: 'c2' }, 11);
    t.arrive('c4', 12);
    expect(t.router.queue('q')?.waiting).toEqual(['c1', 'c2', 'c3', 'c4']);
    t.login('a1', 20);
    t.answer('c1', 'a1', 21);
    t.hangUp('a1', 30);
    expect(t.of('call.offered').at(-1)?.payload).toMatchObject({ agentIds: ['a1'], purpose: 'callback' });
    t.answer('c2', 'a1', 31);
    expect(t.commands).toContainEqual({ type: 'originate', callId: 'c2', agentId: 'a1', number: '13911112222' });
    expect(t.router.agentState('a1')?.status).toBe('dialing');
    t.h({ type: 'switch.customer_answered', callId: 'c2' }, 35);
    expect(t.router.agentState('a1')?.status).toBe('talking');
    t.hangUp('a1', 95);
    expect(t.of('call.ended').find((e) => e.stream === 'c2')?.payload).toEqual({ outcome: 'callback', endedBy: 'agent', connected: true });
  });
});

describe('invalid commands', () => {
  it('are refused with a typed error and change nothing', () => {
    const t = harness([q()], ['a1', 'a2', 'a3'], { notReadyReasons: ['quality_review'] });
    t.login('a1', 0);
    t.arrive('c1', 1);
    t.answer('c1', 'a1', 2);
    const before = t.router.agentState('a1');
    const r = t.h({ type: 'agent.ready', agentId: 'a1' }, 3);
    expect(r.rejected).toBeInstanceOf(AgentStateError);
    expect(r.rejected?.code).toBe('invalid_transition');
    expect(r.events).toEqual([]);
    expect(r.commands).toEqual([]);
    expect(t.router.agentState('a1')).toEqual(before);
    expect(t.h({ type: 'agent.not_ready', agentId: 'a2', reason: 'nap' }, 3).rejected?.code).toBe('invalid_transition');
    t.login('a2', 3);
    expect(t.h({ type: 'agent.not_ready', agentId: 'a2', reason: 'nap' }, 3).rejected?.code).toBe('unknown_reason');
    expect(t.h({ type: 'agent.not_ready', agentId: 'a2', reason: 'quality_review' }, 3).rejected).toBeNull();
    expect(t.h({ type: 'agent.hold', agentId: 'a2' }, 4).rejected?.code).toBe('not_on_call');
    expect(t.h({ type: 'agent.transfer', agentId: 'a1', to: { agentId: 'a2' } }, 4).rejected?.code).toBe('agent_not_ready');
    expect(t.h({ type: 'switch.caller_hung_up', callId: 'nope' }, 4).rejected?.code).toBe('unknown_call');
    expect(t.arrive('c1', 5).rejected?.code).toBe('duplicate_call');
    expect(t.arrive('c9', 5, { vipLevel: 12 }).rejected?.code).toBe('invalid_vip_level');
    expect(t.router.call('c1')?.agents).toEqual(['a1']);
    expect(() => t.tick(1)).toThrow(RangeError);
  });
});

describe('wrap-up', () => {
  it('lasts the queue’s wrap-up time, can be extended up to the limit, or finished early', () => {
    const t = harness([q({ wrapUpSeconds: 20, maxWrapUpExtensionSeconds: 60 })], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.hangUp('a1', 61);
    expect(t.router.agentState('a1')).toMatchObject({ status: 'wrap_up', wrapUp: { endsAt: t0 + 81_000 } });
    expect(t.h({ type: 'agent.extend_wrap_up', agentId: 'a1', seconds: 45 }, 70).rejected).toBeNull();
    expect(t.h({ type: 'agent.extend_wrap_up', agentId: 'a1', seconds: 30 }, 71).rejected?.code).toBe('wrap_up_limit');
    t.tick(125);
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    t.tick(126);
    expect(t.router.agentState('a1')?.status).toBe('ready');
    expect(t.of('call.wrapped_up')[0]?.payload).toEqual({ agentId: 'a1', wrapUpMs: 65_000 });

    t.arrive('c2', 200);
    t.answer('c2', 'a1', 200);
    t.hangUp('a1', 210);
    t.h({ type: 'agent.ready', agentId: 'a1' }, 215);
    expect(t.of('call.wrapped_up')[1]?.payload).toEqual({ agentId: 'a1', wrapUpMs: 5_000 });
  });
});

describe('configuration', () => {
  it('is refused when it cannot work', () => {
    const refused = (queues: QueueConfig[], agents: string[] | { agentId: string; skills: { skillId: string; level: number }[] }[] = ['a1']) => {
      try {
        harness(queues, agents);
      } catch (e) {
        expect(e).toBeInstanceOf(RoutingError);
        return `${(e as RoutingError).code}: ${(e as RoutingError).message}`;
      }
      return 'accepted';
    };
    expect(refused([{ id: 'q', agents: ['nobody'] }])).toBe('invalid_config: q: unknown agent nobody');
    expect(refused([{ id: 'q', agents: [], maxWait: { seconds: 30, action: { kind: 'queue', queueId: 'gone' } } }])).toBe('invalid_config: q.maxWait: unknown queue gone');
    expect(
      refused([
        { id: 'a', agents: [], noAgentsAction: { kind: 'queue', queueId: 'b' } },
        { id: 'b', agents: [], maxLength: { calls: 5, action: { kind: 'queue', queueId: 'a' } } },
      ]),
    ).toMatch(/loop back/);
    expect(refused([{ id: 'q', agents: ['a1'] }], [{ agentId: 'a1', skills: [{ skillId: 'en', level: 7 }] }])).toBe('invalid_config: a1: skill levels are 1-5');
    // A max-wait chain may come back round: it waits in each queue first.
    expect(
      refused([
        { id: 'a', agents: [], maxWait: { seconds: 30, action: { kind: 'queue', queueId: 'b' } } },
        { id: 'b', agents: [], maxWait: { seconds: 30, action: { kind: 'queue', queueId: 'a' } } },
      ]),
    ).toBe('accepted');
  });
});

describe('declining', () => {
  it('an agent going not ready while the phone rings declines; the call keeps its place and the next agent rings', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.login('a2', 1);
    t.arrive('c1', 2);
    t.arrive('c2', 3);
    expect(t.ringing('c1')).toEqual(['a1']);
    t.h({ type: 'agent.not_ready', agentId: 'a1', reason: 'restroom' }, 4);
    expect(t.router.agentState('a1')).toMatchObject({ status: 'not_ready', notReadyReason: 'restroom' });
    // c2 was ringing a2 already; c1 is back first in line.
    expect(t.router.queue('q')?.waiting).toEqual(['c1']);
    expect(t.of('call.offer_withdrawn')[0]?.payload).toEqual({ agentId: 'a1', by: 'agent' });
    t.login('a3', 5);
    expect(t.ringing('c1')).toEqual(['a3']);
  });
});

describe('supervisor', () => {
  it('forces a ringing agent not ready; the event names the supervisor and the call goes back', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 1);
    t.h({ type: 'supervisor.force_state', supervisorId: 'sup1', agentId: 'a1', to: 'not_ready', reason: 'coaching' }, 2);
    expect(t.of('agent.state_changed').at(-1)?.payload).toMatchObject({ from: 'ringing', to: 'not_ready', notReadyReason: 'coaching', forcedBy: 'sup1' });
    expect(t.router.call('c1')).toMatchObject({ status: 'queued', position: 1 });
  });

  it('listens, whispers and barges on a connected call only', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    expect(t.h({ type: 'supervisor.monitor', supervisorId: 's', callId: 'c1', mode: 'listen' }, 1).rejected?.code).toBe('invalid_call_state');
    t.answer('c1', 'a1', 1);
    for (const mode of ['listen', 'whisper', 'barge'] as const) t.h({ type: 'supervisor.monitor', supervisorId: 's', callId: 'c1', mode }, 2);
    t.h({ type: 'supervisor.stop_monitor', supervisorId: 's', callId: 'c1' }, 3);
    expect(t.of('call.monitored').map((e) => e.payload.mode)).toEqual(['listen', 'whisper', 'barge']);
    expect(t.commands).toContainEqual({ type: 'monitor', callId: 'c1', supervisorId: 's', mode: 'barge' });
    expect(t.of('call.monitor_ended')).toHaveLength(1);
  });

  it('ends the monitoring when the supervisor hangs up their own phone, without asking the switch for anything', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.h({ type: 'supervisor.monitor', supervisorId: 's', callId: 'c1', mode: 'whisper' }, 2);
    const commandsBefore = t.commands.length;
    t.h({ type: 'switch.supervisor_hung_up', callId: 'c1', supervisorId: 's' }, 3);
    expect(t.of('call.monitor_ended').map((e) => e.payload.supervisorId)).toEqual(['s']);
    expect(t.commands.slice(commandsBefore)).toEqual([]);
    // Stopping what already ended is refused, as for any monitoring that is over.
    expect(t.h({ type: 'supervisor.stop_monitor', supervisorId: 's', callId: 'c1' }, 4).rejected?.code).toBe('not_monitoring');
    expect(t.router.call('c1')).toMatchObject({ status: 'connected' });
  });
});

describe('agents in several queues', () => {
  it('serve the higher-priority queue first, then the oldest waiting call', () => {
    const t = harness(
      [
        { id: 'low', agents: ['a1'], priority: 0 },
        { id: 'high', agents: ['a1'], priority: 5 },
        { id: 'low2', agents: ['a1'], priority: 0 },
      ],
      ['a1'],
    );
    t.arrive('old-low', 0, { queueId: 'low' });
    t.arrive('older-low2', -1 + 1, { queueId: 'low2' });
    t.arrive('new-high', 10, { queueId: 'high' });
    t.login('a1', 20);
    expect(t.ringing('new-high')).toEqual(['a1']);
    t.answer('new-high', 'a1', 21);
    t.hangUp('a1', 22);
    t.h({ type: 'agent.ready', agentId: 'a1' }, 40);
    expect(t.ringing('old-low')).toEqual(['a1']);
  });
});

describe('transfers and conference', () => {
  it('blind transfer to a queue and to an agent, recording every agent', () => {
    const t = harness([q({ wrapUpSeconds: 10 }), { id: 'billing', agents: ['a3'] }], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.login('a2', 5);
    t.h({ type: 'agent.transfer', agentId: 'a1', to: { agentId: 'a2' } }, 10);
    expect(t.router.agentState('a1')?.status).toBe('wrap_up');
    expect(t.ringing('c1')).toEqual(['a2']);
    t.answer('c1', 'a2', 12);
    t.login('a3', 13, 'break');
    t.h({ type: 'agent.transfer', agentId: 'a2', to: { queueId: 'billing' } }, 20);
    expect(t.router.call('c1')).toMatchObject({ status: 'queued', queueId: 'billing' });
    t.h({ type: 'agent.ready', agentId: 'a3' }, 30);
    t.answer('c1', 'a3', 31);
    t.hangUp('a3', 40);
    expect(t.of('call.transferred').map((e) => [e.payload.mode, e.payload.fromAgentId, e.payload.to])).toEqual([
      ['blind', 'a1', { agentId: 'a2' }],
      ['blind', 'a2', { queueId: 'billing' }],
    ]);
    expect(t.of('call.ended')[0]?.payload.outcome).toBe('answered');
  });

  it('consult, then complete the transfer or make a conference', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    for (const a of ['a1', 'a2', 'a3']) t.login(a, 0);
    t.arrive('c1', 1);
    const first = t.ringing('c1')[0]!;
    t.answer('c1', first, 2);
    const [b, c] = ['a1', 'a2', 'a3'].filter((a) => a !== first) as [string, string];
    t.h({ type: 'agent.consult', agentId: first, targetAgentId: b }, 10);
    expect(t.router.call('c1')?.held).toBe(true);
    expect(t.h({ type: 'agent.complete_transfer', agentId: first }, 11).rejected?.code).toBe('invalid_call_state');
    t.answer('c1', b, 12);
    t.h({ type: 'agent.complete_transfer', agentId: first }, 20);
    expect(t.router.call('c1')).toMatchObject({ agents: [b], held: false });
    t.h({ type: 'agent.consult', agentId: b, targetAgentId: c }, 30);
    t.answer('c1', c, 31);
    t.h({ type: 'agent.conference', agentId: b }, 35);
    expect(t.router.call('c1')?.agents).toEqual([b, c]);
    t.hangUp(b, 40);
    expect(t.router.call('c1')?.agents).toEqual([c]);
    t.hangUp(c, 50);
    expect(t.of('call.ended')).toHaveLength(1);
  });

  it('consults a queue: its strategy picks a ready agent now, or the request is refused', () => {
    const t = harness([q({ agents: ['a1'] }), { id: 'experts', agents: ['a2', 'a3'] }], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    expect(t.h({ type: 'agent.consult', agentId: 'a1', queueId: 'experts' }, 2).rejected?.code).toBe('no_agent_ready');
    t.login('a3', 3);
    t.login('a2', 4);
    t.h({ type: 'agent.consult', agentId: 'a1', queueId: 'experts' }, 5);
    expect(t.router.call('c1')?.consulting).toBe('a3');
    expect(t.of('call.consult_started')[0]?.payload).toEqual({ agentId: 'a1', targetAgentId: 'a3', queueId: 'experts' });
  });

  it('a consultation nobody answers gives the caller back to the first agent', () => {
    const t = harness([q({ ringTimeoutSeconds: 10 })], ['a1', 'a2', 'a3']);
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.login('a2', 2);
    t.h({ type: 'agent.consult', agentId: 'a1', targetAgentId: 'a2' }, 5);
    t.tick(15);
    expect(t.router.agentState('a2')).toMatchObject({ status: 'not_ready', notReadyReason: 'no_answer' });
    expect(t.router.call('c1')).toMatchObject({ agents: ['a1'], held: false, status: 'connected' });
    expect(t.of('call.consult_cancelled')[0]?.payload.reason).toBe('no_answer');
  });
});

describe('abandon', () => {
  it('a caller hanging up while queued or ringing abandons, with the time waited', () => {
    const t = harness([q()], ['a1', 'a2', 'a3']);
    t.arrive('c1', 0);
    t.h({ type: 'switch.caller_hung_up', callId: 'c1' }, 42);
    t.login('a1', 50);
    t.arrive('c2', 60);
    t.h({ type: 'switch.caller_hung_up', callId: 'c2' }, 63);
    expect(t.of('call.abandoned').map((e) => [e.stream, e.payload.while, e.payload.waitedMs])).toEqual([
      ['c1', 'queued', 42_000],
      ['c2', 'ringing', 3_000],
    ]);
    expect(t.router.agentState('a1')?.status).toBe('ready');
  });
});

describe('outbound', () => {
  it('dials, connects, and wraps up; an unreachable number ends not connected, with what the line did', () => {
    const t = harness([q()], ['a1', 'a2', 'a3'], { outboundWrapUp: { wrapUpSeconds: 5, maxWrapUpExtensionSeconds: 0 } });
    t.login('a1', 0, 'training');
    t.h({ type: 'agent.dial', agentId: 'a1', callId: 'o1', number: '13600000000' }, 1);
    expect(t.router.agentState('a1')?.status).toBe('dialing');
    t.h({ type: 'switch.customer_answered', callId: 'o1' }, 5);
    t.hangUp('a1', 65);
    expect(t.router.agentState('a1')).toMatchObject({ status: 'wrap_up', wrapUp: { endsAt: t0 + 70_000 } });
    t.tick(70);
    t.h({ type: 'agent.dial', agentId: 'a1', callId: 'o2', number: '13600000001' }, 70);
    t.h({ type: 'switch.customer_unreachable', callId: 'o2', cause: 'busy' }, 75);
    expect(t.of('call.ended').map((e) => e.payload.outcome)).toEqual(['answered', 'not_connected']);
    expect(t.of('call.ended').map((e) => e.payload.lineResult)).toEqual([undefined, 'busy']);
  });
});

describe("today's figures", () => {
  it('start again at the center’s local midnight', () => {
    const hours = { timeZone: 'Asia/Shanghai', hours: {}, holidays: [] };
    const t = harness([{ id: 'q', agents: ['a1'], wrapUpSeconds: 0, hours: { ...hours, hours: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']] } } }], ['a1'], { hours });
    t.login('a1', 0);
    t.arrive('c1', 0);
    t.answer('c1', 'a1', 1);
    t.hangUp('a1', 61);
    expect(t.router.agentStats('a1')).toEqual({ callsToday: 1, talkMsToday: 60_000 });
    t.tick(14 * 3600 - 1); // 23:59:59 local
    expect(t.router.agentStats('a1')?.callsToday).toBe(1);
    t.tick(14 * 3600); // midnight
    expect(t.router.agentStats('a1')).toEqual({ callsToday: 0, talkMsToday: 0 });
  });
});

describe('restart', () => {
  it('a router restored from a snapshot holds the same calls and makes the same random choices', () => {
    const queues = [q({ strategy: 'random' }), { id: 'night', agents: [] }];
    const cycle = (t: ReturnType<typeof harness>, from: number, to: number) => {
      const picks: string[] = [];
      for (let i = from; i < to; i++) {
        t.arrive(`c${i}`, 10 + i);
        const [agent] = t.ringing(`c${i}`);
        picks.push(agent!);
        t.answer(`c${i}`, agent!, 10 + i);
        t.hangUp(agent!, 10 + i);
      }
      return picks;
    };
    const original = harness(queues, ['a1', 'a2', 'a3']);
    for (const a of ['a1', 'a2', 'a3']) original.login(a, 0);
    original.arrive('w1', 1, { queueId: 'night', vipLevel: 2 });
    cycle(original, 0, 5);
    const saved = JSON.stringify(original.router.snapshot());
    const restored = harness(queues, ['a1', 'a2', 'a3'], {}, JSON.parse(saved));
    expect(restored.router.call('w1')).toEqual(original.router.call('w1'));
    expect(restored.router.nextDeadline()).toBe(original.router.nextDeadline());
    expect(cycle(restored, 5, 25)).toEqual(cycle(original, 5, 25));
  });

  it('a snapshot, and a state read from the router, stay as they were while the router goes on', () => {
    const t = harness([q({ agents: ['a1'] })], ['a1']);
    t.login('a1', 0);
    const snapshot = t.router.snapshot();
    const saved = structuredClone(snapshot);
    const restored = harness([q({ agents: ['a1'] })], ['a1'], {}, snapshot);
    const ready = restored.router.agentState('a1');
    restored.arrive('c1', 1);
    restored.answer('c1', 'a1', 2);
    expect(restored.router.agentState('a1')?.status).toBe('talking');
    expect(ready?.status).toBe('ready');
    expect(snapshot).toEqual(saved);
  });

  it('restoring with a changed configuration is how queues and skills change on a running floor', () => {
    const english = { requiredSkills: [{ skillId: 'en', minLevel: 3 }] };
    const before = harness([q({ ...english, agents: ['a1'] })], [{ agentId: 'a1', skills: [] }]);
    before.login('a1', 0);
    before.arrive('c1', 1);
    expect(before.ringing('c1')).toEqual([]);
    // a1 passed the English test and a2 joined the team.
    const after = harness(
      [q({ ...english, agents: ['a1', 'a2'] })],
      [
        { agentId: 'a1', skills: [{ skillId: 'en', level: 3 }] },
        { agentId: 'a2', skills: [] },
      ],
      {},
      before.router.snapshot(),
    );
    expect(after.router.call('c1')).toMatchObject({ status: 'queued', position: 1 });
    after.tick(2);
    expect(after.ringing('c1')).toEqual(['a1']);
  });
});
