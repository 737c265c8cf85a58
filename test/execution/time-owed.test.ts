// Wall-clock limits with lanes: a job that waits for a core is owed time (OWED_SHARE in limits.ts,
// `owed` in python/harness.py). Real Python workers, real loopers sharing the machine's cores.
// The slow program measures its own CPU time, so it needs the same running time on any machine; a
// loaded CI machine only adds run-queue wait, which is owed too.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Job, type JobResult } from '../../src/index.js';
import { MAX_STRETCH, OWED_SHARE } from '../../src/execution/limits.js';
import { resolvePython } from '../../src/execution/python.js';
import { packageRoot } from '../../src/paths.js';

const LIMIT_MS = 1500;
const LOOPERS = 7;

/** A job of one call test whose program is `body` (a function `f` returning 1). */
function job(id: string, body: string): Job {
  return {
    id,
    program: `import signal, time\n${body}`,
    tests: [{ id: 't', kind: 'call', entryPoint: 'f', args: '[]', expected: '1' }],
    limits: { testTimeoutMs: LIMIT_MS },
  };
}

/** Needs `seconds` of its own CPU time, however long the wait for a core. */
const busy = (seconds: number, blockAlarm = false) => `
def f():
    ${blockAlarm ? 'signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})' : 'pass'}
    while time.process_time() < ${seconds}:
        pass
    return 1
`;
const looper = (i: number) => `
def f():  # looper ${i}
    while True:
        pass
`;
const sleeper = `
def f():
    time.sleep(30)
    return 1
`;

describe('time owed to jobs that wait for a core', () => {
  let engine: Engine;
  const results = new Map<string, JobResult>();
  beforeAll(async () => {
    // one worker, lanes opened quickly: 7 loopers and the slow programs share its cores
    engine = await createEngine({ workers: 1, lanes: LOOPERS + 3, overrunMs: 20, cacheDir: null });
    const jobs = [ // the slow ones start first: the loopers then share the cores with them to the end
      job('slow', busy(0.5)),
      job('slow-no-alarm', busy(0.5, true)),
      ...Array.from({ length: LOOPERS }, (_, i) => job(`loop${i}`, looper(i))),
      job('sleeper', sleeper),
    ];
    for await (const r of engine.run(jobs, { noCache: true })) results.set(r.jobId, r);
  }, 120_000);
  afterAll(() => engine?.close());

  it('a correct program needing 0.5 s of CPU passes beside 7 loopers (limit 1.5 s)', () => {
    // 10 processes on 2 cores: 0.5 s of CPU takes about 2.5 s of wall clock (4.5 s may pass: MAX_STRETCH)
    expect(results.get('slow')?.verdict).toBe('pass');
  });

  it('the worker owes the same time when the program blocks its own timer', () => {
    expect(results.get('slow-no-alarm')?.verdict).toBe('pass');
  });

  it('loopers still time out, within the stretch limit', () => {
    for (let i = 0; i < LOOPERS; i++) {
      const r = results.get(`loop${i}`)!;
      expect(r.verdict).toBe('timeout');
      expect(r.tests[0].durationMs).toBeLessThan(LIMIT_MS * MAX_STRETCH + 1000);
    }
  });

  it('sleeping is not waiting for a core: a sleeper stops at its limit', () => {
    const r = results.get('sleeper')!;
    expect(r.verdict).toBe('timeout');
    expect(r.tests[0].durationMs).toBeLessThan(LIMIT_MS * MAX_STRETCH);
  });
});

describe('owed(): the rule itself', () => {
  it('owes the wait beyond the limit\'s non-running share, never estimated high, capped', () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(packageRoot(), 'src', 'execution', 'python'))})`,
      'import harness as h',
      `h.OWED_SHARE = ${OWED_SHARE}; h.MAX_STRETCH = ${MAX_STRETCH}`,
      'print(json.dumps([h.owed(*a) for a in json.loads(sys.argv[1])]))',
    ].join('\n');
    const cases = [
      [0.5, 0, 3], // waited less than half the limit: nothing owed
      [2.5, 0, 3], // 1 s beyond the 1.5 s it may wait
      [2.5, 1, 3], // the second before the limit started may all have been waiting
      [2.5, 5, 3], // started after 5 s: the wait may all be from before
      [100, 0, 3], // capped at (MAX_STRETCH - 1) limits
    ];
    const out = JSON.parse(execFileSync(resolvePython(), ['-c', script, JSON.stringify(cases)], { encoding: 'utf8' }));
    expect(out).toEqual([0, 1, 0, 0, (MAX_STRETCH - 1) * 3].map((x) => expect.closeTo(x, 9)));
  });
});
