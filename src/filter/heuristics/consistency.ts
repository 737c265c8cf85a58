/**
 * The PLUM consistency check: a test is kept only if the reference solution passes it (in every
 * repeated run). Judges by the evidence only; does not run anything.
 */
import type { TestOutcome } from '../../records.js';
import { outcomesOf } from '../evidence-view.js';
import type { BuiltinHeuristicOptions, Heuristic, Judgement } from '../types.js';

/** Categorical reason for a reference outcome that is not a pass. */
function failureReason(outcome: TestOutcome | undefined, jobVerdict: string): Judgement {
  if (!outcome) return { keep: false, reason: 'no reference outcome', detail: `reference run ended: ${jobVerdict}` };
  const detail = [outcome.errorType, outcome.message].filter(Boolean).join(': ') || undefined;
  switch (outcome.verdict) {
    case 'fail':
      return { keep: false, reason: 'reference fails', detail };
    case 'error':
      return { keep: false, reason: 'reference raises', detail };
    case 'timeout':
      return { keep: false, reason: 'reference times out', detail };
    case 'crash':
      return { keep: false, reason: 'reference crashes', detail };
    case 'syntax_error':
      return { keep: false, reason: 'does not compile', detail };
    default:
      return { keep: true, reason: 'reference passes' };
  }
}

export function consistencyHeuristic(options: Pick<BuiltinHeuristicOptions, 'whenNoReference'>): Heuristic {
  return {
    name: 'consistency',
    description: 'kept only if the reference solution passes the test (every repeated run)',
    judge({ tests, evidence }) {
      return tests.map((test): Judgement => {
        if (!evidence.hasReference || evidence.runs.length === 0) {
          return options.whenNoReference === 'keep'
            ? { keep: true, reason: 'no reference (unchecked)' }
            : { keep: false, reason: 'no reference' };
        }
        const outcomes = outcomesOf(evidence, test.id);
        for (let i = 0; i < outcomes.length; i += 1) {
          if (outcomes[i]?.verdict !== 'pass') return failureReason(outcomes[i], evidence.runs[i].verdict);
        }
        return { keep: true, reason: 'reference passes' };
      });
    },
  };
}
