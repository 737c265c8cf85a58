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
