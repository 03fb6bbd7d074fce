/** An input the Erlang formulas cannot use (negative, not a number, a fraction of an agent …): nothing was computed. */
export class WfmInputError extends Error {
  override readonly name = 'WfmInputError';
  constructor(
    /** The input's name as the caller passed it, e.g. `agents` or `patienceSeconds`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field} ${message}`);
  }
}

export function atLeastZero(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new WfmInputError(field, `must be a number of at least 0, got ${value}`);
  return value;
}

export function positive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new WfmInputError(field, `must be a number above 0, got ${value}`);
  return value;
}

export function wholeNumber(field: string, value: number): number {
  atLeastZero(field, value);
  if (!Number.isInteger(value)) throw new WfmInputError(field, `must be a whole number, got ${value}`);
  return value;
}

/** A share such as a service-level target or shrinkage: 0 allowed, 1 not (`upTo1` allows it). */
export function share(field: string, value: number, upTo1 = false): number {
  atLeastZero(field, value);
  if (upTo1 ? value > 1 : value >= 1) throw new WfmInputError(field, `must be ${upTo1 ? 'at most 1' : 'below 1'}, got ${value}`);
  return value;
}
