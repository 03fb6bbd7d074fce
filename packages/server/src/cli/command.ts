import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One `banzu <name>` subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing: an unknown flag, a missing value or a stray argument is a UsageError.
 *
 * @example
 * const { values } = parseFlags(argv, { port: { type: 'string' } });
 */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses a flag that must be a finite number within bounds; names the flag when it is not. */
export function numberFlag(name: string, raw: string | undefined, bounds: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number, got "${raw}"`);
  }
  if (bounds.integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got ${raw}`);
  if (bounds.min !== undefined && value < bounds.min) throw new UsageError(`--${name} must be at least ${bounds.min}, got ${raw}`);
  if (bounds.max !== undefined && value > bounds.max) throw new UsageError(`--${name} must be at most ${bounds.max}, got ${raw}`);
  return value;
}

/** Like numberFlag, for a flag the command cannot run without. */
export function requiredNumberFlag(name: string, raw: string | undefined, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
  const value = numberFlag(name, raw, bounds);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
