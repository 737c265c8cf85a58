/**
 * Reference trust with the real engine: a crafted problem whose reference is wrong on some inputs
 * (it adds 1 when a == 3); four distinct correct candidates agree with each other against it and
 * the problem is flagged with the evidence (input, reference output, majority output, counts). The
 * same candidates under a correct reference flag nothing, and broken candidates agreeing on a
 * constant output (failing most tests) never vote a reference down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { generateTests } from '../../src/testgen/generate-tests.js';
import { collectResults } from '../../src/testgen/engine-port.js';
import { createReferenceTrust } from '../../src/pairs/reference-trust.js';
import { makeProblem } from '../../src/problems/make-problem.js';
import type { Execution, Problem, TestCase } from '../../src/records.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

const wrongReference = `def add(a: int, b: int) -> int:
    return a + b + (1 if a == 3 else 0)
`;
const rightReference = `def add(a: int, b: int) -> int:
    return a + b
`;
const correct = [
  'def add(a, b):\n    return a + b\n',
  'def add(a, b):\n    return b + a\n',
  'def add(a, b):\n    s = a\n    s += b\n    return s\n',
  'def add(x, y):\n    return sum([x, y])\n',
];
const broken = ['def add(a, b):\n    return 0\n', 'def add(a, b):\n    return 0 * a\n', 'def add(a, b):\n    return 0 * b\n', 'def add(a, b):\n    return a - a\n'];

function problemWith(reference: string): Problem {
  return makeProblem({
    id: 'fixture/add', source: 'fixture', instruction: 'Add two ints.', entryPoint: 'add', signature: 'def add(a: int, b: int) -> int:',
    reference, examples: [{ args: '[3, 4]' }, { args: '[1, 2]' }, { args: '[10, 20]' }], provenance: { generator: 'fixture' },
  });
}

async function suspectsFor(reference: string, programs: string[]) {
  const problem = problemWith(reference);
  const { tests } = await generateTests(problem, { seed: 2, efficiencyTests: 0 }, engine);
  const results = await collectResults(engine, programs.map((program, i) => ({ id: `s${i}`, program, tests: tests.map((t) => ({ ...t.spec, id: t.id })) })));
  const kept = new Set(tests.map((t) => t.id));
  const trust = createReferenceTrust();
  for (const r of results) {
    const execution: Execution = { sampleId: r.jobId, problemId: problem.id, round: 0, verdict: r.verdict, tests: r.tests, durationMs: r.durationMs, cached: r.cached, cacheKey: r.cacheKey };
    trust.add(execution, kept);
  }
  const byId = new Map<string, TestCase>(tests.map((t) => [t.id, t]));
  return trust.suspects(0, (id) => byId.get(id), true);
}

describe('reference trust', () => {
  it('flags a wrong reference that agreeing candidates contradict, with the evidence', async () => {
    const [suspect, ...rest] = await suspectsFor(wrongReference, correct);
    expect(rest).toEqual([]);
    expect(suspect).toMatchObject({ problemId: 'fixture/add', agree: 4, referenceAgree: 0, voters: 4, excluded: true });
    const [a, b] = JSON.parse(suspect.args as string) as number[];
    expect(a).toBe(3);
    expect(suspect.referenceOutput).toBe(String(a + b + 1));
    expect(suspect.majorityOutput).toBe(String(a + b));
  });

  it('flags nothing under a correct reference, nor for broken candidates agreeing on a constant', async () => {
    expect(await suspectsFor(rightReference, correct)).toEqual([]);
    expect(await suspectsFor(rightReference, broken)).toEqual([]);
  });
});
