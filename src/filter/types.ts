/**
 * The filter framework's types: what a heuristic is and what it is given. A heuristic is a named,
 * pure function over (problem, tests, evidence) that keeps or drops each test with a reason; the
 * filter (filter-tests.ts) combines them. Nothing here runs code: evidence is gathered beforehand
 * (gather-evidence.ts) so heuristics are fast and testable.
 */
import type { FilterEvidence, Problem, TestCase } from '../records.js';

/** One heuristic's say on one test. `reason` is categorical (counted); `detail` is free text. */
export interface Judgement {
  keep: boolean;
  reason: string;
  detail?: string;
}

/** What every heuristic receives. */
export interface HeuristicInput {
  problem: Problem;
  /** All tests of the problem, in generation order. */
  tests: readonly TestCase[];
  evidence: FilterEvidence;
  /**
   * Only for `phase: 'suite'` heuristics: ids of the tests every per-test heuristic kept. Per-test
   * heuristics get an empty set.
   */
  keptSoFar: ReadonlySet<string>;
}

/**
 * A filter heuristic. `judge` returns one Judgement per test, in the order of `input.tests`.
 *
 * - `phase: 'test'` (default): judges each test on its own merits; all run independently.
 * - `phase: 'suite'`: runs after the per-test heuristics and sees which tests survived them
 *   (`keptSoFar`), e.g. "drop every test of a problem left with fewer than N".
 *
 * A notebook cell can define one and pass it to `filterTests` beside `builtinHeuristics()`:
 * ```ts
 * const noPrints: Heuristic = {
 *   name: 'no-print',
 *   judge: ({ tests }) => tests.map((t) =>
 *     t.spec.kind === 'assert' && t.spec.code.includes('print(')
 *       ? { keep: false, reason: 'prints' } : { keep: true, reason: 'ok' }),
 * };
 * ```
 */
export interface Heuristic {
  name: string;
  description?: string;
  phase?: 'test' | 'suite';
  judge(input: HeuristicInput): Judgement[];
}

/** Options of the built-in heuristics (all defaults live in `defaultFilterOptions`). */
export interface BuiltinHeuristicOptions {
  /** Tests of a problem without a reference solution: keep them unchecked, or drop them. */
  whenNoReference: 'keep' | 'drop';
  /** A test whose reference run takes longer than this (ms, slowest repeat) is dropped. */
  slowBudgetMs: number;
  /** Every test of a problem with fewer kept tests than this is dropped. */
  minTestsPerProblem: number;
  /** Call tests without an expected value check nothing but "does not raise": drop as trivial. */
  dropCallsWithoutExpected: boolean;
}

export const defaultFilterOptions: BuiltinHeuristicOptions = {
  whenNoReference: 'drop',
  slowBudgetMs: 1000,
  minTestsPerProblem: 3,
  dropCallsWithoutExpected: true,
};

/** Options of `filterTests`. */
export interface FilterOptions extends Partial<BuiltinHeuristicOptions> {
  /** The heuristics to apply; default `builtinHeuristics(options)`. */
  heuristics?: Heuristic[];
}
