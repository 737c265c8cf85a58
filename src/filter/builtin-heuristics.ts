/**
 * The built-in heuristics, configured from one options object, in the order they are applied:
 * consistency, duplicate, trivial, flaky, slow, then min-tests (a suite heuristic).
 */
import { consistencyHeuristic } from './heuristics/consistency.js';
import { duplicateHeuristic } from './heuristics/duplicate.js';
import { flakyHeuristic } from './heuristics/flaky.js';
import { minTestsHeuristic } from './heuristics/min-tests.js';
import { slowHeuristic } from './heuristics/slow.js';
import { trivialHeuristic } from './heuristics/trivial.js';
import { defaultFilterOptions, type BuiltinHeuristicOptions, type Heuristic } from './types.js';

/** The built-in heuristics with `options` over the defaults. */
export function builtinHeuristics(options: Partial<BuiltinHeuristicOptions> = {}): Heuristic[] {
  const o = { ...defaultFilterOptions, ...stripUndefined(options) };
  return [
    consistencyHeuristic(o),
    duplicateHeuristic(),
    trivialHeuristic(o),
    flakyHeuristic(),
    slowHeuristic(o),
    minTestsHeuristic(o),
  ];
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export { consistencyHeuristic, duplicateHeuristic, trivialHeuristic, flakyHeuristic, slowHeuristic, minTestsHeuristic };
