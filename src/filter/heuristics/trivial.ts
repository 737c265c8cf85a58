/**
 * Trivial tests: an assert that never calls the entry point, an assert of a constant (`assert
 * True`, `assert 1 == 1`), a check function that never calls `candidate`, or (optionally) a call
 * test without an expected value. They cannot tell a right solution from a wrong one.
 */
import { analysisOf } from '../evidence-view.js';
import type { BuiltinHeuristicOptions, Heuristic, Judgement } from '../types.js';

export function trivialHeuristic(options: Pick<BuiltinHeuristicOptions, 'dropCallsWithoutExpected'>): Heuristic {
  return {
    name: 'trivial',
    description: 'drops tests that never call the entry point, assert a constant, or expect nothing',
    judge({ problem, tests, evidence }) {
      return tests.map((test): Judgement => {
        const spec = test.spec;
        if (spec.kind === 'stdio') return { keep: true, reason: 'checks output' };
        if (spec.kind === 'call') {
          if (spec.expected === undefined && options.dropCallsWithoutExpected) return { keep: false, reason: 'no expected value' };
          return { keep: true, reason: 'checks output' };
        }
        const analysis = analysisOf(evidence, test, problem.entryPoint);
        if (analysis.assertsConstant) return { keep: false, reason: 'asserts a constant' };
        if (!analysis.callsEntryPoint) {
          return { keep: false, reason: 'never calls the entry point', detail: spec.kind === 'check' ? 'candidate' : problem.entryPoint ?? undefined };
        }
        return { keep: true, reason: 'calls the entry point' };
      });
    },
  };
}
