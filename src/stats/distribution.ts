/**
 * Summaries of a list of numbers for the statistics: count, mean, quantiles and a histogram over
 * fixed bins. Pure.
 */

/** A numeric distribution. */
export interface Distribution {
  count: number;
  mean: number | null;
  min: number | null;
  p10: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  /** Bins as [lower, upper) except the last, which includes its upper edge. */
  histogram: { from: number; to: number; count: number }[];
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Describe `values` with a histogram over `edges` (ascending; values outside go to the end bins). */
export function describeDistribution(values: ArrayLike<number>, edges: readonly number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const histogram = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1], count: 0 }));
  for (const v of sorted) {
    let bin = histogram.findIndex((b) => v < b.to);
    if (bin < 0) bin = histogram.length - 1;
    histogram[bin].count += 1;
  }
  if (sorted.length === 0) return { count: 0, mean: null, min: null, p10: null, median: null, p90: null, max: null, histogram };
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: round4(sum / sorted.length),
    min: sorted[0],
    p10: round4(quantile(sorted, 0.1)),
    median: round4(quantile(sorted, 0.5)),
    p90: round4(quantile(sorted, 0.9)),
    max: sorted[sorted.length - 1],
    histogram,
  };
}

/** Edges 0, 0.1, ..., 1 for rates. */
export const rateEdges: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/** Integer edges 0..max step 1, then one open bin up to `Infinity`. */
export function countEdges(max: number): number[] {
  return [...Array.from({ length: max + 1 }, (_, i) => i), Infinity];
}
