/**
 * A synthetic run directory for report and viz tests, written with the record schemas of
 * src/records.ts (every record is validated before writing) in the layout of src/io/run-dir.ts.
 * Deterministic: a small LCG drives pass/fail choices. Not a pipeline: no Python runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeJsonlAtomic } from '../../src/io/jsonl.js';
import { runPaths } from '../../src/io/run-dir.js';
import { DpoPair, Execution, FilterDecision, KtoExample, Label, MutationScore, Problem, ProblemSkip, Sample, TestCase } from '../../src/records.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Write a synthetic run with `problems` problems x `k` samples into `dir`; returns the dir. */
export async function writeSyntheticRun(dir: string, problems = 12, k = 6, seed = 7): Promise<string> {
  const rand = lcg(seed);
  const paths = runPaths(dir);
  const r0 = paths.round(0);
  mkdirSync(r0.dir, { recursive: true });
  const probs = [], tests = [], decisions = [], samples = [], executions = [], labels = [], dpo = [], kto = [], scores = [];
  const skips = [ProblemSkip.parse({ problemId: 'p-skip', stage: 'testgen', reason: 'reference raised', detail: 'ZeroDivisionError' })];
  const heuristics = ['consistency', 'duplicate', 'trivial', 'slow'];
  for (let p = 0; p < problems; p++) {
    const id = `p${String(p).padStart(3, '0')}`;
    probs.push(
      Problem.parse({
        id, source: 'embedded', instruction: `Return twice x (${p}).`, entryPoint: 'f', signature: 'def f(x: int) -> int:',
        reference: 'def f(x):\n    return 2 * x\n', examples: [{ args: '[1]', expected: '2' }], tags: ['numbers'],
        difficulty: (['easy', 'medium', 'hard'] as const)[p % 3], provenance: { generator: 'embedded' }, contentHash: `h${p}`,
      }),
    );
    const kept: string[] = [];
    for (let t = 0; t < 6; t++) {
      const testId = `${id}-t${t}`;
      tests.push(TestCase.parse({ id: testId, problemId: id, spec: { id: testId, kind: 'call', entryPoint: 'f', args: `[${t}]`, expected: String(2 * t) }, provenance: { generator: 'offline', seed } }));
      const says = heuristics.map((h) => {
        const keep = rand() > (h === 'consistency' ? 0.2 : 0.08);
        return { heuristic: h, keep, reason: keep ? 'ok' : h === 'consistency' ? 'reference fails the test' : `${h} test` };
      });
      const ok = says.every((s) => s.keep);
      if (ok) kept.push(testId);
      decisions.push(FilterDecision.parse({ testId, problemId: id, kept: ok, decisions: says }));
    }
    const difficulty = rand();
    const chosenIds: string[] = [], rejectedIds: string[] = [];
    for (let s = 0; s < k; s++) {
      const sampleId = `${id}-s${s}`;
      const good = rand() > difficulty;
      samples.push(Sample.parse({ id: sampleId, problemId: id, round: 0, index: s, code: good ? 'def f(x):\n    return x + x\n' : 'def f(x):\n    return 2 * x + 1\n', provenance: { generator: 'offline-mutation', mutation: good ? 'identity' : 'off-by-one', seed }, codeHash: `c${p}-${s}` }));
      const kind = good ? 'none' : (['assertion', 'exception', 'timeout'] as const)[Math.floor(rand() * 3)];
      const outcomes = kept.map((testId, i) => ({
        testId,
        verdict: good || i > 0 ? 'pass' : kind === 'assertion' ? 'fail' : kind === 'exception' ? 'error' : 'timeout',
        durationMs: Math.round(rand() * 400) / 10 + (kind === 'timeout' && i === 0 ? 3000 : 0),
        ...(kind === 'exception' && i === 0 && !good ? { errorType: rand() > 0.5 ? 'TypeError' : 'IndexError', message: 'boom' } : {}),
      }));
      const passed = outcomes.filter((o) => o.verdict === 'pass').length;
      const verdict = outcomes.find((o) => o.verdict !== 'pass')?.verdict ?? 'pass';
      executions.push(Execution.parse({ sampleId, problemId: id, round: 0, verdict, tests: outcomes, durationMs: outcomes.reduce((a, o) => a + o.durationMs, 0) }));
      const chosen = verdict === 'pass';
      labels.push(Label.parse({ sampleId, problemId: id, round: 0, label: chosen ? 'chosen' : 'rejected', reason: chosen ? 'passed every kept test' : `failed ${outcomes.length - passed}`, failureKind: chosen ? 'none' : kind, errorType: outcomes[0]?.errorType, testsPassed: passed, testsTotal: outcomes.length }));
      (chosen ? chosenIds : rejectedIds).push(sampleId);
      kto.push(KtoExample.parse({ id: `kto-${sampleId}`, problemId: id, round: 0, sampleId, prompt: 'Return twice x.', completion: 'def f(x): ...', label: chosen }));
    }
    for (const c of chosenIds) for (const r of rejectedIds) {
      dpo.push(DpoPair.parse({ id: `${c}-${r}`, problemId: id, round: 0, prompt: 'Return twice x.', chosen: 'def f(x):\n    return x + x\n', rejected: 'def f(x):\n    return 2 * x + 1\n', chosenSampleId: c, rejectedSampleId: r, strategy: 'all' }));
    }
    const killed = Math.round(rand() * 10);
    const mutant = (i: number) => ({ sampleId: `${id}-m${i}`, mutation: 'swap-op' });
    scores.push(MutationScore.parse({
      problemId: id, round: 0, score: killed / 10, killed: Array.from({ length: killed }, (_, i) => mutant(i)),
      survived: Array.from({ length: 10 - killed }, (_, i) => mutant(10 + i)), equivalent: [], testsKept: kept.length, poolTests: 40, method: 'pool',
    }));
  }
  await writeJsonlAtomic(paths.problems, probs);
  await writeJsonlAtomic(paths.testSkips, skips);
  await writeJsonlAtomic(paths.tests, tests);
  await writeJsonlAtomic(paths.filter, decisions);
  await writeJsonlAtomic(r0.samples, samples);
  await writeJsonlAtomic(r0.executions, executions);
  await writeJsonlAtomic(r0.labels, labels);
  await writeJsonlAtomic(r0.dpo, dpo);
  await writeJsonlAtomic(r0.kto, kto);
  await writeJsonlAtomic(r0.mutationScores, scores);
  writeFileSync(r0.stats, JSON.stringify({ createdAt: '2026-01-01T00:00:00Z', round: 0, synthetic: true }, null, 2));
  writeFileSync(paths.runState, JSON.stringify({ version: 1, stages: { problems: { status: 'complete', durationMs: 120 }, testgen: { status: 'complete', durationMs: 5400 } } }, null, 2));
  return dir;
}
