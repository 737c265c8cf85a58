/**
 * Charts over preference data: DPO pairs per problem and the KTO desirable/undesirable balance.
 * Pure functions of pair and example records (only `problemId` and `label` are read).
 */
import type { DpoPair, KtoExample } from '../records.js';
import { barFigure, countBy, plotColors, type Figure } from './figure.js';

/**
 * Distribution of DPO pairs per problem: how many problems got 0, 1, 2, ... pairs. Pass
 * `problemIds` (every problem of the run) to count problems that got none.
 */
export function pairsPerProblemChart(pairs: Iterable<Pick<DpoPair, 'problemId'>>, problemIds?: Iterable<string>): Figure {
  const perProblem = countBy(pairs, (p) => p.problemId);
  if (problemIds) for (const id of problemIds) if (!perProblem.has(id)) perProblem.set(id, 0);
  const histogram = countBy(perProblem.values(), (n) => String(n));
  const keys = [...histogram.keys()].map(Number).sort((a, b) => a - b);
  const total = [...perProblem.values()].reduce((a, b) => a + b, 0);
  return barFigure({
    key: 'pairs-per-problem',
    title: `DPO pairs per problem (${total} pairs over ${perProblem.size} problems)`,
    categories: keys.map(String),
    values: keys.map((k) => histogram.get(String(k)) ?? 0),
    xTitle: 'pairs contributed by a problem',
    yTitle: 'problems',
    colors: keys.map((k) => (k === 0 ? plotColors.neutral : plotColors.accent)),
    note: 'Problems with 0 pairs had all-pass or all-fail samples; a long right tail means a few problems dominate the data.',
  });
}

/** The KTO balance: desirable (label true) vs undesirable examples. */
export function ktoBalanceChart(examples: Iterable<Pick<KtoExample, 'label'>>): Figure {
  const counts = countBy(examples, (e) => (e.label ? 'desirable' : 'undesirable'));
  const d = counts.get('desirable') ?? 0;
  const u = counts.get('undesirable') ?? 0;
  const ratio = u > 0 ? (d / u).toFixed(2) : 'n/a';
  const fig = barFigure({
    key: 'kto-balance',
    title: `KTO balance (desirable : undesirable = ${ratio})`,
    categories: ['desirable', 'undesirable'],
    values: [d, u],
    xTitle: 'KTO label',
    yTitle: 'examples',
    colors: [plotColors.good, plotColors.bad],
    note: 'TRL KTO weights the minority side up (desirable_weight / undesirable_weight) so the two contribute comparably.',
  });
  return d + u ? fig : { ...fig, data: [] };
}
