/**
 * Efficiency tests with the real engine: grown inputs on which a linear reference stays fast and an
 * exponential candidate cannot finish. Not machine-speed dependent: the limit is
 * max(floor, factor x reference time), the candidate needs ~2^(n/1.44) calls (n in the hundreds),
 * so the ratio of the two times is astronomically beyond any headroom, and the timeout is confirmed
 * by the execute stage's rerun with 3x limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { generateTests } from '../../src/testgen/generate-tests.js';
import { isEfficiencyTest } from '../../src/testgen/efficiency-tests.js';
import { collectResults } from '../../src/testgen/engine-port.js';
import { confirmingJob, needsTimeoutConfirmation } from '../../src/pipeline/stages/execute.js';
import { makeProblem } from '../../src/problems/make-problem.js';
import type { Job } from '../../src/execution/types.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const linear = `def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
`;
// deep recursion allowed, so that only its time can fail it
const exponential = `import sys
sys.setrecursionlimit(100000)

def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
`;
const problem = makeProblem({
  id: 'fixture/fib', source: 'fixture', instruction: 'Return the n-th Fibonacci number.', entryPoint: 'fib',
  signature: 'def fib(n: int) -> int:', reference: linear, examples: [{ args: '[10]' }, { args: '[1]' }, { args: '[8]' }],
  provenance: { generator: 'fixture' },
});
// No boundary inputs: their large magnitudes (n = 10**4) would fail the exponential candidate on ordinary tests too.
const options = { seed: 3, efficiencyTests: 2, efficiencyFloorMs: 500, efficiencyFactor: 4, boundaryInputs: 0 };

describe('efficiency tests', () => {
  it('reject an exponential candidate that passes every other test, while the linear reference passes', async () => {
    const result = await generateTests(problem, options, engine);
    const efficiency = result.tests.filter(isEfficiencyTest);
    const others = result.tests.filter((t) => !isEfficiencyTest(t));
    expect(efficiency.length).toBeGreaterThan(0);
    for (const t of efficiency) {
      const spec = t.spec as { args: string; timeoutMs?: number };
      expect(spec.timeoutMs).toBeGreaterThanOrEqual(options.efficiencyFloorMs);
      expect(JSON.parse(spec.args)[0]).toBeGreaterThanOrEqual(60); // grown well past the seeds (fib(60) needs ~10^12 calls)
    }
    // the ordinary tests stay small: the exponential candidate passes all of them
    const small = Math.max(...others.map((t) => JSON.parse((t.spec as { args: string }).args)[0] as number));
    expect(small).toBeLessThan(26);

    const jobOf = (id: string, program: string, tests = result.tests): Job => ({ id, program, tests: tests.map((t) => t.spec), limits: { testTimeoutMs: 2000 } });
    const [ref, expOthers, expAll] = await collectResults(engine, [jobOf('ref', linear), jobOf('exp-small', exponential, others), jobOf('exp', exponential)]).then((rs) =>
      ['ref', 'exp-small', 'exp'].map((id) => rs.find((r) => r.jobId === id)!),
    );
    expect(ref.verdict).toBe('pass');
    expect(expOthers.verdict).toBe('pass');
    expect(expAll.verdict).toBe('timeout');
    // the verdict is not a load artefact: the execute stage reruns it with 3x limits, and it still times out
    const job = jobOf('exp', exponential);
    expect(needsTimeoutConfirmation(job, expAll)).toBe(true);
    const [confirmed] = await collectResults(engine, [confirmingJob(job, 2000, null)]);
    expect(confirmed.verdict).toBe('timeout');
  }, 60_000);

  it('are off with efficiencyTests: 0', async () => {
    const result = await generateTests(problem, { ...options, efficiencyTests: 0 }, engine);
    expect(result.tests.filter(isEfficiencyTest)).toEqual([]);
  });
});
