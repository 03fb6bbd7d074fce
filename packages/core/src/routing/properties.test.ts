import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callDetailRecords, type DomainEvent } from '../calls/index';
import type { QueueConfig, Router, RouterInput, Strategy } from './index';
import { harness } from './testing';
import { WaitingCalls, type WaitingEntry } from './waiting';

const agentIds = ['a1', 'a2', 'a3', 'a4', 'a5'];
const queueIds = ['q1', 'q2', 'q3'];

/** A step of random traffic; indexes pick among whatever exists at that moment. */
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('arrive' as const), queue: fc.nat(2), vip: fc.nat(3), anonymous: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('answer' as const), i: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 40 }) }) },
  fc.record({ kind: fc.constantFrom('caller_hang_up' as const, 'callback' as const, 'unreachable' as const, 'customer_answered' as const), i: fc.nat(20) }),
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'login' as const,
        'ready' as const,
        'not_ready' as const,
        'logout' as const,
        'hang_up' as const,
        'hold' as const,
        'retrieve' as const,
        'consult' as const,
        'complete' as const,
        'conference' as const,
        'cancel' as const,
        'force' as const,
        'extend' as const,
        'dial' as const,
      ),
      agent: fc.nat(4),
      other: fc.nat(4),
    }),
  },
  fc.record({ kind: fc.constant('transfer' as const), agent: fc.nat(4), queue: fc.nat(3) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('consult' as const, 'complete' as const, 'conference' as const, 'cancel' as const, 'hang_up' as const),
      agent: fc.nat(4),
      other: fc.nat(4),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const queues = (strategy: Strategy): QueueConfig[] => [
  { id: 'q1', agents: ['a1', 'a2', 'a3'], strategy, ringTimeoutSeconds: 10, wrapUpSeconds: 5, maxWait: { seconds: 60, action: { kind: 'queue', queueId: 'q2' } } },
  { id: 'q2', agents: ['a2', 'a3', 'a4', 'a5'], strategy, priority: 2, ringTimeoutSeconds: 8, maxLength: { calls: 4, action: { kind: 'callback' } } },
  { id: 'q3', agents: ['a4', 'a5', 'a1'], strategy, wrapUpSeconds: 0, maxWait: { seconds: 45, action: { kind: 'voicemail', mailbox: 'm' } } },
];

interface Clock {
  now: number;
  calls: number;
}

/** The input a step stands for, given what the router holds now (undefined: nothing to act on). */
function inputFor(router: Router, s: Step, c: Clock): RouterInput | undefined {
  const live = router.liveCalls();
  const agent = 'agent' in s ? agentIds[s.agent]! : 'a1';
  const other = 'other' in s ? agentIds[s.other]! : 'a1';
  const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
  switch (s.kind) {
    case 'wait':
      c.now += s.seconds;
      return { type: 'tick' };
    case 'arrive':
      return { type: 'switch.call_arrived', callId: `c${c.calls++}`, from: s.anonymous ? null : '138', to: null, queueId: queueIds[s.queue]!, vipLevel: s.vip };
    case 'answer': {
      const ringing = live.flatMap((id) => {
        const call = router.call(id)!;
        return [...call.ringing, call.consulting].filter((a): a is string => !!a).map((a) => [id, a] as const);
      });
      const p = pick(ringing, s.i);
      return p && { type: 'switch.agent_answered', callId: p[0], agentId: p[1] };
    }
    case 'caller_hang_up':
    case 'callback':
    case 'unreachable':
    case 'customer_answered': {
      const callId = pick(live, s.i);
      if (!callId) return undefined;
      if (s.kind === 'caller_hang_up') return { type: 'switch.caller_hung_up', callId };
      if (s.kind === 'callback') return { type: 'switch.callback_requested', callId, number: '139' };
      if (s.kind === 'unreachable') return { type: 'switch.customer_unreachable', callId, cause: 'busy' };
      return { type: 'switch.customer_answered', callId };
    }
    case 'login':
      return { type: 'agent.login', agentId: agent };
    case 'ready':
      return { type: 'agent.ready', agentId: agent };
    case 'not_ready':
      return { type: 'agent.not_ready', agentId: agent, reason: 'break' };
    case 'logout':
      return { type: 'agent.logout', agentId: agent };
    case 'hang_up':
      return { type: 'agent.hang_up', agentId: agent };
    case 'hold':
      return { type: 'agent.hold', agentId: agent };
    case 'retrieve':
      return { type: 'agent.retrieve', agentId: agent };
    case 'consult':
      return { type: 'agent.consult', agentId: agent, targetAgentId: other };
    case 'complete':
      return { type: 'agent.complete_transfer', agentId: agent };
    case 'conference':
      return { type: 'agent.conference', agentId: agent };
    case 'cancel':
      return { type: 'agent.cancel_consult', agentId: agent };
    case 'force':
      return { type: 'supervisor.force_state', supervisorId: 's', agentId: agent, to: 'not_ready', reason: 'coaching' };
    case 'extend':
      return { type: 'agent.extend_wrap_up', agentId: agent, seconds: 10 };
    case 'dial':
      return { type: 'agent.dial', agentId: agent, callId: `o${c.calls++}`, number: '136' };
    case 'transfer':
      return { type: 'agent.transfer', agentId: agent, to: s.queue === 3 ? { agentId: other } : { queueId: queueIds[s.queue]! } };
  }
}

function simulate(strategy: Strategy, steps: Step[]) {
  const t = harness(queues(strategy), agentIds);
  for (const a of agentIds) t.login(a, 0);
  const clock: Clock = { now: 0, calls: 0 };
  const problems: string[] = [];
  const snapshot = () => JSON.stringify([agentIds.map((a) => t.router.agentState(a)), t.router.liveCalls().map((c) => t.router.call(c)), queueIds.map((q) => t.router.queue(q))]);

  const check = (label: string) => {
    const holders = new Map<string, string>();
    for (const id of t.router.liveCalls()) {
      const c = t.router.call(id)!;
      const involved = [...c.ringing, ...c.agents, ...(c.consulting ? [c.consulting] : [])];
      for (const a of involved) {
        if (holders.has(a)) problems.push(`${label}: ${a} on ${holders.get(a)} and ${id}`);
        holders.set(a, id);
      }
      if (strategy !== 'ring_all' && c.ringing.length > 1) problems.push(`${label}: ${id} offered to ${c.ringing.join(',')}`);
      if (c.status === 'queued' && (c.agents.length > 0 || c.ringing.length > 0)) problems.push(`${label}: ${id} queued and with agents`);
      if (c.status === 'connected' && c.agents.length === 0) problems.push(`${label}: ${id} connected without agents`);
    }
    for (const a of agentIds) {
      const s = t.router.agentState(a)!;
      const onCall = ['ringing', 'talking', 'on_hold', 'dialing'].includes(s.status);
      if (onCall !== holders.has(a)) problems.push(`${label}: ${a} is ${s.status} but ${holders.has(a) ? 'holds' : 'holds no'} call`);
    }
    for (const q of queueIds) {
      const view = t.router.queue(q)!;
      if (view.waiting.length > 0 && view.readyAgents > 0) problems.push(`${label}: ${q} has waiting calls and ready agents`);
      const levels = view.waiting.map((c) => t.router.call(c)!.vipLevel);
      if (levels.some((l, i) => i > 0 && l > levels[i - 1]!)) problems.push(`${label}: ${q} VIP order ${levels.join(',')}`);
    }
  };

  for (const s of steps) {
    const input = inputFor(t.router, s, clock);
    if (!input) continue;
    // Let due deadlines fire first, so a refused input can be seen to change nothing.
    t.tick(clock.now);
    check('after deadlines');
    const before = snapshot();
    const r = t.h(input, clock.now);
    if (r.rejected && (r.events.length > 0 || r.commands.length > 0 || snapshot() !== before)) problems.push(`${input.type} refused but changed state`);
    check(input.type);
  }
  // Everyone still on the line hangs up; callback requests stay, waiting for an agent.
  clock.now += 1;
  for (const c of t.router.liveCalls()) t.h({ type: 'switch.caller_hung_up', callId: c }, clock.now);
  return { events: t.events, live: new Set(t.router.liveCalls()), problems };
}

function endings(events: DomainEvent[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of events) if (e.type === 'call.ended') n.set(e.stream, (n.get(e.stream) ?? 0) + 1);
  return n;
}

describe('routing invariants over random traffic', () => {
  for (const strategy of ['longest_idle', 'ring_all', 'round_robin'] as const) {
    it(`${strategy}: one call per agent, one agent per offer, nothing left unmatched, VIPs first, one ending per call, CDR times add up`, () => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 20, maxLength: 150 }), (steps) => {
          const { events, live, problems } = simulate(strategy, steps);
          expect(problems).toEqual([]);
          const ended = endings(events);
          const started = new Set(events.filter((e) => e.type === 'call.arrived' || e.type === 'call.dialed').map((e) => e.stream));
          for (const id of started) expect(ended.get(id) ?? 0).toBe(live.has(id) ? 0 : 1);
          for (const cdr of callDetailRecords(events).values()) {
            if (cdr.endedAt === null) continue;
            const sum = cdr.queueMs + cdr.ringMs + cdr.talkMs + cdr.holdMs + cdr.callbackWaitMs + cdr.dialMs;
            expect(sum).toBe(cdr.endedAt - cdr.startedAt);
            expect(cdr.outcome).not.toBeNull();
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('snapshots', () => {
  it('a router restored from a snapshot carries on exactly like the original', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 100 }), fc.nat(), (steps, cutAt) => {
        const cut = cutAt % steps.length;
        const mixed: QueueConfig[] = queues('random').map((q, i) => ({ ...q, strategy: (['random', 'round_robin', 'fewest_calls'] as const)[i] }));
        const original = harness(mixed, agentIds);
        const clock: Clock = { now: 0, calls: 0 };
        for (const a of agentIds) original.login(a, 0);
        const run = (t: ReturnType<typeof harness>, from: number, to: number, c: Clock) => {
          const out: unknown[] = [];
          for (const s of steps.slice(from, to)) {
            const input = inputFor(t.router, s, c);
            if (input) out.push(t.h(input, c.now));
          }
          return out;
        };
        run(original, 0, cut, clock);
        const saved = JSON.stringify(original.router.snapshot());
        const restored = harness(mixed, agentIds, {}, JSON.parse(saved));
        const restoredClock = { ...clock };
        expect(run(restored, cut, steps.length, restoredClock)).toEqual(run(original, cut, steps.length, clock));
        expect(restored.router.nextDeadline()).toBe(original.router.nextDeadline());
      }),
      { numRuns: 200 },
    );
  });
});

describe('waiting calls', () => {
  it('keep the same order and positions as a plain sort', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), vip: fc.nat(9), placeAt: fc.nat(50) }),
      fc.record({ kind: fc.constant('remove' as const), i: fc.nat(100) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const waiting = new WaitingCalls(9);
        const model: WaitingEntry[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'insert') {
            const e = { callId: `c${seq}`, vipLevel: o.vip, placeAt: o.placeAt, seq: seq++ };
            waiting.insert(e);
            model.push(e);
          } else if (model.length > 0) {
            const [e] = model.splice(o.i % model.length, 1);
            waiting.remove(e!);
          }
        }
        model.sort((a, b) => b.vipLevel - a.vipLevel || a.placeAt - b.placeAt || a.seq - b.seq);
        expect([...waiting].map((e) => e.callId)).toEqual(model.map((e) => e.callId));
        expect(model.map((e) => waiting.position(e))).toEqual(model.map((_, i) => i + 1));
        expect(waiting.size).toBe(model.length);
      }),
      { numRuns: 300 },
    );
  });
});
