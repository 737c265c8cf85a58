/**
 * The offline test generator against the real engine and real Python: determinism, order
 * independence, the reference as oracle (every kept test passes on it), dropped inputs with their
 * reasons (raising, looping reference; no seeds; no reference), the cap, and value types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { generateTests, generateTestsBatch } from '../../src/testgen/generate-tests.js';
import { collectResults } from '../../src/testgen/engine-port.js';
import { TestCase } from '../../src/records.js';
import {
  binarySearch,
  clampSum,
  countVowels,
  invertIndex,
  meanOf,
  noExamples,
  noReference,
  pairSums,
  unluckyDouble,
  workingProblems,
} from '../fixtures/offline-generators/problems.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const options = { seed: 7, candidates: 30, maxTests: 10 };

describe('generateTests', () => {
  it('is deterministic and independent of batch order', async () => {
    const a = await generateTestsBatch(workingProblems, options, engine);
    const b = await generateTestsBatch([...workingProblems].reverse(), options, engine);
    const single = await generateTests(countVowels, options, engine);
    const byId = new Map(b.map((r) => [r.problemId, r]));
    for (const r of a) {
      expect(JSON.stringify(byId.get(r.problemId)!.tests)).toBe(JSON.stringify(r.tests));
      expect(r.tests.length).toBeGreaterThan(0);
      for (const t of r.tests) TestCase.parse(t);
    }
    expect(JSON.stringify(single.tests)).toBe(JSON.stringify(a.find((r) => r.problemId === countVowels.id)!.tests));
    const other = await generateTests(countVowels, { ...options, seed: 8 }, engine);
    expect(JSON.stringify(other.tests)).not.toBe(JSON.stringify(single.tests));
  });

  it('keeps only tests the reference passes, with provenance and a readable assert', async () => {
    const results = await generateTestsBatch(workingProblems, options, engine);
    const jobs = results.map((r) => ({
      id: r.problemId,
      program: workingProblems.find((p) => p.id === r.problemId)!.reference!,
      tests: r.tests.map((t) => t.spec),
    }));
    for (const res of await collectResults(engine, jobs)) {
      expect(res.verdict, `${res.jobId}: ${JSON.stringify(res.tests.filter((t) => t.verdict !== 'pass'))}`).toBe('pass');
    }
    const t = results[0].tests[0];
    expect(t.provenance.generator).toBe('offline-mutation');
    expect(t.provenance.seed).toEqual(expect.any(Number));
    expect(t.provenance.hashes?.reference).toMatch(/^[0-9a-f]{64}$/);
    expect(t.provenance.mutation).toMatch(/^seed#\d/);
    expect(t.display).toMatch(/^assert clamp_sum\(/);
    // Seeds come first, then mutated inputs that say how they were made.
    expect(results.flatMap((r) => r.tests).some((x) => (x.provenance.mutation ?? '').includes(' > '))).toBe(true);
  });

  it('drops inputs on which the reference raises, with the exception type', async () => {
    const r = await generateTests(clampSum, { ...options, candidates: 40 }, engine);
    const raised = r.dropped.filter((d) => d.reason === 'reference-error');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.some((d) => d.args === '[[1], -1]' && d.detail?.startsWith('ValueError'))).toBe(true);
    expect(r.droppedCounts['reference-error']).toBe(raised.length);
    expect(r.tests.every((t) => t.spec.kind === 'call' && t.spec.args !== '[[1], -1]')).toBe(true);
    const empty = await generateTests(meanOf, options, engine);
    expect(empty.dropped.some((d) => d.args === '[[]]' && d.detail?.startsWith('ZeroDivisionError'))).toBe(true);
  });

  it('drops inputs on which the reference times out', async () => {
    const r = await generateTests(unluckyDouble, { seed: 1, candidates: 6, testTimeoutMs: 300 }, engine);
    expect(r.dropped.some((d) => d.args === '[13]' && d.reason === 'reference-timeout')).toBe(true);
    expect(r.tests.map((t) => (t.spec as { args: string }).args)).toContain('[12]');
  });

  it('caps the tests per problem and counts the rest', async () => {
    const r = await generateTests(binarySearch, { seed: 3, candidates: 40, maxTests: 5, efficiencyTests: 0, selection: 'examples-first' }, engine);
    expect(r.tests).toHaveLength(5);
    expect(r.droppedCounts['over-cap']).toBe(r.pool.length - 5);
    // Seeds are kept first.
    expect(r.tests.slice(0, 4).map((t) => t.provenance.mutation)).toEqual(['seed#0', 'seed#1', 'seed#2', 'seed#3']);
    // Sortedness of the seeds' lists is kept by the mutations (binary search needs it).
    for (const t of r.pool) {
      const xs = JSON.parse((t.spec as { args: string }).args.replace(/\(/g, '[').replace(/\)/g, ']'))[0] as number[];
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    }
  });

  it('handles floats, sets, tuples and dicts', async () => {
    const [mean, sums, inv] = await generateTestsBatch([meanOf, pairSums, invertIndex], options, engine);
    expect(mean.tests.every((t) => t.spec.kind === 'call' && t.spec.atol === 1e-6)).toBe(true);
    expect(sums.tests.some((t) => t.spec.kind === 'call' && /^\{.*\}$|^set\(\)$/.test(t.spec.expected ?? ''))).toBe(true);
    expect(sums.tests.some((t) => t.spec.kind === 'call' && t.spec.args.includes('('))).toBe(true);
    expect(inv.tests.some((t) => t.spec.kind === 'call' && t.spec.args.startsWith("[{'"))).toBe(true);
  });

  it('reports examples it cannot read as seeds', async () => {
    const problem = { ...countVowels, id: 'fixture/count_vowels_odd', examples: [...countVowels.examples, { args: "[str(42) + 'a']" }] };
    const r = await generateTests(problem, options, engine);
    expect(r.tests.length).toBeGreaterThan(0);
    expect(r.dropped.filter((d) => d.reason === 'unreadable-example')).toEqual([
      { problemId: problem.id, args: "[str(42) + 'a']", mutation: 'example', reason: 'unreadable-example', detail: 'binop' },
    ]);
    expect(r.droppedCounts['unreadable-example']).toBe(1);
  });

  it('records problem-level reasons: no examples, no reference', async () => {
    const [a, b] = await generateTestsBatch([noExamples, noReference], options, engine);
    expect(a.tests).toEqual([]);
    expect(a.dropped[0].reason).toBe('no-seed-inputs');
    expect(b.tests).toEqual([]);
    expect(b.dropped[0].reason).toBe('no-reference');
  });
});
