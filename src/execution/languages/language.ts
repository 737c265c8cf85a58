/**
 * The small interface a language implements to run in the engine: how to start a worker that
 * speaks the worker protocol (see python/worker.py), and a fingerprint of its harness for the
 * verdict-cache key. Python is the only language today.
 */
export interface WorkerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * A worker's settings, its first stdin line (it may start before they are known: standby.ts). It
 * runs up to `lanes` jobs at once (the next one starts when the running ones have all run
 * `overrunMs`); when root, lane L of slot S runs as uid uidBase + S x lanes + L; `defaults` are the
 * limits it probes its protections with.
 */
export interface WorkerSettings {
  slot: number;
  uidBase: number;
  defaults: object;
  overrunMs: number;
  lanes: number;
  /** See OWED_SHARE and MAX_STRETCH in limits.ts. */
  owedShare: number;
  maxStretch: number;
}

export interface LanguageRuntime {
  /** The `Job.language` value it serves. */
  name: string;
  /** How to start a worker process (it then waits for its WorkerSettings line). */
  workerCommand(): WorkerCommand;
  /** Hash of the harness sources: a change invalidates cached verdicts. */
  fingerprint(): string;
}
