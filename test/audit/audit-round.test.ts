/**
 * `plum audit` on a synthetic labelled run of three HumanEval tasks, judged by the real engine with
 * real HumanEval+ data: canonical and wrong samples labelled deliberately right and wrong, so the
 * confusion matrices of plum and of the base-tests-only baseline are known exactly. Plus the bad
 * inputs: no run directory, an unlabelled round, no oracle data, an unknown oracle.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRound, type AuditResult } from '../../src/audit/audit-round.js';
import { ConfigError, DataMissingError } from '../../src/errors.js';
import { createEngine } from '../../src/execution/engine.js';
import type { Engine } from '../../src/execution/types.js';
import { writeJsonlAtomic } from '../../src/io/jsonl.js';
import { runPaths } from '../../src/io/run-dir.js';
import { findBenchmarkFile, loadHumanEvalPlus } from '../../src/problems/benchmarks.js';
import { AuditRecord, AuditSummary, FilterDecision, Label, Problem, Sample } from '../../src/records.js';

const dataDir = resolve(process.env.PLUM_DATA_DIR ?? '../shared/data');
const haveData = existsSync(join(dataDir, 'humanevalplus'));
if (!haveData) console.warn(`SKIPPED audit tests with data: HumanEvalPlus not found under ${dataDir} (set PLUM_DATA_DIR)`);

/** HumanEval/57 with the loop starting at 1: passes the base inputs, fails plus input [2, 1, 2]. */
const MONOTONIC_MUTANT = `def monotonic(l: list):
    inc, dec = True, True
    for i in range(1, len(l) - 1):
        if l[i] > l[i + 1]: inc = False
        if l[i] < l[i + 1]: dec = False
    return inc or dec
`;

type LabelName = 'chosen' | 'rejected' | 'excluded';
interface Planted { id: string; problemId: string; code: string; label: LabelName; generator: string; mutation?: string }

async function writeRun(dir: string, planted: Planted[]): Promise<void> {
  const paths = runPaths(dir);
  mkdirSync(paths.round(0).dir, { recursive: true });
  const problemIds = ['HumanEval/0', 'HumanEval/2', 'HumanEval/57', 'HumanEval/99'];
  await writeJsonlAtomic(paths.problems, problemIds.map((id) => Problem.parse({ id, source: 'humaneval', instruction: id, entryPoint: 'f', signature: null, reference: null, provenance: { generator: 'humaneval' }, contentHash: id })));
  await writeJsonlAtomic(paths.filter, problemIds.map((id, i) => FilterDecision.parse({ testId: `t${i}`, problemId: id, kept: id !== 'HumanEval/99', decisions: [] })));
  const perProblem = new Map<string, number>();
  const samples = planted.map((p) => {
    const index = perProblem.get(p.problemId) ?? 0;
    perProblem.set(p.problemId, index + 1);
    return Sample.parse({ id: p.id, problemId: p.problemId, round: 0, index, code: p.code, provenance: { generator: p.generator, mutation: p.mutation }, codeHash: p.id });
  });
  await writeJsonlAtomic(paths.round(0).samples, samples);
  await writeJsonlAtomic(paths.round(0).labels, planted.map((p) => Label.parse({ sampleId: p.id, problemId: p.problemId, round: 0, label: p.label, reason: 'planted', failureKind: p.label === 'chosen' ? 'none' : 'assertion', testsPassed: 0, testsTotal: 1 })));
}

describe.skipIf(!haveData)('auditRound with HumanEval+ (real engine, real data)', () => {
  let engine: Engine;
  let result: AuditResult;
  let runDir: string;
  beforeAll(async () => {
    const tasks = new Map(loadHumanEvalPlus(findBenchmarkFile('humaneval+', dataDir)).tasks.map((t) => [t.taskId, t]));
    const canonical = (id: string) => tasks.get(id)!.prompt + tasks.get(id)!.canonicalSolution;
    const body = (id: string, code: string) => tasks.get(id)!.prompt + code;
    runDir = join(mkdtempSync(join(tmpdir(), 'plum-audit-')), 'run');
    await writeRun(runDir, [
      { id: 's1', problemId: 'HumanEval/0', code: canonical('HumanEval/0'), label: 'chosen', generator: 'samples' }, // true chosen
      { id: 's2', problemId: 'HumanEval/0', code: body('HumanEval/0', '    return False\n'), label: 'rejected', generator: 'samples' }, // true rejected
      { id: 's3', problemId: 'HumanEval/2', code: canonical('HumanEval/2'), label: 'rejected', generator: 'samples' }, // false rejected
      { id: 's4', problemId: 'HumanEval/2', code: body('HumanEval/2', '    return 0.5\n'), label: 'chosen', generator: 'samples' }, // false chosen (fails base too)
      { id: 's5', problemId: 'HumanEval/57', code: MONOTONIC_MUTANT, label: 'chosen', generator: 'mutation-sampler', mutation: 'mutant:range-bound@L3' }, // false chosen, passes base
      { id: 's6', problemId: 'HumanEval/57', code: canonical('HumanEval/57'), label: 'chosen', generator: 'llm' }, // true chosen
      { id: 's7', problemId: 'Mbpp/2', code: 'def similar_elements(a, b):\n    return ()\n', label: 'chosen', generator: 'samples' }, // not a HumanEval+ task
      { id: 's8', problemId: 'HumanEval/2', code: 'def truncate_number(x:\n', label: 'excluded', generator: 'samples' }, // does not compile
    ]);
    engine = await createEngine({ workers: 2, shardJobs: false });
    result = await auditRound(runDir, { oracle: 'humaneval+', dataDir, engine, progress: false });
  }, 300_000);
  afterAll(async () => engine?.close());

  it('counts plum\'s confusion matrix exactly, over judged chosen/rejected samples', () => {
    const s = result.summary;
    expect([s.samples, s.judged, s.correct, s.wrong]).toEqual([8, 7, 3, 4]);
    expect(s.plum).toEqual({ chosenCorrect: 2, chosenWrong: 2, rejectedCorrect: 1, rejectedWrong: 1, chosenPrecision: 0.5, rejectedPrecision: 0.5, recall: 2 / 3, accuracy: 0.5 });
    expect(s.excluded).toEqual({ samples: 1, correct: 0, wrong: 1 });
  });

  it('scores the base-tests-only baseline on the same samples', () => {
    expect(result.summary.baseline).toEqual({ chosenCorrect: 3, chosenWrong: 1, rejectedCorrect: 0, rejectedWrong: 2, chosenPrecision: 0.75, rejectedPrecision: 1, recall: 1, accuracy: 5 / 6 });
  });

  it('counts samples of problems that are not oracle tasks as not judged, and problems with zero kept tests', () => {
    const s = result.summary;
    expect(s.notJudged).toEqual({ samples: 1, problems: ['Mbpp/2'], reasons: { 'not a task of the oracle dataset': 1 } });
    expect(s.zeroKeptTests).toEqual({ problems: 1, audited: 0, ids: ['HumanEval/99'] });
    expect(s.perProblem.find((g) => g.key === 'HumanEval/57')).toMatchObject({ samples: 2, correct: 1, keptTests: 1, plum: { chosenWrong: 1 }, baseline: { chosenWrong: 1 } });
    expect(s.perSource.map((g) => [g.key, g.samples, g.plum.chosenWrong])).toEqual([['samples', 6, 1], ['mutation-sampler:mutant', 1, 1], ['llm', 1, 0]]);
  });

  it('writes audit.jsonl with the first failing strong test, and audit.json', async () => {
    const lines = readFileSync(result.recordsFile, 'utf8').trim().split('\n').map((l) => AuditRecord.parse(JSON.parse(l)));
    expect(lines.map((r) => r.sampleId)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']);
    const mutant = lines.find((r) => r.sampleId === 's5')!;
    expect(mutant).toMatchObject({ label: 'chosen', basePassed: true, plusPassed: false, correct: false, baselineLabel: 'chosen', source: 'mutation-sampler:mutant', index: 0 });
    expect(mutant.firstFailure).toMatchObject({ group: 'plus', verdict: 'fail' });
    expect(mutant.firstFailure!.actual).toMatch(/^got True/);
    expect(mutant.firstFailure!.expected.toLowerCase()).toBe('false');
    expect(lines.find((r) => r.sampleId === 's4')!.firstFailure).toMatchObject({ group: 'base', testId: 'base/1' }); // base/0 is 3.5 -> 0.5
    expect(lines.find((r) => r.sampleId === 's1')!.firstFailure).toBeUndefined();
    expect(lines.find((r) => r.sampleId === 's7')).toMatchObject({ judged: false, label: 'chosen' });
    expect(AuditSummary.parse(JSON.parse(readFileSync(result.summaryFile, 'utf8'))).plum.chosenWrong).toBe(2);
  });

  it('runs as `plum audit` and prints both labellers', async () => {
    const out = await execa('node', ['bin/plum.js', 'audit', runDir, '--oracle', 'humaneval+', '--data-dir', dataDir], { reject: false, env: { PLUM_PROGRESS: '0' } });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/plum \(kept tests\)\s+4\s+2\s+50\.0%/);
    expect(out.stdout).toMatch(/base tests only\s+4\s+1\s+75\.0%/);
    expect(out.stdout).toContain('NOT JUDGED: 1 samples');
  }, 120_000);
});

describe('auditRound bad input', () => {
  const root = mkdtempSync(join(tmpdir(), 'plum-audit-bad-'));

  it('names a missing run directory, an unknown oracle and an unlabelled round', async () => {
    await expect(auditRound(join(root, 'nope'), { oracle: 'humaneval+' })).rejects.toThrow(ConfigError);
    await expect(auditRound(join(root, 'nope'), { oracle: 'humaneval+' })).rejects.toThrow(/run directory .*nope does not exist/);
    await expect(auditRound(root, { oracle: 'apps' as never })).rejects.toThrow(/unknown oracle "apps" \(known: humaneval\+, mbpp\+\)/);
    await expect(auditRound(root, { oracle: 'humaneval+' })).rejects.toThrow(/has no labelled round/);
    mkdirSync(join(root, 'round-0'));
    await writeJsonlAtomic(join(root, 'round-0', '06-labels.jsonl'), []);
    await expect(auditRound(root, { oracle: 'humaneval+', round: 3 })).rejects.toThrow(/round 3 of .* is not labelled .*plum label --run-dir .* --round 3/);
  });

  it('says where to get missing oracle data', async () => {
    const dir = join(root, 'data');
    await writeRun(join(root, 'run'), [{ id: 's1', problemId: 'HumanEval/0', code: 'x = 1\n', label: 'chosen', generator: 'samples' }]);
    mkdirSync(dir);
    await expect(auditRound(join(root, 'run'), { oracle: 'mbpp+', dataDir: dir })).rejects.toThrow(DataMissingError);
    await expect(auditRound(join(root, 'run'), { oracle: 'mbpp+', dataDir: dir })).rejects.toThrow(/MbppPlus\.jsonl\.gz not found .*mbppplus_release/);
  });

  it.skipIf(!existsSync(join(dataDir, 'mbppplus')))('refuses an oracle none of whose tasks the run holds, writing nothing', async () => {
    const run = join(root, 'he-run');
    await writeRun(run, [{ id: 's1', problemId: 'HumanEval/0', code: 'x = 1\n', label: 'chosen', generator: 'samples' }]);
    await expect(auditRound(run, { oracle: 'mbpp+', dataDir, progress: false })).rejects.toThrow(
      /no sample of round 0 is a task of mbpp\+ \(problem ids such as "HumanEval\/0"\).*try --oracle humaneval\+/,
    );
    expect(existsSync(join(run, 'round-0', 'audit.json'))).toBe(false);
    expect(existsSync(join(run, 'round-0', 'audit.jsonl'))).toBe(false);
  }, 120_000);

  it('prints one line and exits 1 from the CLI', async () => {
    const bad = await execa('node', ['bin/plum.js', 'audit', join(root, 'missing'), '--oracle', 'humaneval+'], { reject: false });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^plum audit: run directory .*missing does not exist/);
    const noOracle = await execa('node', ['bin/plum.js', 'audit', root], { reject: false });
    expect(noOracle.stderr).toMatch(/^plum audit: --oracle must be humaneval\+ or mbpp\+/);
  }, 60_000);
});
