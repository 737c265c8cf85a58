/**
 * The type-aware input mutator (python/mutate_inputs.py, no engine): prefix-stable and seeded,
 * literal-only reading of examples, seeds from benchmark asserts, canonical rendering, and the
 * relaxed mode of the mutation scorer's pool.
 */
import { describe, expect, it } from 'vitest';
import { generateCandidateInputs, type CandidateRequest } from '../../src/testgen/candidate-inputs.js';
import { makeProblem } from '../../src/problems/make-problem.js';
import { binarySearch, invertIndex, pairSums } from '../fixtures/offline-generators/problems.js';

const request = (problem: CandidateRequest['problem'], candidates: number, extra: Partial<CandidateRequest> = {}): CandidateRequest => ({
  problem,
  seed: 11,
  candidates,
  maxSteps: 3,
  maxSize: 16,
  relaxAfter: null,
  ...extra,
});

describe('generateCandidateInputs', () => {
  it('is seeded and prefix-stable (a larger pool starts with the smaller one)', async () => {
    const [small, big, again, other] = await generateCandidateInputs([
      request(binarySearch, 20),
      request(binarySearch, 60),
      request(binarySearch, 20),
      request(binarySearch, 60, { seed: 12 }),
    ]);
    expect(small.inputs).toHaveLength(20);
    expect(big.inputs.slice(0, 20)).toEqual(small.inputs);
    expect(again).toEqual(small);
    expect(other.inputs).not.toEqual(big.inputs); // the seeds and boundary inputs are the same, the mutations not
    expect(new Set(big.inputs.map((i) => i.args)).size).toBe(big.inputs.length);
    // Relaxed extras keep the strict prefix.
    const [relaxed] = await generateCandidateInputs([request(binarySearch, 60, { relaxAfter: 20 })]);
    expect(relaxed.inputs.slice(0, 20)).toEqual(small.inputs);
  });

  it('does not depend on PYTHONHASHSEED (sets are never iterated in hash order)', async () => {
    const saved = process.env.PYTHONHASHSEED;
    const runs = [];
    try {
      for (const h of ['1', '2']) {
        process.env.PYTHONHASHSEED = h;
        runs.push(await generateCandidateInputs([request(pairSums, 40), request(invertIndex, 40, { relaxAfter: 10 })]));
      }
    } finally {
      if (saved === undefined) delete process.env.PYTHONHASHSEED;
      else process.env.PYTHONHASHSEED = saved;
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('reads examples as literals only, takes seeds from benchmark asserts, renders canonically', async () => {
    const problem = makeProblem({
      id: 'fixture/literals',
      source: 'fixture',
      instruction: 'x',
      entryPoint: 'f',
      signature: null,
      reference: 'def f(*a):\n    return a\n',
      examples: [{ args: "[{3, 1, 2}, frozenset(), float('inf')]" }, { args: "[__import__('os').system('true')]" }],
      benchmarkTests: [{ id: 't', kind: 'assert', code: 'assert f((1, 2), {"k": [1]}) == 3\nassert f(x) == 1' }],
      provenance: { generator: 'fixture' },
    });
    const [r] = await generateCandidateInputs([request(problem, 30)]);
    expect(r.seeds).toBe(2);
    expect(r.unparsable).toHaveLength(1);
    expect(r.inputs[0]).toEqual({ args: "[{1, 2, 3}, frozenset(), float('inf')]", mutation: 'seed#0' });
    expect(r.inputs[1]).toEqual({ args: "[(1, 2), {'k': [1]}]", mutation: 'seed#1' });
    // Mutations reach nested values of every kind.
    const text = r.inputs.map((i) => i.mutation).join('\n');
    for (const kind of ['set.', 'tuple[', 'dict.', 'float.']) expect(text).toContain(kind);
  });

  it('mutates dicts, sets of tuples and nested lists', async () => {
    const [inv, sums] = await generateCandidateInputs([request(invertIndex, 30), request(pairSums, 30)]);
    expect(inv.inputs.some((i) => /dict\.(insert|remove|mutate-value)/.test(i.mutation))).toBe(true);
    expect(sums.inputs.some((i) => /list\.elem\[\d+\]\.tuple\[\d\]\.int/.test(i.mutation))).toBe(true);
  });
});
