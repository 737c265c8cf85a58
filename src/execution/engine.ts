/**
 * The execution engine: jobs in, verdicts out, as they finish.
 *
 * Design note. `createEngine()` starts a pool of warm Python workers (pool.ts, python/worker.py)
 * and probes what isolation is really active. `run()` (engine-base.ts, shared with the Redis
 * backend) prepares each job (prepare.ts: its limits and cache key) and answers it from the
 * on-disk verdict cache, or joins an identical job already running (dedup, within and across
 * batches); the rest are queued on the pool here (largest first). Results stream back out of
 * order, each with its caller's `jobId`. Results of jobs whose worker died are never cached. This file does not run code, enforce limits or decide verdicts: the
 * Python worker and harness do; job-result.ts turns their records into JobResults.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { TestSpec } from '../records.js';
import { toCachedVerdict } from './job-result.js';
import { pythonLanguage } from './languages/python.js';
import { DEFAULT_LIMITS, mergeLimits, resolveJobLimits } from './limits.js';
import { CachingEngine, type ExecutedVerdict } from './engine-base.js';
import { MAX_POOL_LANES, WorkerPool } from './pool.js';
import { resolvePythonAsync } from './python.js';
import type { PreparedJob } from './prepare.js';
import { mergeShards, planShards } from './shards.js';
import type { EngineOptions, Job, JobResult, Limits, ProtectionReport, RunOptions } from './types.js';
import { VerdictCache } from './verdict-cache.js';
import type { WireResult } from './worker-process.js';

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

/** How the engine splits big jobs across workers (see shards.ts). */
interface ShardPolicy {
  maxShards: number;
  minTestsPerShard: number;
}

/** The local backend: an Engine over one machine's pool. */
export class PoolEngine extends CachingEngine {
  constructor(
    private readonly pool: WorkerPool,
    limits: Limits,
    cache: VerdictCache | undefined,
    private readonly report: ProtectionReport,
    private readonly shardPolicy: ShardPolicy,
  ) {
    super(limits, cache);
  }

  protections(): ProtectionReport {
    return this.report;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * Run one prepared job on the pool, bypassing cache and dedup (also the Redis worker's entry
   * point); `lost` marks a result whose worker died (never to be cached).
   */
  async execute(prepared: PreparedJob): Promise<ExecutedVerdict> {
    const { job, merged, limits } = prepared;
    const shards = planShards(job.tests.length, this.shardPolicy.maxShards, this.shardPolicy.minTestsPerShard);
    let raw: WireResult;
    if (shards.length === 1) {
      raw = await this.pool.submit({ program: job.program, tests: job.tests, limits: wireLimits(limits) }, jobCost(job.tests, job.expectedMs, job.program, limits.testTimeoutMs));
    } else {
      const results = await Promise.all(
        shards.map((indices) => {
          const tests = indices.map((i) => job.tests[i]);
          const shardLimits = resolveJobLimits(merged, tests.length, tests.map((t) => t.timeoutMs ?? merged.testTimeoutMs));
          if (merged.jobTimeoutMs === undefined) shardLimits.jobTimeoutMs = Math.min(shardLimits.jobTimeoutMs, limits.jobTimeoutMs);
          return this.pool.submit({ program: job.program, tests, limits: wireLimits(shardLimits) }, jobCost(tests, undefined, job.program, limits.testTimeoutMs));
        }),
      );
      raw = mergeShards(job.tests.length, shards, results, limits.outputBytes);
    }
    const result: ExecutedVerdict = toCachedVerdict(job.tests, raw);
    if (raw.lost) result.lost = true;
    return result;
  }
}

/**
 * A job's run time for largest-first scheduling, in ms: `expectedMs` plus ~5 ms to start a job when
 * the caller knows it, else a guess from its test count and the size of its inputs and expected
 * outputs (big expected outputs usually mean long computations). A program with a `while` loop may
 * loop until its time limit: LOOP_RISK of that limit is added, so such jobs start early and a
 * looper's limit runs beside the rest of the batch instead of after it.
 */
export function jobCost(tests: TestSpec[], expectedMs: number | undefined, program: string, testTimeoutMs: number): number {
  const risk = WHILE_LOOP.test(program) ? LOOP_RISK * testTimeoutMs : 0;
  if (expectedMs !== undefined && Number.isFinite(expectedMs) && expectedMs >= 0) return 5 + expectedMs + risk;
  let chars = 0;
  for (const t of tests) {
    if (t.kind === 'call') chars += t.args.length + (t.expected?.length ?? 0);
    else if (t.kind === 'stdio') chars += t.stdin.length + t.expectedStdout.length;
    else chars += t.code.length;
  }
  return 0.05 * (1 + tests.length + chars / 64) + risk; // ~50 us a test: the same scale as expectedMs
}

/** A `while` statement at the start of a line (not in a word or after a `#`). */
const WHILE_LOOP = /^[ \t]*while\b/m;
/** Share of a test's limit that a job with a `while` loop is expected to cost (a few % of them loop). */
const LOOP_RISK = 0.05;

function wireLimits(limits: Required<Limits>): Record<string, number> {
  return { ...limits };
}

/** Start a pool of workers (default one per core) and probe the protections. */
export async function createEngine(options: EngineOptions = {}): Promise<PoolEngine> {
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
