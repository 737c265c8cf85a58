/**
 * The pipeline's handle on the execution engine: one engine per run, created from the config's
 * `execute` section (backend, limits, workers), with the verdict cache switched off by `--no-cache`. A thin
 * adapter over `openEngine` (src/execution/backend.ts) offering both the streaming form (`run`) and the
 * batch form (`runJobs`) the stage cores use; it runs nothing itself.
 */
import type { Engine, Job, JobResult, Progress } from '../execution/types.js';
import { openEngine } from '../execution/backend.js';
import type { PipelineConfig } from './config.js';

/** The part of the engine the stages use. */
export interface RunEngine {
  /** Results as jobs finish (any order, matched by `jobId`). */
  run(jobs: Iterable<Job> | AsyncIterable<Job>, options?: { onProgress?(progress: Progress): void }): AsyncIterable<JobResult>;
  /** Run every job; one result per job (matched by `jobId`, any order). */
  runJobs(jobs: Job[]): Promise<JobResult[]>;
  /** Stop the workers. */
  close(): Promise<void>;
}

/** Options of `openRunEngine`. */
export interface RunEngineOptions {
  /** Neither read nor write the verdict cache. */
  noCache: boolean;
}

/** Create the run's engine. */
export async function openRunEngine(config: PipelineConfig, options: RunEngineOptions): Promise<RunEngine> {
  const engine: Engine = await openEngine({
    backend: config.execute.backend,
    redisUrl: config.execute.redis.url,
    limits: { testTimeoutMs: config.execute.testTimeoutMs, memoryMb: config.execute.memoryMb },
    ...(config.execute.concurrency ? { workers: config.execute.concurrency } : {}),
    ...(options.noCache ? { cacheDir: null } : {}),
  });
  const run: RunEngine['run'] = (jobs, runOptions = {}) => engine.run(jobs, { ...runOptions, noCache: options.noCache });
  return {
    run,
    async runJobs(jobs) {
      const out: JobResult[] = [];
      for await (const result of run(jobs)) out.push(result);
      return out;
    },
    close: () => engine.close(),
  };
}
