// Entry points that are expressions, as in LeetCodeDataset (`Solution().twoSum`): check and call
// tests evaluate them in the program's globals. Needs ../shared/data (LeetCodeDataset) for the
// second part, which is skipped when the folder is absent. Real Python workers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Job, type JobResult } from '../../src/index.js';

import { dataPath, describeWithData } from '../support/shared-data.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

async function runAll(jobs: Job[]): Promise<Map<string, JobResult>> {
  const out = new Map<string, JobResult>();
  for await (const r of engine.run(jobs, { noCache: true })) out.set(r.jobId, r);
  return out;
}

const SOLUTION = 'class Solution:\n    def __init__(self):\n        self.calls = 0\n    def add(self, a: int, b: int) -> int:\n        self.calls += 1\n        return a + b + (self.calls > 2)\n';

describe('expression entry points', () => {
  it('work in check and call tests, with one instance per check as LeetCodeDataset does', async () => {
    const check = (n: number) => `def check(candidate):\n${Array.from({ length: n }, (_, i) => `    assert candidate(a=${i}, b=1) == ${i + 1}\n`).join('')}`;
    const r = await runAll([
      { id: 'check-2', program: SOLUTION, tests: [{ id: 't', kind: 'check', code: check(2), entryPoint: 'Solution().add' }] },
      // the third call on the same instance is wrong: the instance lives for the whole check
      { id: 'check-3', program: SOLUTION, tests: [{ id: 't', kind: 'check', code: check(3), entryPoint: 'Solution().add' }] },
      // call tests: a fresh instance per test
      { id: 'calls', program: SOLUTION, tests: Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, kind: 'call' as const, entryPoint: 'Solution().add', args: `[${i}, 1]`, expected: String(i + 1) })) },
      { id: 'no-method', program: SOLUTION, tests: [{ id: 't', kind: 'check', code: check(1), entryPoint: 'Solution().sub' }] },
      { id: 'init-raises', program: 'class Solution:\n    def __init__(self):\n        raise RuntimeError("no")\n    def add(self, a, b):\n        return a + b\n', tests: [{ id: 't', kind: 'call', entryPoint: 'Solution().add', args: '[1, 1]', expected: '2' }] },
    ]);
    expect(r.get('check-2')!.verdict).toBe('pass');
    expect(r.get('check-3')!.tests[0].verdict).toBe('fail');
    expect(r.get('calls')!.tests.map((t) => t.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(r.get('no-method')!.tests[0]).toMatchObject({ verdict: 'error', errorType: 'AttributeError' });
    expect(r.get('init-raises')!.tests[0]).toMatchObject({ verdict: 'error', errorType: 'RuntimeError' });
  });
});

const lcFile = dataPath('leetcodedataset', 'LeetCodeDataset-v0.2.0-test.jsonl.gz');

describeWithData('LeetCodeDataset v0.2.0 test split on ../shared/data', ['leetcodedataset/LeetCodeDataset-v0.2.0-test.jsonl.gz'], () => {
  it('passes every reference completion and fails completions of other tasks', async () => {
    const rows: { task_id: string; prompt: string; completion: string; test: string; entry_point: string }[] = gunzipSync(readFileSync(lcFile))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(200);
    // the dataset's own program: prompt + completion, then check(<entry point>)
    const jobs: Job[] = rows.map((r) => ({ id: r.task_id, program: r.prompt + r.completion, tests: [{ id: 'check', kind: 'check', code: r.test, entryPoint: r.entry_point }] }));
    // another task's completion (one whose method has another name: it cannot pass by accident)
    const other = (i: number) => rows.find((o, j) => j > i && o.entry_point !== rows[i].entry_point)!;
    const swapped: Job[] = rows.slice(0, 20).map((r, i) => ({ id: `swapped-${r.task_id}`, program: r.prompt + other(i).completion, tests: [{ id: 'check', kind: 'check', code: r.test, entryPoint: r.entry_point }] }));
    const results = await runAll([...jobs, ...swapped]);
    const failed = jobs.filter((j) => !results.get(j.id)!.passed).map((j) => `${j.id}: ${JSON.stringify(results.get(j.id)!.tests[0])}`);
    expect(failed).toEqual([]);
    for (const j of swapped) expect(results.get(j.id)!.passed, j.id).toBe(false);
  }, 120_000);
});
