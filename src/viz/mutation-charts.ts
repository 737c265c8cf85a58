/**
 * The mutation-score distribution: per problem, the share of non-equivalent mutants of the
 * reference that its kept tests kill. A weak suite lets wrong code into *chosen*. Pure function of
 * MutationScore records (only `problemId` and `score` are read).
 */
import type { MutationScore } from '../records.js';
import { barFigure, binCounts, plotColors, type Figure } from './figure.js';

/** The fields read from a MutationScore record. */
export type MutationScoreLike = Pick<MutationScore, 'problemId' | 'score'>;

/** A record's score in [0, 1], or undefined when it has no non-equivalent mutant. */
export function mutationScoreOf(r: MutationScoreLike): number | undefined {
  return typeof r.score === 'number' ? r.score : undefined;
}

/** Histogram of per-problem mutation scores in ten bins, with the mean in the title. */
export function mutationScoreHistogram(records: Iterable<MutationScoreLike>): Figure {
  const scores = [...records].map(mutationScoreOf).filter((s): s is number => s !== undefined);
  const edges = Array.from({ length: 11 }, (_, i) => i / 10);
  const counts = binCounts(scores, edges);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : NaN;
  const cats = edges.slice(0, -1).map((e, i) => `${Math.round(e * 100)}-${Math.round(edges[i + 1] * 100)}%`);
  const fig = barFigure({
    key: 'mutation-score',
    title: `Mutation score per problem (${scores.length} problems, mean ${Number.isNaN(mean) ? 'n/a' : (mean * 100).toFixed(1) + '%'})`,
    categories: cats,
    values: counts,
    xTitle: 'share of non-equivalent mutants killed by the kept tests',
    yTitle: 'problems',
    colors: cats.map((_, i) => (i < 5 ? plotColors.warn : plotColors.good)),
    note: 'Low scores flag weak test suites: mutants (wrong code) survive them, so rejected-looking code could be labelled chosen.',
  });
  return scores.length ? fig : { ...fig, data: [] };
}
