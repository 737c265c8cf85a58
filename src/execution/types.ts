/**
 * The contract of the execution engine: jobs in, verdicts out. Implemented in this folder
 * (engine.ts and the Python harness); every stage that runs code goes through it.
 */
import type { TestOutcome, TestSpec, Verdict } from '../records.js';

/** Resource and time limits of one job. */
export interface Limits {
  /**
   * Per-test time limit (ms), wall clock; time the job waited for a core beyond half of it extends it
   * (up to 3x: OWED_SHARE and MAX_STRETCH in limits.ts).
   */
  testTimeoutMs: number;
  /** Wall-clock limit of the whole job (ms), extended as the per-test one; default: tests x per-test limit + slack. */
  jobTimeoutMs?: number;
  /** Address-space cap (MiB). Default 4096. */
  memoryMb: number;
  /** Largest file the program may write (MiB). */
  fileSizeMb: number;
  /** Captured stdout/stderr kept per job (bytes); the rest is discarded, never buffered. */
  outputBytes: number;
  /** Processes/threads the job's uid may have at once (RLIMIT_NPROC, only when root). Default 256. */
  maxProcesses?: number;
  /**
   * Per-test timeouts after which a job stops: its remaining tests get `timeout` ("not run").
   * Default 1, so a looping program costs one limit; raise it to see every test's own verdict.
   */
  maxTimeouts?: number;
}

/** A program plus its tests, run in one fresh process. */
export interface Job {
  /** Caller's id, returned on the result (results arrive out of order). */
  id: string;
  /** Only 'python' today; the language interface leaves room for more. */
  language?: 'python';
  /** The full program (candidate solution). */
  program: string;
  tests: TestSpec[];
  /** Overrides of the engine's default limits for this job. */
  limits?: Partial<Limits>;
  /**
   * Expected run time in ms when known (e.g. from a reference solution): the pool starts the longest
   * jobs first, so that none is left running alone at the end. Default: a guess from the tests' size.
   */
  expectedMs?: number;
}

/** The outcome of a job: one verdict per test plus a job-level verdict. */
export interface JobResult {
  jobId: string;
  /** 'pass' only if every test passed; else the verdict that ended the job or the first non-pass. */
  verdict: Verdict;
  passed: boolean;
  tests: TestOutcome[];
  durationMs: number;
  /** The result came from the on-disk verdict cache (or from an identical job in the batch). */
  cached: boolean;
  cacheKey: string;
  /** Captured output, truncated to `limits.outputBytes`. */
  stdout: string;
  stderr: string;
}

/** Progress of a batch. */
export interface Progress {
  done: number;
  total: number;
  passed: number;
  cached: number;
}

/** Which protections are active on this machine (reported, never assumed). */
export interface ProtectionReport {
  freshTempDir: boolean;
  memoryLimit: boolean;
  fileSizeLimit: boolean;
  noCoreDumps: boolean;
  outputCap: boolean;
  networkNamespace: boolean;
  /** System V IPC and POSIX message queues of jobs stay in the worker's own namespace. */
  ipcNamespace: boolean;
  pidNamespace: boolean;
  droppedPrivileges: boolean;
  killsDetachedDescendants: boolean;
  notes: string[];
  /** Extra facts from the probe (uid used, modules preloaded, ...). */
  details?: Record<string, unknown>;
}

/** Options of `createEngine`; every field has a default (see limits.ts and engine.ts). */
export interface EngineOptions {
  /** Worker processes (default: os.cpus().length). */
  workers?: number;
  /** Overrides of DEFAULT_LIMITS for every job of this engine. */
  limits?: Partial<Limits>;
  /** Verdict cache folder; default `$PLUM_CACHE_DIR` or `<packageRoot>/.plum-cache/verdicts`; null = off. */
  cacheDir?: string | null;
  /** Jobs waiting at each worker, not started yet, so it never waits on Node (default 1). */
  queueDepth?: number;
  /**
   * A job running longer than this (ms, default 500) no longer holds up its worker: the next job
   * starts beside it (up to `lanes` jobs per worker). Time limits stay wall-clock.
   */
  overrunMs?: number;
  /** Most jobs one worker runs at the same time, overrunning ones included (default 4). */
  lanes?: number;
  /** Split a job with many tests into shards run in parallel on several workers (default true). */
  shardJobs?: boolean;
  /** Fewest tests per shard (default 16): smaller jobs are never split. */
  minTestsPerShard?: number;
}

/** Options of one `Engine.run` call. */
export interface RunOptions {
  /** Called after each finished job. */
  onProgress?(progress: Progress): void;
  /** Neither read nor write the verdict cache (identical jobs in the batch still run once). */
  noCache?: boolean;
}

/** A pool of warm workers; results stream back as jobs finish. */
export interface Engine {
  /** Run jobs; yields one JobResult per job (out of order) with the caller's `jobId`. */
  run(jobs: Iterable<Job> | AsyncIterable<Job>, options?: RunOptions): AsyncIterable<JobResult>;
  /** What isolation is really active (probed by the first worker at start). */
  protections(): ProtectionReport;
  /** Stop the workers; jobs still running are abandoned. */
  close(): Promise<void>;
}
