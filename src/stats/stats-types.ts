/**
 * The shape of plum's run statistics (the sections of RunStats in stats.json), documented field by
 * field. Produced by the accumulator in collect-stats.ts.
 */
import type { KtoWeights } from '../pairs/kto-weights.js';
import type { Distribution } from './distribution.js';

/** One filter heuristic's say over all tests. */
export interface HeuristicCounts {
  kept: number;
  dropped: number;
  /** Tests this heuristic alone dropped (every other heuristic kept them). */
  droppedOnlyHere: number;
  /** Count per categorical reason of the drops. */
  dropReasons: Record<string, number>;
  /** Count per categorical reason of the keeps. */
  keepReasons: Record<string, number>;
}

export interface FilterStats {
  testsGenerated: number;
  testsKept: number;
  problems: number;
  /** Problems left with no kept test. */
  problemsWithoutTests: number;
  generatedPerProblem: Distribution;
  keptPerProblem: Distribution;
  heuristics: Record<string, HeuristicCounts>;
}

export interface LabelStats {
  samples: number;
  chosen: number;
  rejected: number;
  excluded: number;
  /** Why samples were excluded (syntax error, no kept tests). */
  excludedReasons: Record<string, number>;
  /** Failure kinds of rejected (and excluded syntax-error) samples. */
  failureKinds: Record<string, number>;
  /** Exception types of `exception` failures (and signal names of crashes). */
  errorTypes: Record<string, number>;
}

export interface PassRateStats {
  /** Per problem: chosen / (chosen + rejected), over problems with at least one labelled sample. */
  perProblem: Distribution;
  problemsAllPass: number;
  problemsAllFail: number;
  problemsMixed: number;
  /** Problems with samples but none chosen or rejected (all excluded). */
  problemsNoneLabelled: number;
}

export interface PairStats {
  dpoPairs: number;
  strategy: string | null;
  perProblem: Distribution;
  /** Problems yielding pairs, and those that cannot (all-pass, all-fail): counted, never silent. */
  problemsWithPairs: number;
  problemsAllPass: number;
  problemsAllFail: number;
  problemsNoneLabelled: number;
  duplicateSamples: number;
  conflictingCode: number;
}

export interface KtoStats {
  examples: number;
  desirable: number;
  undesirable: number;
  /** Loss weights that balance the classes (TRL's KTO guidance). */
  weights: KtoWeights;
}

export interface MutationStats {
  problems: number;
  /** Problems whose score is null (no non-equivalent mutant). */
  unscored: number;
  scores: Distribution;
  /** Problems with a score below `weakBelow`: suites that let wrong code pass as chosen. */
  weak: number;
  weakBelow: number;
}

/** Problems whose reference the candidates contradict (round-K/06-reference-suspects.jsonl). */
export interface ReferenceTrustStats {
  /** Problems flagged `referenceSuspect`. */
  suspects: number;
  /** Of those, the problems whose samples were labelled excluded (label.referenceSuspects: exclude). */
  excluded: number;
  /** Their ids. */
  problemIds: string[];
}

/** The statistics sections plum writes into RunStats. */
export interface PlumRunStats {
  createdAt: string;
  round?: number;
  filter?: FilterStats;
  labels?: LabelStats;
  passRate?: PassRateStats;
  pairs?: PairStats;
  kto?: KtoStats;
  mutation?: MutationStats;
  referenceTrust?: ReferenceTrustStats;
}
