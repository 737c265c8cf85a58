/**
 * Charts over labels (one per sample): the per-problem pass-rate distribution and the failure
 * kinds of rejected samples. Pure functions of label records; they read only the fields they need.
 */
import type { Label } from '../records.js';
import { barFigure, countBy, plotColors, sortedCounts, type Figure } from './figure.js';

/** The label fields the charts read. */
export type LabelLike = Pick<Label, 'problemId' | 'label'> & Partial<Pick<Label, 'failureKind' | 'errorType'>>;

/** Per problem: chosen / (chosen + rejected); excluded samples do not count. Problems with no counted sample are absent. */
export function passRatesByProblem(labels: Iterable<LabelLike>): Map<string, number> {
  const tally = new Map<string, { chosen: number; total: number }>();
  for (const l of labels) {
    if (l.label === 'excluded') continue;
    const t = tally.get(l.problemId) ?? { chosen: 0, total: 0 };
    t.total += 1;
    if (l.label === 'chosen') t.chosen += 1;
    tally.set(l.problemId, t);
  }
  return new Map([...tally].map(([id, t]) => [id, t.chosen / t.total]));
}

/** The bins of the pass-rate histogram: all-fail and all-pass apart, since they yield no pairs. */
export const passRateBins = ['0 (all fail)', '(0, 20%]', '(20, 40%]', '(40, 60%]', '(60, 80%]', '(80, 100%)', '100% (all pass)'] as const;

/** Index into `passRateBins` of a pass rate in [0, 1]. */
export function passRateBin(rate: number): number {
  if (rate <= 0) return 0;
  if (rate >= 1) return 6;
  return Math.min(5, Math.ceil(rate * 5 - 1e-9));
}

/** Histogram of per-problem pass rates (share of a problem's samples labelled chosen). */
export function passRateHistogram(labels: Iterable<LabelLike>): Figure {
  const rates = passRatesByProblem(labels);
  const counts = new Array(passRateBins.length).fill(0);
  for (const r of rates.values()) counts[passRateBin(r)] += 1;
  const colors = passRateBins.map((_, i) => (i === 0 ? plotColors.bad : i === 6 ? plotColors.good : plotColors.accent));
  const fig = barFigure({
    key: 'pass-rate',
    title: `Per-problem pass rate (${rates.size} problems)`,
    categories: [...passRateBins],
    values: counts,
    xTitle: 'share of samples passing every kept test',
    yTitle: 'problems',
    colors,
    note: 'Problems at 0 or 100% yield no DPO pairs; a healthy on-policy run has most problems in between.',
  });
  return rates.size ? fig : { ...fig, data: [] };
}

/** Failure kinds of rejected samples (assertion, exception, timeout, ...). */
export function failureKindsChart(labels: Iterable<LabelLike>): Figure {
  const rejected = [...labels].filter((l) => l.label === 'rejected');
  const counts = sortedCounts(countBy(rejected, (l) => l.failureKind ?? 'unknown'));
  return barFigure({
    key: 'failure-kinds',
    title: `Why rejected samples failed (${rejected.length} samples)`,
    categories: counts.map(([k]) => k),
    values: counts.map(([, n]) => n),
    xTitle: 'failure kind',
    yTitle: 'rejected samples',
    colors: plotColors.bad,
  });
}

/** Counts of labels: chosen / rejected / excluded. */
export function labelCountsChart(labels: Iterable<LabelLike>): Figure {
  const counts = countBy(labels, (l) => l.label);
  const cats = ['chosen', 'rejected', 'excluded'];
  const fig = barFigure({
    key: 'labels',
    title: 'Sample labels',
    categories: cats,
    values: cats.map((c) => counts.get(c) ?? 0),
    xTitle: 'label',
    yTitle: 'samples',
    colors: [plotColors.good, plotColors.bad, plotColors.neutral],
  });
  return counts.size ? fig : { ...fig, data: [] };
}
