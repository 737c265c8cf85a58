/**
 * Minimum tests per problem (a suite heuristic): when fewer than N tests of a problem survive the
 * per-test heuristics, all of its tests are dropped, since a thin suite lets wrong solutions pass
 * as chosen.
 */
import type { BuiltinHeuristicOptions, Heuristic } from '../types.js';

export function minTestsHeuristic(options: Pick<BuiltinHeuristicOptions, 'minTestsPerProblem'>): Heuristic {
  const n = options.minTestsPerProblem;
  return {
    name: 'min-tests',
    description: `drops every test of a problem left with fewer than ${n} kept tests`,
    phase: 'suite',
    judge({ tests, keptSoFar }) {
      const kept = tests.filter((t) => keptSoFar.has(t.id)).length;
      const judgement =
        kept < n
          ? { keep: false, reason: `fewer than ${n} kept tests`, detail: `${kept} kept` }
          : { keep: true, reason: 'enough tests' };
      return tests.map(() => ({ ...judgement }));
    },
  };
}
