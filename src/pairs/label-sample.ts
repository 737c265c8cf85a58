/**
 * Labelling one executed sample by the PLUM rule: chosen = passes every kept test; rejected =
 * fails at least one. Syntax-invalid samples are excluded by default (they teach nothing about
 * correctness), samples of problems without kept tests are excluded; the failure kind comes from
 * the first non-passing kept test. Pure: no files, no execution.
 */
import type { Execution, FailureKind, Label, Sample, TestOutcome, Verdict } from '../records.js';

export interface LabelOptions {
  /** What becomes of samples that do not compile: excluded (default) or rejected. */
  syntaxInvalid: 'exclude' | 'reject';
}

export const defaultLabelOptions: LabelOptions = { syntaxInvalid: 'exclude' };

export interface LabelInput {
  execution: Execution;
  /** The sample's own flags (its `missingEntryPoint`), when at hand. */
  sample?: Pick<Sample, 'missingEntryPoint'>;
  /** The problem's kept tests: when given, a sample must have a passing outcome for each. */
  keptTestIds?: ReadonlySet<string> | readonly string[];
  /** The problem's entry point, to recognise "name 'f' is not defined" as a missing entry point. */
  entryPoint?: string | null;
}

const kindOfVerdict: Record<Verdict, FailureKind> = {
  pass: 'crash', // a pass verdict without an outcome for a kept test: the harness lost track
  fail: 'assertion',
  error: 'exception',
  timeout: 'timeout',
  crash: 'crash',
  syntax_error: 'syntax_error',
};

function isMissingEntryPoint(outcome: TestOutcome, entryPoint: string | null | undefined): boolean {
  return !!entryPoint && outcome.verdict === 'error' && outcome.errorType === 'NameError' && (outcome.message ?? '').includes(`'${entryPoint}'`);
}

/** Label one execution. */
export function labelSample(input: LabelInput, options: Partial<LabelOptions> = {}): Label {
  const o = { ...defaultLabelOptions, ...options };
  const { execution } = input;
  const kept = input.keptTestIds ? new Set(input.keptTestIds) : undefined;
  const outcomes = kept ? execution.tests.filter((t) => kept.has(t.testId)) : execution.tests;
  const total = kept ? kept.size : execution.tests.length;
  const passedIds = new Set(outcomes.filter((t) => t.verdict === 'pass').map((t) => t.testId));
  const base = { sampleId: execution.sampleId, problemId: execution.problemId, round: execution.round, testsPassed: passedIds.size, testsTotal: total };

  if (kept && kept.size === 0) return { ...base, label: 'excluded', reason: 'no kept tests', failureKind: 'none' };
  const syntaxError = execution.verdict === 'syntax_error' || outcomes.some((t) => t.verdict === 'syntax_error');
  if (syntaxError) {
    const label = o.syntaxInvalid === 'reject' ? 'rejected' : 'excluded';
    return { ...base, label, reason: 'syntax error', failureKind: 'syntax_error' };
  }
  if (total === 0) return { ...base, label: 'excluded', reason: 'no kept tests', failureKind: 'none' };
  if (input.sample?.missingEntryPoint || outcomes.some((t) => isMissingEntryPoint(t, input.entryPoint))) {
    return { ...base, label: 'rejected', reason: 'missing entry point', failureKind: 'missing_entry_point' };
  }
  if (passedIds.size === total && execution.verdict === 'pass') {
    return { ...base, label: 'chosen', reason: `passes all ${total} kept tests`, failureKind: 'none' };
  }
  const firstFailure = outcomes.find((t) => t.verdict !== 'pass');
  const verdict: Verdict = firstFailure?.verdict ?? (execution.verdict === 'pass' ? 'crash' : execution.verdict);
  const failureKind = kindOfVerdict[verdict];
  const errorType = firstFailure?.errorType;
  const missing = total - outcomes.length;
  const reason = `fails ${total - passedIds.size} of ${total} kept tests` + (missing > 0 ? ` (${missing} without outcome)` : '');
  return errorType ? { ...base, label: 'rejected', reason, failureKind, errorType } : { ...base, label: 'rejected', reason, failureKind };
}
