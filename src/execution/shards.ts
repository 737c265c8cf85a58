/**
 * Splitting a job with many tests into shards that run in parallel on different workers (each
 * shard loads the program in its own fresh child), and merging the shards' raw results back in
 * test order. Interleaved (test i -> shard i mod k) so that clusters of expensive tests spread.
 * Pure, no IO; the engine decides when to shard.
 */
import type { WireOutcome, WireResult } from './worker-process.js';

/** Test indices per shard; a single shard when sharding does not pay. */
export function planShards(testCount: number, maxShards: number, minTestsPerShard: number): number[][] {
  const k = Math.max(1, Math.min(maxShards, Math.floor(testCount / Math.max(1, minTestsPerShard))));
  const shards: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < testCount; i++) shards[i % k].push(i);
  return shards;
}

/** One raw result for the whole job from its shards' results (same order as `shards`). */
export function mergeShards(testCount: number, shards: number[][], results: WireResult[], outputCap: number): WireResult {
  const o: WireOutcome[] = new Array(testCount);
  let lv: WireResult['lv'] = null;
  let lost = false;
  let ms = 0;
  const out: string[] = [];
  const err: string[] = [];
  shards.forEach((indices, s) => {
    const r = results[s];
    indices.forEach((testIndex, k) => {
      o[testIndex] = r.o[k] ?? ['crash', 0, null, 'no outcome reported'];
    });
    lv ??= r.lv ?? null;
    lost ||= Boolean(r.lost);
    ms = Math.max(ms, r.ms);
    if (r.out) out.push(r.out);
    if (r.err) err.push(r.err);
  });
  const merged: WireResult = {
    id: results[0]?.id ?? 0,
    o,
    lv,
    out: out.join('').slice(0, outputCap),
    err: err.join('').slice(0, outputCap),
    ms,
  };
  if (lost) merged.lost = true;
  return merged;
}
