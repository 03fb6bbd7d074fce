import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../agents/index';
import { seededRandom } from '../random/index';
import { Router, type RouterInput } from '../routing/index';
import { SimulatedCenter } from './center';
import { runSimulation } from './run';

const start = Date.UTC(2026, 0, 5, 1, 0);
const simulated = ['s1', 's2', 's3', 's4', 's5'];
/** Agents a person may take over mid-call: the second queue keeps simulated agents of its own. */
const takeable = ['s1', 's2', 's3'];

type Action = 'answer' | 'hang_up' | 'hold' | 'retrieve' | 'transfer_agent' | 'transfer_queue' | 'consult' | 'complete' | 'cancel' | 'conference' | 'ready' | 'take_over';

const actions: Action[] = ['answer', 'hang_up', 'hold', 'retrieve', 'transfer_agent', 'transfer_queue', 'consult', 'complete', 'cancel', 'conference', 'ready', 'take_over'];
const busy = new Set(['ringing', 'talking', 'on_hold', 'dialing']);

/** What the person at desk p does for `action`; null when it needs what is not there (a ringing call, a ready colleague). */
function personInput(action: Action, state: AgentState, target: string | undefined): RouterInput | null {
  const agentId = 'p';
  switch (action) {
    case 'answer':
      return state.callId && state.status === 'ringing' ? { type: 'switch.agent_answered', callId: state.callId, agentId } : null;
    case 'hang_up':
      return { type: 'agent.hang_up', agentId };
    case 'hold':
      return { type: 'agent.hold', agentId };
    case 'retrieve':
      return { type: 'agent.retrieve', agentId };
    case 'transfer_agent':
      return target ? { type: 'agent.transfer', agentId, to: { agentId: target } } : null;
    case 'transfer_queue':
      return { type: 'agent.transfer', agentId, to: { queueId: 'q2' } };
    case 'consult':
      return target ? { type: 'agent.consult', agentId, targetAgentId: target } : null;
    case 'complete':
      return { type: 'agent.complete_transfer', agentId };
    case 'cancel':
      return { type: 'agent.cancel_consult', agentId };
    case 'conference':
      return { type: 'agent.conference', agentId };
    case 'ready':
      return { type: 'agent.ready', agentId };
    case 'take_over':
      return null;
  }
}

/**
 * A person at a desktop (p) among simulated agents, on the real router and the simulated switch:
 * callers arrive for ten minutes, the person does whatever the steps say between waits, then every
 * person lets go (hangs up what they hold) and the world runs on for an hour.
 */
function run(seed: number, steps: { action: Action; pick: number; waitSeconds: number }[]) {
  const router = new Router({
    queues: [
      // Linear: the person, first in the list, is offered every call they are ready for.
      { id: 'q1', agents: ['p', 's1', 's2', 's3'], strategy: 'linear', ringTimeoutSeconds: 60, wrapUpSeconds: 20 },
      { id: 'q2', agents: ['s4', 's5'], ringTimeoutSeconds: 15, wrapUpSeconds: 20 },
    ],
    agents: ['p', ...simulated].map((agentId) => ({ agentId, skills: [] })),
    random: seededRandom(seed),
  });
  const center = new SimulatedCenter({
    random: seededRandom(seed + 1),
    queues: [
      { queueId: 'q1', share: 0.7 },
      { queueId: 'q2', share: 0.3 },
    ],
    talk: { kind: 'exponential', mean: 90 },
    patience: { kind: 'exponential', mean: 120 },
    answerDelay: { kind: 'fixed', value: 2 },
    noAnswerProbability: 0,
  });
  for (const a of simulated) center.staff(a, start);
  center.addArrivals([{ start, seconds: 600, calls: 25 }]);
  const people = new Set(['p']);
  center.personAtDesk('p');
  let now = start;
  const events: string[] = [];
  const handle = (input: RouterInput, at: number) => {
    const result = router.handle(input, at);
    for (const e of result.events) events.push(e.type);
    center.execute(result.commands, at);
  };
  handle({ type: 'agent.login', agentId: 'p' }, now);

  const runUntil = (until: number) => {
    runSimulation(router, center, until, (stepEvents) => {
      for (const e of stepEvents) events.push(e.type);
    });
    now = until;
  };

  const readySimulated = () => simulated.filter((a) => !people.has(a) && router.agentState(a)?.status === 'ready');
  for (const { action, pick, waitSeconds } of steps) {
    runUntil(now + waitSeconds * 1000);
    const state = router.agentState('p')!;
    const target = readySimulated()[pick % 5];
    const input = personInput(action, state, target);
    if (action === 'take_over' && people.size < 2) {
      // A person sits down at a simulated agent's desk, whatever it is doing.
      const agentId = takeable[pick % takeable.length]!;
      people.add(agentId);
      center.personAtDesk(agentId);
    }
    // A refusal (nothing to hang up, no consultation to complete) changes nothing: that is the router's promise.
    if (input) handle(input, now);
  }

  // Every person lets go: hangs up what they hold (a consultation first), then stops taking calls.
  for (let round = 0; round < 4; round++) {
    for (const agentId of people) {
      const status = router.agentState(agentId)!.status;
      if (status === 'talking' || status === 'on_hold') handle({ type: 'agent.hang_up', agentId }, now);
      if (status === 'ready' || status === 'wrap_up') handle({ type: 'agent.not_ready', agentId, reason: 'meal' }, now);
    }
    runUntil(now + 60_000);
  }
  runUntil(now + 3_600_000);
  return { router, events };
}

describe('a person at a desktop among simulated agents', () => {
  it('ends every call and leaves no agent on a call, whatever the person does: transfers, consults, conferences, hang-ups, take-overs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.record({ action: fc.constantFrom(...actions), pick: fc.nat(100), waitSeconds: fc.integer({ min: 0, max: 90 }) }), { maxLength: 40 }),
        (seed, steps) => {
          const { router } = run(seed, steps);
          expect(router.liveCalls()).toEqual([]);
          for (const agentId of ['p', ...simulated]) expect(busy.has(router.agentState(agentId)!.status), `${agentId} is ${router.agentState(agentId)!.status}`).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ends a call a person transferred to a simulated agent, by a blind or a consult transfer', () => {
    // The bug found on the demo floor: 8001 transferred a caller to a colleague, and the call never ended.
    for (const consult of [false, true]) {
      const steps: { action: Action; pick: number; waitSeconds: number }[] = [
        // The person picks up as soon as a call rings, then transfers it.
        ...Array.from({ length: 20 }, () => ({ action: 'answer' as const, pick: 0, waitSeconds: 5 })),
        { action: consult ? 'consult' : 'transfer_agent', pick: 0, waitSeconds: 10 },
        ...(consult ? [{ action: 'complete' as const, pick: 0, waitSeconds: 10 }] : []),
      ];
      const { router, events } = run(7, steps);
      expect(events.filter((e) => e === 'call.transferred')).toHaveLength(1);
      expect(router.liveCalls()).toEqual([]);
    }
  });
});
