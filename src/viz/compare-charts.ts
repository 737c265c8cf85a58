/**
 * Charts of a `plum compare` comparison: pass@k per benchmark with one bar per model or checkpoint,
 * and the tasks each later column fixed (up) and broke (down) against the first. Pure.
 */
import type { Comparison } from '../compare/compare.js';
import { baseLayout, plotColors, type Figure, type PlotlyTrace } from './figure.js';

const PALETTE = [plotColors.neutral, plotColors.accent, plotColors.warn, plotColors.good, '#9467bd', '#8c564b', '#e377c2'];

/** Grouped bars: x = benchmarks, one bar per column, y = the headline pass@k. */
export function comparePassChart(comparison: Comparison): Figure {
  const k = `pass@${comparison.ks[0]}`;
  const x = comparison.rows.map((r) => r.benchmark);
  const data: PlotlyTrace[] = comparison.rows.length
    ? comparison.labels.map((label, i) => {
        const y = comparison.rows.map((r) => r.cells[i]?.passAtK[k] ?? null);
        return {
          type: 'bar',
          name: label,
          x,
          y,
          text: y.map((v) => (v === null ? '' : `${(v * 100).toFixed(1)}`)),
          textposition: 'auto',
          marker: { color: PALETTE[i % PALETTE.length] },
        };
      })
    : [];
  return {
    key: 'compare-pass-at-k',
    title: `${k} by benchmark`,
    data,
    layout: baseLayout(`${k} by benchmark`, 'benchmark', k, {
      barmode: 'group',
      showlegend: true,
      yaxis: { title: { text: k }, range: [0, 1], tickformat: '.0%' },
      xaxis: { type: 'category' },
    }),
    note: `One bar per model or checkpoint, in the order given; ${k} by the unbiased estimator over each evaluation's tasks.`,
  };
}

/** Diverging bars per benchmark: tasks each later column passes more often (up) or less often (down) than the first. */
export function compareFlipsChart(comparison: Comparison): Figure {
  const x = comparison.rows.map((r) => r.benchmark);
  const data: PlotlyTrace[] = [];
  comparison.labels.slice(1).forEach((label, j) => {
    const changes = comparison.rows.map((r) => r.changes[j]);
    if (changes.every((c) => c.improved === null)) return;
    data.push(
      { type: 'bar', name: `better in ${label}`, x, y: changes.map((c) => c.improved?.length ?? null), marker: { color: plotColors.good }, offsetgroup: String(j) },
      { type: 'bar', name: `worse in ${label}`, x, y: changes.map((c) => (c.regressed ? -c.regressed.length : null)), marker: { color: plotColors.bad }, offsetgroup: String(j) },
    );
  });
  return {
    key: 'compare-flips',
    title: `Tasks that changed against ${comparison.labels[0] ?? 'the first column'}`,
    data,
    layout: baseLayout(`Tasks that changed against ${comparison.labels[0] ?? 'the first column'}`, 'benchmark', 'tasks', {
      barmode: 'relative',
      showlegend: true,
      xaxis: { type: 'category' },
      yaxis: { title: { text: 'tasks (up: better, down: worse)' }, zeroline: true },
    }),
    note: 'A task counts when its pass rate (passing samples / samples) differs; with one sample per task, passed in one and failed in the other.',
  };
}
