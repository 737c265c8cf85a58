/**
 * How generated call tests compare a candidate's output with the reference's: the same rule
 * EvalPlus applies to the benchmark (evalplus/eval/__init__.py, `unsafe_execute`), so that a test
 * never rejects an output EvalPlus accepts. Most problems compare exactly (floats with `atol`);
 * a few are judged by a named oracle of src/execution/python/oracles.py, chosen by the table of
 * src/eval/special-oracles.ts. Pure: no files, no runs.
 */
import { specialOracle } from '../eval/special-oracles.js';
import type { Problem } from '../records.js';

/** The comparison of a problem's generated tests. */
export interface ComparisonRule {
  /** Oracle name for `CallTest.oracle`; absent = equality (with `atol` on floats). */
  oracle?: string;
  /** The expected value is `output is not None` (a bool), not the output itself. */
  expectNotNone?: boolean;
}

/** The EvalPlus comparison rule of a problem, by its source and entry point. */
export function comparisonRuleOf(problem: Pick<Problem, 'source' | 'entryPoint'>): ComparisonRule {
  const entry = problem.entryPoint ?? '';
  const benchmark = problem.source.startsWith('mbpp') ? 'mbpp+' : problem.source.startsWith('humaneval') ? 'humaneval+' : undefined;
  const oracle = benchmark && specialOracle({ benchmark, entryPoint: entry }); // the table `plum eval` and `plum audit` use
  if (!oracle) return {};
  return oracle === 'evalplus:mbpp_not_none' ? { oracle, expectNotNone: true } : { oracle };
}

/** The rule the offline generators use: EvalPlus's when `evalplusOracles` is on, else plain equality. */
export function generatedTestRule(problem: Pick<Problem, 'source' | 'entryPoint'>, opts: { evalplusOracles: boolean }): ComparisonRule {
  return opts.evalplusOracles ? comparisonRuleOf(problem) : {};
}

/** The reference output (repr text) a test expects under the rule. */
export function expectedOutputText(rule: ComparisonRule, output: string): string {
  return rule.expectNotNone ? (output === 'None' ? 'False' : 'True') : output;
}
