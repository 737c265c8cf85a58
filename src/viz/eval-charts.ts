/**
 * Charts over `plum eval` results (EvalSampleResult records, one per sample): the pass@k table as
 * bars and per-task outcomes (how many of each task's samples passed). For HumanEval results the
 * `passed` field is read; for HumanEval+ results `base_passed` and `plus_passed`. Pure.
 */
import type { EvalSampleResult } from '../records.js';
import { baseLayout, plotColors, type Figure, type PlotlyTrace } from './figure.js';

/** The result fields the charts read. */
export type EvalResultLike = Pick<EvalSampleResult, 'task_id'> & Partial<Pick<EvalSampleResult, 'passed' | 'base_passed' | 'plus_passed'>>;

/** Per task: samples, and samples passing (HumanEval `passed`, or HumanEval+ base and base+plus). */
export interface TaskOutcome {
  taskId: string;
  samples: number;
  passed: number;
  basePassed?: number;
  plusPassed?: number;
}

/** Count samples and passes per task, in first-seen order. */
export function taskOutcomes(results: Iterable<EvalResultLike>): TaskOutcome[] {
  const byTask = new Map<string, TaskOutcome>();
  for (const r of results) {
    const t = byTask.get(r.task_id) ?? { taskId: r.task_id, samples: 0, passed: 0 };
    t.samples += 1;
    if (r.passed) t.passed += 1;
    if (r.base_passed !== undefined) t.basePassed = (t.basePassed ?? 0) + (r.base_passed ? 1 : 0);
    if (r.plus_passed !== undefined) {
      t.plusPassed = (t.plusPassed ?? 0) + (r.plus_passed ? 1 : 0);
      if (r.plus_passed) t.passed += 1;
    }
    byTask.set(r.task_id, t);
  }
  return [...byTask.values()];
}

/** Grouped bars of pass@k, one group per k, one bar per named table (e.g. base vs base+plus). */
export function passAtKChart(tables: Record<string, Record<string, number> | undefined>): Figure {
  const names = Object.keys(tables).filter((n) => tables[n] && Object.keys(tables[n]!).length);
  const ks = [...new Set(names.flatMap((n) => Object.keys(tables[n]!)))];
  const palette = [plotColors.accent, plotColors.good, plotColors.warn];
  const data: PlotlyTrace[] = names.map((n, i) => ({
    type: 'bar',
    name: n,
    x: ks,
    y: ks.map((k) => tables[n]![k] ?? null),
    text: ks.map((k) => (tables[n]![k] === undefined ? '' : `${(tables[n]![k] * 100).toFixed(1)}%`)),
    textposition: 'auto',
    marker: { color: palette[i % palette.length] },
  }));
  return {
    key: 'pass-at-k',
    title: 'pass@k',
    data,
    layout: baseLayout('pass@k', 'k', 'pass@k', { barmode: 'group', showlegend: names.length > 1, yaxis: { title: { text: 'pass@k' }, range: [0, 1], tickformat: '.0%' }, xaxis: { type: 'category' } }),
    note: 'Unbiased estimator of Chen et al. (2021): 1 - C(n-c, k) / C(n, k) per task, averaged over tasks.',
  };
}

/** Stacked bars per task: passing vs failing samples (HumanEval+ counts base+plus passes). */
export function taskOutcomesChart(results: Iterable<EvalResultLike>, limit = 60): Figure {
  const tasks = taskOutcomes(results).slice(0, limit);
  const x = tasks.map((t) => t.taskId);
  const title = `Per-task outcomes (${tasks.length} tasks)`;
  return {
    key: 'eval-tasks',
    title,
    data: tasks.length
      ? [
          { type: 'bar', name: 'passed', x, y: tasks.map((t) => t.passed), marker: { color: plotColors.good } },
          { type: 'bar', name: 'failed', x, y: tasks.map((t) => t.samples - t.passed), marker: { color: plotColors.bad } },
        ]
      : [],
    layout: baseLayout(title, 'task', 'samples', { barmode: 'stack', showlegend: true, xaxis: { type: 'category', tickangle: -45, automargin: true } }),
  };
}
