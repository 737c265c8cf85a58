import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../errors.js';

/** What every `plum <command>` module exports: a thin wrapper over a stage function. */
export interface CliCommand {
  name: string;
  /** Full usage text for `plum <command> --help`. */
  usage: string;
  /** Runs the command; returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/**
 * `util.parseArgs` whose complaints (unknown option, missing value) become a ConfigError, so the
 * CLI prints one line instead of a stack trace. `suffix` follows the message (usage, or a hint).
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, suffix: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new ConfigError(`${(err as Error).message.split('\n')[0]}${suffix}`, { cause: err });
  }
}

/** An integer option (`--jobs 2`) of at least `min`; undefined when not given; a ConfigError naming it otherwise. */
export function integerOption(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${text}"`);
  return n;
}

/** `--k 1,10,100`: the ks of pass@k in the order given (undefined when not given); one line naming the flag otherwise. */
export function kListOption(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ks = text.split(',').map((s) => s.trim());
  if (ks.some((k) => !/^\d+$/.test(k) || Number(k) < 1)) throw new ConfigError(`--k must be a comma-separated list of integers >= 1, got "${text}"`);
  return ks.map(Number);
}
