/**
 * Mutation scores: the pure classification of `scoreMutants` on hand-made executions, and
 * `measureMutationScores` end to end with the real engine (a one-test suite scores lower than the
 * generated suite; evidence ids point at real tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { MutationScore, type Execution, type Sample, type TestCase, type Verdict } from '../../src/records.js';
import { scoreMutants } from '../../src/mutation/score.js';
import { measureMutationScores } from '../../src/mutation/measure.js';
import { sampleMutantsBatch } from '../../src/sample/mutation-sampler.js';
import { generateTestsBatch } from '../../src/testgen/generate-tests.js';
import { binarySearch, clampSum, countVowels } from '../fixtures/offline-generators/problems.js';

const problem = countVowels;
const sample = (id: string, mutation: string, code = id): Sample => ({
  id,
  problemId: problem.id,
  round: 0,
  index: 0,
  code,
  missingEntryPoint: false,
  provenance: { generator: 'mutation-sampler', mutation },
  codeHash: `hash-${code}`,
});
const execution = (sampleId: string, verdicts: [string, Verdict][]): Execution => ({
  sampleId,
  problemId: problem.id,
  round: 0,
  verdict: verdicts.every(([, v]) => v === 'pass') ? 'pass' : verdicts.find(([, v]) => v !== 'pass')![1],
  tests: verdicts.map(([testId, verdict]) => ({ testId, verdict, durationMs: 1 })),
  durationMs: 1,
  cached: false,
});
const kept: TestCase[] = [
  { id: 'k1', problemId: problem.id, spec: { id: 'k1', kind: 'call', entryPoint: 'count_vowels', args: "['a']", expected: '1' }, provenance: { generator: 'x' } },
];

describe('scoreMutants', () => {
  it('classifies killed, survived, likely-equivalent, not run, and failing variants', () => {
    const mutants = [
      sample('m1', 'mutant:arith(+ -> -)@L1:1'),
      sample('m2', 'mutant:boundary(< -> <=)@L2:1'),
      sample('m3', 'mutant:constant(1 -> 2)@L3:1'),
      sample('m4', 'mutant:drop-statement(if)@L4:1'),
      sample('m5', 'mutant:arith(+ -> -)@L1:1 (repeat)', 'm1'),
      sample('v1', 'variant:rename-local(count -> cnt)'),
      sample('v2', 'variant:add-comment@L2:5'),
      sample('b1', 'broken:truncated@L3'),
    ];
    const executions = [
      execution('m1', [['k1', 'fail']]),
      execution('m2', [['k1', 'pass']]),
      execution('m3', [['k1', 'pass']]),
      execution('m5', [['k1', 'fail']]),
      execution('v1', [['k1', 'pass']]),
      execution('v2', [['k1', 'error']]),
    ];
    const pool = [execution('m2', [['p1', 'pass'], ['p2', 'timeout']]), execution('m3', [['p1', 'pass'], ['p2', 'pass']]), execution('v1', [['p1', 'pass']])];
    const score = MutationScore.parse(scoreMutants(problem, kept, mutants, executions, pool, { round: 0, poolTests: 2 }));
    expect(score.killed).toEqual([{ sampleId: 'm1', mutation: 'mutant:arith(+ -> -)@L1:1', testId: 'k1' }]);
    expect(score.survived).toEqual([{ sampleId: 'm2', mutation: 'mutant:boundary(< -> <=)@L2:1', testId: 'p2' }]);
    expect(score.equivalent.map((m) => m.sampleId)).toEqual(['m3']);
    expect(score.notRun.map((m) => m.sampleId)).toEqual(['m4']);
    expect(score.variantsKilled).toEqual([{ sampleId: 'v2', mutation: 'variant:add-comment@L2:5', testId: 'k1' }]);
    expect(score.score).toBe(0.5);
    expect(score.testsKept).toBe(1);
    expect(score.poolTests).toBe(3);
    // Without a pool, survivors cannot be told from equivalent mutants: no score.
    expect(scoreMutants(problem, kept, mutants, executions).score).toBeNull();
  });
});

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

describe('measureMutationScores', () => {
  it('scores a one-test suite lower than the generated suite', async () => {
    const problems = [binarySearch, clampSum];
    const testgen = { seed: 2, candidates: 40, maxTests: 12 };
    const generated = await generateTestsBatch(problems, testgen, engine);
    const { samples } = await sampleMutantsBatch(problems, { k: 10, seed: 2, correctShare: 0.2, shareConcentration: null, brokenShare: 0 });
    const items = (pick: (tests: TestCase[]) => TestCase[]) =>
      problems.map((problem, i) => ({ problem, keptTests: pick(generated[i].tests), mutants: samples.filter((s) => s.problemId === problem.id) }));
    const options = { testgen, poolCandidates: 100, testTimeoutMs: 500 };
    const full = await measureMutationScores(items((t) => t), engine, options);
    const weak = await measureMutationScores(items((t) => t.slice(0, 1)), engine, options);
    for (const [i, s] of full.entries()) {
      MutationScore.parse(s);
      expect(s.score).not.toBeNull();
      expect(s.testsKept).toBe(generated[i].tests.length);
      expect(s.poolTests).toBeGreaterThan(s.testsKept);
      expect(s.variantsKilled).toEqual([]);
      const keptIds = new Set(generated[i].tests.map((t) => t.id));
      for (const k of s.killed) expect(keptIds.has(k.testId!)).toBe(true);
      expect(weak[i].testsKept).toBe(1);
      expect(weak[i].score!).toBeLessThanOrEqual(s.score!);
    }
    const total = (xs: typeof full) => xs.reduce((n, s) => n + s.killed.length, 0);
    expect(total(weak)).toBeLessThan(total(full));
    expect(weak.reduce((n, s) => n + s.score!, 0)).toBeLessThan(full.reduce((n, s) => n + s.score!, 0));
    // The weak suite's survivors come with a pool test that kills them.
    expect(weak.flatMap((s) => s.survived).every((m) => typeof m.testId === 'string')).toBe(true);
  });
});
