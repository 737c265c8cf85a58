// HumanEval+ judged as EvalPlus judges it, on a small fixture in EvalPlus's format
// (test/fixtures/eval/mini-humanevalplus.jsonl): expected outputs from the canonical solution,
// ==, EvalPlus's tolerance (persisting after a float output), find_zero, digests of large outputs,
// exact big-integer inputs, time limits, the expected-output and verdict caches.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { expectedOutputsFor } from '../../src/eval/expected-outputs.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { loadHumanEvalPlus } from '../../src/problems/benchmarks.js';
import { EvalSampleResult } from '../../src/records.js';

const fixture = join(packageRoot(), 'test', 'fixtures', 'eval', 'mini-humanevalplus.jsonl');
const POLY = 'import math\n\ndef poly(xs, x):\n    return sum([c * math.pow(x, i) for i, c in enumerate(xs)])\n\n';

/** [task, label, solution, base_passed, plus_passed] */
const CASES: [string, string, string, boolean, boolean][] = [
  ['Mini/0', 'floats equal to the ints', 'def count_up(n):\n    return [float(i) for i in range(n)]\n', true, true],
  ['Mini/0', 'a tuple is not a list', 'def count_up(n):\n    return tuple(range(n))\n', false, false],
  ['Mini/0', 'wrong only on large inputs (digest)', 'def count_up(n):\n    return list(range(n if n < 100 else n + 1))\n', true, false],
  ['Mini/0', 'loops', 'def count_up(n):\n    while True:\n        pass\n', false, false],
  ['Mini/1', 'within the 1e-6 float tolerance', 'def half_or_same(x):\n    return x / 2 + 1e-9 if isinstance(x, float) else x\n', true, true],
  ['Mini/1', 'int off by 5 after a float output (EvalPlus keeps atol=1e-6)', 'def half_or_same(x):\n    return x / 2 if isinstance(x, float) else x + 5\n', true, false],
  ['Mini/2', 'another root finder', `${POLY}def find_zero(xs):\n    lo, hi = -1000.0, 1000.0\n    for _ in range(200):\n        mid = (lo + hi) / 2\n        if poly(xs, lo) * poly(xs, mid) <= 0:\n            hi = mid\n        else:\n            lo = mid\n    return lo\n`, true, true],
  ['Mini/2', 'not a root', `${POLY}def find_zero(xs):\n    return 0.0\n`, false, false],
  ['Mini/3', 'same string built otherwise', "def spaced(n):\n    return ' '.join(map(str, range(n + 1)))\n", true, true],
  ['Mini/3', 'trailing space', "def spaced(n):\n    return ' '.join(map(str, range(n + 1))) + ' '\n", false, false],
  ['Mini/4', 'dict built in another order', 'def squares(n):\n    return {i: i * i for i in reversed(range(n))}\n', true, true],
  ['Mini/5', '1 and 0 for True and False', 'def is_even(n):\n    return int(n % 2 == 0)\n', true, true],
  ['Mini/5', 'wrong on the exact big-integer input', 'def is_even(n):\n    return n % 2 == 0 or n == 99999999999999999999999\n', false, false],
  ['Mini/5', 'syntax error', 'def is_even(n)\n    return True\n', false, false],
];

describe('HumanEval+ rules on a fixture', () => {
  let engine: Engine;
  let dir: string;
  let results: EvalSampleResult[];

  beforeAll(async () => {
    engine = await createEngine({ cacheDir: null });
    dir = mkdtempSync(join(tmpdir(), 'plum-plus-'));
    const samples = join(dir, 'samples.jsonl');
    writeFileSync(samples, CASES.map(([task_id, , solution]) => JSON.stringify({ task_id, solution })).join('\n') + '\n');
    const report = await evaluateSamples({
      dataset: 'humaneval+',
      samples,
      problemFile: fixture,
      engine,
      expectedCacheDir: join(dir, 'expected'),
      progress: false,
      plus: { minTimeLimitMs: 500 },
    });
    results = report.results;
    expect(report.outFile).toBe(`${samples}_plus_results.jsonl`);
    const written = readFileSync(report.outFile, 'utf8').trim().split('\n').map((l) => EvalSampleResult.parse(JSON.parse(l)));
    expect(written).toEqual(results);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
  });

  for (const [i, [task, label, , base, plus]] of CASES.entries()) {
    it(`${task}: ${label} -> base ${base}, plus ${plus}`, () => {
      const r = results[i];
      expect(r.task_id).toBe(task);
      expect([r.base_passed, r.plus_passed]).toEqual([base, plus]);
      if (!base) expect(r.base!.failures.length).toBeGreaterThan(0);
    });
  }

  it('numbers samples per task and reports why a sample failed', () => {
    expect(results.filter((r) => r.task_id === 'Mini/0').map((r) => r.sample_index)).toEqual([0, 1, 2, 3]);
    expect(results[3].base!.failures[0].verdict).toBe('timeout');
    expect(results[13].base!.verdict).toBe('syntax_error');
    expect(results[5].plus!.failures[0]).toMatchObject({ testId: 'plus/0', verdict: 'fail' });
  });

  it('keeps expected outputs in the cache: a second call runs nothing', async () => {
    const files = readdirSync(join(dir, 'expected'));
    expect(files).toHaveLength(6);
    const bench = loadHumanEvalPlus(fixture);
    const closed = await createEngine({ cacheDir: null, workers: 1 });
    await closed.close(); // a closed engine: any job would fail
    const again = await expectedOutputsFor(bench.tasks, bench.contentHash, closed, { cacheDir: join(dir, 'expected'), progress: false });
    expect([...again.keys()]).toEqual(bench.tasks.map((t) => t.taskId));
    const big = again.get('Mini/0')!.plus[1];
    expect(big.digest?.exact).toMatch(/^[0-9a-f]{64}$/);
    expect(again.get('Mini/1')!.base.map((e) => e.isFloats)).toEqual([true, false]);
  });

  it('answers a rerun from the verdict cache, and not with --no-cache', async () => {
    const cached = await createEngine({ cacheDir: join(dir, 'verdicts') });
    try {
      const samples = join(dir, 'few.jsonl');
      writeFileSync(samples, CASES.slice(0, 2).map(([task_id, , solution]) => JSON.stringify({ task_id, solution })).join('\n') + '\n');
      const options = { dataset: 'humaneval+' as const, samples, problemFile: fixture, engine: cached, expectedCacheDir: join(dir, 'expected'), progress: false };
      const first = await evaluateSamples(options);
      const second = await evaluateSamples(options);
      const third = await evaluateSamples({ ...options, noCache: true });
      expect([first.cachedJobs, second.cachedJobs, third.cachedJobs]).toEqual([0, 4, 0]);
      expect(second.results.map((r) => r.plus_passed)).toEqual(first.results.map((r) => r.plus_passed));
    } finally {
      await cached.close();
    }
  });
});
