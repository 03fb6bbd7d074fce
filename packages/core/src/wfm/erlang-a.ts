import { inverseBlocking } from './erlang-b';
import { positive } from './errors';
import { checkInput, idle, type ErlangAInput, type ErlangResult } from './model';

/** Gauss–Legendre nodes and weights on [−1, 1]: Newton's method on the Legendre recurrence. */
function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let slope = 1;
    for (let step = 0; step < 100; step++) {
      let previous = 1;
      let value = x;
      for (let k = 2; k <= n; k++) {
        const next = ((2 * k - 1) * x * value - (k - 1) * previous) / k;
        previous = value;
        value = next;
      }
      slope = (n * (x * value - previous)) / (x * x - 1);
      const dx = value / slope;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * slope * slope);
  }
  return { nodes, weights };
}

const { nodes, weights } = gaussLegendre(12);
/** Log-units the integrand may fall across one panel: with 12 nodes the figures come out within ~1e-13. */
const MAX_DROP = 8;
/** Beyond e^−40 of its peak the integrand cannot change a figure in double precision. */
const CUTOFF = 40;

/**
 * Panel edges from the integrand's peak (d = 0) outwards, until it has fallen by CUTOFF or reached
 * `stop`. Panels double in length while the integrand falls by at most MAX_DROP across each.
 */
function march(f: (d: number) => number, direction: 1 | -1, stop: number): number[] {
  const edges: number[] = [];
  let d = 0;
  let fd = 0;
  let length = 1;
  for (;;) {
    if (direction < 0) length = Math.min(length, d - stop);
    let next = d + direction * length;
    let fn = f(next);
    while (fd - fn > MAX_DROP) {
      length /= 2;
      next = d + direction * length;
      fn = f(next);
    }
    edges.push(next);
    if (fn < -CUTOFF || next === stop) return edges;
    d = next;
    fd = fn;
    length *= 2;
  }
}

/**
 * What a caller meets on arrival, relative to π(N−1) and scaled by e^{log}: the mass of waiting
 * (offered wait V > 0), split into answered after a wait and abandoned; answered within the threshold
 * after a wait; and ∫ V over the answered, in units of the mean patience.
 */
export interface WaitMasses {
  log: number;
  waiting: number;
  answered: number;
  abandoned: number;
  answeredInTime: number;
  answeredWait: number;
}

/** Σ_{k≥1} T_k, Σ_{k≥1} k·T_k and Σ_{k≥1} T_k·Σ_{i=1..k} 1/(a+i), where T_0 = 1/a and T_k = T_{k−1}·y/(a+k). */
function sums(a: number, y: number): [number, number, number] {
  let term = 1 / a;
  let harmonic = 0;
  let plain = 0;
  let counted = 0;
  let weighted = 0;
  for (let k = 1; ; k++) {
    term *= y / (a + k);
    harmonic += 1 / (a + k);
    plain += term;
    counted += k * term;
    weighted += term * harmonic;
    // Past the largest term the rest falls off at least geometrically.
    if (a + k > y && term <= 1e-17 * plain && k * term <= 1e-17 * counted && term * harmonic <= 1e-17 * weighted) return [plain, counted, weighted];
  }
}

/**
 * The masses by the series of the incomplete gamma function: ∫₀^∞ e^{y(1−e^{−u}) − a·u} du =
 * Σ_k y^k / (a(a+1)…(a+k)). Each mass is a sum of positive terms (the identities λe^{−θx}g = g′ + Nμg
 * remove the cancelling leading term), about √(a+y) terms of a few flops each. Used while the terms
 * stay far from overflow and few: agents not much below the traffic.
 */
export function seriesMasses(a: number, y: number, threshold: number): WaitMasses {
  const [plain, counted, weighted] = sums(a, y);
  const answered = a * plain;
  // The wait beyond the threshold has the same law with y·e^{−u_t}, started from the density at u_t.
  const beyond = Math.exp(-y * Math.expm1(-threshold) - a * threshold) * a * sums(a, y * Math.exp(-threshold))[0];
  return {
    log: 0,
    waiting: answered + counted,
    answered,
    abandoned: counted,
    answeredInTime: Math.max(0, answered - beyond),
    answeredWait: a * weighted,
  };
}

/**
 * The masses by Gauss–Legendre panels over the density: in u = θx its logarithm y(1 − e^{−u}) − a·u
 * is concave, so panels march out from the peak until it has fallen by CUTOFF; values are scaled by
 * the peak. Works at any traffic, including heavy overload where the series would need too many terms.
 */
export function quadratureMasses(a: number, y: number, threshold: number): WaitMasses {
  // The density peaks where λe^{−θx} = Nμ: at u* = ln(A/N) when the agents are overloaded, else at 0.
  const peak = y > a ? Math.log(y / a) : 0;
  const top = -y * Math.expm1(-peak) - a * peak;
  const atPeak = Math.exp(-peak);
  const belowPeak = -Math.expm1(-peak);
  // Log-density relative to the peak, in d = u − u*: written so that it is exact near d = 0.
  const slope = y * atPeak;
  const f = (d: number) => -slope * Math.expm1(-d) - a * d;
  const edges = [...(peak > 0 ? march(f, -1, -peak).reverse() : []), 0, ...march(f, 1, Number.POSITIVE_INFINITY)];
  const until = threshold - peak;
  const at = edges.findIndex((e) => e >= until);
  if (at > 0 && edges[at] !== until) edges.splice(at, 0, until);

  const masses: WaitMasses = { log: Math.log(y) + top, waiting: 0, answered: 0, abandoned: 0, answeredInTime: 0, answeredWait: 0 };
  for (let k = 0; k + 1 < edges.length; k++) {
    const half = (edges[k + 1]! - edges[k]!) / 2;
    const mid = (edges[k + 1]! + edges[k]!) / 2;
    let w0 = 0;
    let wa = 0;
    let wb = 0;
    let wx = 0;
    for (let i = 0; i < nodes.length; i++) {
      const d = mid + half * nodes[i]!;
      const em1 = Math.expm1(-d);
      const g = weights[i]! * Math.exp(-slope * em1 - a * d);
      const answeredShare = atPeak * (1 + em1);
      w0 += g;
      wa += g * answeredShare;
      wb += g * (belowPeak - atPeak * em1);
      wx += g * answeredShare * (peak + d);
    }
    masses.waiting += w0 * half;
    masses.answered += wa * half;
    masses.abandoned += wb * half;
    masses.answeredWait += wx * half;
    if (edges[k + 1]! <= until) masses.answeredInTime += wa * half;
  }
  return masses;
}

/**
 * Erlang A at `agents` from 1/B(agents − 1, traffic).
 *
 * An arriving caller meets the offered wait V (how long it would wait with infinite patience) and is
 * answered iff its patience exceeds V. Relative to π(N−1), the M/M/N+M chain gives V an atom
 * 1/B(N−1, A) at 0 and, for x > 0, the density λ·exp(λ(1 − e^{−θx})/θ − Nμx) (Palm; Garnett,
 * Mandelbaum & Reiman 2002; Zeltyn & Mandelbaum). Every figure is an integral of that density:
 * answered within t ⇔ V ≤ t and patience > V (weight e^{−θx}), abandoned ⇔ patience < V
 * (weight 1 − e^{−θx}). The integrals come from the incomplete-gamma series or, when that would be
 * long, from quadrature; they meet the atom in log space: no factorials, no powers, no overflow.
 */
export function erlangAFrom(traffic: number, agents: number, ahtSeconds: number, thresholdSeconds: number, patienceSeconds: number, inverseBlockingBelow: number): ErlangResult {
  if (traffic === 0) return idle('erlang-a', agents);
  if (agents === 0) return { model: 'erlang-a', traffic, agents, probWait: 1, serviceLevel: 0, asa: null, occupancy: 0, probAbandon: 1 };
  // Nobody waits to double precision: the atom at 0 outweighs the density by more than 1e300.
  if (inverseBlockingBelow === Number.POSITIVE_INFINITY) {
    return { model: 'erlang-a', traffic, agents, probWait: 0, serviceLevel: 1, asa: 0, occupancy: traffic / agents, probAbandon: 0 };
  }
  const a = (agents * patienceSeconds) / ahtSeconds;
  const y = (traffic * patienceSeconds) / ahtSeconds;
  const threshold = thresholdSeconds / patienceSeconds;
  // The series' largest term is about (y/a)^(y−a): keep it below e^300 and the count of terms small.
  const m = y <= a || (y - a <= 200 && (y - a) * Math.log(y / a) < 300) ? seriesMasses(a, y, threshold) : quadratureMasses(a, y, threshold);

  const logAtom = Math.log(inverseBlockingBelow);
  const scale = Math.max(logAtom, m.log);
  const atom = Math.exp(logAtom - scale);
  const density = Math.exp(m.log - scale);
  const total = atom + density * m.waiting;
  const probAnswered = (atom + density * m.answered) / total;
  return {
    model: 'erlang-a',
    traffic,
    agents,
    probWait: (density * m.waiting) / total,
    serviceLevel: (atom + density * m.answeredInTime) / total,
    asa: (patienceSeconds * density * m.answeredWait) / (atom + density * m.answered),
    // At most 1; rounding can push a saturated queue a hair above.
    occupancy: Math.min(1, (traffic * probAnswered) / agents),
    probAbandon: (density * m.abandoned) / total,
  };
}

/**
 * Erlang A, exact (Palm's M/M/N+M: callers hang up after an exponential patience): P(abandon),
 * P(wait), service level, ASA of answered calls, occupancy. Always stable; stable numerically up to
 * and beyond 100,000 Erlangs. Service level counts abandoned calls in the denominator.
 *
 * @example
 * erlangA({ traffic: 10, agents: 13, ahtSeconds: 180, thresholdSeconds: 20, patienceSeconds: 300 }).probAbandon; // 0.025
 */
export function erlangA(input: ErlangAInput): ErlangResult {
  checkInput(input);
  positive('patienceSeconds', input.patienceSeconds);
  const { traffic, agents } = input;
  const inverse = agents > 0 ? inverseBlocking(agents - 1, traffic) : 1;
  return erlangAFrom(traffic, agents, input.ahtSeconds, input.thresholdSeconds, input.patienceSeconds, inverse);
}
