/**
 * The inputs and outputs of preference-data building: one problem's labelled samples in, its DPO
 * pairs, KTO examples and a summary out. All options and their defaults live here.
 */
import type { DpoPair, KtoExample, Label, Sample } from '../records.js';

/** A sample with its label (joined by sample id). */
export interface LabelledSample {
  sample: Sample;
  label: Label;
}

/** Everything needed to build one problem's preference data. */
export interface ProblemGroup {
  problemId: string;
  /** The user message (see buildTrainingPrompt). */
  prompt: string;
  samples: LabelledSample[];
}

export type PairingStrategy = 'all' | 'random-k' | 'one-per-chosen';

/** What text of a sample is trained on. */
export type CompletionSource =
  | 'auto' // the raw model text when present, else the code in a ```python fence
  | 'raw'
  | 'code'
  | 'fenced-code';

export interface PreferenceOptions {
  /** DPO pairing: every (chosen, rejected) pair, k random pairs, or one rejected per chosen. */
  strategy: PairingStrategy;
  /** Upper bound on DPO pairs per problem, for every strategy. */
  maxPairsPerProblem: number;
  /** Pairs per problem for 'random-k'. */
  k: number;
  /** Seed of 'random-k' and 'one-per-chosen' (combined with the problem id). */
  seed: number;
  completion: CompletionSource;
  /** Emit KTO examples only for problems that also yield DPO pairs (both labels present). */
  ktoOnlyMixed: boolean;
}

export const defaultPreferenceOptions: PreferenceOptions = {
  strategy: 'all',
  maxPairsPerProblem: 16,
  k: 4,
  seed: 0,
  completion: 'auto',
  ktoOnlyMixed: false,
};

/** How a problem's samples split; all-pass and all-fail problems yield no DPO pairs. */
export type ProblemOutcome = 'mixed' | 'all-pass' | 'all-fail' | 'none-labelled';

/** Counts for one problem (fed to the statistics). */
export interface ProblemPairsSummary {
  problemId: string;
  round: number;
  outcome: ProblemOutcome;
  chosen: number;
  rejected: number;
  excluded: number;
  /** Samples dropped because their normalised code equals an earlier sample's with the same label. */
  duplicates: number;
  /** Normalised code labelled both chosen and rejected (flaky tests or nondeterminism): never paired. */
  conflicts: number;
  pairs: number;
  ktoDesirable: number;
  ktoUndesirable: number;
}

export interface ProblemPreferenceData {
  problemId: string;
  dpo: DpoPair[];
  kto: KtoExample[];
  summary: ProblemPairsSummary;
}
