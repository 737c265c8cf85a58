/**
 * How generated call tests compare a candidate's output with the reference's: the same rule
 * EvalPlus applies to the benchmark (evalplus/eval/__init__.py, `unsafe_execute`), so that a test
 * never rejects an output EvalPlus accepts. Most problems compare exactly (floats with `atol`);
 * a few are judged by a named oracle of src/execution/python/oracles.py. Pure: no files, no runs.
 */
import type { Problem } from '../records.js';

/** MBPP+ entry points whose outputs EvalPlus compares as sets (`set(out) == set(exp)`). */
const MBPP_SET_EQ = [
  'similar_elements', 'find_char_long', 'common_in_nested_lists', 'extract_singly',
  'larg_nnum', 'intersection_array', 'find_dissimilar', 'Diff',
];
/** MBPP+ entry points judged only on `output is not None` (EvalPlus records that boolean as expected). */
const MBPP_NOT_NONE = ['check_str', 'text_match_three', 'text_starta_endb'];
/** MBPP+ entry points with a task-specific EvalPlus rule. */
const MBPP_SPECIAL: Record<string, string> = {
  are_equivalent: 'evalplus:mbpp_are_equivalent',
  sum_div: 'evalplus:mbpp_sum_div',
  surface_Area: 'evalplus:mbpp_surface_area',
  digit_distance_nums: 'evalplus:mbpp_digit_distance_nums',
};

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
  if (problem.source.startsWith('humaneval') && entry === 'find_zero') return { oracle: 'evalplus:find_zero' };
  if (!problem.source.startsWith('mbpp')) return {};
  if (MBPP_SET_EQ.includes(entry)) return { oracle: 'evalplus:mbpp_set_eq' };
  if (MBPP_NOT_NONE.includes(entry)) return { oracle: 'evalplus:mbpp_not_none', expectNotNone: true };
  return MBPP_SPECIAL[entry] ? { oracle: MBPP_SPECIAL[entry] } : {};
}

/** The reference output (repr text) a test expects under the rule. */
export function expectedOutputText(rule: ComparisonRule, output: string): string {
  return rule.expectNotNone ? (output === 'None' ? 'False' : 'True') : output;
}
