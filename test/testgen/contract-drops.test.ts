/**
 * Inputs breaking an inferred contract become `contract-violation` drops of generateTests (real
 * engine, real Python), with the contract as detail, and are never run as tests; with
 * `inferContracts` off the same inputs are tests. A reference that would give a (wrong-looking)
 * answer on them shows why: a correct candidate may answer anything there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { makeProblem } from '../../src/problems/make-problem.js';
import { generateTests } from '../../src/testgen/generate-tests.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const xor = makeProblem({
  id: 'fixture/string-xor',
  source: 'fixture',
  instruction: 'Input are two strings a and b of the same length consisting only of 1s and 0s. Return their XOR as a string.',
  entryPoint: 'string_xor',
  signature: 'def string_xor(a: str, b: str) -> str:',
  // zip() silently cuts the longer string: on unequal lengths this reference "answers" anyway.
  reference: "def string_xor(a: str, b: str) -> str:\n    return ''.join('0' if x == y else '1' for x, y in zip(a, b))\n",
  examples: [{ args: "['010', '110']" }, { args: "['1', '1']" }, { args: "['0101', '0011']" }],
  provenance: { generator: 'fixture' },
});

describe('contract-violation drops', () => {
  it('drops inputs of unequal lengths or other characters, naming the contract', async () => {
    const on = await generateTests(xor, { seed: 3, candidates: 60, maxTests: 60 }, engine);
    const drops = on.dropped.filter((d) => d.reason === 'contract-violation');
    expect(drops.length).toBeGreaterThan(0);
    expect(on.droppedCounts['contract-violation']).toBe(drops.length);
    expect(new Set(drops.map((d) => d.detail))).toContain('same-length a0,a1');
    for (const t of on.pool) {
      const [a, b] = JSON.parse((t.spec as { args: string }).args.replace(/'/g, '"')) as string[];
      expect(a.length, t.display).toBe(b.length);
      expect(/^[01]*$/.test(a + b), t.display).toBe(true);
    }
    const off = await generateTests(xor, { seed: 3, candidates: 60, maxTests: 60, inferContracts: false }, engine);
    expect(off.droppedCounts['contract-violation']).toBeUndefined();
    const unequal = off.pool.filter((t) => {
      const [a, b] = JSON.parse((t.spec as { args: string }).args.replace(/'/g, '"')) as string[];
      return a.length !== b.length;
    });
    expect(unequal.length).toBeGreaterThan(0);
  });
});
