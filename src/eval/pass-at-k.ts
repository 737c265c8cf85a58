/**
 * The one pass@k estimator of plum: the unbiased estimator of Chen et al. (2021), as computed by
 * openai/human-eval and EvalPlus, 1 - C(n-c, k) / C(n, k), evaluated as a product so that n = 200
 * does not overflow. Pure; does not decide which k to report beyond `reportableKs`.
 */

/** Samples drawn and samples correct for one task. */
export interface PassCounts {
  /** Samples evaluated for the task (n). */
  n: number;
  /** Samples that passed (c). */
  c: number;
}

/** The ks human-eval and EvalPlus report by default. */
export const DEFAULT_KS: readonly number[] = [1, 10, 100];

/** Unbiased pass@k of one task: the chance that at least one of k samples drawn from n passes. */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 0 || c < 0 || c > n || k < 1) {
    throw new RangeError(`passAtK needs integers 0 <= c <= n and k >= 1, got n=${n} c=${c} k=${k}`);
  }
  if (k > n) throw new RangeError(`pass@${k} is undefined with only ${n} samples`);
  if (n - c < k) return 1;
  let missAll = 1;
  for (let i = n - c + 1; i <= n; i++) missAll *= 1 - k / i;
  return 1 - missAll;
}

/** Mean pass@k over tasks (every task needs at least k samples). */
export function meanPassAtK(counts: readonly PassCounts[], k: number): number {
  if (counts.length === 0) return 0;
  let sum = 0;
  for (const { n, c } of counts) sum += passAtK(n, c, k);
  return sum / counts.length;
}

/** The ks among `ks` that every task has enough samples for (human-eval's rule: k <= min n). */
export function reportableKs(counts: readonly PassCounts[], ks: readonly number[] = DEFAULT_KS): number[] {
  if (counts.length === 0) return [];
  const minN = Math.min(...counts.map((t) => t.n));
  return ks.filter((k) => k <= minN);
}

/** `{ "pass@1": 0.5, ... }` for every reportable k, in increasing k. */
export function passAtKTable(counts: readonly PassCounts[], ks: readonly number[] = DEFAULT_KS): Record<string, number> {
  const table: Record<string, number> = {};
  for (const k of reportableKs(counts, ks)) table[`pass@${k}`] = meanPassAtK(counts, k);
  return table;
}
