// `leetcode`: DeepSeek-Coder's LeetCode contest set, judged as its Evaluation/LeetCode judges it
// (import helper lines + the code + the test's asserts, 10 s). The file has no reference
// solutions: hand-written correct programs must pass (as a full solution and as a completion of the
// prompt, with the test's own linked-list helpers), wrong ones fail with the failing case's input,
// expected and actual value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { loadLeetCodeContest, type LeetCodeContestTask } from '../../src/problems/leetcode-contest.js';
import { dataPath, describeWithData, sharedData } from '../support/shared-data.js';

const PUSHES = 'weekly-contest-381-minimum-number-of-pushes-to-type-word-i';
const DOUBLE = 'weekly-contest-358-double-a-number-represented-as-a-linked-list';

describeWithData('leetcode on ../shared/data (DeepSeek-Coder 20240121-Jul)', ['leetcode_deepseek/20240121-Jul.jsonl'], () => {
  let engine: Engine;
  let dir: string;
  let tasks: Map<string, LeetCodeContestTask>;
  beforeAll(async () => {
    engine = await createEngine({ cacheDir: null, workers: 2 });
    dir = mkdtempSync(join(tmpdir(), 'plum-leetcode-'));
    tasks = new Map(loadLeetCodeContest(dataPath('leetcode_deepseek', '20240121-Jul.jsonl')).tasks.map((t) => [t.taskId, t]));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('reads 180 problems (45 Easy, 91 Medium, 44 Hard), every test split into its ~100 cases', () => {
    expect(tasks.size).toBe(180);
    const all = [...tasks.values()];
    expect(all.filter((t) => t.difficulty === 'Easy')).toHaveLength(45);
    expect(all.filter((t) => t.difficulty === 'Hard')).toHaveLength(44);
    expect(all.filter((t) => !t.caseTests)).toEqual([]);
    expect(all.every((t) => t.caseTests!.length === t.cases.length && t.cases.length >= 100)).toBe(true);
    const pushes = tasks.get(PUSHES)!;
    expect(pushes).toMatchObject({ entryPoint: 'minimumPushes', contest: 'weekly-contest-381', date: '2024-01-21', setup: 'my_solution = Solution()' });
    expect(pushes.starterCode).toBe('class Solution:\n    def minimumPushes(self, word: str) -> int:\n        ');
    expect(pushes.cases[0]).toEqual({ input: '{ "word": "abcde" }', expected: '5' });
    expect(tasks.get(DOUBLE)!.setup).toContain('_f2 = lambda node');
  });

  it('hand-written correct programs pass, wrong ones fail with the failing case shown', async () => {
    const samples = join(dir, 'samples.jsonl');
    const rows = [
      // a full program; numpy and `from collections import *` come from DeepSeek's import lines
      { task_id: PUSHES, solution: 'class Solution:\n    def minimumPushes(self, word: str) -> int:\n        return sum(i // 8 + 1 for i in range(len(word)))\n' },
      // wrong beyond 8 letters
      { task_id: PUSHES, solution: 'class Solution:\n    def minimumPushes(self, word: str) -> int:\n        return len(word)\n' },
      // a completion of the prompt (which defines ListNode); the test converts lists with its own helpers
      {
        task_id: DOUBLE,
        completion:
          'v = 0\n        node = head\n        while node:\n            v = v * 10 + node.val\n            node = node.next\n' +
          '        dummy = cur = ListNode()\n        for d in str(2 * v):\n            cur.next = ListNode(int(d))\n            cur = cur.next\n        return dummy.next\n',
      },
      // forgets the carry into a new leading digit
      {
        task_id: DOUBLE,
        completion:
          'v = 0\n        node = head\n        while node:\n            v = v * 10 + node.val\n            node = node.next\n' +
          '        dummy = cur = ListNode()\n        for d in str(2 * v)[-len(str(v)):]:\n            cur.next = ListNode(int(d))\n            cur = cur.next\n        return dummy.next\n',
      },
      { task_id: PUSHES, solution: 'class Solution:\n    def minimumPushes(self, word: str) -> int:\n        return (\n' },
    ];
    writeFileSync(samples, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = await evaluateSamples({ dataset: 'leetcode', samples, dataDir: sharedData, engine, progress: false });
    expect(report.results.map((r) => r.passed)).toEqual([true, false, true, false, false]);
    expect(report.outFile).toBe(`${samples}_leetcode_results.jsonl`);
    const pushes = tasks.get(PUSHES)!;
    const firstWrong = pushes.cases.findIndex((c) => JSON.parse(c.input).word.length > 8);
    expect(report.results[1].check!.failures[0]).toMatchObject({
      testId: `case/${firstWrong}`,
      verdict: 'fail',
      input: pushes.cases[firstWrong].input,
      expected: pushes.cases[firstWrong].expected,
      output: String(JSON.parse(pushes.cases[firstWrong].input).word.length),
    });
    expect(report.results[1].result).toMatch(/^failed: AssertionError/);
    expect(report.results[3].check!.failures[0]).toMatchObject({ input: '{ "head": _f1([9,9,9]) }', expected: '[1,9,9,8]', output: '[9, 9, 8]' });
    expect(report.results[4].check!.verdict).toBe('syntax_error');
    expect(Object.keys(report.summary.breakdowns)).toEqual(['difficulty', 'contest_month']);
    expect(report.summary.breakdowns.contest_month['2024-01']).toMatchObject({ tasks: 1, samples: 3 });
    expect(report.summary.breakdowns.contest_month['2023-08']).toMatchObject({ tasks: 1, samples: 2 });
  }, 120_000);
});
