/**
 * What every backend's `Engine.run` shares (the local pool in engine.ts, the Redis queue in
 * redis/coordinator.ts): each job is prepared (prepare.ts: its cache key), answered from the on-disk
 * verdict cache, or joins an identical job already running, or is handed to the backend's
 * `execute`; results stream back in completion order with progress counts, and the first error (a
 * bad job, an infrastructure failure) ends the stream. Results marked `lost` (their worker died)
 * are never cached. Knows nothing about how a job runs.
 */
import { prepareJob, type PreparedJob } from './prepare.js';
import type { Engine, Job, JobResult, Limits, Progress, ProtectionReport, RunOptions } from './types.js';
import type { CachedVerdict, VerdictCache } from './verdict-cache.js';

/** A backend's answer for one job: `lost` = its worker died (not cached); `stored` = found already finished (reported `cached`). */
export type ExecutedVerdict = CachedVerdict & { lost?: boolean; stored?: boolean };

/** An Engine minus how a prepared job is executed. */
export abstract class CachingEngine implements Engine {
  private readonly running = new Map<string, Promise<ExecutedVerdict>>();

  constructor(
    /** The engine's limits (defaults with its overrides), under each job's own. */
    readonly limits: Limits,
    private readonly cache: VerdictCache | undefined,
  ) {}

  /** Run one prepared job (no cache, no dedup: this class does those). */
  abstract execute(prepared: PreparedJob, options: RunOptions): Promise<ExecutedVerdict>;
  abstract protections(): ProtectionReport;
  abstract close(): Promise<void>;

  run(jobs: Iterable<Job> | AsyncIterable<Job>, options: RunOptions = {}): AsyncIterable<JobResult> {
    return { [Symbol.asyncIterator]: () => streamBatch(jobs, options, (job) => this.runOne(job, options)) };
  }

  private async runOne(job: Job, options: RunOptions): Promise<JobResult> {
    const prepared = prepareJob(job, this.limits);
    const { key } = prepared;
    const useCache = this.cache && !options.noCache;
    if (useCache) {
      const hit = this.cache!.read(key);
      if (hit) return { ...hit, jobId: job.id, cached: true, cacheKey: key };
    }
    const joined = this.running.get(key);
    if (joined) {
      const result = await joined;
      return { ...verdictOnly(result), jobId: job.id, cached: true, cacheKey: key };
    }
    const promise = this.execute(prepared, options);
    this.running.set(key, promise);
    try {
      const result = await promise;
      if (useCache && !result.lost) this.cache!.write(key, verdictOnly(result));
      return { ...verdictOnly(result), jobId: job.id, cached: result.stored === true, cacheKey: key };
    } finally {
      this.running.delete(key);
    }
  }
}

/** The verdict without the backend's flags. */
export function verdictOnly(result: ExecutedVerdict): CachedVerdict {
  const { lost: _lost, stored: _stored, ...rest } = result;
  return rest;
}

/** Results of `runOne` over `jobs`, as they finish. */
async function* streamBatch(
  jobs: Iterable<Job> | AsyncIterable<Job>,
  options: RunOptions,
  runOne: (job: Job) => Promise<JobResult>,
): AsyncGenerator<JobResult> {
  const ready: JobResult[] = [];
  let readAt = 0;
  let failure: unknown;
  let inputDone = false;
  let wake: (() => void) | undefined;
  const progress: Progress = { done: 0, total: 0, passed: 0, cached: 0 };
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const finish = (result: JobResult) => {
    progress.done++;
    if (result.passed) progress.passed++;
    if (result.cached) progress.cached++;
    ready.push(result);
    options.onProgress?.({ ...progress });
    notify();
  };
  const fail = (error: unknown) => {
    failure ??= error;
    notify();
  };
  void (async () => {
    try {
      for await (const job of jobs) {
        if (failure) break;
        progress.total++;
        runOne(job).then(finish, fail);
      }
    } catch (error) {
      fail(error);
    } finally {
      inputDone = true;
      notify();
    }
  })();
  for (;;) {
    if (readAt < ready.length) {
      const next = ready[readAt];
      ready[readAt++] = undefined as unknown as JobResult;
      if (readAt > 1024 && readAt * 2 > ready.length) {
        ready.splice(0, readAt);
        readAt = 0;
      }
      yield next;
      continue;
    }
    if (failure) throw failure;
    if (inputDone && progress.done === progress.total) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
