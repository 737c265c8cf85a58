/**
 * The strong oracle of a label audit: each program judged on its task's base and plus inputs as
 * EvalPlus judges them (the machinery of `plum eval`: src/eval/plus-tests.ts), with the first failing
 * test's input, expected and actual output. Programs whose problem id is not a task of the dataset
 * are returned as not judged, never an error. Does not read labels or write files (./audit-round.ts).
 */
import type { Engine, Job } from '../execution/types.js';
import { PlumError } from '../errors.js';
import { createProgress } from '../io/progress.js';
import type { ExpectedOutputsOptions } from '../eval/expected-outputs.js';
import type { PlusJobOptions } from '../eval/humaneval-plus-jobs.js';
import { clipFailureText, describePlusFailure, plusProgramJobs, preparePlusTests, type PlusTaskTests } from '../eval/plus-tests.js';
import { firstFailure, summarizeGroup } from '../eval/results.js';
import type { BenchmarkFile, EvalPlusTask } from '../problems/benchmarks.js';
import type { AuditFailure, EvalTestGroup } from '../records.js';

/** A program to judge. */
export interface OracleInput {
  id: string;
  /** The task id in the oracle dataset. */
  problemId: string;
  /** The full program, exactly as it was labelled. */
  code: string;
}

/** The oracle's verdict on one program. */
export type OracleVerdict =
  | { judged: true; base: EvalTestGroup; plus: EvalTestGroup; basePassed: boolean; plusPassed: boolean; firstFailure?: AuditFailure }
  | { judged: false; reason: string };

/** Options of `judgeWithOracle`. */
export interface JudgeOptions {
  expected?: ExpectedOutputsOptions;
  plus?: Partial<PlusJobOptions>;
  noCache?: boolean;
  progress?: boolean;
}

/** The first failing test of a judged program (base group first), with its input and expected output. */
export function firstFailureOf(tests: PlusTaskTests, base: EvalTestGroup, plus: EvalTestGroup): AuditFailure | undefined {
  const group = !base.passed ? 'base' : !plus.passed ? 'plus' : undefined;
  if (!group) return undefined;
  const failure = firstFailure(group === 'base' ? base : plus);
  if (!failure) return undefined;
  const { input, expected } = describePlusFailure(tests, failure);
  const out: AuditFailure = {
    group,
    testId: failure.testId,
    verdict: failure.verdict,
    input: input ?? '?',
    expected: expected ?? '<digest of a large output>',
  };
  if (failure.message) out.actual = clipFailureText(failure.message);
  if (failure.errorType) out.errorType = failure.errorType;
  return out;
}

/** Judge `programs` on `dataset`'s tasks with `engine`; one verdict per program id. */
export async function judgeWithOracle(
  programs: readonly OracleInput[],
  dataset: BenchmarkFile<EvalPlusTask>,
  engine: Engine,
  options: JudgeOptions = {},
): Promise<Map<string, OracleVerdict>> {
  const tasks = new Map(dataset.tasks.map((t) => [t.taskId, t]));
  const verdicts = new Map<string, OracleVerdict>();
  const toJudge = programs.filter((p) => {
    if (tasks.has(p.problemId)) return true;
    verdicts.set(p.id, { judged: false, reason: 'not a task of the oracle dataset' });
    return false;
  });
  const needed = [...new Set(toJudge.map((p) => p.problemId))].map((id) => tasks.get(id)!);
  const progress = options.progress ?? true;
  const testsByTask = await preparePlusTests(needed, dataset.contentHash, engine, { expected: { noCache: options.noCache, progress, ...options.expected }, plus: options.plus });
  const jobs: Job[] = [];
  const owner = new Map<string, OracleInput>();
  for (const [n, p] of toJudge.entries()) {
    for (const job of plusProgramJobs(String(n), p.code, testsByTask.get(p.problemId)!, options.plus)) jobs.push(job);
    owner.set(String(n), p);
  }
  const groups = new Map<string, { base?: EvalTestGroup; plus?: EvalTestGroup }>();
  const bar = createProgress('audit (oracle)', jobs.length, { enabled: progress && process.env.PLUM_PROGRESS !== '0' });
  for await (const result of engine.run(jobs, { noCache: options.noCache })) {
    const [n, group] = result.jobId.split('#') as [string, 'base' | 'plus'];
    const p = owner.get(n);
    if (!p) throw new PlumError(`engine returned an unknown job id "${result.jobId}"`);
    const entry = groups.get(n) ?? {};
    entry[group] = summarizeGroup(result);
    groups.set(n, entry);
    bar.tick();
  }
  bar.finish();
  for (const [n, p] of owner) {
    const { base, plus } = groups.get(n) ?? {};
    if (!base || !plus) throw new PlumError(`no oracle verdict for sample ${p.id}`);
    const plusPassed = base.passed && plus.passed;
    const verdict: OracleVerdict = { judged: true, base, plus, basePassed: base.passed, plusPassed };
    const failure = firstFailureOf(testsByTask.get(p.problemId)!, base, plus);
    if (failure) verdict.firstFailure = failure;
    verdicts.set(p.id, verdict);
  }
  return verdicts;
}
