/**
 * Per-item seeds derived from the run seed: each problem (and purpose) gets its own seed, so the
 * order problems are processed in, or a restart half-way, never changes what is generated.
 */
import { hashOf } from '../io/hash.js';

/** A 31-bit non-negative integer seed from (run seed, problem id, purpose). */
export function deriveSeed(runSeed: number, problemId: string, purpose: string): number {
  return parseInt(hashOf({ runSeed, problemId, purpose }).slice(0, 8), 16) & 0x7fffffff;
}
