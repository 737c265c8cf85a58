/**
 * Charts over filter decisions: how many tests each heuristic kept and dropped (test survival per
 * heuristic), and kept tests per problem. Pure functions of FilterDecision records.
 */
import type { FilterDecision } from '../records.js';
import { baseLayout, barFigure, countBy, plotColors, type Figure } from './figure.js';

/** The decision fields the charts read. */
export type DecisionLike = Pick<FilterDecision, 'problemId' | 'kept' | 'decisions'>;

/** One heuristic's tally: tests it kept and dropped, and its drop reasons. */
export interface HeuristicTally {
  heuristic: string;
  kept: number;
  dropped: number;
  reasons: Map<string, number>;
}

/** Tally every heuristic's decisions, in the order heuristics first appear. */
export function tallyHeuristics(decisions: Iterable<DecisionLike>): HeuristicTally[] {
  const tallies = new Map<string, HeuristicTally>();
  for (const d of decisions) {
    for (const h of d.decisions) {
      const t = tallies.get(h.heuristic) ?? { heuristic: h.heuristic, kept: 0, dropped: 0, reasons: new Map() };
      if (h.keep) t.kept += 1;
      else {
        t.dropped += 1;
        t.reasons.set(h.reason, (t.reasons.get(h.reason) ?? 0) + 1);
      }
      tallies.set(h.heuristic, t);
    }
  }
  return [...tallies.values()];
}

/** Stacked bars per heuristic (kept vs dropped), then the overall outcome. */
export function testSurvivalChart(decisions: Iterable<DecisionLike>): Figure {
  const all = [...decisions];
  const tallies = tallyHeuristics(all);
  const keptAll = all.filter((d) => d.kept).length;
  const cats = [...tallies.map((t) => t.heuristic), 'all heuristics'];
  const kept = [...tallies.map((t) => t.kept), keptAll];
  const dropped = [...tallies.map((t) => t.dropped), all.length - keptAll];
  const title = `Test survival per heuristic (${keptAll} of ${all.length} tests kept)`;
  return {
    key: 'test-survival',
    title,
    data: all.length
      ? [
          { type: 'bar', name: 'kept', x: cats, y: kept, marker: { color: plotColors.good }, text: kept.map(String), textposition: 'auto' },
          { type: 'bar', name: 'dropped', x: cats, y: dropped, marker: { color: plotColors.bad }, text: dropped.map(String), textposition: 'auto' },
        ]
      : [],
    layout: baseLayout(title, 'heuristic', 'tests', { barmode: 'stack', showlegend: true, xaxis: { type: 'category', automargin: true } }),
    note: 'A test is kept only if every heuristic keeps it; consistency (the reference passes) is the PLUM rule, the others are extra hygiene.',
  };
}

/** Distribution of kept tests per problem (problems with 0 kept tests cannot label samples). */
export function keptTestsPerProblemChart(decisions: Iterable<DecisionLike>): Figure {
  const perProblem = new Map<string, number>();
  for (const d of decisions) perProblem.set(d.problemId, (perProblem.get(d.problemId) ?? 0) + (d.kept ? 1 : 0));
  const histogram = countBy(perProblem.values(), (n) => String(n));
  const keys = [...histogram.keys()].map(Number).sort((a, b) => a - b);
  return barFigure({
    key: 'kept-tests-per-problem',
    title: `Kept tests per problem (${perProblem.size} problems)`,
    categories: keys.map(String),
    values: keys.map((k) => histogram.get(String(k)) ?? 0),
    xTitle: 'kept tests',
    yTitle: 'problems',
    colors: keys.map((k) => (k === 0 ? plotColors.bad : plotColors.accent)),
  });
}
