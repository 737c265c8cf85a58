/**
 * Reading LiveCodeBench code-generation problems with their public tests, in the layout of
 * `livecodebench_release_v5_public_tests.json` (rllm's export of LiveCodeBench code_generation_lite
 * release_v5): a JSON array of `{problem, starter_code, tests: [{input, output, testtype}]}`.
 * An empty `starter_code` is a stdin/stdout problem (AtCoder, Codeforces); otherwise a LeetCode
 * "functional" problem whose method is the one `def` of the starter's `class Solution`, and each
 * test input holds one JSON value per line (the positional arguments), the output one JSON value.
 * The file has no ids, dates or difficulties: a task's id is `lcb/` + the first 12 hex digits of
 * the sha256 of its statement, the same in every file holding the problem (the 2408-2501 file is
 * a subset of release_v5). Does not run anything.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { hashOf } from '../io/hash.js';
import { readText } from './benchmarks.js';
import type { BenchmarkFile } from './benchmarks.js';
import type { ContestTask } from './contest-task.js';
import type { NamedDataFile } from './find-data-file.js';

export const LIVECODEBENCH_FILE: NamedDataFile = {
  label: 'lcb',
  names: ['livecodebench_release_v5_public_tests.json'],
  download:
    'livecodebench_release_v5_public_tests.json from the rllm repository (github.com/winnieyangwannan/rllm), its export of livecodebench/code_generation_lite release_v5 with public tests (other windows with --problem-file)',
};

/** One LiveCodeBench problem with its public tests. */
export interface LiveCodeBenchTask extends ContestTask {
  /** "stdin": the program reads stdin and prints; "functional": `Solution().<entryPoint>(*args)`. */
  testType: 'stdin' | 'functional';
  /** Position in the file (0-based). */
  index: number;
}

const Test = z.object({ input: z.string(), output: z.string(), testtype: z.enum(['stdin', 'functional']) });
const Row = z.object({ problem: z.string(), starter_code: z.string(), tests: z.array(Test).min(1) });

/** The id of a problem: stable across files that hold it. */
export function liveCodeBenchId(problem: string): string {
  return `lcb/${hashOf(problem).slice(0, 12)}`;
}

/** Read a LiveCodeBench public-tests file (JSON array). */
export function loadLiveCodeBench(file: string): BenchmarkFile<LiveCodeBenchTask> {
  const text = readText(file);
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (err) {
    throw new SchemaError(file, 1, '(file)', `not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(rows)) throw new SchemaError(file, 1, '(file)', 'expected a JSON array of problems');
  const tasks: LiveCodeBenchTask[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, index) => {
    const parsed = Row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SchemaError(file, index + 1, `[${index}].${issue.path.join('.')}`, issue.message);
    }
    const row = parsed.data;
    const testType = row.starter_code.trim() ? 'functional' : 'stdin';
    if (row.tests.some((t) => t.testtype !== testType)) {
      throw new SchemaError(file, index + 1, `[${index}].tests`, `a ${testType} problem (starter code ${testType === 'stdin' ? 'empty' : 'given'}) with tests of another type`);
    }
    const methods = [...row.starter_code.matchAll(/^\s*def\s+(\w+)\s*\(\s*self\b/gm)].map((m) => m[1]);
    if (testType === 'functional' && methods.length !== 1) {
      throw new SchemaError(file, index + 1, `[${index}].starter_code`, `expected one method in the starter code, found ${methods.length}`);
    }
    const taskId = liveCodeBenchId(row.problem);
    if (seen.has(taskId)) throw new SchemaError(file, index + 1, `[${index}].problem`, `the same statement twice (${taskId})`);
    seen.add(taskId);
    tasks.push({
      taskId,
      index,
      instruction: row.problem,
      starterCode: row.starter_code,
      prompt: row.starter_code,
      entryPoint: testType === 'functional' ? methods[0] : null,
      testType,
      cases: row.tests.map((t) => ({ input: t.input, expected: t.output })),
      source: `${file}#${index}`,
    });
  });
  return { file, contentHash: hashOf(text), tasks };
}
