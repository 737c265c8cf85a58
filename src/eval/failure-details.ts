/**
 * Putting the benchmark's own words beside a failing test: the input it fed, the output it expected
 * (from the task's cases) and what the program gave (from the engine's message: the repr an assert
 * case reports, the `got ...` of a call test, the `stdout: ...` of a stdio test). Pure.
 */
import type { ContestCase } from '../problems/contest-task.js';
import type { EvalFailure, EvalTestGroup } from '../records.js';

/** Longest input / expected / actual text kept in a results line. */
export const DETAIL_CHARS = 300;

function clip(text: string): string {
  return text.length <= DETAIL_CHARS ? text : `${text.slice(0, DETAIL_CHARS)}...`;
}

/** What the program gave, read from a `fail` outcome's message. */
function actualOf(failure: EvalFailure): string | undefined {
  if (failure.verdict !== 'fail' || failure.message === undefined) return undefined;
  if (failure.errorType === 'AssertionError') return failure.message; // an assert case: its message is repr(actual)
  const m = /^(?:got |stdout: )([\s\S]*)$/.exec(failure.message);
  return m ? m[1] : undefined;
}

/** The group with input, expected and actual added to each failure of a `case/<i>` test. */
export function withCaseDetails(group: EvalTestGroup, cases: readonly ContestCase[]): EvalTestGroup {
  const failures = group.failures.map((f): EvalFailure => {
    const m = /^case\/(\d+)$/.exec(f.testId);
    const c = m ? cases[Number(m[1])] : undefined;
    if (!c) return f;
    const actual = actualOf(f);
    return { ...f, input: clip(c.input), expected: clip(c.expected), ...(actual !== undefined ? { actual: clip(actual) } : {}) };
  });
  return { ...group, failures };
}
