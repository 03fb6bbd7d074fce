import type { Random } from '../random/index';

/** How long something takes (handling, wrap-up, patience), in seconds. */
export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'exponential'; mean: number }
  /** Handling times are right-skewed: lognormal is the usual fit (Brown et al. 2005). */
  | { kind: 'lognormal'; mean: number; cv: number }
  /** Draws uniformly from observed values. */
  | { kind: 'empirical'; values: readonly number[] };

export class InvalidDistributionError extends Error {
  override name = 'InvalidDistributionError';
}

function positive(name: string, value: number) {
  if (!(Number.isFinite(value) && value > 0)) throw new InvalidDistributionError(`${name} must be a positive number, got ${value}`);
}

/**
 * A sampler for a distribution, driven by the seeded random source.
 *
 * @example
 * const talk = sampler({ kind: 'lognormal', mean: 210, cv: 0.8 }, seededRandom(1));
 * talk(); // seconds, mean 210 over many draws
 */
export function sampler(distribution: Distribution, random: Random): () => number {
  switch (distribution.kind) {
    case 'fixed': {
      if (!(Number.isFinite(distribution.value) && distribution.value >= 0)) {
        throw new InvalidDistributionError(`value must be zero or more, got ${distribution.value}`);
      }
      const value = distribution.value;
      return () => value;
    }
    case 'exponential': {
      positive('mean', distribution.mean);
      const mean = distribution.mean;
      return () => -mean * Math.log(1 - random.next());
    }
    case 'lognormal': {
      positive('mean', distribution.mean);
      positive('cv', distribution.cv);
      const sigma2 = Math.log(1 + distribution.cv ** 2);
      const mu = Math.log(distribution.mean) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => Math.exp(mu + sigma * standardNormal(random));
    }
    case 'empirical': {
      const values = distribution.values;
      if (values.length === 0) throw new InvalidDistributionError('an empirical distribution needs at least one value');
      if (values.some((v) => !(Number.isFinite(v) && v >= 0))) throw new InvalidDistributionError('empirical values must be zero or more');
      return () => values[random.int(values.length)]!;
    }
  }
}

/** Box–Muller; one of the pair is enough for our volumes. */
function standardNormal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
