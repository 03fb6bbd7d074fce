import { erlangAFrom } from './erlang-a';
import { InverseBlocking, inverseBlocking, nextInverseBlocking } from './erlang-b';
import { erlangCFrom } from './erlang-c';
import { positive, share, WfmInputError } from './errors';
import { checkQueue, idle, type ErlangInput, type ErlangResult } from './model';

export interface StaffingInput extends Omit<ErlangInput, 'agents'> {
  /** Callers' mean exponential patience, seconds: given, staff by Erlang A; absent, by Erlang C. */
  patienceSeconds?: number;
  /** Service level to reach, answered within the threshold ÷ offered: a share in [0, 1). */
  target: number;
  /** Highest acceptable occupancy, (0, 1]; default 1, no limit beyond what the service level needs. */
  maxOccupancy?: number;
  /** Share of paid time agents are away from the phones (breaks, training, absence), [0, 1); default 0. */
  shrinkage?: number;
}

/** The agents a queue needs on the phones, the agents to schedule, and the Erlang figures at that count. */
export interface StaffingResult extends ErlangResult {
  scheduled: number;
}

/**
 * Agents to schedule so that `agents` are on the phones. The tolerance keeps 70 / (1 − 0.3), which
 * floating point makes 100.00000000000001, at 100.
 */
function scheduledFor(agents: number, shrinkage: number): number {
  return Math.max(agents, Math.ceil(agents / (1 - shrinkage) - 1e-9));
}

/** Agents and scheduled first: what a planner reads. */
function withScheduled(r: ErlangResult, shrinkage: number): StaffingResult {
  return Object.assign({ agents: r.agents, scheduled: scheduledFor(r.agents, shrinkage) }, r);
}

/** Erlang C: from the first stable count upwards, one step of the Erlang B recursion per agent. */
function erlangCStaffing(input: StaffingInput, maxOccupancy: number): ErlangResult {
  const { traffic, ahtSeconds, thresholdSeconds, target } = input;
  let agents = Math.max(Math.floor(traffic) + 1, Math.ceil(traffic / maxOccupancy));
  while (agents - 1 > traffic && traffic / (agents - 1) <= maxOccupancy) agents--;
  while (traffic / agents > maxOccupancy) agents++;
  let inverse = inverseBlocking(agents, traffic);
  for (;;) {
    const result = erlangCFrom(traffic, agents, ahtSeconds, thresholdSeconds, inverse);
    if (result.serviceLevel >= target) return result;
    agents++;
    inverse = nextInverseBlocking(agents, traffic, inverse);
  }
}

/** Erlang A staffing's search state: the queue, its Erlang B table and what "enough" means. */
interface Search {
  input: StaffingInput;
  patienceSeconds: number;
  maxOccupancy: number;
  table: InverseBlocking;
}

function evaluateA(s: Search, agents: number): ErlangResult {
  const { traffic, ahtSeconds, thresholdSeconds } = s.input;
  return erlangAFrom(traffic, agents, ahtSeconds, thresholdSeconds, s.patienceSeconds, s.table.at(agents - 1));
}

function meets(s: Search, r: ErlangResult): boolean {
  return r.serviceLevel >= s.input.target && r.occupancy <= s.maxOccupancy;
}

/** Steps of the search away from the Erlang C answer: one agent at a time for the usual few, then doubling. */
const stride = (i: number) => (i < 4 ? 1 : 2 ** (i - 3));

/**
 * Erlang A: the service level rises and the occupancy falls with every agent, so the least count
 * that meets both is found by walking from the Erlang C answer (abandonment usually lets a few agents
 * go), striding when far, and bisecting the last stride.
 */
function erlangAStaffing(s: Search, start: number): ErlangResult {
  let best = evaluateA(s, start);
  let failing = 0;
  if (meets(s, best)) {
    for (let i = 0; best.agents > 1; i++) {
      const candidate = evaluateA(s, Math.max(1, best.agents - stride(i)));
      if (!meets(s, candidate)) {
        failing = candidate.agents;
        break;
      }
      best = candidate;
    }
  } else {
    failing = start;
    for (let i = 0; ; i++) {
      const candidate = evaluateA(s, failing + stride(i));
      if (meets(s, candidate)) {
        best = candidate;
        break;
      }
      failing = candidate.agents;
    }
  }
  while (best.agents - failing > 1) {
    const candidate = evaluateA(s, Math.floor((best.agents + failing) / 2));
    if (meets(s, candidate)) best = candidate;
    else failing = candidate.agents;
  }
  return best;
}

/**
 * The least number of agents that reaches the service-level target with occupancy at most
 * `maxOccupancy`, by Erlang C (or Erlang A with `patienceSeconds`), and the agents to schedule for
 * shrinkage: scheduled = ⌈agents / (1 − shrinkage)⌉. Under Erlang C the count is always above the
 * traffic (a stable queue). No calls need no agents. The time grows with the traffic (one step of
 * the Erlang B recursion per agent): well under a millisecond at 100,000 Erlangs.
 *
 * @example
 * requiredAgents({ traffic: 10, ahtSeconds: 180, thresholdSeconds: 20, target: 0.8, shrinkage: 0.3 }); // { agents: 14, scheduled: 20, … }
 */
export function requiredAgents(input: StaffingInput): StaffingResult {
  checkQueue(input);
  share('target', input.target);
  const maxOccupancy = input.maxOccupancy ?? 1;
  positive('maxOccupancy', maxOccupancy);
  if (maxOccupancy > 1) throw new WfmInputError('maxOccupancy', `must be at most 1, got ${maxOccupancy}`);
  const shrinkage = share('shrinkage', input.shrinkage ?? 0);
  const model = input.patienceSeconds === undefined ? 'erlang-c' : 'erlang-a';
  if (input.traffic === 0) return withScheduled(idle(model, 0), shrinkage);
  const erlangC = erlangCStaffing(input, maxOccupancy);
  const result =
    input.patienceSeconds === undefined
      ? erlangC
      : erlangAStaffing({ input, patienceSeconds: input.patienceSeconds, maxOccupancy, table: new InverseBlocking(input.traffic) }, erlangC.agents);
  return withScheduled(result, shrinkage);
}
