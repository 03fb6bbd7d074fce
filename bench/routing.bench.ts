/**
 * Routing benchmark: the ACD driven by a small simulated switch on a simulated clock.
 * Agents answer after 1-4 s (2% never answer and come back 30 s later), talk for an exponential
 * time, wrap up; callers abandon after an exponential patience. Only time spent inside
 * `Router.handle` is measured: that is the routing core's cost per input.
 */
import { Router, seededRandom, type QueueConfig, type Random, type RouterInput } from '../packages/core/src/index';
import type { BenchResult } from './index';

interface Scenario {
  name: string;
  agents: number;
  queues: number;
  skills: number;
  callsPerSecond: number;
  seconds: number;
  talkSeconds: number;
}

interface Pending {
  at: number;
  seq: number;
  input: RouterInput;
}

/** Binary min-heap of the simulated switch's future inputs. */
class Agenda {
  private h: Pending[] = [];
  private seq = 0;
  get size() {
    return this.h.length;
  }
  peekAt(): number {
    return this.h[0]?.at ?? Infinity;
  }
  push(at: number, input: RouterInput) {
    const h = this.h;
    h.push({ at, seq: this.seq++, input });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at < h[i]!.at || (h[p]!.at === h[i]!.at && h[p]!.seq < h[i]!.seq)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Pending {
    const h = this.h;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (a: Pending, b: Pending) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

const exp = (rng: Random, mean: number) => -mean * Math.log(1 - rng.next());

function build(s: Scenario, rng: Random): Router {
  const agentIds = Array.from({ length: s.agents }, (_, i) => `a${i}`);
  const agentSkills = agentIds.map(() => {
    const skills = new Map<number, number>();
    const n = 2 + rng.int(3);
    while (skills.size < n) skills.set(rng.int(s.skills), 1 + rng.int(5));
    return skills;
  });
  const queues: QueueConfig[] = Array.from({ length: s.queues }, (_, qi) => {
    const skill = qi % s.skills;
    const minLevel = 1 + (qi % 3);
    return {
      id: `q${qi}`,
      priority: qi % 4,
      strategy: 'longest_idle' as const,
      // Members: every agent with the queue's skill; widening lets lower levels in after 20 s.
      agents: agentIds.filter((_, ai) => agentSkills[ai]!.has(skill)),
      requiredSkills: [{ skillId: `s${skill}`, minLevel }],
      widening: [{ afterSeconds: 20, minLevelDrop: 2 }],
      ringTimeoutSeconds: 10,
      wrapUpSeconds: 2,
      maxWait: { seconds: 120, action: { kind: 'voicemail', mailbox: `vm${qi}` } },
      announceEverySeconds: 30,
    };
  });
  return new Router({
    queues,
    agents: agentIds.map((agentId, ai) => ({
      agentId,
      skills: [...agentSkills[ai]!].map(([skill, level]) => ({ skillId: `s${skill}`, level })),
    })),
    random: seededRandom(2),
  });
}

function run(s: Scenario) {
  const rng = seededRandom(1);
  const router = build(s, rng);
  const start = Date.UTC(2026, 0, 5, 2);
  const agenda = new Agenda();
  for (let i = 0; i < s.agents; i++) agenda.push(start, { type: 'agent.login', agentId: `a${i}` });
  let t = start;
  for (let c = 0; ; c++) {
    t += exp(rng, 1000 / s.callsPerSecond);
    if (t > start + s.seconds * 1000) break;
    const vipLevel = rng.next() < 0.1 ? 1 + rng.int(3) : 0;
    agenda.push(t, { type: 'switch.call_arrived', callId: `c${c}`, from: '13800000000', to: null, queueId: `q${rng.int(s.queues)}`, vipLevel });
    agenda.push(t + exp(rng, 90_000), { type: 'switch.caller_hung_up', callId: `c${c}` });
  }
  const end = start + s.seconds * 1000;
  const ended = new Set<string>();
  const latencies: number[] = [];
  let events = 0;
  let decisions = 0;
  let busyNs = 0n;
  for (;;) {
    const deadline = router.nextDeadline() ?? Infinity;
    const at = Math.min(agenda.peekAt(), deadline);
    if (at === Infinity || at > end) break;
    const input: RouterInput = agenda.peekAt() <= deadline ? agenda.pop().input : { type: 'tick' };
    // The switch does not report hang-ups on calls that are already over.
    if ('callId' in input && input.type !== 'switch.call_arrived' && ended.has(input.callId)) continue;
    const t0 = process.hrtime.bigint();
    const r = router.handle(input, at);
    const ns = process.hrtime.bigint() - t0;
    busyNs += ns;
    latencies.push(Number(ns) / 1000);
    events += r.events.length;
    // The simulated switch and agents react to the router's commands.
    for (const c of r.commands) {
      if (c.type === 'offer' && rng.next() < 0.98) agenda.push(at + 1000 + rng.int(3000), { type: 'switch.agent_answered', callId: c.callId, agentId: c.agentId });
      else if (c.type === 'bridge') agenda.push(at + exp(rng, s.talkSeconds * 1000), { type: 'switch.agent_hung_up', callId: c.callId, agentId: c.agentIds[0]! });
    }
    for (const e of r.events) {
      if (e.type === 'call.offered') decisions++;
      else if (e.type === 'call.ended') ended.add(e.stream);
      else if (e.type === 'agent.state_changed' && e.payload.notReadyReason === 'no_answer') agenda.push(at + 30_000, { type: 'agent.ready', agentId: e.stream });
    }
  }
  latencies.sort((a, b) => a - b);
  const seconds = Number(busyNs) / 1e9;
  return {
    eventsPerSecond: events / seconds,
    decisionsPerSecond: decisions / seconds,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    inputs: latencies.length,
    events,
  };
}

/** One agent, one queue, the same four inputs over and over: the core's cost with everything in cache. */
function hotPath(cycles: number) {
  const router = new Router({ queues: [{ id: 'q', agents: ['a1'], wrapUpSeconds: 1 }], agents: [{ agentId: 'a1', skills: [] }], random: seededRandom(1) });
  let t = Date.UTC(2026, 0, 5, 2);
  router.handle({ type: 'agent.login', agentId: 'a1' }, t);
  let events = 0;
  const begin = process.hrtime.bigint();
  for (let i = 0; i < cycles; i++) {
    const callId = `c${i}`;
    events += router.handle({ type: 'switch.call_arrived', callId, from: null, to: null, queueId: 'q', vipLevel: 0 }, (t += 1000)).events.length;
    events += router.handle({ type: 'switch.agent_answered', callId, agentId: 'a1' }, (t += 1000)).events.length;
    events += router.handle({ type: 'switch.agent_hung_up', callId, agentId: 'a1' }, (t += 1000)).events.length;
    events += router.handle({ type: 'tick' }, (t += 1000)).events.length;
  }
  return events / (Number(process.hrtime.bigint() - begin) / 1e9);
}

export default async function (): Promise<BenchResult[]> {
  const node: Scenario = { name: '2,000 agents, 20 queues, 200 calls/s', agents: 2000, queues: 20, skills: 8, callsPerSecond: 200, seconds: 120, talkSeconds: 4 };
  const big: Scenario = { name: '10,000 agents, 100 queues, 1,000 calls/s', agents: 10_000, queues: 100, skills: 20, callsPerSecond: 1000, seconds: 60, talkSeconds: 4 };
  run({ ...node, seconds: 10 }); // warm up the JIT
  const a = run(node);
  const b = run(big);
  hotPath(50_000);
  const hot = hotPath(300_000);
  const results: BenchResult[] = [
    { name: `${node.name}: routing decisions/s`, value: a.decisionsPerSecond, unit: 'per s', target: '>= 200 (one node)', ok: a.decisionsPerSecond >= 200 },
    { name: `${node.name}: p99 input latency`, value: a.p99, unit: 'µs', target: '< 20', ok: a.p99 < 20 },
    { name: `${big.name}: events/s`, value: b.eventsPerSecond, unit: 'per s', target: '>= 1,000,000', ok: b.eventsPerSecond >= 1_000_000 },
    { name: `${big.name}: p50 input latency`, value: b.p50, unit: 'µs' },
    { name: `${big.name}: p99 input latency`, value: b.p99, unit: 'µs', target: '< 20', ok: b.p99 < 20 },
    { name: 'one agent, one queue (all in cache): events/s', value: hot, unit: 'per s' },
  ];
  console.log(
    JSON.stringify({
      bench: 'routing',
      agents: big.agents,
      queues: big.queues,
      inputs: b.inputs,
      events: b.events,
      eventsPerSecond: Math.round(b.eventsPerSecond),
      p50Micros: +b.p50.toFixed(2),
      p99Micros: +b.p99.toFixed(2),
    }),
  );
  return results;
}
