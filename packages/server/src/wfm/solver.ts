import {
  coveringModel,
  type IntervalRequirement,
  readCovering,
  type RosterInput,
  type RosterResult,
  rosterModel,
  type ScheduleResult,
  type ShiftTemplate,
  uncoveredSchedule,
} from '@banzu/core';
import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** HiGHS compiled to WebAssembly, loaded once per process: compiling the module takes a moment. */
let highs: Promise<Highs> | undefined;

/** What the solver said, in the schedule's words, and the value of each named variable. */
export interface LpAnswer {
  status: 'optimal' | 'infeasible' | 'time_limit';
  values: (name: string) => number;
}

/** A solver answer other than optimal, infeasible or out of time: a bug in the model, not a user's mistake. */
export class SolverError extends Error {
  override name = 'SolverError';
}

/**
 * Solves a MIP written in CPLEX LP format with HiGHS. After `timeLimitSeconds` the best solution
 * found so far comes back as `time_limit` (none found: SolverError).
 *
 * @example
 * const { status, values } = await solveLp('Minimize\n obj: x\nSubject To\n c: x >= 2\nGeneral\n x\nEnd');
 */
export async function solveLp(lp: string, timeLimitSeconds = 30, relativeGap?: number): Promise<LpAnswer> {
  highs ??= loadHighs();
  const solution = (await highs).solve(lp, { output_flag: false, time_limit: timeLimitSeconds, ...(relativeGap === undefined ? {} : { mip_rel_gap: relativeGap }) });
  const columns = solution.Columns as Record<string, { Primal?: number }>;
  const values = (name: string) => columns[name]?.Primal ?? 0;
  switch (solution.Status) {
    case 'Optimal':
    // A model with nothing to decide (no agent may work, nothing required).
    case 'Empty':
      return { status: 'optimal', values };
    case 'Infeasible':
      return { status: 'infeasible', values };
    case 'Time limit reached':
      if (Object.values(columns).some((c) => c.Primal !== undefined)) return { status: 'time_limit', values };
      throw new SolverError(`HiGHS found no schedule within ${timeLimitSeconds} s`);
    default:
      throw new SolverError(`HiGHS stopped with "${solution.Status}"`);
  }
}

/**
 * The least-cost integer agents per shift and day that cover every interval's requirement (Dantzig's
 * set covering), solved by HiGHS; infeasible with the reasons when some interval has no covering shift.
 *
 * @example
 * await solveCovering([{ start: '2026-03-02T09:00', agents: 3 }], [{ name: '早班', start: '08:30', end: '17:30' }]);
 * // { status: 'optimal', objective: 27, assignments: [{ day: '2026-03-02', shift: '早班', agents: 3 }], coverage: [...] }
 */
export async function solveCovering(requirements: readonly IntervalRequirement[], shifts: readonly ShiftTemplate[], timeLimitSeconds = 30): Promise<ScheduleResult> {
  const model = coveringModel(requirements, shifts);
  const infeasible = uncoveredSchedule(model, shifts);
  if (infeasible) return infeasible;
  if (model.intervals.every((i) => i.required === 0)) return readCovering(model, shifts, 'optimal', () => 0);
  const answer = await solveLp(model.lp, timeLimitSeconds);
  return readCovering(model, shifts, answer.status, answer.values);
}

/**
 * A team's roster with the rules, solved by HiGHS in two stages (see `rosterModel`): the covering by
 * classes of interchangeable agents, then week by week each class's agents on the shifts chosen for it. Within
 * `timeLimitSeconds` in all; the best found by then comes back as `time_limit`. Optimal means the
 * coverage and cost are the whole model's optimum (every chosen shift filled), with weekends and
 * nights spread as fairly as each week allows given the weeks before it.
 *
 * @example
 * const roster = await solveRoster({ agents, from: '2026-03-01', to: '2026-03-31', shifts, requirements });
 */
export async function solveRoster(input: RosterInput, timeLimitSeconds = 20, now: () => number = performance.now.bind(performance)): Promise<RosterResult> {
  const deadline = now() + timeLimitSeconds * 1000;
  const left = () => Math.max(1, (deadline - now()) / 1000);
  const model = rosterModel(input);
  const covering = await solveLp(model.covering, left());
  if (covering.status === 'infeasible') throw new SolverError('the roster covering was infeasible: it has a shortage variable in every covering row, so this is a bug');
  const assignment = model.assign(covering.values);
  let status: RosterResult['status'] = covering.status;
  for (let lp = assignment.next(); lp !== undefined; lp = assignment.next()) {
    const answer = await solveLp(lp, left());
    if (answer.status === 'infeasible') throw new SolverError('a week of the roster was infeasible: every chosen shift may stay empty, so this is a bug');
    if (answer.status === 'time_limit') status = 'time_limit';
    assignment.answer(answer.values);
  }
  const { unfilled: _, ...roster } = assignment.read(status);
  return roster;
}
