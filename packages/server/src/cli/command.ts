import { parseArgs, type ParseArgsConfig } from 'node:util';
import { message, type UserLanguage } from '../http/messages';
import type { cliMessages } from './messages';

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

/** The language the CLI speaks: Chinese, or English with BANZU_LANG=en (as the console's language switch). */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): UserLanguage {
  return env.BANZU_LANG?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/**
 * What the CLI says (its catalogue, cli/messages) in the CLI's language.
 *
 * @example
 * throw new UsageError(said('cli.report.from_after_to'));
 */
export function said(key: keyof typeof cliMessages, params: Record<string, string | number> = {}): string {
  return message(key, cliLanguage(), params) ?? key;
}

/** node:util's parse errors by their code, with the flag or argument they quote. */
const parseProblems: Record<string, (quoted: string, text: string) => string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: (flag) => said('cli.unknown_option', { flag }),
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: (flag, text) =>
    said(text.includes('does not take an argument') ? 'cli.takes_no_value' : 'cli.value_missing', { flag: flag.replace(/ <value>$/, '') }),
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: (value) => said('cli.unexpected_argument', { value }),
};

/**
 * Strict flag parsing: an unknown flag, a missing value or a stray argument is a UsageError,
 * said in the CLI's language.
 *
 * @example
 * const { values } = parseFlags(argv, { port: { type: 'string' } });
 */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    const { code, message: text } = err as { code?: string; message: string };
    const problem = code === undefined ? undefined : parseProblems[code];
    throw new UsageError(problem ? problem(/'([^']*)'/.exec(text)?.[1] ?? '', text) : text);
  }
}

/** Parses a flag that must be a finite number within bounds; names the flag when it is not. */
export function numberFlag(name: string, raw: string | undefined, bounds: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const params = { flag: `--${name}`, value: raw };
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(said('cli.not_a_number', params));
  if (bounds.integer && !Number.isInteger(value)) throw new UsageError(said('cli.not_whole', params));
  if (bounds.min !== undefined && value < bounds.min) throw new UsageError(said('cli.below_min', { ...params, min: bounds.min }));
  if (bounds.max !== undefined && value > bounds.max) throw new UsageError(said('cli.above_max', { ...params, max: bounds.max }));
  return value;
}

/** Like numberFlag, for a flag the command cannot run without. */
export function requiredNumberFlag(name: string, raw: string | undefined, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
  const value = numberFlag(name, raw, bounds);
  if (value === undefined) throw new UsageError(requiredFlag(name));
  return value;
}

/** "--name is required", in the CLI's language. */
export function requiredFlag(name: string): string {
  return said('cli.required', { flag: `--${name}` });
}
