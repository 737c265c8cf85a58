/**
 * Which EvalPlus tasks are compared by a special oracle instead of plain equality (the names in
 * src/execution/python/oracles.py, which implements them). Facts from evalplus/eval/__init__.py and
 * evalplus/eval/_special_oracle.py: HumanEval/32 (`find_zero`) is judged by |poly(x)| <= atol; for
 * MBPP+ the oracle is chosen by entry point: sets for the set-like tasks (Mbpp/2, 7, 111, 140, 232,
 * 249, 579, 769), not-None for three regex tasks, and four task-specific rules. Pure lookups.
 */
import type { EvalPlusTask } from '../problems/benchmarks.js';

/** MBPP+ entry points whose reference output is recorded as `output is not None` (EvalPlus). */
export const MBPP_OUTPUT_NOT_NONE_TASKS: readonly string[] = ['check_str', 'text_match_three', 'text_starta_endb'];

/** MBPP+ entry points whose outputs EvalPlus compares as sets. */
export const MBPP_OUTPUT_SET_EQ_TASKS: readonly string[] = [
  'similar_elements', 'find_char_long', 'common_in_nested_lists', 'extract_singly',
  'larg_nnum', 'intersection_array', 'find_dissimilar', 'Diff',
];

const MBPP_SPECIFIC: Record<string, string> = {
  are_equivalent: 'evalplus:mbpp_are_equivalent', // Mbpp/164: any output is accepted
  sum_div: 'evalplus:mbpp_sum_div', // Mbpp/295: 0 also accepted
  surface_Area: 'evalplus:mbpp_surface_area', // Mbpp/581: the slant-height formula also accepted
  digit_distance_nums: 'evalplus:mbpp_digit_distance_nums', // Mbpp/558: zero-padded digits also accepted
};

/** The oracle of an MBPP+ entry point, if EvalPlus judges it specially. */
export function mbppOracle(entryPoint: string): string | undefined {
  if (MBPP_SPECIFIC[entryPoint]) return MBPP_SPECIFIC[entryPoint];
  if (MBPP_OUTPUT_SET_EQ_TASKS.includes(entryPoint)) return 'evalplus:mbpp_set_eq';
  if (MBPP_OUTPUT_NOT_NONE_TASKS.includes(entryPoint)) return 'evalplus:mbpp_not_none';
  return undefined;
}

/** The oracle of a task, if EvalPlus judges it specially. */
export function specialOracle(task: Pick<EvalPlusTask, 'benchmark' | 'entryPoint'>): string | undefined {
  if (task.benchmark === 'mbpp+') return mbppOracle(task.entryPoint);
  return task.entryPoint === 'find_zero' ? 'evalplus:find_zero' : undefined;
}
