// EvalPlus's time rule in the engine: a call test's limit covers the call alone (a slow comparison of
// its output is bounded by the job's wall clock, as EvalPlus times `fn(*inp)` only), and which
// time-outs `plum eval` confirms by a rerun after the batch (limits from a long reference time only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsQuietRerun } from '../../src/eval/evaluate.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine, Job } from '../../src/execution/types.js';
import type { EvalTestGroup } from '../../src/records.js';

const PROGRAM = [
  'import time',
  'class Slow:',
  '    def __eq__(self, other):',
  '        time.sleep(0.8)',
  '        return other == 1',
  'def slow_to_compare():',
  '    return Slow()',
  'def slow_call():',
  '    time.sleep(0.8)',
  '    return 1',
].join('\n');

describe('call tests under EvalPlus\'s time rule', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ workers: 1, cacheDir: null, shardJobs: false });
  });
  afterAll(async () => engine?.close());

  it('times the call, not the comparison of its output', async () => {
    const job: Job = {
      id: 'j',
      program: PROGRAM,
      tests: [
        { id: 'compare', kind: 'call', entryPoint: 'slow_to_compare', args: '[]', expected: '1', timeoutMs: 300 },
        { id: 'call', kind: 'call', entryPoint: 'slow_call', args: '[]', expected: '1', timeoutMs: 300 },
      ],
      limits: { testTimeoutMs: 300, maxTimeouts: 2, jobTimeoutMs: 10_000 },
    };
    const results = [];
    for await (const r of engine.run([job])) results.push(r);
    const [result] = results;
    expect(result.tests.map((t) => [t.testId, t.verdict])).toEqual([
      ['compare', 'pass'],
      ['call', 'timeout'],
    ]);
  }, 60_000);
});

describe('needsQuietRerun', () => {
  const group = (verdict: EvalTestGroup['verdict'], testId: string, message?: string): EvalTestGroup => ({
    verdict,
    passed: verdict === 'pass',
    testsPassed: 0,
    testsTotal: 2,
    failures: verdict === 'pass' ? [] : [{ testId, verdict, durationMs: 1, ...(message ? { message } : {}) }],
    failuresOmitted: 0,
    durationMs: 1,
    cached: false,
  });
  const job: Job = {
    id: 'j',
    program: '',
    tests: [
      { id: 'plus/0', kind: 'call', entryPoint: 'f', args: '[]', expected: '1', timeoutMs: 4000 },
      { id: 'plus/1', kind: 'call', entryPoint: 'f', args: '[]', expected: '1', timeoutMs: 9000 },
    ],
    limits: { testTimeoutMs: 4000 },
  };

  it('reruns a time-out only on a limit above the floor (from a long reference time)', () => {
    expect(needsQuietRerun(job, group('timeout', 'plus/1'))).toBe(true);
    expect(needsQuietRerun(job, group('timeout', 'plus/0'))).toBe(false); // a looper at the floor
    expect(needsQuietRerun(job, group('fail', 'plus/1'))).toBe(false);
    expect(needsQuietRerun(job, group('timeout', 'plus/1', 'not run: the job stopped at its timeout limit'))).toBe(false);
  });
});
