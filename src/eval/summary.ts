/**
 * The summary `plum eval` writes beside `--out` (`<out without .jsonl>.summary.json`, EvalSummary in
 * src/records.ts): pass@k over every evaluated task, and the same per breakdown group, where a
 * dataset's `breakdown(task)` gives each task its keys (e.g. `{ difficulty: 'Easy' }`). Pure but for
 * `writeEvalSummary`. Does not print (src/cli/eval.ts does).
 */
import { writeTextAtomic } from '../io/jsonl.js';
import type { EvalMetrics, EvalSampleResult, EvalSummary } from '../records.js';
import { passAtKOf } from './results.js';

/** Where the summary of a results file goes: `<out minus .jsonl>.summary.json`. */
export function summaryPathFor(resultsFile: string): string {
  return `${resultsFile.replace(/\.jsonl$/, '')}.summary.json`;
}

/** pass@k of a set of records (tasks = distinct task ids). */
export function metricsOf(results: readonly EvalSampleResult[], ks: readonly number[]): EvalMetrics {
  const table = passAtKOf(results, ks);
  const passAtK: EvalMetrics['passAtK'] = {};
  for (const [metric, values] of Object.entries(table)) if (values) passAtK[metric] = values;
  return { tasks: new Set(results.map((r) => r.task_id)).size, samples: results.length, passAtK };
}

/**
 * Metrics per breakdown group: `by -> group -> metrics`. `keysOf(taskId)` gives a task's keys
 * (`{ difficulty: 'Easy', contest_month: '2024-08' }`); tasks without a key are left out of that breakdown.
 */
export function breakdownsOf(
  results: readonly EvalSampleResult[],
  keysOf: (taskId: string) => Record<string, string> | undefined,
  ks: readonly number[],
): EvalSummary['breakdowns'] {
  const groups = new Map<string, Map<string, EvalSampleResult[]>>();
  for (const r of results) {
    for (const [by, key] of Object.entries(keysOf(r.task_id) ?? {})) {
      const byGroup = groups.get(by) ?? new Map<string, EvalSampleResult[]>();
      byGroup.set(key, [...(byGroup.get(key) ?? []), r]);
      groups.set(by, byGroup);
    }
  }
  const out: EvalSummary['breakdowns'] = {};
  for (const [by, byGroup] of groups) {
    out[by] = {};
    for (const key of [...byGroup.keys()].sort()) out[by][key] = metricsOf(byGroup.get(key)!, ks);
  }
  return out;
}

/** Write a summary atomically. */
export function writeEvalSummary(file: string, summary: EvalSummary): void {
  writeTextAtomic(file, `${JSON.stringify(summary, null, 2)}\n`);
}
