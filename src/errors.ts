/**
 * The one error family of plum. Thrown only for misuse or broken infrastructure; a failing
 * candidate program is never an exception, it is a verdict (see src/execution/).
 */
export class PlumError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value or command-line option is wrong; the message says what to fix. */
export class ConfigError extends PlumError {}

/** An input record does not match its schema; names the file, the line and the field. */
export class SchemaError extends PlumError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${line}: ${field ? `field "${field}": ` : ''}${problem}`, options);
  }
}

/** An LLM endpoint failed after retries; the SDK's error is kept as `cause`. */
export class ProviderError extends PlumError {}

/** The sandbox itself (not the program in it) failed: no interpreter, workers that cannot start. */
export class SandboxError extends PlumError {}

/** A data file the user must download is missing; the message says where to get it. */
export class DataMissingError extends PlumError {}

const FS_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, a file was expected',
  ENOTDIR: 'a folder on the path is a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * A file-system error (ENOENT, EISDIR, EACCES, ...) on a path the user named, as a ConfigError with
 * one readable line; undefined for anything else.
 */
export function fileSystemError(err: unknown): ConfigError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || !(e.code in FS_PROBLEMS)) return undefined;
  const where = e.path ? `${e.path}: ` : '';
  return new ConfigError(`${where}${FS_PROBLEMS[e.code]}${e.syscall ? ` (${e.syscall})` : ''}`, { cause: err });
}

/** Edit distance of two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** ` (did you mean "x"?)` for the closest of `known` to a mistyped `word`, or '' when none is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}
