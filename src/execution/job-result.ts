/**
 * Turning a worker's raw per-test outcomes into a JobResult: test ids, optional fields, and the
 * job-level verdict (pass only if every test passed). Pure, no IO.
 */
import type { TestOutcome, TestSpec, Verdict } from '../records.js';
import type { CachedVerdict } from './verdict-cache.js';
import type { WireResult } from './worker-process.js';

const VERDICTS = new Set<Verdict>(['pass', 'fail', 'error', 'timeout', 'crash', 'syntax_error']);

/** The job-level verdict: 'pass' iff every test passed; a job without tests passes if it loads. */
export function jobVerdict(tests: TestOutcome[], loadVerdict?: string | null): Verdict {
  const first = tests.find((t) => t.verdict !== 'pass');
  if (first) return first.verdict;
  if (tests.length === 0 && loadVerdict) return VERDICTS.has(loadVerdict as Verdict) ? (loadVerdict as Verdict) : 'crash';
  return 'pass';
}

/** A test the worker never ran because its job stopped at an earlier timeout (reported `timeout`, "not run: ..."). */
export function wasNotRun(outcome: Pick<TestOutcome, 'verdict' | 'message'>): boolean {
  return outcome.verdict === 'timeout' && (outcome.message ?? '').startsWith('not run');
}

export function toCachedVerdict(tests: TestSpec[], raw: WireResult): CachedVerdict {
  const outcomes: TestOutcome[] = tests.map((spec, i) => {
    const o = raw.o[i];
    if (!o) return { testId: spec.id, verdict: 'crash', durationMs: 0, message: 'no outcome reported' };
    const verdict = VERDICTS.has(o[0] as Verdict) ? (o[0] as Verdict) : 'crash';
    const out: TestOutcome = { testId: spec.id, verdict, durationMs: o[1] };
    if (o[2] != null) out.errorType = o[2];
    if (o[3] != null) out.message = o[3];
    if (o[4] != null) out.output = o[4];
    return out;
  });
  const verdict = jobVerdict(outcomes, raw.lv?.[0]);
  return { verdict, passed: verdict === 'pass', tests: outcomes, durationMs: raw.ms, stdout: raw.out, stderr: raw.err };
}
