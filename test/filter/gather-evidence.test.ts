// gatherEvidence against the real engine and real Python: the reference runs over the tests,
// repeated; a test that kills the process is retried alone so the others keep their outcomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { filterTests } from '../../src/filter/filter-tests.js';
import { gatherEvidence } from '../../src/filter/gather-evidence.js';
import { FilterEvidence } from '../../src/records.js';
import { assertTest, problem } from './fixtures.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 1, cacheDir: null, limits: { testTimeoutMs: 1000 } });
});
afterAll(async () => {
  await engine?.close();
});

describe('gatherEvidence (real engine)', () => {
  const tests = [
    assertTest('good', 'assert add(1, 2) == 3'),
    assertTest('wrong', 'assert add(1, 2) == 4'),
    assertTest('raises', 'assert add(1, None) == 1'),
    assertTest('loops', 'while True:\n    pass'),
    assertTest('good2', 'assert add(2,  2) == 4'),
    assertTest('dup', 'assert add(1,2)==3'),
    assertTest('const', 'assert 1 == 1'),
  ];

  it('records per-test outcomes of each repeated reference run and a static analysis', async () => {
    const evidence = await gatherEvidence(problem(), tests, engine, { repeats: 2 });
    expect(FilterEvidence.parse(evidence)).toEqual(evidence);
    expect(evidence.runs).toHaveLength(2);
    for (const run of evidence.runs) {
      const verdict = Object.fromEntries(run.tests.map((t) => [t.testId, t.verdict]));
      expect(verdict).toMatchObject({ good: 'pass', wrong: 'fail', raises: 'error', loops: 'timeout', good2: 'pass', dup: 'pass', const: 'pass' });
    }
    expect(evidence.analysis.find((a) => a.testId === 'const')).toMatchObject({ assertsConstant: true });
    const decisions = filterTests(problem(), tests, evidence, { minTestsPerProblem: 2 });
    expect(decisions.filter((d) => d.kept).map((d) => d.testId)).toEqual(['good', 'good2']);
    const reasons = Object.fromEntries(decisions.map((d) => [d.testId, d.decisions.filter((x) => !x.keep).map((x) => x.reason)]));
    expect(reasons).toMatchObject({ wrong: ['reference fails'], raises: ['reference raises'], dup: ['duplicate'], const: ['asserts a constant'] });
    expect(reasons.loops).toEqual(['reference times out', 'never calls the entry point', 'reference over time budget']);
  });

  it('retries tests a crashed run left without an outcome, one per job', async () => {
    const crashy = [assertTest('good', 'assert add(1, 2) == 3'), assertTest('kills', 'import os\nos._exit(0)'), assertTest('after', 'assert add(0, 0) == 0')];
    const evidence = await gatherEvidence(problem(), crashy, engine, { repeats: 1, skipAnalysis: true });
    const verdict = Object.fromEntries(evidence.runs[0].tests.map((t) => [t.testId, t.verdict]));
    expect(verdict.good).toBe('pass');
    expect(verdict.after).toBe('pass');
    expect(verdict.kills).not.toBe('pass');
  });

  it('has no runs without a reference', async () => {
    const evidence = await gatherEvidence(problem({ reference: null }), tests.slice(0, 1), engine, { skipAnalysis: true });
    expect(evidence).toMatchObject({ hasReference: false, runs: [] });
  });
});
