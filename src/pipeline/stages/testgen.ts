/**
 * Stage 2, testgen: tests for every problem, from the offline EvalPlus-style generator (reference
 * as oracle) or from the LLM test generator (`testgen.generator`). Resumable problem by problem:
 * 02-tests.jsonl is an append log keyed by test id; a problem that yields no test is recorded in
 * 02-test-skips.jsonl with the reason (never dropped silently).
 */
import { ConfigError } from '../../errors.js';
import { ProblemSkip, TestCase, type Problem } from '../../records.js';
import { generateTestsBatch } from '../../testgen/generate-tests.js';
import type { OfflineTestgenOptions, OfflineTestgenResult } from '../../testgen/options.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { runResumable } from '../resumable.js';
import { readProblems } from './inputs.js';

/** Problems per call of the offline generator (one Python helper process per batch). */
const OFFLINE_BATCH = 8;

/** The skip record of a problem that got no test. */
export function testgenSkip(result: OfflineTestgenResult): ProblemSkip {
  const ranked = Object.entries(result.droppedCounts).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const problemLevel = result.dropped.find((d) => d.args === '');
  const reason = problemLevel?.reason ?? ranked[0]?.[0] ?? 'no-tests';
  const detail = problemLevel?.detail ?? ranked.map(([r, n]) => `${r}: ${n}`).join(', ');
  return { problemId: result.problemId, stage: 'testgen', reason, ...(detail ? { detail } : {}) };
}

export async function runTestgenStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  if (config.testgen.generator === 'llm') {
    throw new ConfigError('testgen.generator "llm" is not wired into the pipeline yet; use "offline"');
  }
  const { paths } = ctx;
  const problems = await readProblems(paths.problems);
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
