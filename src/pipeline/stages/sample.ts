/**
 * Stage 4, sample: k candidate solutions per problem for the round, from the offline mutation
 * sampler (mutants and correct variants of the reference) or the LLM policy (`sample.generator`).
 * Only problems with at least one kept test are sampled (a problem without tests cannot label its
 * samples; recorded as a skip). Resumable problem by problem: round-K/04-samples.jsonl is an
 * append log keyed by sample id; skips go to round-K/04-sample-skips.jsonl.
 */
import { ConfigError } from '../../errors.js';
import { policyForRound } from '../../llm/config.js';
import { ProblemSkip, Sample, type Problem, type TestCase } from '../../records.js';
import { policyOptionsFromConfig, samplePolicy } from '../../sample/llm-policy.js';
import { readJsonlAll } from '../../io/jsonl.js';
import { openLlmClient, usageCounts } from '../llm-clients.js';
import { dropResolvedSkips, isTransientOnly } from './transient-skips.js';
import { sampleMutantsBatch, type MutationSamplerOptions } from '../../sample/mutation-sampler.js';
import { readSamplesFile } from '../../sample/samples-file.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { runResumable } from '../resumable.js';
import { groupBy, readKeptTestsByProblem, readProblems } from './inputs.js';

/** Problems per call of the mutation sampler (one Python helper process per batch). */
const MUTATION_BATCH = 16;

export async function runSampleStage(runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const problems = await readProblems(paths);
  const kept = await readKeptTestsByProblem(paths.tests, paths.filter);
  if (config.sample.generator === 'llm') return runPolicySampling(runDir, problems, kept, config, ctx);
  if (config.sample.generator === 'samples') return runFileSampling(problems, kept, config, ctx);
  const round = paths.round(ctx.round);
  const options: Partial<MutationSamplerOptions> = {
    ...(config.sample.mutation as Partial<MutationSamplerOptions>),
    k: config.sample.k,
    seed: config.seed,
    round: ctx.round,
  };
  const progress = ctx.progress(`sample (round ${ctx.round})`, problems.length);
  const report = await runResumable({
    items: problems,
    keyOf: (p: Problem) => p.id,
    markersFile: paths.doneMarkers(`sample@round-${ctx.round}`),
    batchSize: MUTATION_BATCH,
    concurrency: 2,
    progress,
    outputs: {
      samples: { file: round.samples, schema: Sample, keyOf: (s: Sample) => s.id },
      skips: { file: round.sampleSkips, schema: ProblemSkip, keyOf: (s: ProblemSkip) => s.problemId },
    },
    async work(batch) {
      const withTests = batch.filter((p) => kept.has(p.id));
      const { samples, skips } = await sampleMutantsBatch(withTests, options);
      const samplesOf = groupBy(samples, (s) => s.problemId);
      const skipsOf = groupBy(skips, (s) => s.problemId);
      return batch.map((p) =>
        kept.has(p.id)
          ? { samples: samplesOf.get(p.id) ?? [], skips: skipsOf.get(p.id) ?? [] }
          : { samples: [], skips: [NO_TESTS(p.id)] },
      );
    },
  });
  progress.finish();
  return { counts: { problems: problems.length, samples: report.records.samples, skipped: report.records.skips, resumedProblems: report.skipped } };
}

const NO_TESTS = (problemId: string): ProblemSkip => ({ problemId, stage: 'sample', reason: 'no kept tests' });

/** The LLM branch: n samples per problem from the round's policy (responses cached in the run dir). */
async function runPolicySampling(runDir: string, problems: Problem[], kept: Map<string, TestCase[]>, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const round = paths.round(ctx.round);
  if (!config.llm?.policy) throw new ConfigError('sample.generator is "llm" but llm.policy is not configured');
  const policy = policyForRound(config.llm, ctx.round);
  const client = openLlmClient(config, 'policy', ctx.round, runDir, ctx.log);
  const options = policyOptionsFromConfig(policy, ctx.round);
  const progress = ctx.progress(`sample (round ${ctx.round}, ${policy.model})`, problems.length);
  try {
    const report = await runResumable({
      items: problems,
      keyOf: (p: Problem) => p.id,
      markersFile: paths.doneMarkers(`sample@round-${ctx.round}`),
      concurrency: policy.concurrency,
      progress,
      outputs: {
        samples: { file: round.samples, schema: Sample, keyOf: (s: Sample) => s.id },
        skips: { file: round.sampleSkips, schema: ProblemSkip, keyOf: (s: ProblemSkip) => s.problemId },
      },
      isFinal: (_problem, produced) => !isTransientOnly(produced, produced.samples?.length ?? 0),
      work: (batch) =>
        Promise.all(
          batch.map(async (problem) => {
            if (!kept.has(problem.id)) return { samples: [], skips: [NO_TESTS(problem.id)] };
            const r = await samplePolicy(problem, client, options);
            return { samples: r.samples, skips: r.skip ? [r.skip] : [] };
          }),
        ),
    });
    progress.finish();
    const sampled = new Set((await readJsonlAll(round.samples, Sample)).map((s) => s.problemId));
    const skipped = await dropResolvedSkips(round.sampleSkips, sampled);
    if (report.retryLater) ctx.log(`sample: ${report.retryLater} problems failed after retries (recorded as skips); rerun to try them again`);
    return {
      counts: { problems: problems.length, samples: report.records.samples, skipped, retryLater: report.retryLater, resumedProblems: report.skipped, ...usageCounts(client.usage()) },
      usage: client.usage(),
    };
  } finally {
    await client.close();
  }
}

/** The `samples` branch: the round's candidates read from `sample.samples.path`, every line checked before anything is written. */
async function runFileSampling(problems: Problem[], kept: Map<string, TestCase[]>, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const round = paths.round(ctx.round);
  const file = config.sample.samples?.path;
  if (!file) throw new ConfigError('sample.generator is "samples" but sample.samples.path is not set (the samples file to read)');
  const read = await readSamplesFile(file, problems, ctx.round);
  if (read.leftOut) ctx.log(`sample: ${read.leftOut} samples of ${file} are of benchmark tasks this run does not hold; left out`);
  const progress = ctx.progress(`sample (round ${ctx.round}, ${file})`, problems.length);
  const report = await runResumable({
    items: problems,
    keyOf: (p: Problem) => p.id,
    markersFile: paths.doneMarkers(`sample@round-${ctx.round}`),
    batchSize: 64,
    progress,
    outputs: {
      samples: { file: round.samples, schema: Sample, keyOf: (s: Sample) => s.id },
      skips: { file: round.sampleSkips, schema: ProblemSkip, keyOf: (s: ProblemSkip) => s.problemId },
    },
    work: async (batch) =>
      batch.map((p) => {
        const samples = read.byProblem.get(p.id);
        if (!samples) return { samples: [], skips: [{ problemId: p.id, stage: 'sample', reason: 'no samples in the samples file', detail: file }] };
        return kept.has(p.id) ? { samples, skips: [] } : { samples: [], skips: [NO_TESTS(p.id)] };
      }),
  });
  progress.finish();
  return {
    counts: { problems: problems.length, samples: report.records.samples, skipped: report.records.skips, leftOut: read.leftOut, resumedProblems: report.skipped },
  };
}
