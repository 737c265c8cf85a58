/**
 * Reading DeepSeek-Coder's LeetCode contest set (`20240121-Jul.jsonl`, deepseek-ai/DeepSeek-Coder,
 * Evaluation/LeetCode/data): 180 problems of weekly and biweekly contests from July 2023 to January
 * 2024, each with a `prompt` (the statement in a docstring, then the `class Solution` starter code),
 * `prompt_sft` (the statement for chat models), `meta.difficulty`, `start_time` (contest start, Unix
 * seconds) and `test`: `my_solution = Solution()` (plus helpers such as linked-list builders), then
 * about 100 cases `test_input = {...}` / `assert my_solution.f(**test_input) == expected`.
 * The test is split into its setup and one runnable test per case (see assert-cases.ts); a test
 * that is not of that form stays whole. Does not run anything.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { caseCode, splitAssert } from './assert-cases.js';
import type { BenchmarkFile } from './benchmarks.js';
import { loadTaskRows } from './benchmarks.js';
import type { ContestTask } from './contest-task.js';
import type { NamedDataFile } from './find-data-file.js';

export const LEETCODE_CONTEST_FILE: NamedDataFile = {
  label: 'leetcode',
  names: ['20240121-Jul.jsonl'],
  download:
    'https://github.com/deepseek-ai/DeepSeek-Coder/raw/main/Evaluation/LeetCode/data/20240121-Jul.jsonl (deepseek-ai/DeepSeek-Coder, Evaluation/LeetCode/data)',
};

/** One problem of the contest set. */
export interface LeetCodeContestTask extends ContestTask {
  entryPoint: string;
  /** e.g. "weekly-contest-381". */
  contest: string;
  /** The test's code before its first case (`my_solution = Solution()` and helpers): run after the program. */
  setup: string;
  /** One test per case, in order (`test_input = ...`, then the assert, reporting the actual value); null = the test is run whole. */
  caseTests: string[] | null;
  /** The test as published. */
  test: string;
}

const Row = z.object({
  task_id: z.string(),
  prompt: z.string(),
  prompt_sft: z.string(),
  test: z.string(),
  start_time: z.number(),
  meta: z.looseObject({ difficulty: z.string() }),
});

const CASE = /^test_input = ([\s\S]*?)\n(assert [^\n]*)$/;

/** Setup and cases of a DeepSeek test; null cases when a block is not `test_input = ...` + one assert. */
function splitTest(test: string): Pick<LeetCodeContestTask, 'setup' | 'caseTests' | 'cases'> & { method: string | null } {
  const blocks = test.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const first = blocks.findIndex((b) => b.startsWith('test_input = '));
  const setup = (first < 0 ? blocks : blocks.slice(0, first)).join('\n\n');
  const caseTests: string[] = [];
  const cases: ContestTask['cases'] = [];
  let method: string | null = null;
  for (const block of first < 0 ? [] : blocks.slice(first)) {
    const m = CASE.exec(block);
    const parts = m ? splitAssert(m[2]) : null;
    if (!m || !parts) return { setup: '', caseTests: null, cases: [], method: /my_solution\.(\w+)\(/.exec(test)?.[1] ?? null };
    method ??= /my_solution\.(\w+)\(/.exec(parts.call)?.[1] ?? null;
    caseTests.push(caseCode(parts, `test_input = ${m[1]}`));
    cases.push({ input: m[1], expected: parts.expected });
  }
  return { setup, caseTests: caseTests.length ? caseTests : null, cases, method };
}

/** The starter code: what follows the statement's docstring in `prompt`. */
function starterOf(prompt: string): string {
  const end = prompt.lastIndexOf('"""\n');
  return end < 0 ? prompt : prompt.slice(end + 4);
}

/** Read the contest set (JSONL as published). */
export function loadLeetCodeContest(file: string): BenchmarkFile<LeetCodeContestTask> {
  return loadTaskRows(file, Row, (row, line) => {
    const split = splitTest(row.test);
    if (!split.method) throw new SchemaError(file, line, 'test', 'no call of my_solution.<method>(...) in the test');
    return {
      taskId: row.task_id,
      instruction: row.prompt_sft,
      starterCode: starterOf(row.prompt),
      prompt: row.prompt,
      entryPoint: split.method,
      difficulty: row.meta.difficulty,
      date: new Date(row.start_time * 1000).toISOString().slice(0, 10),
      contest: /^((?:bi)?weekly-contest-\d+)/.exec(row.task_id)?.[1] ?? row.task_id,
      setup: split.setup,
      caseTests: split.caseTests,
      cases: split.cases,
      test: row.test,
      source: `${file}:${line}`,
    };
  });
}
