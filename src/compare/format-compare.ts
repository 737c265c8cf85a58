/**
 * A comparison as text (the table on stdout and the flipped tasks) and as a standalone HTML page
 * (the same table, the charts, the flipped tasks), through the run report's page shell. Pure.
 */
import { renderReportHtml } from '../report/html-report.js';
import { formatTable } from '../stats/format-stats.js';
import { compareFlipsChart, comparePassChart } from '../viz/compare-charts.js';
import type { Table } from '../viz/table.js';
import type { CompareCell, CompareChange, Comparison, TaskFlip } from './compare.js';

const percent = (x: number | undefined) => (x === undefined ? '-' : (100 * x).toFixed(1));
const signed = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`);

function cellText(cell: CompareCell | null, ks: number[]): string {
  if (!cell) return '-';
  return ks.map((k) => percent(cell.passAtK[`pass@${k}`])).join(' / ');
}

function flipsText(change: CompareChange): string {
  if (!change.improved || !change.regressed) return '-';
  return `+${change.improved.length} -${change.regressed.length} of ${change.commonTasks}`;
}

/** The comparison table: benchmark, each column's pass@k (%), then per later column its delta (points) and flipped tasks. */
export function comparisonTable(comparison: Comparison): Table {
  const kName = comparison.ks.map((k) => `pass@${k}`).join(' / ');
  const later = comparison.labels.slice(1);
  return {
    key: 'compare',
    title: `${kName} (%) by benchmark`,
    columns: ['benchmark', ...comparison.labels, ...later.flatMap((l) => [`Δ ${l}`, `tasks ± ${l}`])],
    rows: comparison.rows.map((r) => [
      r.benchmark,
      ...r.cells.map((c) => cellText(c, comparison.ks)),
      ...r.changes.flatMap((ch) => [signed(ch.delta), flipsText(ch)]),
    ]),
    ...(later.length
      ? { caption: `Δ: points of pass@${comparison.ks[0]} against ${comparison.labels[0]}; tasks ±: tasks passing more / less often than in ${comparison.labels[0]}, of those both evaluated.` }
      : {}),
  };
}

function flipList(flips: TaskFlip[], limit: number): string {
  const rate = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const binary = flips.every((f) => Number.isInteger(f.before) && Number.isInteger(f.after));
  const shown = flips.slice(0, limit).map((f) => (binary ? f.taskId : `${f.taskId} ${rate(f.before)}->${rate(f.after)}`));
  return shown.join(', ') + (flips.length > limit ? `, ... (${flips.length - limit} more)` : '');
}

/** The flipped tasks, one line per benchmark, direction and later column. */
export function flipLines(comparison: Comparison, limit = 12): string[] {
  const lines: string[] = [];
  for (const row of comparison.rows) {
    row.changes.forEach((ch, j) => {
      const label = comparison.labels[j + 1];
      if (ch.improved?.length) lines.push(`${row.benchmark}: better in ${label} (${ch.improved.length}): ${flipList(ch.improved, limit)}`);
      if (ch.regressed?.length) lines.push(`${row.benchmark}: worse in ${label} (${ch.regressed.length}): ${flipList(ch.regressed, limit)}`);
    });
  }
  return lines;
}

/** Notes on what the figures rest on: task counts that differ between columns, rows without per-task results. */
export function comparisonNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  for (const row of comparison.rows) {
    const counts = row.cells.map((c) => c?.tasks);
    if (new Set(counts.filter((c) => c !== undefined && c > 0)).size > 1) {
      notes.push(`${row.benchmark}: the columns evaluated different numbers of tasks (${counts.map((c, i) => `${comparison.labels[i]} ${c ?? 0}`).join(', ')}); pass@k is over each column's own tasks`);
    }
    if (row.cells.some((c) => c && c.rates.size === 0)) notes.push(`${row.benchmark}: a column has only a summary (its results file is missing), so no flipped tasks`);
  }
  return notes;
}

/** The text printed by `plum compare`: the table, then the flipped tasks and notes. */
export function formatComparison(comparison: Comparison, options: { flipLimit?: number } = {}): string {
  const table = comparisonTable(comparison);
  const body = formatTable(table.columns, table.rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c)))));
  const parts = [table.title, body, ...(table.caption ? [table.caption] : [])];
  const flips = flipLines(comparison, options.flipLimit ?? 12);
  if (flips.length) parts.push('', ...flips);
  const notes = comparisonNotes(comparison);
  if (notes.length) parts.push('', ...notes.map((n) => `note: ${n}`));
  return parts.join('\n');
}

/** The flipped tasks as a table (benchmark, column, direction, task, pass rates). */
function flipsTable(comparison: Comparison): Table {
  const rows: Table['rows'] = [];
  for (const row of comparison.rows) {
    row.changes.forEach((ch, j) => {
      for (const [direction, list] of [['better', ch.improved], ['worse', ch.regressed]] as const) {
        for (const f of list ?? []) rows.push([row.benchmark, comparison.labels[j + 1], direction, f.taskId, f.before, f.after]);
      }
    });
  }
  return { key: 'compare-flips', title: 'Tasks that changed', columns: ['benchmark', 'column', 'direction', 'task', `pass rate in ${comparison.labels[0]}`, 'pass rate'], rows };
}

/** The standalone HTML page (plotly inlined: opens offline). */
export function comparisonHtml(comparison: Comparison): string {
  return renderReportHtml({
    title: `plum compare: ${comparison.labels.join(' vs ')}`,
    subtitle: comparison.labels.map((l, i) => `${l} = ${comparison.sources[i]}`).join('; '),
    tables: [comparisonTable(comparison), flipsTable(comparison)],
    figures: [comparePassChart(comparison), compareFlipsChart(comparison)],
  });
}
