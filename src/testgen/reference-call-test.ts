/**
 * The one way the offline generators turn a reference output into a `call` test: expected value,
 * float tolerance, the problem's EvalPlus comparison rule, an optional own time limit, and the
 * readable `assert` form. Pure.
 */
import type { Problem, Provenance, TestCase } from '../records.js';
import type { ComparisonRule } from './comparison-oracle.js';
import { renderCallAssert } from './render-assert.js';

/** What the test is made of besides the problem. */
export interface ReferenceCallTestInput {
  id: string;
  /** Python expression of the argument list. */
  args: string;
  /** The reference's canonical output and whether it holds floats. */
  output: { expected: string; hasFloat: boolean };
  rule: ComparisonRule;
  /** Tolerance put on float outputs (and on find_zero). */
  atol: number;
  provenance: Provenance;
  /** The test's own time limit (efficiency tests), ms. */
  timeoutMs?: number;
}

/** A `call` test of `problem` expecting the reference's output. */
export function referenceCallTest(problem: Problem, t: ReferenceCallTestInput): TestCase {
  const atol = t.output.hasFloat || t.rule.oracle === 'evalplus:find_zero' ? t.atol : undefined;
  const entryPoint = problem.entryPoint as string;
  return {
    id: t.id,
    problemId: problem.id,
    spec: {
      id: t.id,
      kind: 'call',
      entryPoint,
      args: t.args,
      expected: t.output.expected,
      ...(atol !== undefined ? { atol } : {}),
      ...(t.rule.oracle ? { oracle: t.rule.oracle } : {}),
      ...(t.timeoutMs !== undefined ? { timeoutMs: t.timeoutMs } : {}),
    },
    provenance: t.provenance,
    display: renderCallAssert(entryPoint, t.args, t.output.expected, atol),
  };
}

/** A call test's expected value ('' for other kinds): tests with a new one cover a new behaviour. */
export function expectedOf(t: TestCase): string {
  return t.spec.kind === 'call' ? (t.spec.expected ?? '') : '';
}
