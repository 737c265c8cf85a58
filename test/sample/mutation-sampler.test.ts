/**
 * The mutation sampler with real Python: determinism, k candidates per problem with the requested
 * share of variants, every candidate compiles, mutants differ from the reference's AST, and through
 * the engine on generated tests the candidates mix passes and failures (variants pass).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/execution/engine.js';
import { resolvePython } from '../../src/execution/python.js';
import type { Engine } from '../../src/execution/types.js';
import { Sample } from '../../src/records.js';
import { sampleMutants, sampleMutantsBatch } from '../../src/sample/mutation-sampler.js';
import { isBrokenMutation, isVariantMutation } from '../../src/mutation/mutate-reference.js';
import { generateTestsBatch } from '../../src/testgen/generate-tests.js';
import { collectResults } from '../../src/testgen/engine-port.js';
import { hashOf } from '../../src/io/hash.js';
import { brokenReference, noReference, workingProblems } from '../fixtures/offline-generators/problems.js';

/** For each [code, reference]: does the code compile, and is its AST the reference's? */
function inspect(pairs: [string, string][]): { compiles: boolean; sameAst: boolean }[] {
  const script = `
import ast, json, sys
out = []
for code, ref in json.load(sys.stdin):
    try:
        tree = ast.parse(code); compile(tree, '<c>', 'exec'); ok = True
    except SyntaxError:
        ok = False
    out.append({'compiles': ok, 'sameAst': ok and ast.dump(tree) == ast.dump(ast.parse(ref))})
print(json.dumps(out))`;
  return JSON.parse(execFileSync(resolvePython(), ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8' }));
}

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, cacheDir: null });
});
afterAll(async () => {
  await engine?.close();
});

describe('sampleMutants', () => {
  it('is deterministic per (seed, problem, round) and independent of batch order', async () => {
    const opts = { k: 8, seed: 5, round: 0, correctShare: 0.25 };
    const a = await sampleMutantsBatch(workingProblems, opts);
    const b = await sampleMutantsBatch([...workingProblems].reverse(), opts);
    const sort = (xs: Sample[]) => [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(JSON.stringify(sort(b.samples))).toBe(JSON.stringify(sort(a.samples)));
    const one = await sampleMutants(workingProblems[0], opts);
    expect(one).toEqual(a.samples.filter((s) => s.problemId === workingProblems[0].id));
    const nextRound = await sampleMutants(workingProblems[0], { ...opts, round: 1 });
    expect(nextRound.map((s) => s.code)).not.toEqual(one.map((s) => s.code));
    expect(nextRound.every((s) => s.round === 1 && s.id.includes('::r1::'))).toBe(true);
    const saved = process.env.PYTHONHASHSEED;
    try {
      process.env.PYTHONHASHSEED = '123';
      expect((await sampleMutantsBatch(workingProblems, opts)).samples).toEqual(a.samples);
    } finally {
      if (saved === undefined) delete process.env.PYTHONHASHSEED;
      else process.env.PYTHONHASHSEED = saved;
    }
  });

  it('makes k valid Sample records: all compile, mutants differ from the reference, variants as asked', async () => {
    const { samples, skips } = await sampleMutantsBatch(workingProblems, { k: 10, seed: 1, correctShare: 0.3, shareConcentration: null, brokenShare: 0 });
    expect(skips).toEqual([]);
    for (const p of workingProblems) {
      const mine = samples.filter((s) => s.problemId === p.id);
      expect(mine).toHaveLength(10);
      expect(mine.map((s) => s.index)).toEqual([...Array(10).keys()]);
      expect(mine.filter((s) => isVariantMutation(s.provenance.mutation))).toHaveLength(3);
    }
    const checks = inspect(samples.map((s) => [s.code, workingProblems.find((p) => p.id === s.problemId)!.reference!]));
    samples.forEach((s, i) => {
      Sample.parse(s);
      expect(s.codeHash).toBe(hashOf(s.code));
      expect(s.provenance.generator).toBe('mutation-sampler');
      expect(s.provenance.mutation).toMatch(/^(mutant|variant):[a-z-]+/);
      expect(checks[i].compiles, s.code).toBe(true);
      if (!isVariantMutation(s.provenance.mutation)) expect(checks[i].sameAst, s.provenance.mutation).toBe(false);
      expect(s.code).not.toBe(workingProblems.find((p) => p.id === s.problemId)!.reference);
    });
    // Operators of several families appear.
    const ops = new Set(samples.map((s) => s.provenance.mutation!.split(/[:(@]/)[1]));
    expect(ops.size).toBeGreaterThanOrEqual(8);
  });

  it('gives a mix of passing and failing candidates on generated tests; variants pass', async () => {
    const tests = await generateTestsBatch(workingProblems, { seed: 1, candidates: 40, maxTests: 12 }, engine);
    const { samples } = await sampleMutantsBatch(workingProblems, { k: 8, seed: 1, correctShare: 0.25, shareConcentration: null, brokenShare: 0 });
    const specs = new Map(tests.map((t) => [t.problemId, t.tests.map((x) => x.spec)]));
    const jobs = samples.map((s) => ({ id: s.id, program: s.code, tests: specs.get(s.problemId)!, limits: { testTimeoutMs: 500, jobTimeoutMs: 2000 } }));
    const verdicts = new Map((await collectResults(engine, jobs)).map((r) => [r.jobId, r.verdict]));
    for (const p of workingProblems) {
      const mine = samples.filter((s) => s.problemId === p.id);
      const passed = mine.filter((s) => verdicts.get(s.id) === 'pass');
      expect(passed.length, p.id).toBeGreaterThan(0);
      expect(passed.length, p.id).toBeLessThan(mine.length);
      for (const v of mine.filter((s) => isVariantMutation(s.provenance.mutation))) {
        expect(verdicts.get(v.id), `${v.provenance.mutation}\n${v.code}`).toBe('pass');
      }
    }
  });

  it('varies the share of correct variants across problems around the mean', async () => {
    const { samples } = await sampleMutantsBatch(workingProblems, { k: 20, seed: 4, correctShare: 0.3, shareConcentration: 4 });
    const shares = workingProblems.map((p) => {
      const mine = samples.filter((s) => s.problemId === p.id);
      return mine.filter((s) => isVariantMutation(s.provenance.mutation)).length / mine.length;
    });
    expect(new Set(shares).size).toBeGreaterThan(2);
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.1);
    expect(mean).toBeLessThan(0.6);
  });

  it('can add broken candidates: cut off mid-line, or the entry function renamed', async () => {
    const { samples } = await sampleMutantsBatch(workingProblems, { k: 10, seed: 3, correctShare: 0.2, shareConcentration: null, brokenShare: 0.5 });
    const broken = samples.filter((s) => isBrokenMutation(s.provenance.mutation));
    const truncated = broken.filter((s) => s.provenance.mutation!.startsWith('broken:truncated@L'));
    const renamed = broken.filter((s) => s.provenance.mutation!.startsWith('broken:renamed-entry('));
    expect(truncated.length).toBeGreaterThan(0);
    expect(renamed.length).toBeGreaterThan(0);
    expect(truncated.every((s) => s.finishReason === 'length' && !s.missingEntryPoint)).toBe(true);
    expect(renamed.every((s) => s.missingEntryPoint)).toBe(true);
    const checks = inspect(truncated.map((s) => [s.code, s.code]));
    expect(checks.every((c) => !c.compiles)).toBe(true);
    // Variants are untouched.
    expect(samples.filter((s) => isVariantMutation(s.provenance.mutation)).length).toBe(2 * workingProblems.length);
  });

  it('skips problems without a usable reference, with the reason', async () => {
    const { samples, skips } = await sampleMutantsBatch([noReference, brokenReference], { k: 4 });
    expect(samples).toEqual([]);
    expect(skips.map((s) => [s.problemId, s.stage, s.reason])).toEqual([
      ['fixture/no_reference', 'sample', 'no reference solution to mutate'],
      ['fixture/broken_reference', 'sample', 'reference does not parse'],
    ]);
  });
});
