/**
 * Flaky tests: the reference's verdict on the test changes across repeated runs (randomness,
 * timing, hash order). Needs at least two runs in the evidence; with one, every test is kept as
 * unchecked.
 */
import { outcomesOf } from '../evidence-view.js';
import type { Heuristic, Judgement } from '../types.js';

export function flakyHeuristic(): Heuristic {
  return {
    name: 'flaky',
    description: 'drops tests whose reference verdict changes across repeated runs',
    judge({ tests, evidence }) {
      if (evidence.runs.length < 2) return tests.map(() => ({ keep: true, reason: 'single run (unchecked)' }));
      return tests.map((test): Judgement => {
        const verdicts = outcomesOf(evidence, test.id).map((o) => o?.verdict ?? 'missing');
        const distinct = new Set(verdicts);
        return distinct.size > 1
          ? { keep: false, reason: 'verdict changes across runs', detail: verdicts.join(', ') }
          : { keep: true, reason: 'stable' };
      });
    },
  };
}
