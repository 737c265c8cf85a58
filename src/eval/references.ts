/**
 * `plum eval --dataset NAME --check-references`: judge every task's reference program (the dataset
 * descriptor's `reference(task)`: HumanEval's and EvalPlus's prompt + canonical_solution, ...) exactly
 * as samples are judged, and list every task whose reference does not pass, with the failing test's
 * input, expected and actual output, so broken public items are named, never hidden. Tasks without a
 * published reference are listed too. Does not print (src/cli/eval.ts does).
 */
import type { EvalGroupName } from './datasets.js';
import { evalDataset } from './datasets.js';
import { evalEngine, judgePrograms, loadEvalDataset, type EvaluateOptions } from './evaluate.js';
import type { EvalFailure, EvalTestGroup } from '../records.js';
import { failureReason, firstFailure } from './results.js';

/** Options of `checkReferences` (those of `evaluateSamples` without samples and outputs). */
export type CheckReferencesOptions = Omit<EvaluateOptions, 'samples' | 'out' | 'evalPlusJson' | 'ks'>;

/** One reference that does not pass a group of its tests. */
export interface ReferenceFailure {
  taskId: string;
  group: EvalGroupName;
  verdict: string;
  testsPassed: number;
  testsTotal: number;
  /** The first non-passing test, with its input, expected and actual output where known. */
  first?: EvalFailure;
  /** One line: why it failed. */
  reason: string;
}

/** What `checkReferences` found. */
export interface ReferenceReport {
  dataset: string;
  datasetFile: string;
  tasks: number;
  /** Tasks whose dataset publishes no reference program. */
  withoutReference: string[];
  /** Per group (check / base / plus): references judged and passed. */
  groups: Partial<Record<EvalGroupName, { judged: number; passed: number }>>;
  failures: ReferenceFailure[];
  jobs: number;
  durationMs: number;
}

/** Judge every reference program of a dataset; see the file comment. */
export async function checkReferences(options: CheckReferencesOptions): Promise<ReferenceReport> {
  const started = Date.now();
  const dataset = evalDataset(options.dataset);
  const bench = loadEvalDataset(dataset, options);
  const withoutReference: string[] = [];
  const programs = [];
  for (const task of bench.tasks) {
    const program = dataset.reference?.(task);
    if (program === undefined) withoutReference.push(task.taskId);
    else programs.push({ key: task.taskId, taskId: task.taskId, program });
  }
  const engine = await evalEngine(options);
  try {
    const judged = await judgePrograms(dataset, bench, programs, engine, { ...options, label: `references ${options.dataset}` });
    const groups: ReferenceReport['groups'] = {};
    const failures: ReferenceFailure[] = [];
    for (const { taskId } of programs) {
      for (const [name, group] of Object.entries(judged.groups.get(taskId)!) as [EvalGroupName, EvalTestGroup][]) {
        const counts = (groups[name] ??= { judged: 0, passed: 0 });
        counts.judged += 1;
        if (group.passed) {
          counts.passed += 1;
          continue;
        }
        failures.push({
          taskId,
          group: name,
          verdict: group.verdict,
          testsPassed: group.testsPassed,
          testsTotal: group.testsTotal,
          ...(firstFailure(group) ? { first: firstFailure(group) } : {}),
          reason: failureReason(group),
        });
      }
    }
    return { dataset: options.dataset, datasetFile: bench.file, tasks: bench.tasks.length, withoutReference, groups, failures, jobs: judged.jobs, durationMs: Date.now() - started };
  } finally {
    if (!options.engine) await engine.close();
  }
}
