/**
 * Options of the mutation score (`measureMutationScores`, ./measure.ts) with their defaults in one
 * place; the pipeline config's `mutation` section takes its defaults from here. No logic.
 */
import type { OfflineTestgenOptions } from '../testgen/options.js';

/** Options of `measureMutationScores`. */
export interface MutationScoreOptions {
  /** Round reported on the scores. */
  round: number;
  /** Candidate inputs in the pool per problem (the test generator's `candidates` is a prefix of it). */
  poolCandidates: number;
  /** Per-test time limit (ms) for mutants. */
  testTimeoutMs: number;
  /** Options of the offline test generator (same seed and mutation settings as the testgen stage). */
  testgen: Partial<OfflineTestgenOptions>;
}

export const defaultMutationScoreOptions: MutationScoreOptions = { round: 0, poolCandidates: 80, testTimeoutMs: 1000, testgen: {} };
