import { describe, expect, it } from 'vitest';
import { callDetailRecords, type DomainEvent } from '../calls/index';
import { seededRandom } from '../random/index';
import { Router, type RouterInput } from '../routing/index';
import { SimulatedCenter } from './center';
import { runSimulation } from './run';

const start = Date.UTC(2026, 0, 5, 1, 0);

/** Agents a1 and a2 in a queue whose center requires a disposition: calls of 60 s, 15 s wrap-up. */
function center(dispositions: readonly string[] | undefined, wrapUp?: number) {
  const router = new Router({
    queues: [{ id: 'q', agents: ['a1', 'a2'], wrapUpSeconds: 15 }],
    agents: ['a1', 'a2'].map((agentId) => ({ agentId, skills: [] })),
    random: seededRandom(1),
    dispositionRequired: { inbound: true, outbound: false },
  });
  const sim = new SimulatedCenter({
    random: seededRandom(2),
    queues: [{ queueId: 'q', share: 1 }],
    talk: { kind: 'fixed', value: 60 },
    patience: null,
    answerDelay: { kind: 'fixed', value: 1 },
    noAnswerProbability: 0,
    ...(wrapUp === undefined ? {} : { wrapUp: { kind: 'fixed', value: wrapUp } }),
    ...(dispositions ? { dispositions } : {}),
  });
  sim.staff('a1', start);
  sim.staff('a2', start);
  sim.addArrivals([{ start: start + 1000, seconds: 600, calls: 20 }]);
  const events: DomainEvent[] = [];
  const run = (until: number) => runSimulation(router, sim, until, (e) => events.push(...e));
  const handle = (input: RouterInput, at: number) => {
    const result = router.handle(input, at);
    events.push(...result.events);
    sim.execute(result.commands, at);
    return result;
  };
  return { router, sim, events, run, handle };
}

describe('simulated agents where the center requires a disposition', () => {
  it('save one for every call they answer and go on taking calls', () => {
    for (const wrapUp of [undefined, 1, 20]) {
      const { router, events, run } = center(['inquiry', 'resolved'], wrapUp);
      run(start + 3_600_000);
      const records = [...callDetailRecords(events).values()];
      const answered = records.filter((r) => r.answeredAt !== null && r.endedAt !== null);
      expect(answered.length).toBeGreaterThan(10);
      expect(answered.length).toBe(records.length);
      for (const r of answered) expect(['inquiry', 'resolved']).toContain(r.disposition);
      for (const a of ['a1', 'a2']) expect(router.agentState(a)?.status).toBe('ready');
    }
  });

  it('without dispositions to save would stay in wrap-up after their first call', () => {
    const { router, events, run } = center(undefined);
    run(start + 3_600_000);
    const answered = [...callDetailRecords(events).values()].filter((r) => r.answeredAt !== null);
    expect(answered.length).toBe(2);
    for (const a of ['a1', 'a2']) expect(router.agentState(a)?.status).toBe('wrap_up');
  });

  it('hand a wrap-up over to a person who takes the desk before the disposition is saved: the person saves it and goes on', () => {
    const { router, sim, events, run, handle } = center(['inquiry']);
    // The first caller (arrivals are Poisson) is answered and talks 60 s; stop 1 s into a1's or a2's wrap-up.
    let at = start;
    let agentId: string | undefined;
    while (!agentId && at < start + 3_600_000) {
      at += 500;
      run(at);
      agentId = ['a1', 'a2'].find((a) => router.agentState(a)?.status === 'wrap_up');
    }
    const callId = router.agentState(agentId!)!.callId!;
    sim.personAtDesk(agentId!);
    run(at + 60_000);
    expect(router.agentState(agentId!)).toMatchObject({ status: 'wrap_up', callId });
    expect(router.dispositionDue(agentId!)).toBe(true);
    expect(handle({ type: 'agent.ready', agentId: agentId! }, at + 60_000).rejected?.code).toBe('disposition_required');

    handle({ type: 'agent.set_disposition', agentId: agentId!, callId, code: 'resolved' }, at + 61_000);
    expect(router.agentState(agentId!)?.status).not.toBe('wrap_up');
    expect(callDetailRecords(events).get(callId)?.disposition).toBe('resolved');
  });
});
