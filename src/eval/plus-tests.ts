/**
 * The base and plus tests of EvalPlus tasks (HumanEval+, MBPP+), ready to judge any number of
 * programs: expected outputs from the cache or computed once (./expected-outputs.ts), turned into
 * call tests with EvalPlus's tolerances, oracles and time limits (./humaneval-plus-jobs.ts), and the
 * two jobs (base, plus) of one program. Shared by `plum eval` and `plum audit`. Does not read samples.
 */
import type { Engine, Job } from '../execution/types.js';
import type { EvalPlusTask } from '../problems/benchmarks.js';
import type { TestOutcome, TestSpec } from '../records.js';
import { expectedOutputsFor, type ExpectedOutputsOptions, type TaskExpected } from './expected-outputs.js';
import { plusGroupJob, plusTaskTests, type PlusJobOptions } from './humaneval-plus-jobs.js';

/** One task's tests, with the reference's total run time per group (the jobs' expected time). */
export interface PlusTaskTests {
  task: EvalPlusTask;
  expected: TaskExpected;
  base: TestSpec[];
  plus: TestSpec[];
  baseMs: number;
  plusMs: number;
}

/** The tests of `tasks` (expected outputs cached by `datasetHash`, the dataset file's content hash). */
export async function preparePlusTests(
  tasks: readonly EvalPlusTask[],
  datasetHash: string,
  engine: Engine,
  options: { expected?: ExpectedOutputsOptions; plus?: Partial<PlusJobOptions> } = {},
): Promise<Map<string, PlusTaskTests>> {
  const expected = await expectedOutputsFor(tasks, datasetHash, engine, options.expected);
  const referenceMs = (group: { seconds: number }[]) => 1000 * group.reduce((s, e) => s + e.seconds, 0);
  const out = new Map<string, PlusTaskTests>();
  for (const task of tasks) {
    const exp = expected.get(task.taskId)!;
    out.set(task.taskId, { task, expected: exp, ...plusTaskTests(task, exp, options.plus), baseMs: referenceMs(exp.base), plusMs: referenceMs(exp.plus) });
  }
  return out;
}

/** The two jobs judging `program` on a task: `<id>#base` and `<id>#plus` (separate processes, as in EvalPlus). */
export function plusProgramJobs(id: string, program: string, tests: PlusTaskTests, options: Partial<PlusJobOptions> = {}): [Job, Job] {
  // expected run time = the reference's (largest first: no long job left alone at the end)
  return [plusGroupJob(`${id}#base`, program, tests.base, options, tests.baseMs), plusGroupJob(`${id}#plus`, program, tests.plus, options, tests.plusMs)];
}

/** Characters kept of an input, expected value or actual output in a failure report. */
export const MAX_FAILURE_TEXT = 300;

/** `text`, cut to MAX_FAILURE_TEXT characters. */
export function clipFailureText(text: string): string {
  return text.length > MAX_FAILURE_TEXT ? `${text.slice(0, MAX_FAILURE_TEXT)}...` : text;
}

/**
 * The input and expected output of a test of a task's base or plus group (`base/3`, `plus/7`):
 * the argument list as a Python expression and the canonical solution's output (clipped;
 * `<digest of a large output>` when only its digest is kept). Undefined fields for an unknown id.
 */
export function describePlusFailure(tests: PlusTaskTests, outcome: Pick<TestOutcome, 'testId'>): { input?: string; expected?: string } {
  const [group, index] = outcome.testId.split('/') as [string, string];
  const i = Number(index);
  if ((group !== 'base' && group !== 'plus') || !Number.isInteger(i)) return {};
  const input = (group === 'base' ? tests.task.baseInputs : tests.task.plusInputs)[i];
  const exp = tests.expected[group][i];
  return {
    ...(input !== undefined ? { input: clipFailureText(input) } : {}),
    ...(exp !== undefined ? { expected: clipFailureText(exp.repr ?? (exp.missing ? `<none: ${exp.missing}>` : '<digest of a large output>')) } : {}),
  };
}
