/**
 * The LeetCode-style datasets of `plum eval` as one table: `leetcode` (DeepSeek-Coder's contest
 * set), `leetcodedataset` (LeetCodeDataset test split) and `lcb` (LiveCodeBench public tests). Each
 * entry says where its file is found, how it loads, how a sample becomes a job, and how its tasks
 * group for breakdowns. Every one is judged as one group of tests per sample (`passed`), like
 * HumanEval. Pure: loading reads a file, nothing runs here.
 */
import type { Job } from '../execution/types.js';
import type { BenchmarkFile } from '../problems/benchmarks.js';
import { monthOf, type ContestTask } from '../problems/contest-task.js';
import type { NamedDataFile } from '../problems/find-data-file.js';
import { LEETCODE_CONTEST_FILE, loadLeetCodeContest, type LeetCodeContestTask } from '../problems/leetcode-contest.js';
import { LEETCODEDATASET_FILE, loadLeetCodeDataset, type LeetCodeDatasetTask } from '../problems/leetcodedataset.js';
import { LIVECODEBENCH_FILE, loadLiveCodeBench, type LiveCodeBenchTask } from '../problems/livecodebench.js';
import { lcbCode, lcbJob, type LcbJobOptions } from './lcb-jobs.js';
import { leetCodeGeneration, leetCodeJob, type LeetCodeJobOptions } from './leetcode-jobs.js';
import { leetCodeDatasetCode, leetCodeDatasetJob, type LeetCodeDatasetJobOptions } from './leetcodedataset-jobs.js';
import type { EvalSample } from './samples.js';

export type ContestDatasetName = 'leetcode' | 'leetcodedataset' | 'lcb';

/** Time-limit overrides of the contest datasets' jobs, by dataset. */
export interface ContestJobOptions {
  leetcode?: Partial<LeetCodeJobOptions>;
  leetcodedataset?: Partial<LeetCodeDatasetJobOptions>;
  lcb?: Partial<LcbJobOptions>;
}

/** One contest dataset. */
export interface ContestDataset<T extends ContestTask = ContestTask> {
  name: ContestDatasetName;
  file: NamedDataFile;
  load(file: string): BenchmarkFile<T>;
  /** The job judging one sample (`id` is the engine job id). */
  job(id: string, task: T, sample: EvalSample, options: ContestJobOptions): Job;
  /** The groups a task belongs to, by breakdown name (e.g. {difficulty: "Hard", contest_month: "2023-09"}). */
  groups(task: T): Record<string, string | undefined>;
  /** The published reference solution as a sample, when the dataset has one (LeetCodeDataset's `completion`). */
  reference?(task: T): { completion: string } | { solution: string };
}

const leetcode: ContestDataset<LeetCodeContestTask> = {
  name: 'leetcode',
  file: LEETCODE_CONTEST_FILE,
  load: loadLeetCodeContest,
  job: (id, task, sample, options) => leetCodeJob(id, task, leetCodeGeneration(task, sample), options.leetcode),
  groups: (task) => ({ difficulty: task.difficulty, contest_month: monthOf(task.date) }),
};

const leetcodedataset: ContestDataset<LeetCodeDatasetTask> = {
  name: 'leetcodedataset',
  file: LEETCODEDATASET_FILE,
  load: loadLeetCodeDataset,
  job: (id, task, sample, options) => leetCodeDatasetJob(id, task, leetCodeDatasetCode(sample), options.leetcodedataset),
  groups: (task) => ({ difficulty: task.difficulty, release_month: monthOf(task.date) }),
  reference: (task) => ({ completion: task.completion }),
};

const lcb: ContestDataset<LiveCodeBenchTask> = {
  name: 'lcb',
  file: LIVECODEBENCH_FILE,
  load: loadLiveCodeBench,
  job: (id, task, sample, options) => lcbJob(id, task, lcbCode(task, sample), options.lcb),
  groups: (task) => ({ test_type: task.testType }),
};

/** The contest datasets by name. */
export const CONTEST_DATASETS: Readonly<Record<ContestDatasetName, ContestDataset>> = Object.freeze({
  leetcode: leetcode as unknown as ContestDataset,
  leetcodedataset: leetcodedataset as unknown as ContestDataset,
  lcb: lcb as unknown as ContestDataset,
});

/** Whether `name` is one of the contest datasets. */
export function isContestDataset(name: string): name is ContestDatasetName {
  return Object.hasOwn(CONTEST_DATASETS, name);
}
