/**
 * Measuring mutation scores with the engine: builds each problem's pool of tests (the offline test
 * generator's inputs before filtering, plus extra random inputs, expected values from the
 * reference), runs the mutants on the kept tests (unless their executions are given), then only
 * the survivors and the variants on the pool, and scores them with `scoreMutants`. Writes no files.
 */
import type { Execution, MutationScore, Problem, Sample, TestCase } from '../records.js';
import type { Job, JobResult } from '../execution/types.js';
import { collectResults, type JobRunner } from '../testgen/engine-port.js';
import { generateTestsBatch } from '../testgen/generate-tests.js';
import { resolveOfflineTestgenOptions } from '../testgen/options.js';
import { defaultMutationScoreOptions, type MutationScoreOptions } from './options.js';
import { scoreMutants } from './score.js';
import { isBrokenMutation, isVariantMutation } from './mutate-reference.js';

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

export { defaultMutationScoreOptions, type MutationScoreOptions } from './options.js';

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
    {
      ...opts.testgen,
      candidates: opts.poolCandidates,
      maxTests: opts.poolCandidates,
      // only the pool is used: no mutant cover, no efficiency tests
      selection: 'examples-first',
      efficiencyTests: 0,
      // The first inputs are exactly the test generator's; the extra ones explore more freely.
      relaxAfter: resolveOfflineTestgenOptions(opts.testgen).candidates,
    },
    engine,
  );
  // Phase 1: mutants without a kept-test execution run on the kept tests.
  // Phase 2: only what passed the kept tests (and the variants) runs on the pool: a killed mutant is
  // non-equivalent already, so the pool could not change its class.
  const limitsOf = (n: number) => ({
    testTimeoutMs: opts.testTimeoutMs,
    // A looping mutant would burn the per-test limit on every input: bound the whole job by a
    // multiple of the reference's own time over the pool (a timeout still tells it apart).
    jobTimeoutMs: Math.ceil(4 * pools[n].referenceMs) + opts.testTimeoutMs + 1000,
  });
  const generous = (n: number) => ({
    testTimeoutMs: 2 * opts.testTimeoutMs,
    jobTimeoutMs: Math.ceil(10 * pools[n].referenceMs) + 2 * opts.testTimeoutMs + 2000,
  });
  const kept = new Map<string, Execution>();
  for (const item of items) for (const e of item.executions ?? []) if (e.problemId === item.problem.id) kept.set(e.sampleId, e);
  const keptRuns: PlannedRun[] = [];
  items.forEach((item, n) => {
    for (const sample of item.mutants) {
      if (kept.has(sample.id) || isBrokenMutation(sample.provenance.mutation)) continue;
      keptRuns.push({ sample, n, job: { id: `mutscore:${sample.id}:kept`, program: sample.code, tests: item.keptTests.map((t) => t.spec), limits: limitsOf(n) } });
    }
  });
  const isVariant = (s: Sample) => isVariantMutation(s.provenance.mutation);
  for (const [id, e] of await runConfirmed(engine, keptRuns, isVariant, generous)) kept.set(id, e);

  const poolRuns: PlannedRun[] = [];
  const poolSizes: number[] = [];
  items.forEach((item, n) => {
    const keptIds = new Set(item.keptTests.map((t) => t.spec.id));
    const poolSpecs = pools[n].pool.map((t) => t.spec).filter((s) => !keptIds.has(s.id));
    poolSizes.push(poolSpecs.length);
    if (poolSpecs.length === 0) return;
    for (const sample of item.mutants) {
      const k = kept.get(sample.id);
      if ((k && k.verdict !== 'pass' && !isVariant(sample)) || isBrokenMutation(sample.provenance.mutation)) continue;
      poolRuns.push({ sample, n, job: { id: `mutscore:${sample.id}:pool`, program: sample.code, tests: poolSpecs, limits: limitsOf(n) } });
    }
  });
  // In the pool phase a timeout alone decides survived vs equivalent: always confirm it.
  const pool = await runConfirmed(engine, poolRuns, () => true, generous);
  return items.map((item, n) => {
    const executions = item.mutants.flatMap((m) => (kept.has(m.id) ? [kept.get(m.id)!] : []));
    const poolExecutions = item.mutants.flatMap((m) => (pool.has(m.id) ? [pool.get(m.id)!] : []));
    return scoreMutants(item.problem, item.keptTests, item.mutants, executions, poolExecutions, { round: opts.round, poolTests: poolSizes[n] });
  });
}

interface PlannedRun {
  sample: Sample;
  /** Index of the item (problem) the run belongs to. */
  n: number;
  job: Job;
}

/**
 * Run jobs; a failure made only of timeouts (a machine under load can cause one) is run once more
 * with generous limits when `confirm(sample)` says the verdict matters, and that verdict is kept.
 */
async function runConfirmed(
  engine: JobRunner,
  runs: PlannedRun[],
  confirm: (sample: Sample) => boolean,
  generous: (n: number) => Job['limits'],
): Promise<Map<string, Execution>> {
  const byJob = new Map(runs.map((r) => [r.job.id, r]));
  const out = new Map<string, Execution>();
  const again: Job[] = [];
  for (const result of await collectResults(engine, runs.map((r) => r.job))) {
    const run = byJob.get(result.jobId);
    if (!run) continue;
    out.set(run.sample.id, executionOf(run.sample, result));
    const onlyTimeouts = result.verdict !== 'pass' && result.tests.every((t) => t.verdict === 'pass' || t.verdict === 'timeout');
    if (onlyTimeouts && confirm(run.sample)) again.push({ ...run.job, id: `${run.job.id}:confirm`, limits: generous(run.n) });
  }
  for (const result of await collectResults(engine, again)) {
    const run = byJob.get(result.jobId.replace(/:confirm$/, ''));
    if (run) out.set(run.sample.id, executionOf(run.sample, result));
  }
  return out;
}
