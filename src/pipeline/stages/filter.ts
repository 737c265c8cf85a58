/**
 * Stage 3, filter: per problem, run the reference over its generated tests (evidence, through the
 * run's engine) and let the heuristics keep or drop each test with a reason. Resumable problem by
 * problem. Writes 03-filter.jsonl (FilterDecision) and 03-filter-evidence.jsonl (FilterEvidence).
 */
import { FilterDecision, FilterEvidence } from '../../records.js';
import { gatherEvidence } from '../../filter/gather-evidence.js';
import { filterTests } from '../../filter/filter-tests.js';
import type { FilterOptions } from '../../filter/types.js';
import type { PipelineConfig } from '../config.js';
import type { StageContext, StageResult } from '../context.js';
import { runResumable } from '../resumable.js';
import { readKeptTestIds, readProblems, readTestsByProblem } from './inputs.js';
import { PROBLEMS_IN_FLIGHT } from './limits.js';

export async function runFilterStage(_runDir: string, config: PipelineConfig, ctx: StageContext): Promise<StageResult> {
  const { paths } = ctx;
  const problems = await readProblems(paths);
  const tests = await readTestsByProblem(paths.tests);
  const withTests = problems.filter((p) => tests.has(p.id));
  const engine = await ctx.engine();
  const progress = ctx.progress('filter', withTests.length);
  const options = config.filter.heuristics as FilterOptions;
  const report = await runResumable({
    items: withTests,
    keyOf: (p) => p.id,
    markersFile: paths.doneMarkers('filter'),
    concurrency: PROBLEMS_IN_FLIGHT,
    progress,
    outputs: {
      decisions: { file: paths.filter, schema: FilterDecision, keyOf: (d: FilterDecision) => d.testId },
      evidence: { file: paths.filterEvidence, schema: FilterEvidence, keyOf: (e: FilterEvidence) => e.problemId },
    },
    work: (batch) =>
      Promise.all(
        batch.map(async (problem) => {
          const own = tests.get(problem.id) ?? [];
          const evidence = await gatherEvidence(problem, own, engine, { repeats: config.filter.repeats, testTimeoutMs: config.execute.testTimeoutMs });
          return { decisions: filterTests(problem, own, evidence, options), evidence: [evidence] };
        }),
      ),
  });
  progress.finish();
  const kept = (await readKeptTestIds(paths.filter)).size;
  return { counts: { problems: withTests.length, tests: report.records.decisions, kept, resumedProblems: report.skipped } };
}
