/**
 * Selection by mutant cover, with the real mutation operators and the real engine: a boundary
 * mutant (`>=` -> `>`) that the examples cannot kill is killed by an input on the boundary, and the
 * greedy cover keeps that input even under a budget the examples alone would fill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { greedyCover, mutantCoverOrder } from '../../src/testgen/mutant-cover.js';
import { offlineTestId, selectTests } from '../../src/testgen/generate-tests.js';
import { makeProblem } from '../../src/problems/make-problem.js';
import type { TestCase } from '../../src/records.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const reference = `def grade(score: int) -> str:
    if score >= 90:
        return "A"
    return "B"
`;
const problem = makeProblem({
  id: 'fixture/grade', source: 'fixture', instruction: 'Grade A from 90 up.', entryPoint: 'grade',
  signature: 'def grade(score: int) -> str:', reference, examples: [{ args: '[95]' }, { args: '[50]' }],
  provenance: { generator: 'fixture' },
});

function test(args: string, expected: string, mutation: string): TestCase {
  const id = offlineTestId(problem.id, args);
  return { id, problemId: problem.id, spec: { id, kind: 'call', entryPoint: 'grade', args, expected }, provenance: { generator: 'fixture', mutation } };
}
// seeds first (as the generator orders them), then a mutated input on the boundary
const pool = [test('[95]', "'A'", 'seed#0'), test('[50]', "'B'", 'seed#1'), test('[90]', "'A'", 'seed#0 > a0:int.small')];

describe('mutant cover', () => {
  it('keeps an input that kills a mutant the examples miss', async () => {
    const [order] = await mutantCoverOrder([{ problem, pool, seed: 1, referenceMs: 1 }], engine, 24);
    expect(order).toContain(pool[2].id);
    // examples first under a budget of 2 would miss the boundary; the cover keeps it
    expect(selectTests(pool, 2).has(pool[2].id)).toBe(false);
    expect(selectTests(pool, 2, order).has(pool[2].id)).toBe(true);
  });

  it('greedy order: most new kills first, a test killing nothing new is left out', () => {
    const kills = new Map([
      [pool[0].id, new Set(['m1'])],
      [pool[1].id, new Set(['m1', 'm2', 'm3'])],
      [pool[2].id, new Set(['m3', 'm4'])],
    ]);
    expect(greedyCover(pool, kills)).toEqual([pool[1].id, pool[2].id]);
  });
});
