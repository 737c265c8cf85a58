/**
 * Engine jobs for `lcb` (LiveCodeBench code generation, public tests), judged as LiveCodeBench's
 * lcb_runner/evaluation/testing_util.py judges them:
 * - the program is LiveCodeBench's import preamble (`import_string`: star imports of the usual
 *   modules and `sys.setrecursionlimit(50000)`) followed by the sample's code;
 * - stdin problems: the program runs once per test with the input on stdin, as `__main__` (LCB
 *   inlines a trailing `if __name__ == '__main__':` block); the output matches when, both texts
 *   stripped and split into lines, each line stripped, there are as many lines and each pair is
 *   equal or reads as the same list of Decimals (the engine's `stdio` test does exactly this);
 * - functional problems: `Solution().<method>` (one instance when the code has `class Solution`,
 *   else a module-level function of that name) called with the input's lines as JSON arguments; a
 *   tuple result counts as a list, then `==` with the JSON expected value (oracle `lcb:functional`);
 * - 6 s per test (LCB's default `timeout`, also for loading), the whole job (6 + 1) s per test + 5 s
 *   (LCB's global limit). LCB stops at the first failing test; all tests run here, the verdict is the
 *   same (pass iff every test passes). Pure.
 */
import type { Job } from '../execution/types.js';
import type { LiveCodeBenchTask } from '../problems/livecodebench.js';
import type { TestSpec } from '../records.js';
import type { EvalSample } from './samples.js';

/** Time limits of the lcb jobs; defaults in `DEFAULT_LCB_JOB_OPTIONS`. */
export interface LcbJobOptions {
  /** LiveCodeBench's `timeout` (ms) per test and for loading; default 6000. */
  timeoutMs: number;
  /** Added per test to the whole-job limit (LCB: (timeout + 1) x tests + 5 s); default 1000. */
  perTestGraceMs: number;
  /** Added once to the whole-job limit; default 5000. */
  jobGraceMs: number;
}

export const DEFAULT_LCB_JOB_OPTIONS: Readonly<LcbJobOptions> = Object.freeze({ timeoutMs: 6000, perTestGraceMs: 1000, jobGraceMs: 5000 });

/** LiveCodeBench's `import_string`: the preamble of every program it runs. */
export const LCB_PREAMBLE = [
  ...['string', 're', 'datetime', 'collections', 'heapq', 'bisect', 'copy', 'math', 'random', 'statistics', 'itertools', 'functools', 'operator', 'io', 'sys', 'json', 'builtins', 'typing'].map(
    (m) => `from ${m} import *`,
  ),
  ...['string', 're', 'datetime', 'collections', 'heapq', 'bisect', 'copy', 'math', 'random', 'statistics', 'itertools', 'functools', 'operator', 'io', 'sys', 'json'].map((m) => `import ${m}`),
  'sys.setrecursionlimit(50000)',
].join('\n');

/** The name the functional jobs bind the `Solution()` instance to. */
const INSTANCE = '_plum_solution';

/** The sample's code: a full `solution`, else the starter code followed by the `completion`. */
export function lcbCode(task: LiveCodeBenchTask, sample: Pick<EvalSample, 'solution' | 'completion'>): string {
  return sample.solution ?? task.prompt + (sample.completion ?? '');
}

/** The arguments of a functional input (one JSON value per line) as a Python list expression. */
export function lcbArgs(input: string): string {
  return `[${input.split('\n').join(', ')}]`;
}

/** The job judging `code` on `task`: one test `case/<i>` per public test. */
export function lcbJob(id: string, task: LiveCodeBenchTask, code: string, options: Partial<LcbJobOptions> = {}): Job {
  const opts = { ...DEFAULT_LCB_JOB_OPTIONS, ...options };
  let program = `${LCB_PREAMBLE}\n\n${code}\n`;
  let tests: TestSpec[];
  if (task.testType === 'stdin') {
    tests = task.cases.map((c, i) => ({ id: `case/${i}`, kind: 'stdio', stdin: c.input, expectedStdout: c.expected }));
  } else {
    // LCB: `if "class Solution" in code` the method of one Solution() instance, else the module's function.
    const entryPoint = code.includes('class Solution') ? `${INSTANCE}.${task.entryPoint}` : task.entryPoint!;
    if (code.includes('class Solution')) program += `${INSTANCE} = Solution()\n`;
    tests = task.cases.map((c, i) => ({ id: `case/${i}`, kind: 'call', entryPoint, args: lcbArgs(c.input), expected: c.expected, oracle: 'lcb:functional' }));
  }
  return {
    id,
    program,
    tests,
    limits: { testTimeoutMs: opts.timeoutMs, jobTimeoutMs: (opts.timeoutMs + opts.perTestGraceMs) * tests.length + opts.jobGraceMs },
  };
}
