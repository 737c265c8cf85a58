/**
 * Slow tests: the reference takes longer than a time budget on the test (slowest repeated run).
 * Such tests make every candidate run slow and invite timeouts that are not the candidate's fault.
 */
import { outcomesOf } from '../evidence-view.js';
import type { BuiltinHeuristicOptions, Heuristic, Judgement } from '../types.js';

export function slowHeuristic(options: Pick<BuiltinHeuristicOptions, 'slowBudgetMs'>): Heuristic {
  return {
    name: 'slow',
    description: `drops tests on which the reference runs longer than the budget`,
    judge({ tests, evidence }) {
      return tests.map((test): Judgement => {
        const durations = outcomesOf(evidence, test.id).flatMap((o) => (o ? [o.durationMs] : []));
        if (durations.length === 0) return { keep: true, reason: 'not measured' };
        const slowest = Math.max(...durations);
        return slowest > options.slowBudgetMs
          ? { keep: false, reason: 'reference over time budget', detail: `${Math.round(slowest)} ms > ${options.slowBudgetMs} ms` }
          : { keep: true, reason: 'within time budget' };
      });
    },
  };
}
