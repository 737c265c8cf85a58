/**
 * Reading LeetCodeDataset (newfacade/LeetCodeDataset) test splits, `LeetCodeDataset-v0.3.1-test.jsonl.gz`
 * (228 problems, August 2024 - March 2025) and the older v0.2.0 layout (200 problems; difficulty and
 * question id under `meta`, no date, no starter code field). Each row has `prompt` (imports and
 * helpers such as ListNode / TreeNode: the preamble of every program), `completion` (the reference
 * solution), `entry_point` (e.g. "Solution().twoSum"), `test` (`def check(candidate):` with one
 * `assert candidate(...) == ...` per line) and `query` (the chat prompt). The check's asserts are
 * also split into one runnable test each (assert-cases.ts); a check not of that form stays whole.
 * Does not run anything.
 */
import { z } from 'zod';
import { caseCode, splitAssert } from './assert-cases.js';
import type { BenchmarkFile } from './benchmarks.js';
import { loadTaskRows } from './benchmarks.js';
import type { ContestTask } from './contest-task.js';
import type { NamedDataFile } from './find-data-file.js';

export const LEETCODEDATASET_FILE: NamedDataFile = {
  label: 'leetcodedataset',
  names: ['LeetCodeDataset-v0.3.1-test.jsonl.gz', 'LeetCodeDataset-v0.3.1-test.jsonl'],
  download:
    'https://github.com/newfacade/LeetCodeDataset/raw/main/data/LeetCodeDataset-v0.3.1-test.jsonl.gz (newfacade/LeetCodeDataset, data/; other splits with --problem-file)',
};

/** One problem of a LeetCodeDataset split. */
export interface LeetCodeDatasetTask extends ContestTask {
  /** The expression `check` is called with, e.g. "Solution().twoSum". */
  checkEntryPoint: string;
  entryPoint: string;
  questionId?: number;
  tags: string[];
  /** The reference solution (appended to `prompt`). */
  completion: string;
  /** `def check(candidate): ...` as published. */
  test: string;
  /** One test per assert of the check, calling `candidate`; null = the check is run whole. */
  caseTests: string[] | null;
}

const Row = z.looseObject({
  task_id: z.string(),
  prompt: z.string(),
  completion: z.string(),
  entry_point: z.string(),
  test: z.string(),
  query: z.string().default(''),
  question_id: z.number().optional(),
  difficulty: z.string().optional(),
  tags: z.array(z.string()).default([]),
  starter_code: z.string().optional(),
  estimated_date: z.string().optional(),
  problem_description: z.string().optional(),
  meta: z.looseObject({ question_id: z.number().optional(), difficulty: z.string().optional(), question_title: z.string().optional() }).optional(),
});

/** v0.2.0 spells 21 difficulties "Meidum". */
function normaliseDifficulty(d: string | undefined): string | undefined {
  return d === 'Meidum' ? 'Medium' : d;
}

/** The asserts of `def check(candidate):`, one runnable test each; null unless every body line is `assert CALL == EXPECTED`. */
function splitCheck(test: string): { caseTests: string[] | null; cases: ContestTask['cases'] } {
  const lines = test.split('\n');
  const header = lines.findIndex((l) => l.trim());
  if (header < 0 || lines[header].trim() !== 'def check(candidate):') return { caseTests: null, cases: [] };
  const caseTests: string[] = [];
  const cases: ContestTask['cases'] = [];
  for (const line of lines.slice(header + 1)) {
    if (!line.trim()) continue;
    const parts = /^\s+assert /.test(line) ? splitAssert(line) : null;
    if (!parts || !parts.call.startsWith('candidate(')) return { caseTests: null, cases: [] };
    caseTests.push(caseCode(parts));
    cases.push({ input: parts.call.slice('candidate('.length, -1), expected: parts.expected });
  }
  return caseTests.length ? { caseTests, cases } : { caseTests: null, cases: [] };
}

/** The starter code inside a v0.2.0 query's last ```python block. */
function starterFromQuery(query: string): string {
  const blocks = [...query.matchAll(/```python\n([\s\S]*?)```/g)];
  return blocks.length ? blocks[blocks.length - 1][1] : '';
}

/** Read a LeetCodeDataset split (JSONL, optionally gzipped). */
export function loadLeetCodeDataset(file: string): BenchmarkFile<LeetCodeDatasetTask> {
  return loadTaskRows(file, Row, (row, line) => {
    const method = /\.(\w+)$/.exec(row.entry_point)?.[1] ?? row.entry_point;
    const { caseTests, cases } = splitCheck(row.test);
    return {
      taskId: row.task_id,
      instruction: row.query,
      starterCode: row.starter_code ?? starterFromQuery(row.query),
      prompt: row.prompt,
      entryPoint: method,
      checkEntryPoint: row.entry_point,
      questionId: row.question_id ?? row.meta?.question_id,
      difficulty: normaliseDifficulty(row.difficulty ?? row.meta?.difficulty),
      date: row.estimated_date,
      tags: row.tags,
      completion: row.completion,
      test: row.test,
      caseTests,
      cases,
      source: `${file}:${line}`,
    };
  });
}
