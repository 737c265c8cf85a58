// `plum compare` on result files that `plum eval` itself wrote: pass@1 side by side, deltas, flipped
// tasks (one and several samples per task), folders holding several benchmarks (an EvalPlus result
// filling its base and plus rows), labels from summaries, the HTML page, and bad input as one line.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFiles } from '../../src/compare/compare-files.js';
import { formatComparison } from '../../src/compare/format-compare.js';
import { summaryPathOf } from '../../src/compare/load-evaluations.js';
import { evaluateSamples, type EvaluationReport } from '../../src/eval/evaluate.js';
import { packageRoot } from '../../src/paths.js';
import { loadHumanEvalPlus, loadMbppPlus, findBenchmarkFile } from '../../src/problems/benchmarks.js';
import { EvalSummary } from '../../src/records.js';
import { dataPath, describeWithData } from '../support/shared-data.js';
import type { z } from 'zod';

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'plum-compare-'));
const problems = join(root, 'test', 'fixtures', 'eval', 'tiny-problems.jsonl'); // Tiny/0 add, Tiny/1 first

function plum(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'plum.js'), ...args], { cwd: dir, env: { ...process.env, PLUM_CACHE_DIR: join(dir, 'cache') } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Write samples and evaluate them with plum eval's own function; returns the report (results file = report.outFile). */
async function evaluate(folder: string, name: string, dataset: 'humaneval' | 'humaneval+' | 'mbpp+', samples: object[], extra: { problemFile?: string; dataDir?: string } = {}): Promise<EvaluationReport> {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.jsonl`);
  writeFileSync(file, samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  return evaluateSamples({ dataset, samples: file, out: join(folder, `${name}_results.jsonl`), jobs: 1, progress: false, cacheDir: null, expectedCacheDir: join(dir, 'expected'), ...extra });
}

const right = { 'Tiny/0': '    return a + b\n', 'Tiny/1': '    return xs[0]\n' };
const wrong = { 'Tiny/0': '    return a - b\n', 'Tiny/1': '    return xs[-1]\n' };

describe('plum compare on plum eval results', () => {
  it('shows pass@1 side by side with the delta and the tasks flipped each way', async () => {
    const before = await evaluate(join(dir, 'one', 'before'), 'tiny', 'humaneval', [
      { task_id: 'Tiny/0', completion: right['Tiny/0'] },
      { task_id: 'Tiny/1', completion: wrong['Tiny/1'] },
    ], { problemFile: problems });
    const after = await evaluate(join(dir, 'one', 'after'), 'tiny', 'humaneval', [
      { task_id: 'Tiny/0', completion: wrong['Tiny/0'] },
      { task_id: 'Tiny/1', completion: right['Tiny/1'] },
    ], { problemFile: problems });
    const comparison = await compareFiles([before.outFile, after.outFile], { labels: ['base', 'dpo'] });
    expect(comparison.labels).toEqual(['base', 'dpo']);
    // The row is the dataset plum eval's summary names; without a summary (and with task ids of no known
    // benchmark) it is named after the samples file.
    const name = existsSync(summaryPathOf(before.outFile)) ? 'humaneval' : 'tiny';
    expect(comparison.rows.map((r) => r.benchmark)).toEqual([name]);
    const [row] = comparison.rows;
    expect(row.cells.map((c) => c?.passAtK['pass@1'])).toEqual([0.5, 0.5]);
    expect(row.changes[0].delta).toBe(0);
    expect(row.changes[0].improved?.map((f) => f.taskId)).toEqual(['Tiny/1']);
    expect(row.changes[0].regressed?.map((f) => f.taskId)).toEqual(['Tiny/0']);
    const text = formatComparison(comparison);
    expect(text).toContain(`${name}: better in dpo (1): Tiny/1`);
    expect(text).toContain(`${name}: worse in dpo (1): Tiny/0`);

    // The CLI: the same table on stdout, and the HTML page with the chart.
    const html = join(dir, 'one', 'compare.html');
    const cli = await plum(['compare', before.outFile, after.outFile, '--label', 'base', '--label', 'dpo', '--html', html]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('benchmark'))).toMatch(/^benchmark\s+base\s+dpo\s+Δ dpo\s+tasks ± dpo$/);
    expect(lines.find((l) => l.startsWith(name))).toMatch(new RegExp(`^${name}\\s+50\\.0\\s+50\\.0\\s+\\+0\\.0\\s+\\+1 -1 of 2$`));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('compare-pass-at-k');
    expect(page).toContain('window.Plotly.newPlot');
    expect(page).toContain('Tiny/1');
  }, 120_000);

  it('uses per-task pass rates with several samples per task, and reads the model from a summary', async () => {
    // a's samples carry the model, as plum generate writes them; b's summary names it.
    const a = await evaluate(join(dir, 'rates', 'a'), 'tiny', 'humaneval', [
      { task_id: 'Tiny/0', completion: right['Tiny/0'], model: 'ckpt-1' },
      { task_id: 'Tiny/0', completion: wrong['Tiny/0'], model: 'ckpt-1' },
      { task_id: 'Tiny/1', completion: wrong['Tiny/1'], model: 'ckpt-1' },
      { task_id: 'Tiny/1', completion: wrong['Tiny/1'], model: 'ckpt-1' },
    ], { problemFile: problems });
    const b = await evaluate(join(dir, 'rates', 'b'), 'tiny', 'humaneval', [
      { task_id: 'Tiny/0', completion: right['Tiny/0'] },
      { task_id: 'Tiny/0', completion: right['Tiny/0'] },
      { task_id: 'Tiny/1', completion: right['Tiny/1'] },
      { task_id: 'Tiny/1', completion: wrong['Tiny/1'] },
    ], { problemFile: problems });
    // The summary beside the results names the dataset and (for b) the model: plum eval's own when it
    // writes one, else one built from the report as it would write it.
    const summarise = (report: EvaluationReport, model: string | undefined, pass1: number) => {
      const path = summaryPathOf(report.outFile);
      const written: z.input<typeof EvalSummary> = existsSync(path)
        ? JSON.parse(readFileSync(path, 'utf8'))
        : {
            kind: 'plum-eval-summary', plumVersion: '0', createdAt: new Date().toISOString(), dataset: 'humaneval', datasetFile: problems, datasetHash: 'h',
            samplesFile: report.samplesFile, resultsFile: report.outFile, datasetTasks: 2, ks: [1], jobs: report.jobs, cachedJobs: 0, durationMs: 1,
            overall: { tasks: 2, samples: 4, passAtK: { passed: { 'pass@1': pass1 } } }, breakdowns: {},
          };
      const { model: _drop, ...rest } = written;
      writeFileSync(path, JSON.stringify(EvalSummary.parse({ ...rest, ...(model ? { model } : {}) })));
    };
    summarise(a, undefined, 0.25);
    summarise(b, 'ckpt-2', 0.75);
    const comparison = await compareFiles([a.outFile, join(dir, 'rates', 'b')], { ks: [1, 2] });
    expect(comparison.labels).toEqual(['ckpt-1', 'ckpt-2']);
    expect(comparison.rows.map((r) => r.benchmark)).toEqual(['humaneval']);
    const [row] = comparison.rows;
    expect(row.cells[0]?.passAtK).toEqual({ 'pass@1': 0.25, 'pass@2': 0.5 });
    expect(row.cells[1]?.passAtK).toEqual({ 'pass@1': 0.75, 'pass@2': 1 });
    expect(row.changes[0].delta).toBeCloseTo(0.5, 12);
    expect(row.changes[0].improved).toEqual([
      { taskId: 'Tiny/0', before: 0.5, after: 1 },
      { taskId: 'Tiny/1', before: 0, after: 0.5 },
    ]);
    expect(formatComparison(comparison)).toContain('better in ckpt-2 (2): Tiny/0 0.50->1, Tiny/1 0->0.50');

    // Without its results file the summary still gives pass@k, and the table says flips are unknown.
    renameSync(b.outFile, `${b.outFile}.moved`);
    const fromSummary = await compareFiles([a.outFile, summaryPathOf(b.outFile)]);
    expect(fromSummary.rows[0].cells[1]?.passAtK).toEqual({ 'pass@1': 0.75 });
    expect(fromSummary.rows[0].changes[0].improved).toBeNull();
    expect(formatComparison(fromSummary)).toContain('a column has only a summary');
    renameSync(`${b.outFile}.moved`, b.outFile);
  }, 120_000);

  it('says in one line what is wrong with an input', async () => {
    const notResults = join(dir, 'samples.jsonl');
    writeFileSync(notResults, JSON.stringify({ task_id: 'Tiny/0', completion: 'x' }) + '\n');
    const [missing, bad, empty] = await Promise.all([
      plum(['compare', join(dir, 'nope.jsonl'), '--no-html']),
      plum(['compare', notResults, '--no-html']),
      plum(['compare', '--no-html']),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^plum compare: .*nope\.jsonl does not exist/);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^plum compare: .*samples\.jsonl:1.*passed.*not a plum eval result/);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('give at least one evaluation');
  }, 60_000);
});

describeWithData('plum compare over several benchmarks (folders of evaluations)', ['humanevalplus/HumanEvalPlus.jsonl.gz', 'mbppplus/MbppPlus.jsonl.gz'], () => {
  it('fills humaneval, humaneval+, mbpp and mbpp+ rows from two EvalPlus evaluations per checkpoint', async () => {
    const he = loadHumanEvalPlus(findBenchmarkFile('humaneval+', dataPath())).tasks.filter((t) => ['HumanEval/0', 'HumanEval/2', 'HumanEval/4'].includes(t.taskId));
    const mbpp = loadMbppPlus(findBenchmarkFile('mbpp+', dataPath())).tasks.filter((t) => ['Mbpp/2', 'Mbpp/3', 'Mbpp/4'].includes(t.taskId));
    const good = (t: { taskId: string; prompt: string; canonicalSolution: string }) => ({ task_id: t.taskId, solution: t.prompt + t.canonicalSolution });
    const bad = (t: { taskId: string; entryPoint: string }) => ({ task_id: t.taskId, solution: `def ${t.entryPoint}(*args):\n    return None\n` });
    const ckpt = (n: number) => join(dir, 'multi', `ckpt-${n}`);
    // Checkpoint 1 solves HumanEval/0 and Mbpp/2; checkpoint 2 also HumanEval/2 and Mbpp/3, and loses Mbpp/2.
    await evaluate(ckpt(1), 'he', 'humaneval+', [good(he[0]), bad(he[1]), bad(he[2])], { dataDir: dataPath() });
    await evaluate(ckpt(1), 'mbpp', 'mbpp+', [good(mbpp[0]), bad(mbpp[1]), bad(mbpp[2])], { dataDir: dataPath() });
    await evaluate(ckpt(2), 'he', 'humaneval+', [good(he[0]), good(he[1]), bad(he[2])], { dataDir: dataPath() });
    await evaluate(ckpt(2), 'mbpp', 'mbpp+', [bad(mbpp[0]), good(mbpp[1]), bad(mbpp[2])], { dataDir: dataPath() });

    const html = join(dir, 'multi', 'compare.html');
    const cli = await plum(['compare', ckpt(1), ckpt(2), '--html', html]);
    expect(cli.code).toBe(0);
    const row = (name: string) => cli.stdout.split('\n').find((l) => l.split(/\s+/)[0] === name) ?? '';
    expect(row('benchmark')).toMatch(/^benchmark\s+ckpt-1\s+ckpt-2\s+Δ ckpt-2/);
    expect(row('humaneval')).toMatch(/^humaneval\s+33\.3\s+66\.7\s+\+33\.3\s+\+1 -0 of 3$/);
    expect(row('humaneval+')).toMatch(/^humaneval\+\s+33\.3\s+66\.7\s+\+33\.3\s+\+1 -0 of 3$/);
    expect(row('mbpp')).toMatch(/^mbpp\s+33\.3\s+33\.3\s+\+0\.0\s+\+1 -1 of 3$/);
    expect(row('mbpp+')).toMatch(/^mbpp\+\s+33\.3\s+33\.3\s+\+0\.0\s+\+1 -1 of 3$/);
    expect(cli.stdout).toContain('mbpp+: worse in ckpt-2 (1): Mbpp/2');
    expect(cli.stdout).toContain('humaneval+: better in ckpt-2 (1): HumanEval/2');
    expect(existsSync(html)).toBe(true);
  }, 600_000);
});
