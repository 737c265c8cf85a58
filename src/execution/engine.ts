/**
 * The execution engine: jobs in, verdicts out, as they finish.
 *
 * Design note. `createEngine()` starts a pool of warm Python workers (pool.ts, python/worker.py)
 * and probes what isolation is really active. `run()` validates each job, resolves its limits,
 * and derives its cache key = hash(ENGINE_VERSION, harness fingerprint, language, program, tests,
 * limits). A job is then answered from the on-disk verdict cache, or joins an identical job
 * already running (dedup, within and across batches), or is queued on the pool (largest first).
 * Results stream back out of order, each with its caller's `jobId`. Results of jobs whose worker
 * died are never cached. This file does not run code, enforce limits or decide verdicts: the
 * Python worker and harness do; job-result.ts turns their records into JobResults.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { canonicalJson, hashOf } from '../io/hash.js';
import { packageRoot } from '../paths.js';
import { TestSpec } from '../records.js';
import { toCachedVerdict } from './job-result.js';
import type { LanguageRuntime } from './languages/language.js';
import { pythonLanguage } from './languages/python.js';
import { DEFAULT_LIMITS, mergeLimits, resolveJobLimits } from './limits.js';
import { MAX_POOL_LANES, WorkerPool } from './pool.js';
import { resolvePythonAsync } from './python.js';
import { mergeShards, planShards } from './shards.js';
import type { Engine, EngineOptions, Job, JobResult, Limits, Progress, ProtectionReport, RunOptions } from './types.js';
import { VerdictCache, type CachedVerdict } from './verdict-cache.js';
import type { WireResult } from './worker-process.js';
import { ENGINE_VERSION } from './version.js';

const LANGUAGES: Record<string, LanguageRuntime> = { python: pythonLanguage };

/** A job running longer than this (ms) lets the next job of its worker start beside it. */
export const DEFAULT_OVERRUN_MS = 250;

/** Most jobs a worker runs at once (one, plus overrunning ones). */
export const DEFAULT_LANES = 4;

/** A job is split across workers only when each shard gets at least this many tests. */
export const DEFAULT_MIN_TESTS_PER_SHARD = 16;

/** Default verdict-cache folder: `$PLUM_CACHE_DIR`, else `<packageRoot>/.plum-cache/verdicts`. */
export function defaultVerdictCacheDir(): string {
  return process.env.PLUM_CACHE_DIR || join(packageRoot(), '.plum-cache', 'verdicts');
}

interface Prepared {
  job: Job;
  key: string;
  /** Engine limits with the job's overrides (before the per-job wall clock is derived). */
  merged: Limits;
  limits: Required<Limits>;
  language: LanguageRuntime;
}

/** How the engine splits big jobs across workers (see shards.ts). */
interface ShardPolicy {
  maxShards: number;
  minTestsPerShard: number;
}

class PoolEngine implements Engine {
  private readonly running = new Map<string, Promise<CachedVerdict & { lost?: boolean }>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly limits: Limits,
    private readonly cache: VerdictCache | undefined,
    private readonly report: ProtectionReport,
    private readonly shardPolicy: ShardPolicy,
  ) {}

  protections(): ProtectionReport {
    return this.report;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  run(jobs: Iterable<Job> | AsyncIterable<Job>, options: RunOptions = {}): AsyncIterable<JobResult> {
    return { [Symbol.asyncIterator]: () => this.runBatch(jobs, options) };
  }

  private async *runBatch(jobs: Iterable<Job> | AsyncIterable<Job>, options: RunOptions): AsyncGenerator<JobResult> {
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
          this.runOne(job, options).then(finish, fail);
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

  private prepare(job: Job): Prepared {
    if (!job || typeof job.id !== 'string') throw new ConfigError(`job ${JSON.stringify(job?.id)}: field "id" must be a string`);
    const languageName = job.language ?? 'python';
    const language = LANGUAGES[languageName];
    if (!language) throw new ConfigError(`job ${job.id}: unknown language "${languageName}" (known: ${Object.keys(LANGUAGES).join(', ')})`);
    if (typeof job.program !== 'string') throw new ConfigError(`job ${job.id}: field "program" must be a string`);
    const parsed = TestSpec.array().safeParse(job.tests);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`job ${job.id}: field "tests.${issue.path.join('.')}": ${issue.message}`);
    }
    const merged = mergeLimits(this.limits, job.limits);
    const timeouts = job.tests.map((t) => t.timeoutMs ?? merged.testTimeoutMs);
    const limits = resolveJobLimits(merged, job.tests.length, timeouts);
    // Tests are hashed as given (plain JSON, not canonical JSON: 3x faster on jobs with thousands
    // of tests); the same test written with its keys in another order only misses the cache.
    const key = hashOf(
      JSON.stringify([ENGINE_VERSION, language.fingerprint(), language.name, job.program, job.tests, canonicalJson(limits)]),
    );
    return { job, key, merged, limits, language };
  }

  private async runOne(job: Job, options: RunOptions): Promise<JobResult> {
    const prepared = this.prepare(job);
    const { key } = prepared;
    const useCache = this.cache && !options.noCache;
    if (useCache) {
      const hit = this.cache!.read(key);
      if (hit) return { ...hit, jobId: job.id, cached: true, cacheKey: key };
    }
    const joined = this.running.get(key);
    if (joined) {
      const result = await joined;
      return { ...withoutLost(result), jobId: job.id, cached: true, cacheKey: key };
    }
    const promise = this.execute(prepared);
    this.running.set(key, promise);
    try {
      const result = await promise;
      if (useCache && !result.lost) this.cache!.write(key, withoutLost(result));
      return { ...withoutLost(result), jobId: job.id, cached: false, cacheKey: key };
    } finally {
      this.running.delete(key);
    }
  }

  private async execute(prepared: Prepared): Promise<CachedVerdict & { lost?: boolean }> {
    const { job, merged, limits } = prepared;
    const shards = planShards(job.tests.length, this.shardPolicy.maxShards, this.shardPolicy.minTestsPerShard);
    let raw: WireResult;
    if (shards.length === 1) {
      raw = await this.pool.submit({ program: job.program, tests: job.tests, limits: wireLimits(limits) }, estimateCost(job.tests, job.expectedMs));
    } else {
      const results = await Promise.all(
        shards.map((indices) => {
          const tests = indices.map((i) => job.tests[i]);
          const shardLimits = resolveJobLimits(merged, tests.length, tests.map((t) => t.timeoutMs ?? merged.testTimeoutMs));
          if (merged.jobTimeoutMs === undefined) shardLimits.jobTimeoutMs = Math.min(shardLimits.jobTimeoutMs, limits.jobTimeoutMs);
          return this.pool.submit({ program: job.program, tests, limits: wireLimits(shardLimits) }, estimateCost(tests));
        }),
      );
      raw = mergeShards(job.tests.length, shards, results, limits.outputBytes);
    }
    const result: CachedVerdict & { lost?: boolean } = toCachedVerdict(job.tests, raw);
    if (raw.lost) result.lost = true;
    return result;
  }
}

/**
 * A job's run time for largest-first scheduling, in ms: `expectedMs` plus ~5 ms to start a job when
 * the caller knows it, else a guess from its test count and the size of its inputs and expected
 * outputs (big expected outputs usually mean long computations).
 */
function estimateCost(tests: TestSpec[], expectedMs?: number): number {
  if (expectedMs !== undefined && Number.isFinite(expectedMs) && expectedMs >= 0) return 5 + expectedMs;
  let chars = 0;
  for (const t of tests) {
    if (t.kind === 'call') chars += t.args.length + (t.expected?.length ?? 0);
    else if (t.kind === 'stdio') chars += t.stdin.length + t.expectedStdout.length;
    else chars += t.code.length;
  }
  return 0.05 * (1 + tests.length + chars / 64); // ~50 us a test: the same scale as expectedMs
}

function wireLimits(limits: Required<Limits>): Record<string, number> {
  return { ...limits };
}

function withoutLost(result: CachedVerdict & { lost?: boolean }): CachedVerdict {
  const { lost: _lost, ...rest } = result;
  return rest;
}

/** Start a pool of workers (default one per core) and probe the protections. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const workers = options.workers ?? Math.max(1, cpus().length);
  if (!Number.isInteger(workers) || workers < 1) throw new ConfigError(`workers must be a positive integer, got ${workers}`);
  const limits = mergeLimits(DEFAULT_LIMITS, options.limits);
  const cacheDir = options.cacheDir === undefined ? defaultVerdictCacheDir() : options.cacheDir;
  const lanes = options.lanes ?? DEFAULT_LANES;
  if (!Number.isInteger(lanes) || lanes < 1 || workers * lanes > MAX_POOL_LANES) {
    throw new ConfigError(`lanes must be a positive integer with workers x lanes <= ${MAX_POOL_LANES}, got ${lanes} (workers ${workers})`);
  }
  const overrunMs = options.overrunMs ?? DEFAULT_OVERRUN_MS;
  if (!(typeof overrunMs === 'number' && overrunMs > 0)) throw new ConfigError(`overrunMs must be a positive number, got ${overrunMs}`);
  await resolvePythonAsync(); // without blocking: the caller may be loading its data meanwhile
  const pool = new WorkerPool(pythonLanguage, {
    workers,
    lanes,
    overrunMs,
    queueDepth: options.queueDepth ?? 1,
    probeLimits: resolveJobLimits(limits, 1),
  });
  let report: ProtectionReport;
  try {
    report = await pool.start();
  } catch (error) {
    await pool.close();
    throw error;
  }
  const shardPolicy = {
    maxShards: options.shardJobs === false ? 1 : workers,
    minTestsPerShard: options.minTestsPerShard ?? DEFAULT_MIN_TESTS_PER_SHARD,
  };
  return new PoolEngine(pool, limits, cacheDir ? new VerdictCache(cacheDir) : undefined, report, shardPolicy);
}

/** Run jobs on a fresh engine and close it; results in completion order. */
export async function runJobs(jobs: Iterable<Job> | AsyncIterable<Job>, options: EngineOptions & RunOptions = {}): Promise<JobResult[]> {
  const engine = await createEngine(options);
  try {
    const results: JobResult[] = [];
    for await (const result of engine.run(jobs, options)) results.push(result);
    return results;
  } finally {
    await engine.close();
  }
}
