/**
 * The tasks `plum generate` asks a model about, per dataset, as GenerationTask (the small shape the
 * prompt builders take), read with the benchmark loaders of src/problems/benchmarks.ts. HumanEval
 * and MBPP share their tasks between the base and the plus dataset (EvalPlus's codegen uses the
 * HumanEval+ / MBPP+ prompts for both), so one samples file is evaluated on both. Does not build
 * prompts (prompts.ts).
 */
import { ConfigError } from '../errors.js';
import { CONTEST_DATASETS } from '../eval/contest-datasets.js';
import { findBenchmarkFile, loadHumanEval, loadHumanEvalPlus, loadMbppPlus, type BenchmarkName } from '../problems/benchmarks.js';
import { CONTEST_PROMPT_FAMILY, generationTaskOfContest, type ContestGenerateDataset } from './contest-tasks.js';
import type { GenerationTask, PromptFamily } from './prompts.js';

/** The datasets `plum generate` writes samples for. */
export const GENERATE_DATASETS = ['humaneval', 'humaneval+', 'mbpp', 'mbpp+', 'leetcode', 'leetcodedataset', 'lcb'] as const;
export type GenerateDataset = (typeof GENERATE_DATASETS)[number];

/** The prompt family (format and stop sequences) of each dataset. */
export const PROMPT_FAMILY: Record<GenerateDataset, PromptFamily> = {
  humaneval: 'humaneval',
  'humaneval+': 'humaneval',
  mbpp: 'mbpp',
  'mbpp+': 'mbpp',
  ...CONTEST_PROMPT_FAMILY,
};

/** The benchmark file each dataset's tasks are read from (MBPP: MBPP+'s, whose base tests `mbpp` judges). */
const SOURCE: Record<Exclude<GenerateDataset, ContestGenerateDataset>, BenchmarkName> = {
  humaneval: 'humaneval',
  'humaneval+': 'humaneval+',
  mbpp: 'mbpp+',
  'mbpp+': 'mbpp+',
};

/** Where to read the tasks: a folder searched for the published file name, or a given file. */
export interface TaskSourceOptions {
  dataDir?: string;
  problemFile?: string;
}

/** Check a dataset name (a ConfigError listing the known ones otherwise). */
export function parseGenerateDataset(name: string | undefined): GenerateDataset {
  if (name && (GENERATE_DATASETS as readonly string[]).includes(name)) return name as GenerateDataset;
  throw new ConfigError(`--dataset must be one of ${GENERATE_DATASETS.join(', ')}${name ? `, got "${name}"` : ''}`);
}

/** The tasks of `dataset` in file order, and the file they came from. */
export function loadGenerationTasks(dataset: GenerateDataset, options: TaskSourceOptions = {}): { file: string; tasks: GenerationTask[] } {
  if (dataset in CONTEST_PROMPT_FAMILY) {
    const contest = dataset as ContestGenerateDataset;
    const bench = CONTEST_DATASETS[contest].load({ dataDir: options.dataDir ?? process.env.PLUM_DATA_DIR, problemFile: options.problemFile });
    return { file: bench.file, tasks: bench.tasks.map((t) => generationTaskOfContest(contest, t)) };
  }
  const source = SOURCE[dataset as Exclude<GenerateDataset, ContestGenerateDataset>];
  const file = options.problemFile ?? findBenchmarkFile(source, options.dataDir ?? process.env.PLUM_DATA_DIR);
  const rows = source === 'humaneval' ? loadHumanEval(file).tasks : source === 'humaneval+' ? loadHumanEvalPlus(file).tasks : loadMbppPlus(file).tasks;
  return { file, tasks: rows.map((t) => ({ taskId: t.taskId, prompt: t.prompt, entryPoint: t.entryPoint })) };
}
