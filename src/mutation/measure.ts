/**
 * Measuring mutation scores with the engine: builds each problem's pool of tests (the offline test
 * generator's inputs before filtering, plus extra random inputs, expected values from the
 * reference), runs the mutants on the pool (and on the kept tests when no executions are given),
 * and scores them with `scoreMutants`. Writes no files.
 */
import type { Execution, MutationScore, Problem, Sample, TestCase } from '../records.js';
import type { JobResult } from '../execution/types.js';
import type { JobRunner } from '../testgen/engine-port.js';
import { generateTestsBatch } from '../testgen/generate-tests.js';
import type { OfflineTestgenOptions } from '../testgen/options.js';
import { scoreMutants } from './score.js';

/** One problem to score. */
export interface MutationScoreItem {
  problem: Problem;
  /** Its kept tests (any generator). */
  keptTests: TestCase[];
  /** Its mutation-sampler samples. */
  mutants: Sample[];
  /** The mutants' executions on the kept tests, if already made (e.g. the pipeline's 05-executions). */
  executions?: Execution[];
}

/** Options of `measureMutationScores`. */
export interface MutationScoreOptions {
  /** Round reported on the scores. */
  round: number;
  /** Candidate inputs in the pool per problem (the test generator's `candidates` is a prefix of it). */
  poolCandidates: number;
  /** Per-test time limit (ms) for mutants. */
  testTimeoutMs: number;
  /** Options of the offline test generator (same seed and mutation settings as the testgen stage). */
  testgen: Partial<OfflineTestgenOptions>;
}

export const defaultMutationScoreOptions: MutationScoreOptions = { round: 0, poolCandidates: 150, testTimeoutMs: 1000, testgen: {} };

/** Execution record of a sample from an engine result. */
export function executionOf(sample: Sample, result: JobResult): Execution {
  return {
    sampleId: sample.id,
    problemId: sample.problemId,
    round: sample.round,
    verdict: result.verdict,
    tests: result.tests,
    durationMs: result.durationMs,
    cached: result.cached,
    cacheKey: result.cacheKey,
  };
}

/** Build pools, run mutants, score every item (same order). */
export async function measureMutationScores(
  items: MutationScoreItem[],
  engine: JobRunner,
  options: Partial<MutationScoreOptions> = {},
): Promise<MutationScore[]> {
  const opts = { ...defaultMutationScoreOptions, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const pools = await generateTestsBatch(
    items.map((i) => i.problem),
    { ...opts.testgen, candidates: opts.poolCandidates, maxTests: opts.poolCandidates },
    engine,
  );
  const jobs = [];
  const owner = new Map<string, { sample: Sample; part: 'kept' | 'pool' }>();
  const poolSizes: number[] = [];
  for (const [n, item] of items.entries()) {
    const keptIds = new Set(item.keptTests.map((t) => t.spec.id));
    const poolSpecs = pools[n].pool.map((t) => t.spec).filter((s) => !keptIds.has(s.id));
    poolSizes.push(poolSpecs.length);
    const have = new Set((item.executions ?? []).map((e) => e.sampleId));
    for (const sample of item.mutants) {
      const limits = { testTimeoutMs: opts.testTimeoutMs };
      if (!have.has(sample.id)) {
        const id = `mutscore:${sample.id}:kept`;
        owner.set(id, { sample, part: 'kept' });
        jobs.push({ id, program: sample.code, tests: item.keptTests.map((t) => t.spec), limits });
      }
      if (poolSpecs.length > 0) {
        const id = `mutscore:${sample.id}:pool`;
        owner.set(id, { sample, part: 'pool' });
        jobs.push({ id, program: sample.code, tests: poolSpecs, limits });
      }
    }
  }
  const results = await engine.runJobs(jobs);
  const kept = new Map<string, Execution>();
  const pool = new Map<string, Execution>();
  for (const result of results) {
    const o = owner.get(result.jobId);
    if (!o) continue;
    (o.part === 'kept' ? kept : pool).set(o.sample.id, executionOf(o.sample, result));
  }
  return items.map((item, n) => {
    const executions = [...(item.executions ?? []), ...item.mutants.flatMap((m) => (kept.has(m.id) ? [kept.get(m.id)!] : []))];
    const poolExecutions = item.mutants.flatMap((m) => (pool.has(m.id) ? [pool.get(m.id)!] : []));
    return scoreMutants(item.problem, item.keptTests, item.mutants, executions, poolExecutions, { round: opts.round, poolTests: poolSizes[n] });
  });
}
