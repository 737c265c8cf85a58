// The engine's normal behaviour: every test kind, stdio, syntax errors, dedup, the verdict cache,
// progress and the protections report. Real Python workers, real files.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, runJobs, timeLimitFromReference, type Engine, type Job, type JobResult } from '../../src/index.js';

let engine: Engine;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'plum-engine-test-'));
  chmodSync(scratch, 0o777);
  engine = await createEngine({ workers: 2, cacheDir: null, limits: { testTimeoutMs: 2000 } });
});

afterAll(async () => {
  await engine?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function runAll(e: Engine, jobs: Job[], noCache = false): Promise<Map<string, JobResult>> {
  const out = new Map<string, JobResult>();
  for await (const r of e.run(jobs, { noCache })) out.set(r.jobId, r);
  return out;
}

const ADD = 'def add(a, b):\n    return a + b\n';

describe('test kinds', () => {
  let results: Map<string, JobResult>;
  beforeAll(async () => {
    results = await runAll(engine, [
      {
        id: 'kinds',
        program: ADD,
        tests: [
          { id: 'assert-ok', kind: 'assert', code: 'assert add(1, 2) == 3' },
          { id: 'assert-bad', kind: 'assert', code: 'assert add(1, 2) == 4, "wrong sum"' },
          { id: 'check-ok', kind: 'check', entryPoint: 'add', code: 'def check(candidate):\n    assert candidate(2, 2) == 4\n' },
          { id: 'call-ok', kind: 'call', entryPoint: 'add', args: '[1, 2]', expected: '3' },
          { id: 'call-bad', kind: 'call', entryPoint: 'add', args: '[1, 2]', expected: '4' },
          { id: 'call-json', kind: 'call', entryPoint: 'add', args: '[[true], [null]]', expected: '[true, null]' },
          { id: 'call-float', kind: 'call', entryPoint: 'add', args: '[0.1, 0.2]', expected: '0.3' },
          { id: 'call-atol', kind: 'call', entryPoint: 'add', args: '[1.0, 0.01]', expected: '1.0', atol: 0.1 },
          { id: 'call-record', kind: 'call', entryPoint: 'add', args: '[(1,), (2,)]' },
          { id: 'call-raises', kind: 'call', entryPoint: 'add', args: '[1, "x"]', expected: '0' },
          { id: 'call-missing', kind: 'call', entryPoint: 'nope', args: '[]', expected: '0' },
        ],
      },
      { id: 'all-pass', program: ADD, tests: [{ id: 't', kind: 'call', entryPoint: 'add', args: '[2, 3]', expected: '5' }] },
      { id: 'syntax', program: 'def add(a, b)\n    return a + b\n', tests: [{ id: 't1', kind: 'assert', code: 'assert True' }, { id: 't2', kind: 'assert', code: 'assert True' }] },
      { id: 'load-error', program: 'raise ValueError("boom")\n', tests: [{ id: 't', kind: 'assert', code: 'assert True' }] },
      {
        id: 'stdio',
        program: 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)   \nprint("%.3f" % (a / b))\n',
        tests: [
          { id: 'ok', kind: 'stdio', stdin: '1 2\n', expectedStdout: '3\n0.5' },
          { id: 'trailing', kind: 'stdio', stdin: '4 2', expectedStdout: '6  \n2.000\n\n' },
          { id: 'bad', kind: 'stdio', stdin: '1 1', expectedStdout: '3\n1.000' },
        ],
      },
      { id: 'stdio-exit', program: 'import sys\nprint(input())\nsys.exit(0)\n', tests: [{ id: 'ok', kind: 'stdio', stdin: 'hi\n', expectedStdout: 'hi' }] },
      { id: 'no-tests', program: ADD, tests: [] },
      {
        // Each expected text means what Python's eval makes of it, whichever fast reading the harness uses.
        id: 'readings',
        program: 'def ident(x):\n    return x\n',
        tests: [
          ['paren-int', '[1]', '(1)', 'pass'],
          ['paren-int-vs-tuple', '[[1]]', '(1)', 'fail'],
          ['one-tuple', '[[1]]', '(1,)', 'fail'],
          ['one-tuple-ok', '[(1,)]', '(1,)', 'pass'],
          ['paren-list', '[[1, 2]]', '([1, 2])', 'pass'],
          ['paren-list-not-tuple', '[(1, 2)]', '([1, 2])', 'fail'],
          ['tuple', '[(1, 2)]', '(1, 2)', 'pass'],
          ['tuple-not-list', '[[1, 2]]', '(1, 2)', 'fail'],
          ['nested', '[(1, [2, (3, 4)])]', '(1, [2, (3, 4)])', 'pass'],
          ['json-tuple', '[("a", [1, "b\\n"], None)]', '("a", [1, "b\\n"], null)', 'pass'],
          ['empty-tuple', '[()]', '()', 'pass'],
          ['empty-tuple-not-list', '[[]]', '()', 'fail'],
          ['tuple-sum', '[(1, 2, 3, 4)]', '(1, 2) + (3, 4)', 'pass'],
          ['consts', '[[True, None, False]]', '[true, null, false]', 'pass'],
          ['py-consts', '[True]', 'True', 'pass'],
          ['none', '[None]', 'None', 'pass'],
          ['none-not-false', '[False]', 'None', 'fail'],
          ['str', '["a\\\\/b"]', "'a\\\\/b'", 'pass'],
          ['json-escape', '["a/b"]', '"a\\/b"', 'fail'],
          ['spaced', '[[1]]', ' [1] ', 'pass'],
          ['inf', '[float("inf")]', 'Infinity', 'pass'],
          ['big-int', `[${'9'.repeat(5000)}]`, '9'.repeat(5000), 'pass'],
        ].map(([id, args, expected]) => ({ id, kind: 'call' as const, entryPoint: 'ident', args, expected })),
      },
    ]);
  });

  it('gives each test its own verdict', () => {
    const r = results.get('kinds')!;
    const v = Object.fromEntries(r.tests.map((t) => [t.testId, t.verdict]));
    expect(v).toEqual({
      'assert-ok': 'pass',
      'assert-bad': 'fail',
      'check-ok': 'pass',
      'call-ok': 'pass',
      'call-bad': 'fail',
      'call-json': 'pass',
      'call-float': 'pass',
      'call-atol': 'pass',
      'call-record': 'pass',
      'call-raises': 'error',
      'call-missing': 'error',
    });
    expect(r.verdict).toBe('fail');
    expect(r.passed).toBe(false);
    const byId = Object.fromEntries(r.tests.map((t) => [t.testId, t]));
    expect(byId['call-record'].output).toBe('(1, 2)');
    expect(byId['call-raises'].errorType).toBe('TypeError');
    expect(byId['assert-bad'].message).toContain('wrong sum');
    expect(r.tests.every((t) => t.durationMs >= 0)).toBe(true);
  });

  it('reads expected values as Python does', () => {
    const r = results.get('readings')!;
    const got = Object.fromEntries(r.tests.map((t) => [t.testId, t.verdict]));
    expect(got).toEqual({
      'paren-int': 'pass', 'paren-int-vs-tuple': 'fail', 'one-tuple': 'fail', 'one-tuple-ok': 'pass',
      'paren-list': 'pass', 'paren-list-not-tuple': 'fail', tuple: 'pass', 'tuple-not-list': 'fail',
      nested: 'pass', 'tuple-sum': 'pass', consts: 'pass', 'py-consts': 'pass', none: 'pass',
      'none-not-false': 'fail', str: 'pass', 'json-escape': 'fail', spaced: 'pass', inf: 'pass', 'big-int': 'pass',
      'json-tuple': 'pass', 'empty-tuple': 'pass', 'empty-tuple-not-list': 'fail',
    });
  });

  it('passes a job only when every test passed', () => {
    expect(results.get('all-pass')!.verdict).toBe('pass');
    expect(results.get('all-pass')!.passed).toBe(true);
  });

  it('reports syntax errors and load errors for every test', () => {
    const s = results.get('syntax')!;
    expect(s.verdict).toBe('syntax_error');
    expect(s.tests.map((t) => t.verdict)).toEqual(['syntax_error', 'syntax_error']);
    const l = results.get('load-error')!;
    expect(l.tests[0]).toMatchObject({ verdict: 'error', errorType: 'ValueError' });
  });

  it('compares stdio like LiveCodeBench', () => {
    expect(results.get('stdio')!.tests.map((t) => t.verdict)).toEqual(['pass', 'pass', 'fail']);
    expect(results.get('stdio-exit')!.verdict).toBe('pass');
  });

  it('passes a job without tests when the program loads', () => {
    expect(results.get('no-tests')!.verdict).toBe('pass');
  });
});

describe('numpy, loaded once a job names it', () => {
  it('gives numpy to programs that import it, by name or not, and to ndarray outputs', async () => {
    const hasNumpy = engine.protections().details?.numpy;
    const results = await runAll(engine, [
      { id: 'plain', program: ADD, tests: [{ id: 't', kind: 'call', entryPoint: 'add', args: '[0.1, 0.2]', expected: '0.30000000000000004' }] },
      {
        id: 'named',
        program: 'import numpy as np\ndef mean(xs):\n    return float(np.mean(xs))\n',
        tests: [{ id: 't', kind: 'call', entryPoint: 'mean', args: '[[1, 2, 3, 4]]', expected: '2.5' }],
      },
      {
        id: 'hidden',
        program: 'def total(xs):\n    np = __import__("nu" + "mpy")\n    return np.array(xs, dtype=float) * 2\n',
        tests: [{ id: 't', kind: 'call', entryPoint: 'total', args: '[[0.5, 1.5]]', expected: '[1.0, 3.0]' }],
      },
      { id: 'after', program: ADD, tests: [{ id: 't', kind: 'assert', code: 'import sys\nassert add(2, 2) == 4' }] },
    ], true);
    expect(results.get('plain')!.passed).toBe(true);
    expect(results.get('after')!.passed).toBe(true);
    if (!hasNumpy) return; // numpy is optional: without it the two numpy jobs are ordinary errors
    expect(results.get('named')!.passed).toBe(true);
    // an ndarray output is judged by numpy's allclose, as in EvalPlus ([1.0, 3.0] == array is ambiguous)
    expect(results.get('hidden')!.tests[0]).toMatchObject({ verdict: 'fail', message: expect.stringContaining('ValueError') });
  });
});

describe('stdlib modules, loaded in the worker once a job imports them by name', () => {
  it('forks a job naming a module after loading it; a module imported otherwise the child loads itself', async () => {
    // each job reports whether its module was already loaded when the program started
    const probe = (module: string, importLine: string): Job => ({
      id: module,
      program: `import sys\nLOADED = ${JSON.stringify(module)} in sys.modules\n${importLine}\ndef f():\n    return LOADED\n`,
      tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]' }],
    });
    const fresh = await createEngine({ workers: 1, lanes: 1, cacheDir: null });
    try {
      const results = await runAll(fresh, [
        probe('statistics', 'import statistics as st'),
        probe('difflib', 'from difflib import SequenceMatcher'),
        probe('calendar', 'cal = __import__("cal" + "endar")'),
        probe('pprint', 'import os; x = 1; import pprint'), // after `;`: not seen
      ]);
      const loaded = (id: string) => results.get(id)!.tests[0].output;
      expect(loaded('statistics')).toBe('True');
      expect(loaded('difflib')).toBe('True');
      expect(loaded('calendar')).toBe('False');
      expect(loaded('pprint')).toBe('False');
      expect([...results.values()].every((r) => r.verdict === 'pass')).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('dedup and cache', () => {
  it('runs identical jobs once, caches on disk, and noCache runs again', async () => {
    const cacheDir = join(scratch, 'cache');
    const counter = join(scratch, 'counter.txt');
    writeFileSync(counter, '');
    chmodSync(counter, 0o666); // each worker lane runs as its own user
    const program = `def f():\n    with open(${JSON.stringify(counter)}, 'a') as fh:\n        fh.write('x')\n    return 1\n`;
    const job = (id: string): Job => ({ id, program, tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '1' }] });
    const cached = await createEngine({ workers: 2, cacheDir });
    try {
      const first = await runAll(cached, [job('a'), job('b'), job('c')]);
      expect([...first.keys()].sort()).toEqual(['a', 'b', 'c']);
      expect([...first.values()].every((r) => r.passed)).toBe(true);
      expect([...first.values()].filter((r) => !r.cached)).toHaveLength(1);
      expect(readFileSync(counter, 'utf8')).toBe('x');
      const keys = new Set([...first.values()].map((r) => r.cacheKey));
      expect(keys.size).toBe(1);
      expect(existsSync(join(cacheDir, [...keys][0].slice(0, 2), `${[...keys][0]}.json`))).toBe(true);

      const progress: number[] = [];
      const second: JobResult[] = [];
      for await (const r of cached.run([job('d'), job('e')], { onProgress: (p) => progress.push(p.cached) })) second.push(r);
      expect(second.every((r) => r.cached && r.passed)).toBe(true);
      expect(progress).toEqual([1, 2]);
      expect(readFileSync(counter, 'utf8')).toBe('x');

      const third = await runAll(cached, [job('f'), job('g')], true);
      expect([...third.values()].filter((r) => !r.cached)).toHaveLength(1);
      expect(readFileSync(counter, 'utf8')).toBe('xx');
    } finally {
      await cached.close();
    }
  });

  it('runJobs creates and closes an engine; async iterables are accepted', async () => {
    async function* jobs(): AsyncGenerator<Job> {
      for (let i = 0; i < 5; i++) yield { id: `j${i}`, program: ADD, tests: [{ id: 't', kind: 'call', entryPoint: 'add', args: `[${i}, 1]`, expected: String(i + 1) }] };
    }
    const results = await runJobs(jobs(), { workers: 1, cacheDir: null });
    expect(results.map((r) => r.jobId).sort()).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('rejects malformed jobs with a clear error', async () => {
    const bad = { id: 'bad', program: ADD, tests: [{ id: 't', kind: 'call', entryPoint: 'add' }] } as unknown as Job;
    await expect(runAll(engine, [bad])).rejects.toThrow(/job bad: field "tests\.0\.args"/);
  });
});

describe('protections and limits', () => {
  it('reports what is active', () => {
    const p = engine.protections();
    expect(p.freshTempDir).toBe(true);
    expect(p.memoryLimit).toBe(true);
    expect(p.fileSizeLimit).toBe(true);
    expect(p.noCoreDumps).toBe(true);
    expect(p.outputCap).toBe(true);
    expect(Array.isArray(p.notes)).toBe(true);
    if (process.getuid?.() === 0) {
      expect(p.networkNamespace).toBe(true);
      expect(p.ipcNamespace).toBe(true);
      expect(p.pidNamespace).toBe(true);
      expect(p.droppedPrivileges).toBe(true);
      expect(p.killsDetachedDescendants).toBe(true);
    }
  });

  it('derives time limits like EvalPlus', () => {
    expect(timeLimitFromReference(10)).toBe(4000);
    expect(timeLimitFromReference(2000)).toBe(8000);
    expect(timeLimitFromReference(100, { factor: 2, floorMs: 50 })).toBe(200);
  });
});

describe('big jobs', () => {
  it('splits a job with many tests across workers and keeps test order', async () => {
    const tests = Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, kind: 'call' as const, entryPoint: 'add', args: `[${i}, 1]`, expected: i === 7 ? '0' : String(i + 1) }));
    const r = (await runAll(engine, [{ id: 'big', program: ADD, tests }])).get('big')!;
    expect(r.tests.map((t) => t.testId)).toEqual(tests.map((t) => t.id));
    expect(r.tests.filter((t) => t.verdict !== 'pass').map((t) => t.testId)).toEqual(['t7']);
    expect(r.verdict).toBe('fail');
  });
});

describe('looping programs', () => {
  const loopTests = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, kind: 'assert' as const, code: `assert spin(${i}) == ${i}` }));
  const SPIN = 'def spin(x):\n    if x >= 2:\n        while True:\n            pass\n    return x\n';

  it('stop at the first timeout by default: the rest are "not run", the batch goes on', async () => {
    const results = await runAll(engine, [
      { id: 'loop', program: SPIN, tests: loopTests(10), limits: { testTimeoutMs: 500 } },
      { id: 'ok', program: ADD, tests: [{ id: 'a', kind: 'assert', code: 'assert add(2, 2) == 4' }] },
    ], true);
    const loop = results.get('loop')!;
    expect(loop.verdict).toBe('timeout');
    expect(loop.tests.map((t) => t.verdict)).toEqual(['pass', 'pass', ...Array(8).fill('timeout')]);
    expect(loop.tests.slice(3).every((t) => /not run/.test(t.message ?? ''))).toBe(true);
    expect(results.get('ok')!.verdict).toBe('pass');
  });

  it('give every test its own verdict when maxTimeouts allows', async () => {
    const results = await runAll(engine, [
      { id: 'loop3', program: SPIN, tests: loopTests(4), limits: { testTimeoutMs: 300, maxTimeouts: 5 } },
    ], true);
    const tests = results.get('loop3')!.tests;
    expect(tests.map((t) => t.verdict)).toEqual(['pass', 'pass', 'timeout', 'timeout']);
    expect(tests.some((t) => /not run/.test(t.message ?? ''))).toBe(false);
  });
});

describe('overrunning jobs', () => {
  // Order of completion, not timing: the quick jobs must all be answered while the loopers still
  // run, whatever the machine load. Loopers sleep-spin 3 s (their limit), quick jobs take ms.
  const LOOPER = 'def f():\n    while True:\n        pass\n';
  const SLEEPER = 'import time\ndef f():\n    time.sleep(60)\n';
  const quick = (i: number): Job => ({ id: `quick-${i}`, program: `def f():\n    return ${i}\n`, tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: String(i) }] });
  const slow = (id: string, program: string): Job => ({ id, program, tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '0' }], limits: { testTimeoutMs: 3000 } });

  async function order(e: Engine, jobs: Job[]): Promise<JobResult[]> {
    const got: JobResult[] = [];
    for await (const r of e.run(jobs, { noCache: true })) got.push(r);
    return got;
  }

  it('start first when their program has a while loop, wherever they are in the batch', async () => {
    // Start order, not timing: each program appends its name to a shared file when it loads.
    const log = join(scratch, 'start-order.txt');
    writeFileSync(log, '');
    chmodSync(log, 0o666); // jobs run as other users
    const starts = (name: string, body: string): Job => ({
      id: name,
      program: `with open(${JSON.stringify(log)}, 'a') as _f:\n    _f.write(${JSON.stringify(name + '\n')})\n${body}`,
      tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '0' }],
      limits: { testTimeoutMs: 1000 },
    });
    const e = await createEngine({ workers: 1, cacheDir: null });
    try {
      const jobs = [
        ...Array.from({ length: 8 }, (_, i) => starts(`quick-${i}`, 'def f():\n    return 0\n')),
        starts('looper', 'def f():\n    n = 0\n    while n >= 0:\n        n += 1\n'),
        starts('comment', 'def f():\n    # while we wait\n    return 0\n'),
      ];
      const got = await order(e, jobs);
      expect(got.find((r) => r.jobId === 'looper')!.verdict).toBe('timeout');
      const started = readFileSync(log, 'utf8').trim().split('\n');
      expect(started).toHaveLength(jobs.length);
      expect(started[0]).toBe('looper');
      expect(started.indexOf('comment')).toBeGreaterThan(1); // a `while` in a comment is no loop
    } finally {
      await e.close();
    }
  });

  it('never hold up the jobs queued behind them, on one worker and on two', async () => {
    for (const workers of [1, 2]) {
      const e = await createEngine({ workers, cacheDir: null });
      try {
        // the slow jobs come first in the queue (same cost as the quick ones: ties go in arrival order)
        const slowJobs = Array.from({ length: 2 * workers + 1 }, (_, i) => slow(`slow-${i}`, i % 2 ? SLEEPER : LOOPER));
        const quickJobs = Array.from({ length: 12 }, (_, i) => quick(i));
        const got = await order(e, [...slowJobs, ...quickJobs]);
        expect(got).toHaveLength(slowJobs.length + quickJobs.length);
        const firstSlow = got.findIndex((r) => r.jobId.startsWith('slow-'));
        expect(firstSlow, `completion order with ${workers} worker(s): ${got.map((r) => r.jobId).join(' ')}`).toBe(quickJobs.length);
        for (const r of got.slice(0, quickJobs.length)) expect(r.verdict).toBe('pass');
        for (const r of got.slice(quickJobs.length)) {
          expect(r.verdict).toBe('timeout');
          // each slow job ran on its own for its limit (plus a small grace), not after others' limits
          expect(r.durationMs).toBeLessThan(3000 + 2500);
        }
      } finally {
        await e.close();
      }
    }
  }, 60_000);
});
