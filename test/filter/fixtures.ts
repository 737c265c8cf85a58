// Record builders shared by the filter tests (plain data, no behaviour).
import type { FilterEvidence, Problem, TestCase, TestOutcome, TestSpec } from '../../src/records.js';

export function problem(overrides: Partial<Problem> = {}): Problem {
  return {
    id: 'p1',
    source: 'embedded',
    instruction: 'Add two numbers.',
    entryPoint: 'add',
    signature: 'def add(a: int, b: int) -> int:',
    reference: 'def add(a, b):\n    return a + b\n',
    examples: [],
    benchmarkTests: [],
    tags: [],
    provenance: { generator: 'test' },
    contentHash: 'h',
    ...overrides,
  };
}

export function assertTest(id: string, code: string, problemId = 'p1'): TestCase {
  return { id, problemId, spec: { id, kind: 'assert', code } as TestSpec, provenance: { generator: 'test' } };
}

export function callTest(id: string, args: string, expected?: string, problemId = 'p1'): TestCase {
  const spec: TestSpec = expected === undefined ? { id, kind: 'call', entryPoint: 'add', args } : { id, kind: 'call', entryPoint: 'add', args, expected };
  return { id, problemId, spec, provenance: { generator: 'test' } };
}

export function outcome(testId: string, verdict: TestOutcome['verdict'], durationMs = 1, extra: Partial<TestOutcome> = {}): TestOutcome {
  return { testId, verdict, durationMs, ...extra };
}

/** Evidence from per-run outcome lists (no static analysis: heuristics use the text fallback). */
export function evidence(runs: TestOutcome[][], problemId = 'p1', hasReference = true): FilterEvidence {
  return {
    problemId,
    hasReference,
    runs: runs.map((tests) => ({ verdict: tests.every((t) => t.verdict === 'pass') ? 'pass' : 'fail', durationMs: 10, tests })),
    analysis: [],
  };
}
