// Verdict integrity: programs that try to end as a pass without passing. All run in ONE batch with
// normal jobs; each must end as a non-pass, and the normal jobs must still pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Job, type JobResult } from '../../src/index.js';

const CALL = [
  { id: 't1', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: '2' },
  { id: 't2', kind: 'call' as const, entryPoint: 'f', args: '[5]', expected: '6' },
];
const CHECK = [{ id: 'c', kind: 'check' as const, entryPoint: 'f', code: 'def check(candidate):\n    assert candidate(1) == 2\n' }];
const ASSERT = [{ id: 'a', kind: 'assert' as const, code: 'assert f(1) == 2' }];
const FORGED_LINES = [
  '{"t":"done","id":1,"o":[["pass",1]],"out":"","err":"","ms":1}',
  `${'0'.repeat(64)} {"q":0,"r":[[0,"pass",1],[1,"pass",1]],"E":1}`,
  `${'0'.repeat(64)} {"q":1,"r":[],"E":1}`,
];

/** A wrong solution preceded by `attack` inside f. */
function inside(attack: string): string {
  return `import os, sys, signal\ndef f(x):\n${attack.split('\n').map((l) => `    ${l}`).join('\n')}\n    return x - 1\n`;
}

const CASES: Record<string, string> = {
  'sys-exit': inside('sys.exit(0)'),
  'raise-systemexit': inside('raise SystemExit(0)'),
  'os-exit': inside('os._exit(0)'),
  'exit-builtin': inside('exit()'),
  'quit-builtin': inside('quit()'),
  'top-level-exit': 'import sys\ndef f(x):\n    return x + 1\nsys.exit(0)\n',
  'top-level-os-exit': 'import os\ndef f(x):\n    return x + 1\nos._exit(0)\n',
  'ignore-sigalrm': inside('signal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass'),
  'catch-everything-loop': inside('while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass'),
  'block-all-signals': inside('signal.pthread_sigmask(signal.SIG_BLOCK, range(1, 65))\nwhile True:\n    pass'),
  'close-all-fds': 'import os\ndef f(x):\n    os.closerange(0, 65536)\n    return x + 1\n',
  'close-fds-and-exit': 'import os\ndef f(x):\n    os.closerange(0, 65536)\n    os._exit(0)\n',
  'print-fake-markers': inside(`for line in ${JSON.stringify(FORGED_LINES)}:\n    print(line)\n    sys.stderr.write(line + "\\n")\nsys.stdout.flush()`),
  'write-fake-markers-to-every-fd': inside(`for fd in range(0, 1024):\n    for line in ${JSON.stringify(FORGED_LINES)}:\n        try:\n            os.write(fd, (line + "\\n").encode())\n        except OSError:\n            pass`),
  'kill-parent': inside('os.kill(os.getppid(), 9)'),
  'beacon-far-future': inside(
    'import mmap, struct\nfr = sys._getframe()\nwhile fr:\n    for v in list(fr.f_locals.values()):\n        if isinstance(v, mmap.mmap):\n            v[0:16] = struct.pack("<qd", 0, 1e12)\n    fr = fr.f_back\nwhile True:\n    pass',
  ),
  'beacon-zeroed': inside(
    'import mmap\nfr = sys._getframe()\nwhile fr:\n    for v in list(fr.f_locals.values()):\n        if isinstance(v, mmap.mmap):\n            v[0:16] = bytes(16)\n    fr = fr.f_back\nwhile True:\n    pass',
  ),
  'kill-everything': inside('for sig in (9, 15):\n    try:\n        os.kill(-1, sig)\n    except OSError:\n        pass'),
  'kill-worker-by-name': inside(
    'for p in os.listdir("/proc"):\n    if p.isdigit():\n        try:\n            if b"worker.py" in open("/proc/%s/cmdline" % p, "rb").read():\n                os.kill(int(p), 9)\n        except OSError:\n            pass',
  ),
};

let engine: Engine;
const results = new Map<string, JobResult>();

beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null, limits: { testTimeoutMs: 1000 } });
  const jobs: Job[] = [];
  for (const [name, program] of Object.entries(CASES)) {
    jobs.push({ id: `${name}/call`, program, tests: CALL });
    jobs.push({ id: `${name}/check`, program, tests: CHECK });
    jobs.push({ id: `${name}/assert`, program, tests: ASSERT });
  }
  for (let i = 0; i < 6; i++) jobs.splice(i * 7, 0, { id: `normal-${i}`, program: 'def f(x):\n    return x + 1\n', tests: CALL });
  for await (const r of engine.run(jobs, { noCache: true })) results.set(r.jobId, r);
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('verdict integrity', () => {
  it('every job got exactly one result and the normal jobs passed', () => {
    expect(results.size).toBe(Object.keys(CASES).length * 3 + 6);
    for (let i = 0; i < 6; i++) expect(results.get(`normal-${i}`)!.verdict).toBe('pass');
  });

  for (const name of Object.keys(CASES)) {
    it(`${name}: never a pass`, () => {
      for (const kind of ['call', 'check', 'assert']) {
        const r = results.get(`${name}/${kind}`)!;
        expect(r, `${name}/${kind}`).toBeDefined();
        expect(r.passed, `${name}/${kind}: ${JSON.stringify(r.tests)}`).toBe(false);
        expect(r.tests.every((t) => t.verdict !== 'pass'), `${name}/${kind}: ${JSON.stringify(r.tests)}`).toBe(true);
      }
      for (let i = 0; i < 6; i++) expect(results.get(`normal-${i}`)!.verdict).toBe('pass');
    });
  }

  it('classifies the endings', () => {
    const first = (id: string) => results.get(id)!.tests[0];
    expect(first('sys-exit/call')).toMatchObject({ verdict: 'error', errorType: 'SystemExit' });
    expect(first('os-exit/call')).toMatchObject({ verdict: 'crash' });
    expect(first('ignore-sigalrm/call').verdict).toBe('timeout');
    expect(first('catch-everything-loop/call').verdict).toBe('timeout');
    expect(first('block-all-signals/call').verdict).toBe('timeout');
    expect(first('print-fake-markers/call').verdict).toBe('fail');
    expect(first('write-fake-markers-to-every-fd/call')).toMatchObject({ verdict: 'crash', errorType: 'ResultChannel' });
    expect(first('top-level-exit/call')).toMatchObject({ verdict: 'error', errorType: 'SystemExit' });
    expect(first('close-all-fds/call').verdict).toBe('crash');
  });
});
