/**
 * Mutation score (test-suite adequacy) of one problem, from executions already made: the share of
 * non-equivalent mutants that the kept tests kill. Pure: runs nothing (measure.ts runs things).
 *
 * Method. A mutant is killed when its execution on the kept tests does not pass (the same rule that
 * labels a sample rejected). Equivalence is estimated, never assumed: a mutant that passes every
 * kept test and every test of a much larger pool (all inputs the offline generator made before
 * filtering and capping, plus extra random ones, expected values from the reference) is counted as
 * likely-equivalent and left out of the score; one that fails a pool test but no kept test survived,
 * and the pool test is kept as proof. A larger pool can only move mutants from `equivalent` to
 * `survived`, so the score is an upper bound that tightens as the pool grows.
 * Without pool tests (no seed inputs to mutate) the score is null: survivors could not be told from
 * equivalent mutants. Broken candidates are left out. Semantics-preserving variants are not scored;
 * any that fails a test is listed (flaky tests or a wrong variant).
 */
import type { Execution, MutantOutcome, MutationScore, Problem, Sample, TestCase, TestOutcome } from '../records.js';
import { isBrokenMutation, isVariantMutation } from './mutate-reference.js';

/** A line describing the method, stored on every score. */
export const MUTATION_SCORE_METHOD =
  'killed = fails a kept test; likely-equivalent = passes every kept test and every pool test (all generated inputs before filtering + extra random inputs, reference as oracle); score = killed / (killed + survived)';

function firstFailure(tests: TestOutcome[]): string | undefined {
  return tests.find((t) => t.verdict !== 'pass')?.testId;
}

function failed(execution: Execution | undefined): boolean {
  return !!execution && execution.verdict !== 'pass';
}

/**
 * Score one problem's kept tests against its mutants.
 * @param keptTests the problem's kept tests (their count is reported)
 * @param mutants the problem's mutation-sampler samples (variants are recognised and set apart)
 * @param executions each mutant's execution on the kept tests (by sampleId)
 * @param poolExecutions each mutant's execution on the pool tests (by sampleId); missing = pool not run
 * @param options round and pool size to report
 */
export function scoreMutants(
  problem: Problem,
  keptTests: TestCase[],
  mutants: Sample[],
  executions: Execution[],
  poolExecutions: Execution[] = [],
  options: { round?: number; poolTests?: number } = {},
): MutationScore {
  const kept = new Map(executions.filter((e) => e.problemId === problem.id).map((e) => [e.sampleId, e]));
  const pool = new Map(poolExecutions.filter((e) => e.problemId === problem.id).map((e) => [e.sampleId, e]));
  const score: MutationScore = {
    problemId: problem.id,
    round: options.round ?? mutants[0]?.round ?? 0,
    score: null,
    killed: [],
    survived: [],
    equivalent: [],
    variantsKilled: [],
    notRun: [],
    testsKept: keptTests.length,
    poolTests: keptTests.length + (options.poolTests ?? 0),
    method: MUTATION_SCORE_METHOD,
  };
  const seenCode = new Set<string>();
  for (const m of mutants) {
    if (m.problemId !== problem.id) continue;
    const entry: MutantOutcome = { sampleId: m.id, mutation: m.provenance.mutation ?? '' };
    const k = kept.get(m.id);
    const p = pool.get(m.id);
    if (isBrokenMutation(m.provenance.mutation)) continue; // not a program that could pass: no evidence
    if (isVariantMutation(m.provenance.mutation)) {
      if (failed(k) || failed(p)) score.variantsKilled.push({ ...entry, testId: firstFailure(k?.tests ?? []) ?? firstFailure(p?.tests ?? []) });
      continue;
    }
    // The same program twice (a repeat) would count twice: score distinct mutant programs only.
    if (seenCode.has(m.codeHash)) continue;
    seenCode.add(m.codeHash);
    if (!k) score.notRun.push(entry);
    else if (failed(k)) score.killed.push({ ...entry, testId: firstFailure(k.tests) });
    else if (failed(p)) score.survived.push({ ...entry, testId: firstFailure(p!.tests) });
    else score.equivalent.push(entry);
  }
  // Without pool tests equivalence cannot be estimated: no score rather than a flattering one.
  const judged = score.killed.length + score.survived.length;
  score.score = judged > 0 && (options.poolTests ?? 0) > 0 ? score.killed.length / judged : null;
  return score;
}
