/**
 * The LeetCode-style datasets of `plum eval`, as descriptors of ./datasets.ts: `leetcode`
 * (DeepSeek-Coder's contest set), `leetcodedataset` (LeetCodeDataset test split) and `lcb`
 * (LiveCodeBench public tests). Each says where its file is found, how it loads, what code a sample
 * stands for, the job judging it (one group, `check`, reported as `passed`), the failing case's
 * input / expected / actual output, its reference (LeetCodeDataset only publishes one) and the
 * breakdown keys of a task. `--timeout SECONDS` replaces the reference harness's limit (see each
 * jobs file). Pure: loading reads a file, nothing runs here.
 */
import type { TestOutcome } from '../records.js';
import { monthOf, type ContestTask } from '../problems/contest-task.js';
import { findNamedFile } from '../problems/find-data-file.js';
import { LEETCODE_CONTEST_FILE, loadLeetCodeContest, type LeetCodeContestTask } from '../problems/leetcode-contest.js';
import { LEETCODEDATASET_FILE, loadLeetCodeDataset, type LeetCodeDatasetTask } from '../problems/leetcodedataset.js';
import { LIVECODEBENCH_FILE, loadLiveCodeBench, type LiveCodeBenchTask } from '../problems/livecodebench.js';
import type { EvalDataset, FailureContext } from './datasets.js';
import { caseFailureContext } from './failure-details.js';
import { lcbCode, lcbJob } from './lcb-jobs.js';
import { leetCodeGeneration, leetCodeJob } from './leetcode-jobs.js';
import { leetCodeDatasetCode, leetCodeDatasetJob } from './leetcodedataset-jobs.js';

/** The parts every contest descriptor shares: one `check` group, `passed`, no variants, failing cases described. */
function contestBase(name: string) {
  return {
    name,
    metric: 'passed' as const,
    resultsSuffix: `_${name}_results`,
    variants: [] as const,
    hasBaseOnly: false,
  };
}

function describeCase(task: ContestTask, _group: string, outcome: TestOutcome): FailureContext {
  return caseFailureContext(task.cases, outcome);
}

export const LEETCODE_DATASET: EvalDataset<LeetCodeContestTask> = {
  ...contestBase('leetcode'),
  load: (o) => loadLeetCodeContest(o.problemFile ?? findNamedFile(LEETCODE_CONTEST_FILE, o.dataDir)),
  program: (sample, task) => leetCodeGeneration(task, sample),
  async prepare(_tasks, context) {
    const limits = context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs, jobTimeoutMs: context.timeoutMs + 1000 };
    return { jobs: (id, task, program) => [leetCodeJob(`${id}#check`, task, program, limits)], describeFailure: describeCase };
  },
  breakdown: (task) => withDefined({ difficulty: task.difficulty, contest_month: monthOf(task.date) }),
};

export const LEETCODEDATASET_DATASET: EvalDataset<LeetCodeDatasetTask> = {
  ...contestBase('leetcodedataset'),
  load: (o) => loadLeetCodeDataset(o.problemFile ?? findNamedFile(LEETCODEDATASET_FILE, o.dataDir)),
  program: (sample) => leetCodeDatasetCode(sample),
  async prepare(_tasks, context) {
    const limits = context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs, jobTimeoutMs: context.timeoutMs + 1000 };
    return { jobs: (id, task, program) => [leetCodeDatasetJob(`${id}#check`, task, program, limits)], describeFailure: describeCase };
  },
  reference: (task) => task.completion,
  breakdown: (task) => withDefined({ difficulty: task.difficulty, release_month: monthOf(task.date) }),
};

export const LCB_DATASET: EvalDataset<LiveCodeBenchTask> = {
  ...contestBase('lcb'),
  load: (o) => loadLiveCodeBench(o.problemFile ?? findNamedFile(LIVECODEBENCH_FILE, o.dataDir)),
  program: (sample, task) => lcbCode(task, sample),
  async prepare(_tasks, context) {
    const limits = context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs };
    return { jobs: (id, task, program) => [lcbJob(`${id}#check`, task, program, limits)], describeFailure: describeCase };
  },
  breakdown: (task) => ({ test_type: task.testType }),
};

/** The contest datasets by --dataset name (registered in ./datasets.ts EVAL_DATASETS). */
export const CONTEST_DATASETS = {
  leetcode: LEETCODE_DATASET,
  leetcodedataset: LEETCODEDATASET_DATASET,
  lcb: LCB_DATASET,
} as const;

function withDefined(keys: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).filter((e): e is [string, string] => e[1] !== undefined));
}
