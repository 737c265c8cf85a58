/**
 * Generated tests compare outputs as EvalPlus does for the problem: for an MBPP+ set-equality task
 * a candidate returning the same elements in another order passes (and fails with the option off);
 * HumanEval/32 is judged by |poly(x)| <= atol. Real engine, real oracles.py.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { generateTests } from '../../src/testgen/generate-tests.js';
import { collectResults } from '../../src/testgen/engine-port.js';
import { comparisonRuleOf, expectedOutputText } from '../../src/testgen/comparison-oracle.js';
import { makeProblem } from '../../src/problems/make-problem.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const reference = `def similar_elements(a, b):
    return tuple(sorted(set(a) & set(b)))
`;
const otherOrder = `def similar_elements(a, b):
    return tuple(sorted(set(a) & set(b), reverse=True))
`;
const wrong = `def similar_elements(a, b):
    return tuple(sorted(set(a) | set(b)))
`;
const problem = makeProblem({
  id: 'Mbpp/2', source: 'mbppplus', instruction: 'Shared elements of two lists.', entryPoint: 'similar_elements',
  signature: 'def similar_elements(a, b):', reference,
  examples: [{ args: '[(3, 4, 5, 6), (5, 7, 4, 10)]' }, { args: '[(1, 2, 3, 4), (5, 4, 3, 7)]' }],
  provenance: { generator: 'fixture' },
});

async function verdicts(evalplusOracles: boolean): Promise<Record<string, string>> {
  const { tests } = await generateTests(problem, { seed: 5, evalplusOracles, efficiencyTests: 0 }, engine);
  expect(tests.length).toBeGreaterThan(3);
  const jobs = Object.entries({ reference, otherOrder, wrong }).map(([id, program]) => ({ id, program, tests: tests.map((t) => t.spec) }));
  const results = await collectResults(engine, jobs);
  return Object.fromEntries(results.map((r) => [r.jobId, r.verdict]));
}

describe('EvalPlus comparison on generated tests', () => {
  it('accepts set-equal outputs where the oracle says so', async () => {
    expect(await verdicts(true)).toEqual({ reference: 'pass', otherOrder: 'pass', wrong: 'fail' });
    expect((await verdicts(false)).otherOrder).toBe('fail');
  });

  it('names the rules of EvalPlus', () => {
    expect(comparisonRuleOf({ source: 'humanevalplus', entryPoint: 'find_zero' })).toEqual({ oracle: 'evalplus:find_zero' });
    expect(comparisonRuleOf({ source: 'humaneval', entryPoint: 'fib' })).toEqual({});
    expect(comparisonRuleOf({ source: 'mbppplus', entryPoint: 'Diff' })).toEqual({ oracle: 'evalplus:mbpp_set_eq' });
    const notNone = comparisonRuleOf({ source: 'mbppplus', entryPoint: 'text_match_three' });
    expect(notNone.oracle).toBe('evalplus:mbpp_not_none');
    expect(expectedOutputText(notNone, "<re.Match object; span=(0, 4), match='abbb'>")).toBe('True');
    expect(expectedOutputText(notNone, 'None')).toBe('False');
  });
});
