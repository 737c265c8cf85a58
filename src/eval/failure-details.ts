/**
 * The benchmark's own words beside a failing case of a contest dataset: the input it fed and the
 * output it expected (from the task's cases, by test id `case/<i>`), and what the program gave when
 * the engine has it only in its message (the repr an assert case reports, the stdout of a stdin
 * test). Pure.
 */
import type { ContestCase } from '../problems/contest-task.js';
import type { TestOutcome } from '../records.js';
import type { FailureContext } from './datasets.js';

/** Longest input / expected / actual text kept in a results line. */
export const DETAIL_CHARS = 300;

function clip(text: string): string {
  return text.length <= DETAIL_CHARS ? text : `${text.slice(0, DETAIL_CHARS)}...`;
}

/** What the program gave, read from a `fail` outcome's message ("got ..." of call tests stays in the message). */
function actualOf(outcome: TestOutcome): string | undefined {
  if (outcome.verdict !== 'fail' || outcome.message === undefined || outcome.output !== undefined) return undefined;
  if (outcome.errorType === 'AssertionError') return outcome.message; // an assert case: its message is repr(actual)
  const m = /^(?:got |stdout: )([\s\S]*)$/.exec(outcome.message);
  return m ? m[1] : undefined;
}

/** Input, expected and (when only in the message) actual output of a failing `case/<i>` test; {} for other tests. */
export function caseFailureContext(cases: readonly ContestCase[], outcome: TestOutcome): FailureContext {
  const m = /^case\/(\d+)$/.exec(outcome.testId);
  const c = m ? cases[Number(m[1])] : undefined;
  if (!c) return {};
  const actual = actualOf(outcome);
  return { input: clip(c.input), expected: clip(c.expected), ...(actual !== undefined ? { output: clip(actual) } : {}) };
}
