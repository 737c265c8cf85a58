/**
 * Accumulating run statistics from streamed records: filter decisions, labels, per-problem pair
 * summaries, KTO counts and (optional) mutation scores. Memory grows with the number of problems,
 * not samples. `finish()` returns the RunStats sections (see stats-types.ts). Pure: no IO.
 */
import { ktoLossWeights } from '../pairs/kto-weights.js';
import type { ProblemPairsSummary } from '../pairs/types.js';
import type { FilterDecision, Label } from '../records.js';
import { countEdges, describeDistribution, rateEdges } from './distribution.js';
import type { FilterStats, HeuristicCounts, LabelStats, MutationStats, PairStats, PlumRunStats } from './stats-types.js';

/** The fields of a mutation-score record the statistics read. */
export interface MutationScoreInput {
  problemId: string;
  score: number | null;
}

export interface StatsOptions {
  round?: number;
  /** A mutation score below this marks a weak suite. Default 0.8. */
  weakMutationScore?: number;
  /** Clock for createdAt (tests pass a fixed one). */
  now?: () => Date;
}

export interface StatsAccumulator {
  addFilterDecision(decision: FilterDecision): void;
  addLabel(label: Label): void;
  addPairsSummary(summary: ProblemPairsSummary, strategy?: string): void;
  addMutationScore(score: MutationScoreInput): void;
  /** The statistics so far (callable more than once). */
  finish(): PlumRunStats;
}

const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

/** Create an empty accumulator. */
export function createStatsAccumulator(options: StatsOptions = {}): StatsAccumulator {
  const weakBelow = options.weakMutationScore ?? 0.8;
  // filter
  let filterSeen = false;
  const testsPerProblem = new Map<string, { generated: number; kept: number }>();
  const heuristics: Record<string, HeuristicCounts> = {};
  // labels
  let labelsSeen = false;
  const labelCounts: LabelStats = { samples: 0, chosen: 0, rejected: 0, excluded: 0, excludedReasons: {}, failureKinds: {}, errorTypes: {} };
  const perProblemLabels = new Map<string, { chosen: number; rejected: number }>();
  // pairs
  let pairsSeen = false;
  let strategy: string | null = null;
  const pairs: Omit<PairStats, 'perProblem' | 'strategy'> = { dpoPairs: 0, problemsWithPairs: 0, problemsAllPass: 0, problemsAllFail: 0, problemsNoneLabelled: 0, duplicateSamples: 0, conflictingCode: 0 };
  const pairsPerProblem: number[] = [];
  let desirable = 0;
  let undesirable = 0;
  // mutation
  const mutation: MutationScoreInput[] = [];

  return {
    addFilterDecision(d) {
      filterSeen = true;
      let t = testsPerProblem.get(d.problemId);
      if (!t) testsPerProblem.set(d.problemId, (t = { generated: 0, kept: 0 }));
      t.generated += 1;
      if (d.kept) t.kept += 1;
      const drops = d.decisions.filter((x) => !x.keep).length;
      for (const x of d.decisions) {
        const h = (heuristics[x.heuristic] ??= { kept: 0, dropped: 0, droppedOnlyHere: 0, dropReasons: {}, keepReasons: {} });
        if (x.keep) {
          h.kept += 1;
          bump(h.keepReasons, x.reason);
        } else {
          h.dropped += 1;
          if (drops === 1) h.droppedOnlyHere += 1;
          bump(h.dropReasons, x.reason);
        }
      }
    },
    addLabel(l) {
      labelsSeen = true;
      labelCounts.samples += 1;
      labelCounts[l.label] += 1;
      if (l.label === 'excluded') bump(labelCounts.excludedReasons, l.reason);
      if (l.failureKind !== 'none') bump(labelCounts.failureKinds, l.failureKind);
      if (l.errorType) bump(labelCounts.errorTypes, l.errorType);
      let p = perProblemLabels.get(l.problemId);
      if (!p) perProblemLabels.set(l.problemId, (p = { chosen: 0, rejected: 0 }));
      if (l.label === 'chosen') p.chosen += 1;
      if (l.label === 'rejected') p.rejected += 1;
    },
    addPairsSummary(s, usedStrategy) {
      pairsSeen = true;
      if (usedStrategy) strategy = usedStrategy;
      pairs.dpoPairs += s.pairs;
      pairsPerProblem.push(s.pairs);
      if (s.outcome === 'mixed') pairs.problemsWithPairs += s.pairs > 0 ? 1 : 0;
      if (s.outcome === 'all-pass') pairs.problemsAllPass += 1;
      if (s.outcome === 'all-fail') pairs.problemsAllFail += 1;
      if (s.outcome === 'none-labelled') pairs.problemsNoneLabelled += 1;
      pairs.duplicateSamples += s.duplicates;
      pairs.conflictingCode += s.conflicts;
      desirable += s.ktoDesirable;
      undesirable += s.ktoUndesirable;
    },
    addMutationScore(m) {
      mutation.push({ problemId: m.problemId, score: m.score });
    },
    finish() {
      const stats: PlumRunStats = { createdAt: (options.now ?? (() => new Date()))().toISOString() };
      if (options.round !== undefined) stats.round = options.round;
      if (filterSeen) {
        const per = [...testsPerProblem.values()];
        const filter: FilterStats = {
          testsGenerated: per.reduce((a, t) => a + t.generated, 0),
          testsKept: per.reduce((a, t) => a + t.kept, 0),
          problems: per.length,
          problemsWithoutTests: per.filter((t) => t.kept === 0).length,
          generatedPerProblem: describeDistribution(per.map((t) => t.generated), countEdges(30)),
          keptPerProblem: describeDistribution(per.map((t) => t.kept), countEdges(30)),
          heuristics,
        };
        stats.filter = filter;
      }
      if (labelsSeen) {
        stats.labels = labelCounts;
        const rates: number[] = [];
        let allPass = 0;
        let allFail = 0;
        let none = 0;
        for (const p of perProblemLabels.values()) {
          const n = p.chosen + p.rejected;
          if (n === 0) {
            none += 1;
            continue;
          }
          rates.push(p.chosen / n);
          if (p.rejected === 0) allPass += 1;
          else if (p.chosen === 0) allFail += 1;
        }
        stats.passRate = {
          perProblem: describeDistribution(rates, rateEdges),
          problemsAllPass: allPass,
          problemsAllFail: allFail,
          problemsMixed: rates.length - allPass - allFail,
          problemsNoneLabelled: none,
        };
      }
      if (pairsSeen) {
        stats.pairs = { ...pairs, strategy, perProblem: describeDistribution(pairsPerProblem, countEdges(20)) };
        stats.kto = { examples: desirable + undesirable, desirable, undesirable, weights: ktoLossWeights(desirable, undesirable) };
      }
      if (mutation.length > 0) {
        const scored = mutation.filter((m) => m.score !== null).map((m) => m.score as number);
        const m: MutationStats = {
          problems: mutation.length,
          unscored: mutation.length - scored.length,
          scores: describeDistribution(scored, rateEdges),
          weak: scored.filter((s) => s < weakBelow).length,
          weakBelow,
        };
        stats.mutation = m;
      }
      return stats;
    },
  };
}
