/**
 * Duplicate tests: two tests with the same normal form (AST dump from the evidence, or
 * whitespace-normalised text; for call tests the same call and expected value) are one test. The
 * first is kept, later ones are dropped with the first one's id as detail.
 */
import { analysisOf } from '../evidence-view.js';
import type { Heuristic, Judgement } from '../types.js';

export function duplicateHeuristic(): Heuristic {
  return {
    name: 'duplicate',
    description: 'drops a test whose normal form equals an earlier test of the same problem',
    judge({ problem, tests, evidence }) {
      const firstByForm = new Map<string, string>();
      return tests.map((test): Judgement => {
        const form = analysisOf(evidence, test, problem.entryPoint).normalForm;
        const first = firstByForm.get(form);
        if (first !== undefined) return { keep: false, reason: 'duplicate', detail: `same as ${first}` };
        firstByForm.set(form, test.id);
        return { keep: true, reason: 'unique' };
      });
    },
  };
}
