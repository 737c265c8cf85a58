// Sanitising model answers (src/eval/sanitize.ts): code out of chat answers, only what the entry
// point needs kept, hostile text (fences and `def` inside strings, decorators, nested functions,
// classes, star imports, async, lambdas, type aliases, truncation) handled; chat-style detection.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { isChatStyle, sanitize } from '../../src/eval/sanitize.js';
import { sanitizeSamplesFile } from '../../src/eval/sanitize-samples.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { logicalLines, topLevelStatements } from '../../src/llm/python-source.js';
import { packageRoot } from '../../src/paths.js';
import { describeWithData, sharedData } from '../support/shared-data.js';

const fixtures = join(packageRoot(), 'test', 'fixtures', 'eval');

const fence = '```';
const clean = (text: string, entryPoint?: string | null) => sanitize(text, { entryPoint }).code;

describe('sanitize: chat answers', () => {
  it('takes the python block out of prose and drops the example usage after it', () => {
    const answer = [
      "Sure! Here's a function that adds two numbers:",
      '',
      `${fence}python`,
      'def add(a, b):',
      '    return a + b',
      '',
      '# Example usage',
      'print(add(2, 3))  # 5',
      'assert add(1, 1) == 2',
      fence,
      '',
      'This function returns the sum of `a` and `b`. Let me know if you need anything else!',
    ].join('\n');
    expect(isChatStyle(answer)).toBe(true);
    expect(clean(answer, 'add')).toBe('def add(a, b):\n    return a + b\n');
  });

  it('reads ```py and bare ``` blocks, ignores shell and output blocks, and keeps helpers from an earlier block', () => {
    const answer = [
      'First a helper:',
      `${fence}py`,
      'def is_prime(n):',
      '    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))',
      fence,
      'Then the function:',
      fence,
      'def count_primes(xs):',
      '    return sum(1 for x in xs if is_prime(x))',
      fence,
      'Run it:',
      `${fence}bash`,
      'python solution.py',
      fence,
      `${fence}python`,
      'print(count_primes([2, 3, 4]))',
      fence,
      'Output:',
      fence,
      '2',
      fence,
    ].join('\n');
    expect(clean(answer, 'count_primes')).toBe(
      'def is_prime(n):\n    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))\n\ndef count_primes(xs):\n    return sum(1 for x in xs if is_prime(x))\n',
    );
    expect(sanitize(answer, { entryPoint: 'count_primes' }).fencedBlocks).toBe(4);
  });

  it('keeps the later of two definitions (a corrected version), as Python would', () => {
    const answer = [
      `${fence}python`,
      'def double(x):',
      '    return x + x + 1',
      fence,
      'Oops, that is wrong. Fixed:',
      `${fence}python`,
      'def double(x):',
      '    return 2 * x',
      fence,
    ].join('\n');
    const code = clean(answer, 'double');
    expect(code.indexOf('return 2 * x')).toBeGreaterThan(code.indexOf('return x + x + 1'));
  });

  it('drops prose lines around unfenced code (EvalPlus test case) and a statement cut at the token limit', () => {
    const answer = [
      'Here is some python code generated',
      'import numpy as np',
      'Sorry, I made a mistake, let me try again',
      'from numpy import sin, cos, tan',
      '',
      'def f(x):',
      '    return tan(x)',
      'As you can observe from above',
      'def g(x):',
      '    return f(x) + (',
    ].join('\n');
    expect(isChatStyle(answer)).toBe(true);
    expect(clean(answer, 'f')).toBe('from numpy import sin, cos, tan\n\ndef f(x):\n    return tan(x)\n');
    // Without an entry point everything that is code stays, the cut statement goes.
    expect(clean(answer, null)).toBe('import numpy as np\n\nfrom numpy import sin, cos, tan\n\ndef f(x):\n    return tan(x)\n');
  });

  it('strips <think> reasoning and terminal escapes', () => {
    const answer = `<think>\nMaybe:\n${fence}python\ndef wrong(): pass\n${fence}\n</think>\n\x1B[32m${fence}python\ndef right():\n    return 1\n${fence}\x1B[0m`;
    expect(isChatStyle(answer)).toBe(true);
    expect(clean(answer, 'right')).toBe('def right():\n    return 1\n');
  });

  it('takes an answer cut inside its fence (no closing fence)', () => {
    const answer = `Here you go:\n${fence}python\ndef sq(x):\n    return x * x\n\nprint(sq(`;
    expect(clean(answer, 'sq')).toBe('def sq(x):\n    return x * x\n');
  });

  it('dedents a block indented under a list item', () => {
    const answer = `1. Define it:\n\n    ${fence}python\n    def one():\n        return 1\n    ${fence}\n`;
    expect(clean(answer, 'one')).toBe('def one():\n    return 1\n');
  });
});

describe('sanitize: the entry point and what it needs', () => {
  it('keeps imports, constants, classes and helpers reached; drops tests, prints, __main__ and the rest', () => {
    const program = [
      'import os',
      'import math',
      'from collections import Counter as C',
      'import unittest',
      '',
      'MOD = 10 ** 9 + 7',
      'UNUSED = 3',
      '',
      'class Point:',
      '    def norm(self):',
      '        return math.hypot(self.x, self.y)',
      '',
      'def helper(xs):',
      '    return C(xs)',
      '',
      'def solve(xs):',
      '    p = Point()',
      '    return sum(helper(xs).values()) % MOD',
      '',
      'def test_solve():',
      '    assert solve([1]) == 1',
      '',
      'class TestSolve(unittest.TestCase):',
      '    def test(self):',
      '        self.assertEqual(solve([1]), 1)',
      '',
      'print(solve([1, 2]))',
      'assert solve([]) == 0',
      'if __name__ == "__main__":',
      '    unittest.main()',
    ].join('\n');
    expect(isChatStyle(program)).toBe(false);
    expect(clean(program, 'solve')).toBe(
      [
        'import math',
        'from collections import Counter as C',
        '',
        'MOD = 10 ** 9 + 7',
        '',
        'class Point:',
        '    def norm(self):',
        '        return math.hypot(self.x, self.y)',
        '',
        'def helper(xs):',
        '    return C(xs)',
        '',
        'def solve(xs):',
        '    p = Point()',
        '    return sum(helper(xs).values()) % MOD',
        '',
      ].join('\n'),
    );
  });

  it('does not take fences or definitions written inside strings for real ones', () => {
    const program = [
      'def render(code):',
      '    """Wrap code in a fence.',
      '```python',
      'def fake():',
      '    return 0',
      '```',
      '    """',
      `    tick = "${fence}"`,
      "    return tick + 'python\\n' + code + '\\n' + tick",
      '',
      "DEF = 'def fake2(): pass'",
    ].join('\n');
    expect(isChatStyle(program)).toBe(false);
    expect(clean(program, 'render')).toBe(program.split('\n').slice(0, 9).join('\n') + '\n');
    expect(topLevelStatements(logicalLines(program)).map((s) => [s.start, s.end])).toEqual([
      [0, 8],
      [10, 10],
    ]);
  });

  it('keeps decorated functions with their decorator imports, and star imports', () => {
    const program = [
      'from functools import lru_cache',
      'from math import *',
      'import functools',
      '',
      '@lru_cache(maxsize=None)',
      'def fib(n):',
      '    return n if n < 2 else fib(n - 1) + fib(n - 2)',
      '',
      '@functools.wraps(fib)',
      'def unused(n):',
      '    return n',
      '',
      'def fib_root(n):',
      '    return sqrt(fib(n))',
    ].join('\n');
    expect(clean(program, 'fib_root')).toBe(
      'from functools import lru_cache\nfrom math import *\n\n@lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\ndef fib_root(n):\n    return sqrt(fib(n))\n',
    );
  });

  it('follows names used only inside nested functions, f-string fields and default values', () => {
    const program = [
      'SEP = ", "',
      'LIMIT = 10',
      'def fmt(x):',
      '    return str(x)',
      'def join_all(xs, limit=LIMIT):',
      '    def inner(y):',
      '        return f"{fmt(y)!r:>4}"',
      '    return SEP.join(inner(x) for x in xs[:limit])',
      'x = int(input())',
      'print(join_all([x]))',
    ].join('\n');
    expect(clean(program, 'join_all')).toBe(program.split('\n').slice(0, 8).join('\n') + '\n');
  });

  it("does not pull in an example's variable named like a parameter or a lambda's argument", () => {
    const program = ['square = lambda n: n * n', 'def area(n):', '    return square(n)', '', 'n = int(input("n? "))', 'print(area(n))'].join('\n');
    expect(clean(program, 'area')).toBe('square = lambda n: n * n\ndef area(n):\n    return square(n)\n');
  });

  it('handles async def, type aliases (both spellings) and annotated globals', () => {
    const program = [
      'import asyncio',
      'type Vector = list[float]',
      'Matrix = list[Vector]',
      'CACHE: dict[int, int] = {}',
      '',
      'async def total(m: Matrix) -> float:',
      '    CACHE[0] = 1',
      '    await asyncio.sleep(0)',
      '    return sum(map(sum, m))',
      '',
      'asyncio.run(total([[1.0]]))',
    ].join('\n');
    expect(clean(program, 'total')).toBe(program.split('\n').slice(0, 9).join('\n') + '\n');
  });

  it('keeps setup calls: recursion limit, and mutations of a kept global', () => {
    const program = [
      'import sys',
      'sys.setrecursionlimit(10 ** 6)',
      'memo = {}',
      'memo.update({0: 0, 1: 1})',
      'other = []',
      'other.append(1)',
      'def f(n):',
      '    if n not in memo:',
      '        memo[n] = f(n - 1) + f(n - 2)',
      '    return memo[n]',
      'print(f(30))',
    ].join('\n');
    expect(clean(program, 'f')).toBe(
      'import sys\nsys.setrecursionlimit(10 ** 6)\nmemo = {}\nmemo.update({0: 0, 1: 1})\n\ndef f(n):\n    if n not in memo:\n        memo[n] = f(n - 1) + f(n - 2)\n    return memo[n]\n',
    );
  });

  it('keeps a try/except import and an if/else definition when reached', () => {
    const program = [
      'try:',
      '    from math import isqrt',
      'except ImportError:',
      '    def isqrt(n):',
      '        return int(n ** 0.5)',
      'if True:',
      '    BASE = 2',
      'else:',
      '    BASE = 3',
      'for i in range(3):',
      '    print(i)',
      'def root(n):',
      '    return isqrt(n) * BASE',
    ].join('\n');
    expect(clean(program, 'root')).toBe([...program.split('\n').slice(0, 9), ...program.split('\n').slice(11)].join('\n').replace('BASE = 3\n', 'BASE = 3\n\n') + '\n');
  });

  it('treats a name declared global as a dependency, and a method reading a module name as one, while a local assignment is not', () => {
    const program = [
      'counter = 0',
      'LIMIT = 5',
      'result = None',
      'class Box:',
      '    size = 3',
      '    def cap(self):',
      '        return min(self.size, LIMIT)',
      'def bump():',
      '    global counter',
      '    counter += 1',
      '    result = Box().cap() + counter',
      '    return result',
      'result = bump()',
    ].join('\n');
    expect(clean(program, 'bump')).toBe(['counter = 0', 'LIMIT = 5', '', 'class Box:', ...program.split('\n').slice(4, 12)].join('\n') + '\n');
  });

  it('keeps a class entry point written as Solution().method (LeetCode)', () => {
    const answer = [
      `${fence}python`,
      'from typing import List',
      'class Solution:',
      '    def twoSum(self, nums: List[int], target: int) -> List[int]:',
      '        seen = {}',
      '        for i, x in enumerate(nums):',
      '            if target - x in seen:',
      '                return [seen[target - x], i]',
      '            seen[x] = i',
      '',
      'sol = Solution()',
      'print(sol.twoSum([2, 7], 9))',
      fence,
    ].join('\n');
    expect(clean(answer, 'Solution().twoSum')).toBe(answer.split('\n').slice(1, 9).join('\n') + '\n');
    // The contest sets name the method only: it is reached through its class.
    expect(clean(answer, 'twoSum')).toBe(answer.split('\n').slice(1, 9).join('\n') + '\n');
  });

  it('keeps line continuations and multi-line literals whole, with CRLF and tabs', () => {
    const program = 'TABLE = [\r\n    1,\r\n    2,\r\n]\r\nTOTAL = 1 + \\\r\n    2\r\ndef get(i):\r\n\treturn TABLE[i] + TOTAL\r\nget(0)\r\n';
    expect(clean(program, 'get')).toBe('TABLE = [\n    1,\n    2,\n]\nTOTAL = 1 + \\\n    2\ndef get(i):\n\treturn TABLE[i] + TOTAL\n');
  });

  it('keeps the code whole when the entry point is not defined, or not known (stdin programs)', () => {
    const stdin = `Read n and print its square:\n${fence}python\nimport sys\nn = int(sys.stdin.readline())\nprint(n * n)\n${fence}\nInput:\n${fence}\n3\n${fence}`;
    expect(clean(stdin, null)).toBe('import sys\nn = int(sys.stdin.readline())\nprint(n * n)\n');
    const program = 'def other():\n    return 1\nprint(other())\n';
    expect(clean(program, 'missing')).toBe(program);
    expect(sanitize(program, { entryPoint: 'missing' }).definesEntryPoint).toBe(false);
  });

  it('uses a prefix (a completion prompt) for its imports and signature', () => {
    const prompt = 'from typing import List\n\ndef total(xs: List[int]) -> int:\n    """Sum."""\n';
    const answer = `${fence}python\ndef total(xs: List[int]) -> int:\n    return sum(xs)\n${fence}`;
    expect(sanitize(answer, { entryPoint: 'total', prefix: prompt }).code).toBe(
      'from typing import List\n\ndef total(xs: List[int]) -> int:\n    """Sum."""\n\ndef total(xs: List[int]) -> int:\n    return sum(xs)\n',
    );
  });

  it('returns no code for an answer without any', () => {
    expect(clean("I'm sorry, I cannot help with that.", 'f')).toBe('');
  });
});

describe('isChatStyle: only text that cannot run as given', () => {
  it.each([
    ['a plain program', 'def f(x):\n    return x\n', false],
    ['a program cut inside a bracket', 'def f(x):\n    return max(x,\n', false],
    ['a program cut inside a triple-quoted string', 'def f(x):\n    """Doc\n', false],
    ['soft keywords: match/case and type', 'type X = int\nmatch x:\n    case [a, b]:\n        pass\n    case 1 | 2:\n        pass\n    case "s":\n        pass\n', false],
    ['unicode names', 'größe = 1\ndef 面积(r):\n    return r\n', false],
    ['string prefixes and nested f-string quotes', 'x = rb"\\d" + f"{d["k"]:>{w}}" + Rb\'\'\'a\'\'\'\n', false],
    ['a Markdown fence', '```python\ndef f():\n    pass\n```\n', true],
    ['an English sentence', 'The function below works.\ndef f():\n    pass\n', true],
    ['an apostrophe in prose', "Here's the code:\ndef f():\n    pass\n", true],
    ['a heading line ending in a colon', 'Explanation:\n', true],
    ['prose in another script', '这是代码：\ndef f():\n    pass\n', true],
    ['Python 2 print', 'print "hi"\n', true],
  ])('%s', (_name, text, expected) => {
    expect(isChatStyle(text)).toBe(expected);
  });
});

describeWithData('plum eval sanitises chat-style samples (HumanEval on ../shared/data)', ['humaneval', 'model-samples'], () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    engine = await createEngine({ cacheDir: null });
    dir = mkdtempSync(join(tmpdir(), 'plum-sanitize-'));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('judges realistic chat answers by their code, keeps the raw text beside, and judges them as given with sanitize off', async () => {
    // Fixture: prose + fenced code + example usage, a __main__ block calling input(), a <think> draft
    // and unittest.main(), a wrong block then a corrected one, a chat completion (needs the prompt's
    // imports), a wrong answer, and a plain program (not chat-style, judged as given).
    const samples = join(fixtures, 'chat-answers.jsonl');
    const on = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'on.jsonl'), engine, progress: false });
    expect(on.results.map((r) => r.passed)).toEqual([true, true, true, true, true, false, true]);
    expect(on.results.map((r) => r.raw_solution !== undefined)).toEqual([true, true, true, true, true, true, false]);
    const raw = readFileSync(samples, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(on.results[0].raw_solution).toBe(raw[0].solution);
    expect(on.results[4].raw_solution).toBe(raw[4].completion);
    expect(on.results[1].solution).not.toContain('input(');
    const off = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'off.jsonl'), engine, progress: false, sanitize: 'off' });
    expect(off.results.map((r) => r.passed)).toEqual([false, false, false, false, false, false, true]);
    expect(off.results.every((r) => r.raw_solution === undefined)).toBe(true);
  }, 300_000);

  it('keeps all 164 canonical HumanEval completions passing when every sample is sanitised (prompt + completion read as one program)', async () => {
    const rows = gunzipSync(readFileSync(join(sharedData, 'humaneval', 'HumanEval.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    const samples = join(dir, 'canonical.jsonl');
    writeFileSync(samples, rows.map((r) => JSON.stringify({ task_id: r.task_id, completion: r.canonical_solution })).join('\n') + '\n');
    const report = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'canonical-all.jsonl'), engine, progress: false, sanitize: 'all' });
    expect(report.results.filter((r) => !r.passed).map((r) => `${r.task_id}: ${r.result}`)).toEqual([]);
    expect(report.results.filter((r) => r.raw_solution !== undefined).length).toBeGreaterThan(100);
  }, 600_000);

  it('never turns a passing real model sample into a failing one when every sample is sanitised', async () => {
    // he_evolteacher_replit3b: top-level prints, __main__ blocks, an input( call (see its README).
    const samples = join(sharedData, 'model-samples', 'he_evolteacher_replit3b.jsonl');
    const asGiven = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'raw.jsonl'), engine, progress: false, sanitize: 'off' });
    const all = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'all.jsonl'), engine, progress: false, sanitize: 'all' });
    const flipped = asGiven.results.filter((r, i) => r.passed && !all.results[i].passed).map((r) => r.task_id);
    expect(flipped).toEqual([]);
    expect(all.results.filter((r) => r.raw_solution !== undefined).length).toBeGreaterThan(30);
    expect(asGiven.results.filter((r) => r.passed).length).toBeGreaterThan(40);
    // The default (auto) leaves these non-chat programs as given.
    const auto = await evaluateSamples({ dataset: 'humaneval', samples, dataDir: sharedData, out: join(dir, 'auto.jsonl'), engine, progress: false });
    expect(auto.results.filter((r) => r.raw_solution !== undefined)).toEqual([]);
  }, 600_000);
});

describe('plum sanitize (sanitizeSamplesFile)', () => {
  const problemFile = join(packageRoot(), 'test', 'fixtures', 'eval', 'tiny-problems.jsonl');
  const chat = 'Here:\n```python\ndef add(a, b):\n    return a + b\n\nprint(add(1, 2))\n```\n';

  it('writes {task_id, solution} beside a JSONL file, EvalPlus-named, the input untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-sanitize-cmd-'));
    const input = join(dir, 'samples.jsonl');
    const lines = [
      { task_id: 'Tiny/0', solution: chat },
      { task_id: 'Tiny/1', completion: '```python\ndef first(xs):\n    return xs[0]\n```' },
      { task_id: 'Tiny/0', solution: 'def add(a, b):\n    return a + b\n' },
    ];
    writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const report = await sanitizeSamplesFile({ input, dataset: 'humaneval', problemFile });
    expect(report).toEqual({ output: join(dir, 'samples-sanitized.jsonl'), samples: 3, changed: 2, noCode: 0 });
    const out = readFileSync(report.output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toEqual([
      { task_id: 'Tiny/0', solution: 'def add(a, b):\n    return a + b\n' },
      { task_id: 'Tiny/1', solution: 'def first(xs):\n    """Return the first element."""\n\ndef first(xs):\n    return xs[0]\n' },
      { task_id: 'Tiny/0', solution: 'def add(a, b):\n    return a + b\n' },
    ]);
    expect(JSON.parse(readFileSync(input, 'utf8').split('\n')[0]).solution).toBe(chat);
  });

  it("reads and writes EvalPlus's folder layout; without a dataset keeps all code", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plum-sanitize-cmd-'));
    mkdirSync(join(dir, 'raw', 'Tiny_0'), { recursive: true });
    writeFileSync(join(dir, 'raw', 'Tiny_0', '0.py'), chat);
    writeFileSync(join(dir, 'raw', 'Tiny_0', '1.py'), 'Sorry, no idea.');
    const report = await sanitizeSamplesFile({ input: join(dir, 'raw') });
    expect(report).toEqual({ output: join(dir, 'raw-sanitized'), samples: 2, changed: 1, noCode: 1 });
    expect(readFileSync(join(dir, 'raw-sanitized', 'Tiny_0', '0.py'), 'utf8')).toBe('def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n');
    expect(readFileSync(join(dir, 'raw-sanitized', 'Tiny_0', '1.py'), 'utf8')).toBe('Sorry, no idea.');
    await expect(sanitizeSamplesFile({ input: join(dir, 'raw') })).rejects.toThrow('exists and is not empty');
  });
});

describeWithData('isChatStyle on real code and real chat answers', ['humaneval', 'mbpp', 'leetcodedataset', 'instruct_seeds'], () => {
  const rows = (path: string) => {
    const raw = readFileSync(join(sharedData, path));
    return (path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')).trim().split('\n').map((l) => JSON.parse(l));
  };

  it('never calls valid Python chat-style: HumanEval programs and tests, MBPP programs, LeetCodeDataset programs and tests', () => {
    const programs = [
      ...rows('humaneval/HumanEval.jsonl.gz').flatMap((r) => [r.prompt + r.canonical_solution, r.test]),
      ...rows('mbpp/mbpp.jsonl').map((r) => r.code),
      ...rows('leetcodedataset/LeetCodeDataset-v0.3.1-test.jsonl.gz').flatMap((r) => [r.prompt + '\n' + r.completion, r.test]),
    ];
    expect(programs.length).toBeGreaterThan(1700);
    expect(programs.filter((p) => isChatStyle(p))).toEqual([]);
  });

  it('calls every fenced GPT answer of evol-codealpaca chat-style', () => {
    const answers: string[] = JSON.parse(readFileSync(join(sharedData, 'instruct_seeds', 'evol_instruct_code', 'evol-codealpaca-2k-1.json'), 'utf8')).map((r: { output: string }) => r.output);
    const fenced = answers.filter((a) => /^\s*```/m.test(a));
    expect(fenced.length).toBeGreaterThan(1000);
    expect(fenced.filter((a) => !isChatStyle(a))).toEqual([]);
  });
});
