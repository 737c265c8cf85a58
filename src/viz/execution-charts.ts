/**
 * Charts over an ExecutionDigest: verdict kinds (per test and per sample), error types, and the
 * slowest tests. Pure functions; build the digest with `digestExecutions`.
 */
import type { ExecutionDigest } from './execution-digest.js';
import { baseLayout, barFigure, plotColors, sortedCounts, type Figure } from './figure.js';

const verdictOrder = ['pass', 'fail', 'error', 'timeout', 'crash', 'syntax_error'];
const verdictColor: Record<string, string> = {
  pass: plotColors.good,
  fail: plotColors.bad,
  error: plotColors.warn,
  timeout: '#9467bd',
  crash: '#8c564b',
  syntax_error: plotColors.neutral,
};

/** Grouped bars: verdict counts per test outcome and per sample (job verdict). */
export function verdictKindsChart(digest: ExecutionDigest): Figure {
  const present = (counts: Record<string, number>) => verdictOrder.filter((v) => counts[v]).concat(Object.keys(counts).filter((v) => !verdictOrder.includes(v)));
  const cats = [...new Set([...present(digest.testVerdicts), ...present(digest.sampleVerdicts)])];
  const title = `Verdicts (${digest.executions} samples)`;
  return {
    key: 'verdicts',
    title,
    data: cats.length
      ? [
          { type: 'bar', name: 'per test (solid)', x: cats, y: cats.map((c) => digest.testVerdicts[c] ?? 0), marker: { color: cats.map((c) => verdictColor[c] ?? plotColors.accent) }, text: cats.map((c) => String(digest.testVerdicts[c] ?? 0)), textposition: 'auto' },
          { type: 'bar', name: 'per sample (light)', x: cats, y: cats.map((c) => digest.sampleVerdicts[c] ?? 0), marker: { color: cats.map((c) => verdictColor[c] ?? plotColors.accent), opacity: 0.55 }, text: cats.map((c) => String(digest.sampleVerdicts[c] ?? 0)), textposition: 'auto' },
        ]
      : [],
    layout: baseLayout(title, 'verdict', 'count', { barmode: 'group', showlegend: true, xaxis: { type: 'category', automargin: true } }),
    note: 'Left bar of each group: test outcomes; right (lighter): job verdicts, one per sample (pass only if every test passed).',
  };
}

/** Exception types raised by candidates (error and crash outcomes), most frequent first. */
export function errorTypesChart(digest: ExecutionDigest, limit = 15): Figure {
  const counts = sortedCounts(new Map(Object.entries(digest.errorTypes)), limit);
  return barFigure({
    key: 'error-types',
    title: 'Exception types raised by candidates',
    categories: counts.map(([k]) => k),
    values: counts.map(([, n]) => n),
    xTitle: 'exception type',
    yTitle: 'test outcomes',
    colors: plotColors.warn,
    horizontal: true,
  });
}

/** An id without its problem-id prefix (`p1::t3` -> `t3`), for short axis labels. */
function stripProblem(id: string, problemId: string): string {
  return id.startsWith(problemId) ? id.slice(problemId.length).replace(/^[:/#-]+/, '') || id : id;
}

/** The slowest test outcomes (horizontal bars, ms), labelled `test · sample` without the problem prefix. */
export function slowestTestsChart(digest: ExecutionDigest): Figure {
  const rows = digest.slowest;
  const fig = barFigure({
    key: 'slowest-tests',
    title: `Slowest tests (top ${rows.length})`,
    categories: rows.map((r) => `${stripProblem(r.testId, r.problemId)} · ${stripProblem(r.sampleId, r.problemId)}`),
    values: rows.map((r) => Math.round(r.durationMs * 10) / 10),
    xTitle: 'test · sample (problem prefix dropped)',
    yTitle: 'duration (ms)',
    colors: rows.map((r) => verdictColor[r.verdict] ?? plotColors.accent),
    horizontal: true,
  });
  return fig;
}
