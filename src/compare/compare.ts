/**
 * `plum compare`: several evaluations side by side, like the tables of the PLUM paper. Each column
 * is one model or checkpoint (a results file, a summary, or a folder of evaluations); each row one
 * benchmark. An EvalPlus evaluation fills two rows: its base tests (`humaneval`, `mbpp`) and base +
 * extra tests (`humaneval+`, `mbpp+`); a dataset evaluated on its own beats the base row derived
 * from its plus evaluation. Per row: pass@k of every column, the difference to the first column,
 * and the tasks whose pass rate went up or down (with one sample per task: passed in one, failed in
 * the other). Pure: loading is load-evaluations.ts, text and HTML are format-compare.ts.
 */
import { passAtKTable, type PassCounts } from '../eval/pass-at-k.js';
import type { LoadedEvaluation, MetricName } from './load-evaluations.js';

/** One column: a label and the evaluations it holds. */
export interface CompareColumn {
  label: string;
  /** Where it was read from (path given on the command line). */
  source: string;
  evaluations: LoadedEvaluation[];
}

/** One column's figures on one benchmark. */
export interface CompareCell {
  /** pass@k ("pass@1", ...) over the tasks that have samples (those every task has enough samples for). */
  passAtK: Record<string, number>;
  tasks: number;
  samples: number;
  /** Per-task pass rate c / n (empty when only a summary was available). */
  rates: Map<string, number>;
  /** The evaluation it came from (dataset and metric). */
  from: { dataset: string; metric: MetricName; file?: string };
}

/** A task whose pass rate differs between the first column and another. */
export interface TaskFlip {
  taskId: string;
  /** Pass rate in the first column. */
  before: number;
  /** Pass rate in this column. */
  after: number;
}

/** The change from the first column to another on one benchmark. */
export interface CompareChange {
  /** Difference of the first k's pass@k (this column minus the first), or null when either lacks it. */
  delta: number | null;
  /** Tasks whose pass rate went up / down; null when either side has no per-task results. */
  improved: TaskFlip[] | null;
  regressed: TaskFlip[] | null;
  /** Tasks evaluated in both. */
  commonTasks: number;
}

/** One benchmark row. */
export interface CompareRow {
  benchmark: string;
  /** One cell per column (null: the column has no evaluation of this benchmark). */
  cells: (CompareCell | null)[];
  /** One change per column after the first (index i = column i + 1). */
  changes: CompareChange[];
}

/** A whole comparison. */
export interface Comparison {
  labels: string[];
  sources: string[];
  /** The ks shown; the first is the headline (deltas and the chart). */
  ks: number[];
  rows: CompareRow[];
}

/** Row order of the paper's tables; other benchmarks follow alphabetically. */
export const BENCHMARK_ORDER = ['humaneval', 'humaneval+', 'mbpp', 'mbpp+', 'leetcode', 'leetcodedataset', 'lcb'];

/** The benchmark a metric of a dataset reports: base tests -> the dataset without "+", plus -> with "+". */
export function benchmarkOf(dataset: string, metric: MetricName): string {
  if (metric === 'base') return dataset.replace(/\+$/, '');
  if (metric === 'plus') return dataset.endsWith('+') ? dataset : `${dataset}+`;
  return dataset;
}

function cellOf(e: LoadedEvaluation, metric: MetricName, ks: number[]): CompareCell {
  const counts: PassCounts[] = [];
  const rates = new Map<string, number>();
  for (const [taskId, byMetric] of e.tasks) {
    const c = byMetric[metric];
    if (!c) continue;
    counts.push(c);
    rates.set(taskId, c.c / c.n);
  }
  const passAtK = counts.length ? passAtKTable(counts, ks) : (e.summaryPassAtK?.[metric] ?? {});
  return {
    passAtK,
    tasks: counts.length,
    samples: counts.reduce((s, c) => s + c.n, 0),
    rates,
    from: { dataset: e.dataset, metric, file: e.resultsFile ?? e.summaryFile },
  };
}

/** The cells of one column by benchmark (an evaluation of the dataset itself beats a derived base row). */
function cellsOf(column: CompareColumn, ks: number[]): Map<string, CompareCell> {
  const cells = new Map<string, { cell: CompareCell; derived: boolean }>();
  for (const e of column.evaluations) {
    for (const metric of e.metrics) {
      const benchmark = benchmarkOf(e.dataset, metric);
      const derived = metric === 'base';
      const held = cells.get(benchmark);
      if (held && (derived || !held.derived)) continue; // keep the first of equals, and own evaluations over derived ones
      cells.set(benchmark, { cell: cellOf(e, metric, ks), derived });
    }
  }
  return new Map([...cells].map(([k, v]) => [k, v.cell]));
}

function changeOf(first: CompareCell | null, other: CompareCell | null, k: string): CompareChange {
  if (!first || !other) return { delta: null, improved: null, regressed: null, commonTasks: 0 };
  const a = first.passAtK[k];
  const b = other.passAtK[k];
  const delta = a === undefined || b === undefined ? null : b - a;
  if (first.rates.size === 0 || other.rates.size === 0) return { delta, improved: null, regressed: null, commonTasks: 0 };
  const improved: TaskFlip[] = [];
  const regressed: TaskFlip[] = [];
  let commonTasks = 0;
  for (const [taskId, before] of first.rates) {
    const after = other.rates.get(taskId);
    if (after === undefined) continue;
    commonTasks += 1;
    if (after > before) improved.push({ taskId, before, after });
    else if (after < before) regressed.push({ taskId, before, after });
  }
  return { delta, improved, regressed, commonTasks };
}

/** Compare columns benchmark by benchmark (ks default [1]; the first k is the headline). */
export function compareEvaluations(columns: CompareColumn[], options: { ks?: number[] } = {}): Comparison {
  const ks = options.ks && options.ks.length ? options.ks : [1];
  const headline = `pass@${ks[0]}`;
  const perColumn = columns.map((c) => cellsOf(c, ks));
  const names = [...new Set(perColumn.flatMap((m) => [...m.keys()]))];
  const rank = (b: string) => (BENCHMARK_ORDER.includes(b) ? BENCHMARK_ORDER.indexOf(b) : BENCHMARK_ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rows = names.map((benchmark): CompareRow => {
    const cells = perColumn.map((m) => m.get(benchmark) ?? null);
    return { benchmark, cells, changes: cells.slice(1).map((c) => changeOf(cells[0], c, headline)) };
  });
  return { labels: columns.map((c) => c.label), sources: columns.map((c) => c.source), ks, rows };
}

/** Labels for columns: the given ones, else the model of the column's evaluations, else the path's name; made unique. */
export function columnLabels(columns: { source: string; evaluations: LoadedEvaluation[] }[], given: string[] = []): string[] {
  const labels = columns.map((c, i) => given[i] ?? c.evaluations.find((e) => e.model)?.model ?? c.source.replace(/\/+$/, '').split('/').pop()!.replace(/\.(summary\.json|jsonl(\.gz)?)$/, ''));
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const count = (seen.get(l) ?? 0) + 1;
    seen.set(l, count);
    return count > 1 ? `${l} (${count})` : l;
  });
}
