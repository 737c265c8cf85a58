// `lcb`: LiveCodeBench problems judged as lcb_runner/evaluation/testing_util.py judges them. The
// published file has no reference solutions, so hand-written correct programs must pass and wrong
// ones fail (stdin/stdout and functional), with the failing case shown; a small file in the same
// format checks LiveCodeBench's comparison rules one by one (stripping, line by line, Decimal
// tokens, tuple = list, no float tolerance in functional answers).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { liveCodeBenchId, loadLiveCodeBench } from '../../src/problems/livecodebench.js';
import { dataPath, describeWithData, sharedData } from '../support/shared-data.js';

let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await createEngine({ cacheDir: null, workers: 2 });
  dir = mkdtempSync(join(tmpdir(), 'plum-lcb-'));
});
afterAll(async () => {
  await engine?.close();
});

function writeJsonl(name: string, rows: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

describe('lcb comparison rules (a file in the published format)', () => {
  const problems = [
    { problem: 'P1: print the sum of two integers, then their ratio', starter_code: '', tests: [{ input: '1 2\n', output: '3\n0.5\n', testtype: 'stdin' }] },
    {
      problem: 'P2: return the pair (a, b) sorted, and their mean',
      starter_code: 'class Solution:\n    def f(self, a: int, b: int) -> List[float]:\n        ',
      tests: [{ input: '3\n1', output: '[1, 3]', testtype: 'functional' }],
    },
    {
      problem: 'P3: return the mean of a list',
      starter_code: 'class Solution:\n    def mean(self, xs: List[float]) -> float:\n        ',
      tests: [{ input: '[0.1, 0.2]', output: '0.15', testtype: 'functional' }],
    },
  ];
  let file: string;
  beforeAll(() => {
    file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(problems));
  });
  const [p1, p2, p3] = problems.map((p) => liveCodeBenchId(p.problem));

  it('passes and fails exactly as LiveCodeBench would', async () => {
    const samples = writeJsonl('rules-samples.jsonl', [
      // stdin: surrounding blank lines and spaces are stripped; "0.50" and "5e-1" read as the same Decimal as "0.5"
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint()\nprint(" ", a + b, " ")\nprint("%.2f" % (a / b))\nprint()\n' },
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint(a + b)\nprint("5e-1")\n' },
      // ... but not a close float, a missing line, or two values on one line
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint(a + b)\nprint(0.5000001)\n' },
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint(a + b)\n' },
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint(a + b, a / b)\n' },
      // a trailing `if __name__ == "__main__":` block runs (LCB inlines it)
      { task_id: p1, solution: 'def main():\n    a, b = map(int, input().split())\n    print(a + b)\n    print(a / b)\n\nif __name__ == "__main__":\n    main()\n' },
      // functional: a tuple answer counts as the list; a completion is appended to the starter code
      { task_id: p2, solution: 'class Solution:\n    def f(self, a, b):\n        return tuple(sorted((a, b)))\n' },
      { task_id: p2, completion: 'return sorted([a, b])\n' },
      { task_id: p2, solution: 'class Solution:\n    def f(self, a, b):\n        return [a, b]\n' },
      // no float tolerance: 0.15000000000000002 != 0.15
      { task_id: p3, solution: 'class Solution:\n    def mean(self, xs):\n        return sum(xs) / len(xs)\n' },
      { task_id: p3, solution: 'class Solution:\n    def mean(self, xs):\n        return 0.15\n' },
      // the LCB preamble is in scope: `sqrt`, `List` without imports; a module-level function is found too
      { task_id: p3, solution: 'def mean(xs: List[float]) -> float:\n    return round(sqrt(sum(xs) / len(xs)) ** 2, 2)\n' },
    ]);
    const report = await evaluateSamples({ dataset: 'lcb', samples, problemFile: file, engine, progress: false });
    expect(report.results.map((r) => r.passed)).toEqual([true, true, false, false, false, true, true, true, false, false, true, true]);
    const missing = report.results[3].check!.failures[0];
    expect(missing).toMatchObject({ testId: 'case/0', verdict: 'fail', input: '1 2\n', expected: '3\n0.5\n', output: "'3\\n'" });
    const swapped = report.results[8].check!.failures[0];
    expect(swapped).toMatchObject({ input: '3\n1', expected: '[1, 3]', output: '[3, 1]' });
    expect(report.summary.breakdowns).toEqual({
      test_type: {
        functional: expect.objectContaining({ tasks: 2, samples: 6 }),
        stdin: expect.objectContaining({ tasks: 1, samples: 6 }),
      },
    });
    expect(report.summary.breakdowns.test_type.stdin.passAtK.passed['pass@1']).toBeCloseTo(0.5, 12); // 3 of 6 pass
  }, 120_000);

  it('plum eval --dataset lcb prints pass@1 and the breakdown, and writes the results beside the samples', async () => {
    const samples = writeJsonl('cli-samples.jsonl', [
      { task_id: p1, solution: 'a, b = map(int, input().split())\nprint(a + b)\nprint(a / b)\n' },
      { task_id: p3, solution: 'class Solution:\n    def mean(self, xs):\n        return sum(xs) / len(xs)\n' },
    ]);
    const args = [join(packageRoot(), 'bin', 'plum.js'), 'eval', '--dataset', 'lcb', '--samples', samples, '--problem-file', file, '--jobs', '1', '--no-cache'];
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, args, { env: { ...process.env, PLUM_PROGRESS: '0' } }, (error, out) => done({ code: error ? 1 : 0, stdout: out }));
    });
    expect(code).toBe(0);
    expect(stdout).toContain('lcb: 2 samples of 2/3 tasks');
    expect(stdout).toContain('pass@1: 0.5000');
    expect(stdout).toContain('test_type functional (1 tasks): pass@1: 0.0000');
    expect(stdout).toContain('test_type stdin (1 tasks): pass@1: 1.0000');
    const lines = readFileSync(`${samples}_lcb_results.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.task_id, l.passed])).toEqual([[p1, true], [p3, false]]);
  }, 120_000);
});

describeWithData('lcb on ../shared/data (release_v5 public tests)', ['livecodebench_rllm/livecodebench_release_v5_public_tests.json'], () => {
  let bench: ReturnType<typeof loadLiveCodeBench>;
  beforeAll(() => {
    bench = loadLiveCodeBench(dataPath('livecodebench_rllm', 'livecodebench_release_v5_public_tests.json'));
  });
  const byStart = (text: string) => {
    const task = bench.tasks.find((t) => t.instruction.startsWith(text));
    if (!task) throw new Error(`no problem starting with ${text}`);
    return task;
  };

  it('reads 879 problems: 498 stdin, 381 functional, ids stable across files', () => {
    expect(bench.tasks).toHaveLength(879);
    expect(bench.tasks.filter((t) => t.testType === 'stdin')).toHaveLength(498);
    expect(new Set(bench.tasks.map((t) => t.taskId)).size).toBe(879);
    const window = loadLiveCodeBench(dataPath('livecodebench_rllm', 'livecodebench_2408-2501_public_tests.json'));
    const ids = new Set(bench.tasks.map((t) => t.taskId));
    expect(window.tasks.every((t) => ids.has(t.taskId))).toBe(true);
  });

  it('hand-written correct programs pass, wrong ones fail with the failing case shown', async () => {
    const cards = byStart('There are three cards with letters');
    const seniors = byStart('You are given a 0-indexed array of strings details.');
    const roads = bench.tasks.find((t) => t.entryPoint === 'shortestDistanceAfterQueries')!;
    const samples = writeJsonl('v5-samples.jsonl', [
      { task_id: cards.taskId, solution: 't = int(input())\nfor _ in range(t):\n    s = input().strip()\n    print("YES" if sum(x != y for x, y in zip(s, "abc")) in (0, 2) else "NO")\n' },
      { task_id: cards.taskId, solution: 'import sys\ndata = sys.stdin.read().split()\nprint("\\n".join("YES" for _ in data[1:]))\n' },
      { task_id: seniors.taskId, solution: 'class Solution:\n    def countSeniors(self, details: List[str]) -> int:\n        return sum(int(d[11:13]) > 60 for d in details)\n' },
      { task_id: seniors.taskId, solution: 'class Solution:\n    def countSeniors(self, details: List[str]) -> int:\n        return len(details)\n' },
      {
        task_id: roads.taskId,
        solution:
          'class Solution:\n    def shortestDistanceAfterQueries(self, n, queries):\n        g = [[i + 1] for i in range(n - 1)] + [[]]\n        out = []\n' +
          '        for u, v in queries:\n            g[u].append(v)\n            dist = [-1] * n\n            dist[0] = 0\n            q = deque([0])\n' +
          '            while q:\n                x = q.popleft()\n                for y in g[x]:\n                    if dist[y] < 0:\n                        dist[y] = dist[x] + 1\n                        q.append(y)\n' +
          '            out.append(dist[n - 1])\n        return tuple(out)\n',
      },
      { task_id: roads.taskId, solution: 'class Solution:\n    def shortestDistanceAfterQueries(self, n, queries):\n        return [n - 1 for _ in queries]\n' },
    ]);
    const report = await evaluateSamples({ dataset: 'lcb', samples, dataDir: sharedData, engine, progress: false });
    expect(report.results.map((r) => r.passed)).toEqual([true, false, true, false, true, false]);
    expect(report.results[1].check!.failures[0]).toMatchObject({ verdict: 'fail', input: cards.cases[0].input, expected: cards.cases[0].expected });
    expect(report.results[1].check!.failures[0].output).toContain('YES\\nYES\\nYES\\nYES');
    expect(report.results[3].check!.failures[0]).toMatchObject({ testId: 'case/0', expected: '2', output: '3' });
    expect(report.results[5].result).toMatch(/^failed: /);
  }, 120_000);
});
