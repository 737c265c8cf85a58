/**
 * Stage 2, testgen: tests for every problem, from the offline EvalPlus-style generator (reference
 * as oracle) or from the LLM test generator (`testgen.generator`). Resumable problem by problem:
 * 02-tests.jsonl is an append log keyed by test id; a problem that yields no test is recorded in
 * 02-test-skips.jsonl with the reason (never dropped silently).
 */
import { readJsonlAll } from '../../io/jsonl.js';
import { ConfigError } from '../../errors.js';
import { LlmAnswer, Problem, ProblemSkip, TestCase } from '../../records.js';
import { generateTestsWithLlm, testgenOptionsFromConfig } from '../../testgen/llm-testgen.js';
import { openLlmClient, usageCounts } from '../llm-clients.js';
import { dropResolvedSkips, isTransientOnly } from './transient-skips.js';
import { generateTestsBatch } from '../../testgen/generate-tests.js';
import type { OfflineTestgenOptions, OfflineTestgenResult } from '../../testgen/options.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { runResumable } from '../resumable.js';
import { requireFile } from './inputs.js';

/** Problems per call of the offline generator (one Python helper process per batch). */
const OFFLINE_BATCH = 8;

/** The skip record of a problem that got no test. */
export function testgenSkip(result: OfflineTestgenResult): ProblemSkip {
  const ranked = Object.entries(result.droppedCounts).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const problemLevel = result.dropped.find((d) => d.args === '');
  const reason = problemLevel?.reason ?? ranked[0]?.[0] ?? 'no-tests';
  const first = result.dropped.find((d) => d.reason === reason && d.detail);
  const detail =
    problemLevel?.detail ?? [ranked.map(([r, n]) => `${r}: ${n}`).join(', '), first?.detail ? `first: ${first.detail}` : ''].filter(Boolean).join('; ');
  return { problemId: result.problemId, stage: 'testgen', reason, ...(detail ? { detail } : {}) };
}

export async function runTestgenStage(runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  // The original problems, never the updated ones: a redone problem must get the same prompt.
  const problems = await readJsonlAll(requireFile(ctx.paths.problems, 'problems'), Problem);
  if (config.testgen.generator === 'llm') return runLlmTestgen(runDir, problems, config, ctx);
  const { paths } = ctx;
  const engine = await ctx.engine();
  const options: Partial<OfflineTestgenOptions> = {
    ...(config.testgen.offline as Partial<OfflineTestgenOptions>),
    seed: config.seed,
    maxTests: config.testgen.maxTestsPerProblem,
  };
  const dropped: Record<string, number> = {};
  const progress = ctx.progress('testgen', problems.length);
  const report = await runResumable({
    items: problems,
    keyOf: (p: Problem) => p.id,
    markersFile: paths.doneMarkers('testgen'),
    batchSize: OFFLINE_BATCH,
    concurrency: 2,
    progress,
    outputs: {
      tests: { file: paths.tests, schema: TestCase, keyOf: (t: TestCase) => t.id },
      skips: { file: paths.testSkips, schema: ProblemSkip, keyOf: (s: ProblemSkip) => s.problemId },
    },
    async work(batch) {
      const results = await generateTestsBatch(batch, options, engine);
      return results.map((result) => {
        for (const [reason, n] of Object.entries(result.droppedCounts)) dropped[reason] = (dropped[reason] ?? 0) + (n ?? 0);
        return { tests: result.tests, skips: result.tests.length ? [] : [testgenSkip(result)] };
      });
    },
  });
  progress.finish();
  const counts: Record<string, number> = { problems: problems.length, tests: report.records.tests, skipped: report.records.skips, resumedProblems: report.skipped };
  for (const [reason, n] of Object.entries(dropped)) counts[`dropped:${reason}`] = n;
  return { counts };
}

/** The LLM branch: one request per problem (cached), tests + raw answer + completed problem. */
async function runLlmTestgen(runDir: string, problems: Problem[], config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const settings = config.llm?.testgen;
  if (!settings) throw new ConfigError('testgen.generator is "llm" but llm.testgen is not configured');
  const client = openLlmClient(config, 'testgen', ctx.round, runDir, ctx.log);
  const options = testgenOptionsFromConfig(settings, { maxTests: config.testgen.maxTestsPerProblem, stage: 'testgen' });
  const progress = ctx.progress('testgen (llm)', problems.length);
  try {
    const report = await runResumable({
      items: problems,
      keyOf: (p: Problem) => p.id,
      markersFile: paths.doneMarkers('testgen'),
      concurrency: settings.concurrency,
      progress,
      outputs: {
        tests: { file: paths.tests, schema: TestCase, keyOf: (t: TestCase) => t.id },
        skips: { file: paths.testSkips, schema: ProblemSkip, keyOf: (s: ProblemSkip) => s.problemId },
        updates: { file: paths.problemUpdates, schema: Problem, keyOf: (p: Problem) => p.id },
        answers: { file: paths.llmAnswers, schema: LlmAnswer, keyOf: (a: LlmAnswer) => `${a.problemId}#${a.index}` },
      },
      isFinal: (_problem, produced) => !isTransientOnly(produced, produced.tests?.length ?? 0),
      work: (batch) =>
        Promise.all(
          batch.map(async (problem) => {
            const r = await generateTestsWithLlm(problem, client, options);
            return { tests: r.tests, skips: r.skip ? [r.skip] : [], updates: r.problemChanged ? [r.problem] : [], answers: r.answer ? [r.answer] : [] };
          }),
        ),
    });
    progress.finish();
    const tested = new Set((await readJsonlAll(paths.tests, TestCase)).map((t) => t.problemId));
    const skipped = await dropResolvedSkips(paths.testSkips, tested);
    if (report.retryLater) ctx.log(`testgen: ${report.retryLater} problems failed after retries (recorded as skips); rerun to try them again`);
    return {
      counts: { problems: problems.length, tests: report.records.tests, skipped, retryLater: report.retryLater, completedProblems: report.records.updates, resumedProblems: report.skipped, ...usageCounts(client.usage()) },
      usage: client.usage(),
    };
  } finally {
    await client.close();
  }
}
