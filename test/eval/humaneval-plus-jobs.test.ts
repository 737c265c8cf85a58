// The HumanEval+ call tests built from expected outputs (pure): EvalPlus's tolerance rule, time
// limits, job limit, oracles.
import { describe, expect, it } from 'vitest';
import type { ExpectedOutput } from '../../src/eval/expected-outputs.js';
import { plusGroupJob, plusGroupTests } from '../../src/eval/humaneval-plus-jobs.js';
import type { HumanEvalPlusTask } from '../../src/problems/benchmarks.js';

function task(entryPoint: string, atol: number, inputs: string[]): HumanEvalPlusTask {
  return { benchmark: 'humaneval+', taskId: 'T/0', prompt: '', canonicalSolution: '', test: '', entryPoint, source: 'x:1', contract: '', baseInputs: inputs, plusInputs: [], atol };
}
const exp = (repr: string, isFloats: boolean, seconds = 0.001): ExpectedOutput => ({ repr, isFloats, seconds });

describe('plusGroupTests', () => {
  it('keeps 1e-6 from the first float expected output on, as EvalPlus\'s loop does', () => {
    const tests = plusGroupTests(task('f', 0, ['[1]', '[2]', '[3]']), 'base', [exp('1', false), exp('0.5', true), exp('3', false)]);
    expect(tests.map((t) => (t.kind === 'call' ? t.atol : null))).toEqual([0, 1e-6, 1e-6]);
    expect(tests.map((t) => t.id)).toEqual(['base/0', 'base/1', 'base/2']);
    const own = plusGroupTests(task('f', 1e-3, ['[1]']), 'base', [exp('0.5', true)]);
    expect(own[0]).toMatchObject({ atol: 1e-3, args: '[1]', expected: '0.5', entryPoint: 'f' });
  });

  it('uses EvalPlus time limits: max(4 s, 4 x reference), job min(60 s, sum) + 2 s', () => {
    const tests = plusGroupTests(task('f', 0, ['[1]', '[2]']), 'base', [exp('1', false, 0.01), exp('2', false, 2.5)]);
    expect(tests.map((t) => t.timeoutMs)).toEqual([4000, 10000]);
    expect(plusGroupJob('j', 'p', tests).limits).toEqual({ testTimeoutMs: 4000, jobTimeoutMs: 16000 });
    const many = plusGroupTests(task('f', 0, Array.from({ length: 40 }, (_, i) => `[${i}]`)), 'base', Array.from({ length: 40 }, () => exp('0', false)));
    expect(plusGroupJob('j', 'p', many).limits?.jobTimeoutMs).toBe(62000);
    const custom = plusGroupTests(task('f', 0, ['[1]']), 'base', [exp('1', false, 0.5)], { minTimeLimitMs: 100, timeLimitFactor: 2 });
    expect(custom[0].timeoutMs).toBe(1000);
  });

  it('judges find_zero by its oracle and large outputs by their digests', () => {
    const fz = plusGroupTests(task('find_zero', 1e-4, ['[[1, 2]]']), 'base', [exp('-0.5', true)]);
    expect(fz[0]).toMatchObject({ oracle: 'evalplus:find_zero', atol: 1e-4 });
    const big = plusGroupTests(task('f', 0, ['[5000]']), 'base', [{ seconds: 0.1, isFloats: false, digest: { exact: 'ab', fast: null } }]);
    expect(big[0]).toMatchObject({ oracle: 'evalplus:digest', expected: '{"exact":"ab","fast":null}' });
    expect(() => plusGroupTests(task('f', 0, ['[1]', '[2]']), 'base', [exp('0.5', true), { seconds: 0, isFloats: false, digest: { exact: 'ab', fast: null } }])).toThrow(/tolerance/);
    expect(() => plusGroupTests(task('f', 0, ['[1]']), 'base', [])).toThrow(/0 expected outputs for 1 base inputs/);
  });
});
