/**
 * Engine jobs for HumanEval+ and MBPP+, judged as EvalPlus's `untrusted_check` judges them: two jobs per
 * sample (base inputs, plus inputs; separate processes as in EvalPlus), one call test per input
 * with the expected output, the task's tolerance and EvalPlus's per-input time limit
 * max(floor, factor x reference time), the job capped at min(60 s, sum of limits) + 2 s.
 * The tolerance follows EvalPlus's loop exactly: once an expected output is a float (list), the
 * 1e-6 default stays for the rest of that group (also behind MBPP+'s oracles, which end with it).
 * Special oracles: ./special-oracles.ts; outputs kept as digests by the `evalplus:digest` oracle. Pure.
 */
import { PlumError } from '../errors.js';
import { timeLimitFromReference } from '../execution/limits.js';
import type { Job } from '../execution/types.js';
import type { EvalPlusTask } from '../problems/benchmarks.js';
import type { TestSpec } from '../records.js';
import type { ExpectedOutput, TaskExpected } from './expected-outputs.js';
import { specialOracle } from './special-oracles.js';

/** Options of the HumanEval+ jobs; defaults in `DEFAULT_PLUS_JOB_OPTIONS`. */
export interface PlusJobOptions {
  /** EvalPlus `--gt-time-limit-factor` (default 4). */
  timeLimitFactor: number;
  /** EvalPlus `--min-time-limit` in ms (default 4000, EvalPlus's current default). */
  minTimeLimitMs: number;
  /** EvalPlus's `EVALPLUS_TIMEOUT_PER_TASK` in ms: cap of the summed per-input limits (default 60 s). */
  groupTimeoutCapMs: number;
}

export const DEFAULT_PLUS_JOB_OPTIONS: Readonly<PlusJobOptions> = Object.freeze({
  timeLimitFactor: 4,
  minTimeLimitMs: 4000,
  groupTimeoutCapMs: 60_000,
});

/** EvalPlus's default tolerance for float outputs when the task sets none. */
export const FLOAT_ATOL = 1e-6;

/** The call tests of one input group, ids `<group>/<index>`. */
export function plusGroupTests(
  task: EvalPlusTask,
  group: 'base' | 'plus',
  expected: readonly ExpectedOutput[],
  options: Partial<PlusJobOptions> = {},
): TestSpec[] {
  const opts = { ...DEFAULT_PLUS_JOB_OPTIONS, ...options };
  const inputs = group === 'base' ? task.baseInputs : task.plusInputs;
  if (inputs.length !== expected.length) throw new PlumError(`${task.taskId}: ${expected.length} expected outputs for ${inputs.length} ${group} inputs`);
  const oracle = specialOracle(task);
  let atol = task.atol;
  return inputs.map((args, i): TestSpec => {
    const exp = expected[i];
    // EvalPlus: `if atol == 0 and is_floats(exp): atol = 1e-6`, after the special oracles (find_zero
    // returns before it), persisting for the rest of the group.
    if (oracle !== 'evalplus:find_zero' && atol === 0 && exp.isFloats) atol = FLOAT_ATOL;
    const timeoutMs = timeLimitFromReference(exp.seconds * 1000, { factor: opts.timeLimitFactor, floorMs: opts.minTimeLimitMs });
    const id = `${group}/${i}`;
    if (exp.missing) return { id, kind: 'assert', code: `raise AssertionError(${JSON.stringify(`no expected output: ${exp.missing}`)})`, timeoutMs: opts.minTimeLimitMs };
    if (exp.digest) {
      if (atol !== 0 || oracle) throw new PlumError(`${task.taskId} ${id}: a digested expected output cannot be compared with a tolerance or an oracle`);
      return { id, kind: 'call', entryPoint: task.entryPoint, args, expected: JSON.stringify(exp.digest), oracle: 'evalplus:digest', timeoutMs };
    }
    if (exp.repr === undefined) throw new PlumError(`${task.taskId} ${id}: expected output has neither repr nor digest`);
    const test: TestSpec = { id, kind: 'call', entryPoint: task.entryPoint, args, expected: exp.repr, atol, timeoutMs };
    if (oracle) test.oracle = oracle;
    return test;
  });
}

/** The job of one group: the candidate program against that group's tests. */
export function plusGroupJob(id: string, program: string, tests: TestSpec[], options: Partial<PlusJobOptions> = {}, expectedMs?: number): Job {
  const opts = { ...DEFAULT_PLUS_JOB_OPTIONS, ...options };
  const sum = tests.reduce((s, t) => s + (t.timeoutMs ?? opts.minTimeLimitMs), 0);
  return {
    id,
    program,
    tests,
    expectedMs,
    limits: { testTimeoutMs: opts.minTimeLimitMs, jobTimeoutMs: Math.min(opts.groupTimeoutCapMs, sum) + 2000 },
  };
}

/** Tests of both groups of a task, built once and shared by all its samples. */
export function plusTaskTests(task: EvalPlusTask, expected: TaskExpected, options: Partial<PlusJobOptions> = {}): { base: TestSpec[]; plus: TestSpec[] } {
  return { base: plusGroupTests(task, 'base', expected.base, options), plus: plusGroupTests(task, 'plus', expected.plus, options) };
}
