/**
 * `npm run bench:exec [-- --runs N] [--only a,b,c,d,e] [--data-dir DIR] [--jobs N]`: how long a user waits
 * for `plum eval`, a benchmark (prints a table), not a test.
 *
 * Each batch is measured, in every run, side by side: `plum eval --no-cache` as a whole process (Node
 * start, data load, workers, jobs, results written: the figure that counts, with its CPU time), the
 * same evaluation in-process on an engine already started (the engine's own throughput), the peer as a
 * whole process when its folder is given (openai/human-eval: BASELINE_HUMAN_EVAL=dir holding its
 * `human_eval` package; EvalPlus: BASELINE_EVALPLUS=dir holding `evalplus`; verdicts compared to
 * plum's), and the lower bound: the same code in ONE Python process with no isolation
 * (bench/exec_floor.py; calls only for HumanEval+), that time / cores, and for HumanEval batches the
 * isolated floor (batches without time-outs): one process per sample with the least isolation plum
 * needs, no Node, as a whole process (peer / it is the best ratio any per-sample-isolating engine
 * reaches here). Figures are medians of --runs
 * runs (default 3) with their range; peer/plum is the median of the per-run ratios (each pair shares
 * its run's load), with the ratio of CPU times beside it; the load average is printed, since absolute
 * times on a shared machine are noisy.
 *
 * Batches (one entry each in `buildBatches()`; add one there): (a) the 164 canonical HumanEval solutions;
 * (b) the 164 canonical HumanEval+ solutions, expected outputs precomputed (their cache warmed
 * first, as EvalPlus's ground truth is); (c) the public real model samples of
 * ../shared/data/model-samples/he_*.jsonl (gemma-2b and replit-3b, 328 samples, as they are: a few
 * crash, one loops until the 3 s limit); (d) the 378 canonical MBPP+ solutions, expected outputs
 * precomputed (EvalPlus's side: bench/baselines/evalplus_mbpp_driver.py; no one-process bound);
 * (e) the samples of (c) five times, each copy a distinct program (1,640 samples, five loopers: the
 * size of the CodeGen-16B batch issue 11 was measured on).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { evaluateSamples } from '../src/eval/evaluate.js';
import { createEngine } from '../src/execution/engine.js';
import { shortHash } from '../src/io/hash.js';
import { resolvePython } from '../src/execution/python.js';
import { packageRoot } from '../src/paths.js';
import { loadMbppPlus, type BenchmarkName } from '../src/problems/benchmarks.js';
import type { EvalSampleResult } from '../src/records.js';

type Row = Record<string, string>;
type Peer = 'human-eval' | 'evalplus';

/** One batch: the samples, how plum evaluates them, which peer and which bound sit beside. */
interface Batch {
  name: string;
  title: string;
  dataset: BenchmarkName;
  datasetFile: string;
  samples: string;
  count: number;
  peer: Peer;
  /** exec_floor.py mode of the one-process bound (none for MBPP+: exec_floor.py does not deserialise its inputs). */
  floor?: 'humaneval' | 'plus';
  /** The goal, peer time / plum time. */
  goal: number;
}

/** Everything measured of one batch, one entry per run. */
interface Measure {
  cli: number[];
  cliCpu: number[];
  inProcess: number[];
  peer: number[];
  peerCpu: number[];
  peerName?: string;
  floor: number[];
  /** exec_floor.py isolated, whole process (HumanEval batches). */
  isolated: number[];
  notes: Set<string>;
  /** Jobs that ran into their time limit (their job time, s), every run. */
  timeouts: number[];
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
const only = new Set((values.only ?? 'a,b,c,d,e').split(',').map((s) => s.trim()));
const dataDir = values['data-dir'] ?? process.env.PLUM_DATA_DIR ?? join(packageRoot(), '..', 'shared', 'data');
const workers = values.jobs ? Number(values.jobs) : cpus().length;
const root = packageRoot();
const python = resolvePython();
const benchDir = join(root, 'bench');
// Scratch files under the repository's cache folder, not /tmp (which a shared machine may clean mid-run).
const scratch = join(root, '.plum-cache', 'bench-exec');
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'run-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function readJsonl(file: string): Record<string, string>[] {
  const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
  return text.trim().split('\n').map((l) => JSON.parse(l));
}

function writeSamples(name: string, rows: object[]): string {
  const file = join(work, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** A whole process: wall seconds (spawn to exit), CPU seconds (user + sys, via /usr/bin/time), stdout. */
function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; cpu: number; stdout: string }> {
  const cpuFile = join(work, `cpu-${process.hrtime.bigint()}`);
  const [cmd, argv] = TIME ? [TIME, ['-o', cpuFile, '-f', '%U %S', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(cmd, argv, { maxBuffer: 64 << 20, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const seconds = (performance.now() - t0) / 1000;
      if (error) return reject(new Error(`${command} ${args.slice(0, 2).join(' ')} failed: ${stderr.slice(-2000)}`));
      let cpu = NaN;
      if (TIME) {
        const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpu = user + sys;
        rmSync(cpuFile, { force: true });
      }
      resolve({ seconds, cpu, stdout });
    });
  });
}

function lastJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** "median [min-max]" of seconds. */
function spread(xs: number[]): string {
  if (xs.length === 0) return '-';
  const m = median(xs).toFixed(2);
  return xs.length < 2 ? m : `${m} [${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}]`;
}

/** Median [range] of the per-run ratios theirs[i] / ours[i]: each run's pair shares that run's load. */
function ratios(theirs: number[], ours: number[]): string {
  const r = theirs.map((t, i) => t / ours[i]).filter((x) => Number.isFinite(x));
  if (r.length === 0) return '-';
  const m = `${median(r).toFixed(2)}x`;
  return r.length < 2 ? m : `${m} [${Math.min(...r).toFixed(2)}-${Math.max(...r).toFixed(2)}]`;
}

function compare(name: string, ours: boolean[], theirs: (boolean | null)[]): string {
  const differ = ours.map((v, i) => (theirs[i] !== null && theirs[i] !== v ? i : -1)).filter((i) => i >= 0);
  return differ.length === 0 ? `${name} identical` : `${name}: ${differ.length} differ (lines ${differ.slice(0, 5).map((i) => i + 1).join(', ')})`;
}

/** plum's verdicts of a batch, one boolean list per peer verdict kind. */
function verdicts(batch: Batch, results: EvalSampleResult[]): Record<string, boolean[]> {
  if (batch.dataset === 'humaneval') return { passed: results.map((r) => r.passed === true) };
  return { base: results.map((r) => r.base_passed === true), plus: results.map((r) => r.plus_passed === true) };
}

function buildBatches(): Batch[] {
  const heFile = join(dataDir, 'humaneval', 'HumanEval.jsonl.gz');
  const plusFile = join(dataDir, 'humanevalplus', 'HumanEvalPlus.jsonl.gz');
  const realDir = join(dataDir, 'model-samples');
  for (const file of [heFile, plusFile, realDir]) {
    if (!existsSync(file)) throw new Error(`bench:exec needs ${file} (pass --data-dir DIR)`);
  }
  const he = readJsonl(heFile);
  const plus = readJsonl(plusFile);
  const prompts = new Map(he.map((r) => [r.task_id, r.prompt]));
  // Real samples as they are; each is a full program, given to both engines as prompt + "\n" + program
  // (human-eval only takes completions), so both judge the same text.
  const real = readdirSync(realDir)
    .filter((f) => /^he_.*\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => readJsonl(join(realDir, f)))
    .filter((r) => prompts.has(r.task_id))
    .map((r) => ({ task_id: r.task_id, completion: `\n${r.solution ?? r.completion}` }));
  // (e) the size of issue 11's CodeGen-16B batch (1,640 samples): the public ones 5 times, each copy a
  // distinct program (a trailing comment: run again, not answered by an identical job)
  const copies = (rows: Row[], n: number) => Array.from({ length: n }, (_, k) => rows.map((r) => ({ ...r, completion: `${r.completion}\n# copy ${k}\n` }))).flat();
  const canonical = (rows: Record<string, string>[]) => rows.map((r) => ({ task_id: r.task_id, completion: r.canonical_solution }));
  const all: Batch[] = [
    { name: 'a', title: '(a) HumanEval canonical', dataset: 'humaneval', datasetFile: heFile, samples: writeSamples('a.jsonl', canonical(he)), count: he.length, peer: 'human-eval', floor: 'humaneval', goal: 4 },
    { name: 'b', title: '(b) HumanEval+ canonical', dataset: 'humaneval+', datasetFile: plusFile, samples: writeSamples('b.jsonl', canonical(plus)), count: plus.length, peer: 'evalplus', floor: 'plus', goal: 1.6 },
    { name: 'c', title: '(c) HumanEval real samples', dataset: 'humaneval', datasetFile: heFile, samples: writeSamples('c.jsonl', real), count: real.length, peer: 'human-eval', floor: 'humaneval', goal: 3 },
    { name: 'e', title: '(e) real samples x5 (1,640)', dataset: 'humaneval', datasetFile: heFile, samples: writeSamples('e.jsonl', copies(real, 5)), count: real.length * 5, peer: 'human-eval', floor: 'humaneval', goal: 3 },
  ];
  // (d) the 378 canonical MBPP+ solutions (issue 10's speed goal); read with plum's loader (NaN / Infinity inputs are not plain JSON)
  const mbppFile = join(dataDir, 'mbppplus', 'MbppPlus.jsonl.gz');
  if (only.has('d') && existsSync(mbppFile)) {
    const mbpp = loadMbppPlus(mbppFile).tasks.map((t) => ({ task_id: t.taskId, solution: t.prompt + t.canonicalSolution }));
    all.push({ name: 'd', title: '(d) MBPP+ canonical', dataset: 'mbpp+', datasetFile: mbppFile, samples: writeSamples('d.jsonl', mbpp), count: mbpp.length, peer: 'evalplus', goal: 1.6 });
  } else if (only.has('d')) console.error(`(d) skipped: ${mbppFile} not found`);
  return all.filter((b) => only.has(b.name));
}

/** The peer on a batch as a whole process; its verdicts compared to plum's. */
async function runPeer(batch: Batch, ours: Record<string, boolean[]>, m: Measure): Promise<void> {
  if (batch.peer === 'human-eval') {
    const dir = process.env.BASELINE_HUMAN_EVAL;
    if (!dir) return;
    const run = await timed(python, [join(benchDir, 'baselines', 'human_eval_driver.py'), dir, batch.samples, batch.datasetFile]);
    m.peer.push(run.seconds);
    m.peerCpu.push(run.cpu);
    m.peerName = 'human-eval';
    m.notes.add(compare('verdicts vs human-eval', ours.passed, lastJson(run.stdout).passed as boolean[]));
    return;
  }
  const dir = process.env.BASELINE_EVALPLUS;
  if (!dir) return;
  // EvalPlus's own expected outputs, pickled once per dataset file (not timed, as in EvalPlus's cache).
  const groundTruth = join(root, '.plum-cache', 'baselines', `evalplus-gt-${shortHash(readFileSync(batch.datasetFile).toString('base64'))}.pkl`);
  mkdirSync(dirname(groundTruth), { recursive: true });
  const driver = join(benchDir, 'baselines', batch.dataset === 'mbpp+' ? 'evalplus_mbpp_driver.py' : 'evalplus_driver.py');
  if (!existsSync(`${groundTruth}.pkl`) && !existsSync(groundTruth)) {
    process.stderr.write('computing EvalPlus ground truth (once, not timed)...\n');
    await timed(python, [driver, dir, batch.samples, batch.datasetFile, groundTruth]);
  }
  const run = await timed(python, [driver, dir, batch.samples, batch.datasetFile, groundTruth]);
  const theirs = lastJson(run.stdout);
  if (Array.isArray(theirs.samples)) {
    // the MBPP+ driver reports statuses per sample
    const rows = theirs.samples as { base_status: string; plus_status: string }[];
    theirs.base = rows.map((r) => r.base_status === 'pass');
    theirs.plus = rows.map((r) => r.base_status === 'pass' && r.plus_status === 'pass');
  }
  m.peer.push(run.seconds);
  m.peerCpu.push(run.cpu);
  m.peerName = `EvalPlus (${theirs.workers} worker${theirs.workers === 1 ? '' : 's'})`;
  m.notes.add(compare('base verdicts vs EvalPlus', ours.base, theirs.base as boolean[]));
  m.notes.add(compare('plus verdicts vs EvalPlus', ours.plus, theirs.plus as boolean[]));
}

/** The table and notes so far (printed after every run, so a run cut short still leaves its figures). */
function report(done: number, batches: Batch[], measures: Map<string, Measure>, startup: Startup, load: number[]): void {
  const cores = cpus().length;
  const rows: Row[] = batches.map((batch) => {
    const m = measures.get(batch.name)!;
    const floor = m.floor.length ? median(m.floor) : NaN;
    return {
      batch: batch.title,
      samples: String(batch.count),
      'plum eval s (whole)': spread(m.cli),
      'cpu s': median(m.cliCpu).toFixed(2),
      'in-process s': spread(m.inProcess),
      'peer s (whole)': m.peer.length ? `${spread(m.peer)} ${m.peerName}` : 'skipped',
      'peer cpu s': m.peer.length ? median(m.peerCpu).toFixed(2) : '-',
      'peer/plum (cpu)': m.peer.length ? `${ratios(m.peer, m.cli)} (${(median(m.peerCpu) / median(m.cliCpu)).toFixed(2)}x)` : '-',
      goal: `${batch.goal}x`,
      '1-process s': Number.isNaN(floor) ? '-' : floor.toFixed(2),
      [`floor s (/${cores})`]: Number.isNaN(floor) ? '-' : (floor / cores).toFixed(2),
      'isolated floor s (whole)': m.isolated.length ? spread(m.isolated) : '-',
    };
  });
  const header = Object.keys(rows[0] ?? {});
  const table = [header, ...rows.map((r) => header.map((h) => r[h]))];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log(`bench:exec: ${cores} cores, ${workers} workers, median [range] of ${done} run(s) of ${runs}, verdict cache off; load average ${load.map((x) => x.toFixed(2)).join(' -> ')}`);
  for (const r of table) console.log(r.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log(
    `bounds: node -e 0 ${spread(startup.nodeBare)} s; plum --help ${spread(startup.plumHelp)} s; one fork + exit + wait of a warm Python ${median(startup.forkMs).toFixed(2)} ms`,
  );
  for (const batch of batches) {
    const m = measures.get(batch.name)!;
    console.log(`${batch.title}: ${[...m.notes].join('; ')}`);
    if (m.isolated.length && m.peer.length) {
      console.log(`${batch.title}: peer / isolated floor = ${ratios(m.peer, m.isolated)}: the most an engine that isolates each sample in its own process can reach here, before any Node start`);
    }
    if (m.timeouts.length) {
      const longest = Math.max(...m.timeouts);
      // no evaluation ends before its longest job: start-up + that limit bounds the ratio from above
      const cap = m.peer.length ? `; peer/plum cannot exceed ${(median(m.peer) / (median(startup.plumHelp) + longest)).toFixed(2)}x on this batch (peer / (plum --help + ${longest.toFixed(2)} s))` : '';
      console.log(`${batch.title}: ${m.timeouts.length / done} job(s) a run hit their time limit, answered after ${median(m.timeouts).toFixed(2)} s (median), ${longest.toFixed(2)} s (max)${cap}`);
    }
  }
  if (!process.env.BASELINE_HUMAN_EVAL) console.log('human-eval: skipped (set BASELINE_HUMAN_EVAL to a folder holding its human_eval package)');
  if (!process.env.BASELINE_EVALPLUS) console.log('EvalPlus: skipped (set BASELINE_EVALPLUS to a folder holding its evalplus package)');
  const real = batches.find((b) => b.name === 'c');
  if (real) console.log(`(c) = ../shared/data/model-samples/he_*.jsonl as they are (${real.count} samples); (e) = the same 5 times, each copy a distinct program.`);
  console.log('"whole" = spawn to exit; (b) bound = calls only; isolated floor = bench/exec_floor.py isolated (one process per sample, the least isolation plum needs, no Node).');
}

interface Startup {
  nodeBare: number[];
  plumHelp: number[];
  forkMs: number[];
}

async function main(): Promise<void> {
  const batches = buildBatches();
  const load = [loadavg()[0]];
  const measures = new Map<string, Measure>(
    batches.map((b) => [b.name, { cli: [], cliCpu: [], inProcess: [], peer: [], peerCpu: [], floor: [], isolated: [], notes: new Set<string>(), timeouts: [] }]),
  );
  const startup: Startup = { nodeBare: [], plumHelp: [], forkMs: [] };
  const plum = join(root, 'bin', 'plum.js');
  const cliEnv = { PLUM_PROGRESS: '0', PLUM_DATA_DIR: dataDir };
  const engine = await createEngine({ workers, cacheDir: null, shardJobs: false }); // as `plum eval` starts it
  try {
    if (batches.some((b) => b.dataset !== 'humaneval')) {
      process.stderr.write('warming the expected-output caches...\n');
      for (const b of batches.filter((x) => x.dataset !== 'humaneval')) {
        await evaluateSamples({ dataset: b.dataset, samples: b.samples, dataDir, engine, out: join(work, 'warm.jsonl'), noCache: true, progress: false });
      }
    }
    for (let run = 1; run <= runs; run++) {
      process.stderr.write(`run ${run}/${runs}\n`);
      startup.nodeBare.push((await timed(process.execPath, ['-e', '0'])).seconds);
      startup.plumHelp.push((await timed(process.execPath, [plum, '--help'])).seconds);
      startup.forkMs.push(lastJson((await timed(python, [join(benchDir, 'exec_floor.py'), 'fork'])).stdout).forkMs as number);
      for (const batch of batches) {
        const m = measures.get(batch.name)!;
        const out = join(work, `${batch.name}-cli.jsonl`);
        const cli = await timed(process.execPath, [plum, 'eval', '--dataset', batch.dataset, '--samples', batch.samples, '--out', out, '--no-cache'], cliEnv);
        m.cli.push(cli.seconds);
        m.cliCpu.push(cli.cpu);
        const fromCli = readJsonl(out) as unknown as EvalSampleResult[];
        const ours = verdicts(batch, fromCli);
        await runPeer(batch, ours, m);
        const t0 = performance.now();
        const inProcessRun = await evaluateSamples({ dataset: batch.dataset, samples: batch.samples, dataDir, engine, out: join(work, `${batch.name}-in.jsonl`), noCache: true, progress: false });
        m.inProcess.push((performance.now() - t0) / 1000);
        const inProcess = verdicts(batch, inProcessRun.results);
        for (const [kind, list] of Object.entries(ours)) m.notes.add(compare(`${kind} verdicts in-process vs CLI`, list, inProcess[kind]));
        if (batch.floor) try {
          const floor = await timed(python, [join(benchDir, 'exec_floor.py'), batch.floor, batch.samples, batch.datasetFile]);
          m.floor.push(lastJson(floor.stdout).seconds as number);
        } catch (error) {
          m.notes.add(`run ${run}: the one-process bound did not finish (a sample took its process down): ${(error as Error).message.split('\n')[0]}`);
        }
        // one process per core in sequence, so a looper would hold its core: a floor only without time-outs
        if (batch.floor === 'humaneval' && !fromCli.some((r) => r.check?.verdict === 'timeout')) {
          const iso = await timed(python, [join(benchDir, 'exec_floor.py'), 'isolated', batch.samples, batch.datasetFile]);
          m.isolated.push(iso.seconds);
          m.notes.add(compare('verdicts of the isolated floor vs plum', ours.passed, lastJson(iso.stdout).passed as boolean[]));
        }
        for (const r of fromCli) {
          for (const group of [r.check, r.base, r.plus]) if (group?.verdict === 'timeout') m.timeouts.push(group.durationMs / 1000);
        }
        if (run === 1) {
          const counts = Object.entries(ours).map(([k, v]) => `${k} ${v.filter(Boolean).length}/${v.length}`).join(', ');
          m.notes.add(`plum ${counts}`);
        }
      }
      report(run, batches, measures, startup, [...load, loadavg()[0]]);
    }
  } finally {
    await engine.close();
  }
  rmSync(work, { recursive: true, force: true });
}

await main();
