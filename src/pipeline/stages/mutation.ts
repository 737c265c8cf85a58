/**
 * Stage "mutation": how well each problem's kept tests catch wrong programs — the share of
 * non-equivalent mutants of the reference that fail a kept test, equivalence judged on a larger
 * pool of generated inputs (src/mutation). With the mutation sampler the round's own samples and
 * executions are the mutants; with the LLM policy, mutants are made here. Resumable problem by
 * problem into round-K/mutation-scores.jsonl. Off with `mutation.enabled: false`.
 */
import { Execution, MutationScore, Sample, type Problem, type TestCase } from '../../records.js';
import type { Job } from '../../execution/types.js';
import { measureMutationScores, type MutationScoreOptions } from '../../mutation/measure.js';
import { MUTATION_SAMPLER_GENERATOR, sampleMutantsBatch } from '../../sample/mutation-sampler.js';
import type { JobRunner } from '../../testgen/engine-port.js';
import type { OfflineTestgenOptions } from '../../testgen/options.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { runResumable } from '../resumable.js';
import { readJsonl, writeJsonlAtomic } from '../../io/jsonl.js';
import { groupBy, readKeptTestsByProblem, readProblems, requireFile } from './inputs.js';

/** Problems per call of the scorer (one pool-building batch). */
const MUTATION_BATCH = 8;

/** The engine with a wall-clock limit put on every job that has none (mutants may loop forever). */
function withJobTimeout(engine: JobRunner, jobTimeoutMs: number): JobRunner {
  return {
    run: (jobs, options) => {
      async function* capped(): AsyncGenerator<Job> {
        for await (const job of jobs as AsyncIterable<Job>) yield { ...job, limits: { jobTimeoutMs, ...(job.limits ?? {}) } };
      }
      return engine.run(capped(), options);
    },
  };
}

export async function runMutationStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const round = paths.round(ctx.round);
  if (!config.mutation.enabled) {
    await writeJsonlAtomic(round.mutationScores, []);
    return { counts: { disabled: 1 } };
  }
  const problems = await readProblems(paths);
  const kept = await readKeptTestsByProblem(paths.tests, paths.filter);
  // Only the mutation sampler's samples (and their executions) are kept in memory.
  const mutants: Sample[] = [];
  for await (const { value } of readJsonl(requireFile(round.samples, 'sample'), Sample)) {
    if (value.provenance.generator === MUTATION_SAMPLER_GENERATOR) mutants.push(value);
  }
  const mutantIds = new Set(mutants.map((m) => m.id));
  const ran: Execution[] = [];
  for await (const { value } of readJsonl(requireFile(round.executions, 'execute'), Execution)) if (mutantIds.has(value.sampleId)) ran.push(value);
  const samples = groupBy(mutants, (s) => s.problemId);
  const executions = groupBy(ran, (e) => e.problemId);
  const { enabled: _enabled, jobTimeoutMs, ...rest } = config.mutation;
  const options: Partial<MutationScoreOptions> = {
    ...(rest as Partial<MutationScoreOptions>),
    round: ctx.round,
    testgen: { ...(config.testgen.offline as Partial<OfflineTestgenOptions>), seed: config.seed },
  };
  const engine = withJobTimeout(await ctx.engine(), jobTimeoutMs);
  const items = problems.filter((p) => kept.has(p.id));
  const progress = ctx.progress(`mutation (round ${ctx.round})`, items.length);
  const report = await runResumable({
    items,
    keyOf: (p: Problem) => p.id,
    markersFile: paths.doneMarkers(`mutation@round-${ctx.round}`),
    batchSize: MUTATION_BATCH,
    concurrency: 2,
    progress,
    outputs: { scores: { file: round.mutationScores, schema: MutationScore, keyOf: (m: MutationScore) => m.problemId } },
    async work(batch) {
      const mutantsOf = await mutantsFor(batch, samples, config, ctx.round);
      const scorable = batch.filter((p) => (mutantsOf.get(p.id) ?? []).length > 0);
      const scores = await measureMutationScores(
        scorable.map((problem) => {
          const mutants = mutantsOf.get(problem.id) ?? [];
          const own = new Set(mutants.map((m) => m.id));
          const done: Execution[] = (executions.get(problem.id) ?? []).filter((e) => own.has(e.sampleId));
          const keptTests = kept.get(problem.id) ?? [];
          return { problem: withTestSeeds(problem, keptTests), keptTests, mutants, executions: done };
        }),
        engine,
        options,
      );
      const byId = new Map(scores.map((s) => [s.problemId, s]));
      return batch.map((p) => ({ scores: byId.has(p.id) ? [byId.get(p.id)!] : [] }));
    },
  });
  progress.finish();
  return { counts: { problems: items.length, scored: report.records.scores, resumedProblems: report.skipped } };
}

/**
 * The problem with its kept assert tests (LLM-written) among its seed sources, so the pool of a
 * problem without example calls is built from the literal calls in its tests instead of being empty
 * (an empty pool leaves every score null: survivors cannot be told from equivalent mutants).
 */
function withTestSeeds(problem: Problem, keptTests: TestCase[]): Problem {
  const asserts = keptTests.map((t) => t.spec).filter((spec) => spec.kind === 'assert');
  return asserts.length ? { ...problem, benchmarkTests: [...problem.benchmarkTests, ...asserts] } : problem;
}

/** The mutation-sampler samples of the round, or fresh mutants when the round was sampled otherwise. */
async function mutantsFor(batch: Problem[], samples: Map<string, Sample[]>, config: PipelineConfig, round: number): Promise<Map<string, Sample[]>> {
  const out = new Map<string, Sample[]>();
  const missing: Problem[] = [];
  for (const p of batch) {
    const own = (samples.get(p.id) ?? []).filter((s) => s.provenance.generator === MUTATION_SAMPLER_GENERATOR);
    if (own.length) out.set(p.id, own);
    else missing.push(p);
  }
  if (missing.length) {
    const made = await sampleMutantsBatch(missing, { ...(config.sample.mutation as object), k: config.sample.k, seed: config.seed, round });
    for (const [problemId, list] of groupBy(made.samples, (s) => s.problemId)) out.set(problemId, list);
  }
  return out;
}
