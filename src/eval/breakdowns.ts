/**
 * pass@k per group of tasks (a difficulty, a contest month, a test type): the `breakdowns` of the
 * summary (EvalSummary in src/records.ts). Pure: results and task groups in, metrics out.
 */
import type { EvalMetrics, EvalSampleResult } from '../records.js';
import { passAtKOf } from './results.js';

/** The metrics of a set of results: tasks and samples counted, pass@k of every metric present. */
export function metricsOf(results: readonly EvalSampleResult[], ks?: readonly number[]): EvalMetrics {
  const table = passAtKOf(results, ks);
  const passAtK: EvalMetrics['passAtK'] = {};
  for (const [metric, values] of Object.entries(table)) if (values) passAtK[metric] = values;
  return { tasks: new Set(results.map((r) => r.task_id)).size, samples: results.length, passAtK };
}

/**
 * by -> group -> metrics. `groupsOf(taskId)` names the groups of a task by breakdown (an undefined
 * group leaves the task out of that breakdown); groups are sorted by name.
 */
export function breakdownsOf(
  results: readonly EvalSampleResult[],
  groupsOf: (taskId: string) => Record<string, string | undefined>,
  ks?: readonly number[],
): Record<string, Record<string, EvalMetrics>> {
  const buckets = new Map<string, Map<string, EvalSampleResult[]>>();
  for (const r of results) {
    for (const [by, group] of Object.entries(groupsOf(r.task_id))) {
      if (group === undefined) continue;
      const byGroup = buckets.get(by) ?? new Map<string, EvalSampleResult[]>();
      buckets.set(by, byGroup);
      const list = byGroup.get(group) ?? [];
      byGroup.set(group, list);
      list.push(r);
    }
  }
  const out: Record<string, Record<string, EvalMetrics>> = {};
  for (const [by, byGroup] of buckets) {
    out[by] = {};
    for (const group of [...byGroup.keys()].sort()) out[by][group] = metricsOf(byGroup.get(group)!, ks);
  }
  return out;
}
