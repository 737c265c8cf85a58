// Record builders shared by the pairs tests (plain data, no behaviour).
import type { Execution, Label, Sample, TestOutcome } from '../../src/records.js';

export function execution(sampleId: string, tests: TestOutcome[], verdict?: Execution['verdict'], problemId = 'p1'): Execution {
  return {
    sampleId,
    problemId,
    round: 0,
    verdict: verdict ?? (tests.every((t) => t.verdict === 'pass') ? 'pass' : tests.find((t) => t.verdict !== 'pass')!.verdict),
    tests,
    durationMs: 5,
    cached: false,
  };
}

export const pass = (testId: string): TestOutcome => ({ testId, verdict: 'pass', durationMs: 1 });

export function sample(id: string, code: string, index = 0, problemId = 'p1', raw?: string): Sample {
  return { id, problemId, round: 0, index, code, missingEntryPoint: false, provenance: { generator: 'test' }, codeHash: id, ...(raw ? { raw } : {}) };
}

export function label(sampleId: string, kind: Label['label'], problemId = 'p1'): Label {
  return { sampleId, problemId, round: 0, label: kind, reason: kind, failureKind: kind === 'rejected' ? 'assertion' : 'none', testsPassed: 0, testsTotal: 3 };
}
