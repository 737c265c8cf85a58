// `leetcodedataset`: LeetCodeDataset test splits judged as its eval_lcd judges them (prompt + code +
// check(entry_point)). The v0.3.1 reference completions pass (>= 99%; what fails is listed with its
// reason), v0.2.0's all pass, a wrong answer fails with the assert's input, expected and actual
// value, and a check that is not one assert per line still runs, whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { loadLeetCodeDataset } from '../../src/problems/leetcodedataset.js';
import { dataPath, describeWithData, sharedData } from '../support/shared-data.js';

// Generous limits (6x the default 10 s, 20x eval_lcd's 3 s) so that a loaded machine does not decide the verdicts.
const GENEROUS_SECONDS = 60; // --timeout 60: 60 s per assert, 61 s for the whole job
// Reference completions that need more than eval_lcd's 3 s even alone (12.8 s and 21.8 s of CPU
// measured here): they time out under eval_lcd's own limit, and may under the generous one.
const SLOW_REFERENCES = ['maximum-number-of-moves-to-kill-all-pawns', 'find-the-number-of-subsequences-with-equal-gcd'];

let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine({ cacheDir: null, workers: 2 });
  dir = mkdtempSync(join(tmpdir(), 'plum-lcd-'));
});
afterAll(async () => {
  await engine?.close();
});

function samplesFile(name: string, rows: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

describe('leetcodedataset checks (a file in the published format)', () => {
  it('runs a check that is not one assert per line whole, as eval_lcd does', async () => {
    const row = {
      task_id: 'add-two',
      prompt: 'from typing import *\n',
      completion: 'class Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b\n',
      entry_point: 'Solution().add',
      test: 'def check(candidate):\n    for a in range(3):\n        assert candidate(a, 1) == a + 1\n',
      query: 'Add two numbers.',
    };
    const problemFile = join(dir, 'tiny-lcd.jsonl.gz');
    writeFileSync(problemFile, gzipSync(JSON.stringify(row) + '\n'));
    expect(loadLeetCodeDataset(problemFile).tasks[0].caseTests).toBeNull();
    const samples = samplesFile('tiny-samples.jsonl', [
      { task_id: 'add-two', completion: row.completion },
      { task_id: 'add-two', completion: row.completion.replace('a + b', 'a * b') },
    ]);
    const report = await evaluateSamples({ dataset: 'leetcodedataset', samples, problemFile, engine, progress: false });
    expect(report.results.map((r) => r.passed)).toEqual([true, false]);
    expect(report.results[1].check!.failures[0]).toMatchObject({ testId: 'check', verdict: 'fail', errorType: 'AssertionError' });
  }, 60_000);
});

describeWithData('leetcodedataset on ../shared/data', ['leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz', 'leetcodedataset/LeetCodeDataset-v0.2.0-test.jsonl.gz'], () => {
  it('v0.3.1: the reference completions pass (>= 99%), and whatever fails is listed with its reason', async () => {
    const bench = loadLeetCodeDataset(dataPath('leetcodedataset', 'LeetCodeDataset-v0.3.1-test.jsonl.gz'));
    expect(bench.tasks).toHaveLength(228);
    expect(bench.tasks.filter((t) => !t.caseTests)).toEqual([]);
    const samples = samplesFile('v031-reference.jsonl', bench.tasks.map((t) => ({ task_id: t.taskId, completion: t.completion })));
    const report = await evaluateSamples({ dataset: 'leetcodedataset', samples, dataDir: sharedData, engine, progress: false, timeoutSeconds: GENEROUS_SECONDS });
    const failed = report.results.filter((r) => !r.passed).map((r) => ({ task: r.task_id, result: r.result }));
    expect(failed.length).toBeLessThanOrEqual(2); // >= 226 / 228 = 99.1 %
    for (const f of failed) {
      expect(SLOW_REFERENCES).toContain(f.task);
      expect(f.result).toBe('timed out');
    }
    expect(report.passAtK!['pass@1']).toBeGreaterThanOrEqual(0.99);
    expect(Object.keys(report.summary.breakdowns)).toEqual(['difficulty', 'release_month']);
    expect(report.summary.breakdowns.difficulty.Easy).toMatchObject({ tasks: 48, passAtK: { passed: { 'pass@1': 1 } } });
    expect(Object.keys(report.summary.breakdowns.release_month)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
  }, 600_000);

  it('v0.2.0 (the older layout): all 200 reference completions pass', async () => {
    const problemFile = dataPath('leetcodedataset', 'LeetCodeDataset-v0.2.0-test.jsonl.gz');
    const bench = loadLeetCodeDataset(problemFile);
    expect(bench.tasks.filter((t) => t.difficulty === 'Medium')).toHaveLength(102); // 21 of them spelled "Meidum" in the file
    expect(bench.tasks[0].starterCode).toBe('class Solution:\n    def minOperations(self, nums: List[int], k: int) -> int:\n');
    const samples = samplesFile('v020-reference.jsonl', bench.tasks.map((t) => ({ task_id: t.taskId, completion: t.completion })));
    const report = await evaluateSamples({ dataset: 'leetcodedataset', samples, problemFile, engine, progress: false, timeoutSeconds: GENEROUS_SECONDS });
    expect(report.results.filter((r) => !r.passed).map((r) => `${r.task_id}: ${r.result}`)).toEqual([]);
  }, 300_000);

  it('a wrong answer fails with the input, expected and actual value of the failing assert', async () => {
    const bench = loadLeetCodeDataset(dataPath('leetcodedataset', 'LeetCodeDataset-v0.3.1-test.jsonl.gz'));
    const task = bench.tasks.find((t) => t.taskId === 'shortest-distance-after-road-addition-queries-i')!;
    const samples = samplesFile('wrong.jsonl', [
      { task_id: task.taskId, solution: 'class Solution:\n    def shortestDistanceAfterQueries(self, n, queries):\n        return [n - 1] * len(queries)\n' },
    ]);
    const report = await evaluateSamples({ dataset: 'leetcodedataset', samples, dataDir: sharedData, engine, progress: false });
    const failure = report.results[0].check!.failures[0];
    expect(report.results[0].passed).toBe(false);
    expect(failure).toMatchObject({ testId: 'case/0', verdict: 'fail', input: 'n = 7,queries = [[0, 5], [1, 6], [2, 4]]', expected: '[2, 2, 2]', output: '[6, 6, 6]' });
  }, 60_000);
});
