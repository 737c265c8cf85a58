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

export interface LanguageRuntime {
  /** The `Job.language` value it serves. */
  name: string;
  /**
   * How to start one worker for pool slot `slot`: it runs up to `lanes` jobs at once (the next one
   * starts when the running ones have all run `overrunMs`); when root, lane L of slot S runs as uid
   * slotUidBase + S x lanes + L.
   */
  workerCommand(slot: number, slotUidBase: number, defaults: object, overrunMs: number, lanes: number): WorkerCommand;
  /** Hash of the harness sources: a change invalidates cached verdicts. */
  fingerprint(): string;
}
