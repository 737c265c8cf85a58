// Pure pieces of the engine: the largest-first job queue, shard planning/merging, limits.
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/execution/job-queue.js';
import { DEFAULT_LIMITS, mergeLimits, resolveJobLimits } from '../../src/execution/limits.js';
import { mergeShards, planShards } from '../../src/execution/shards.js';

describe('JobQueue', () => {
  it('pops the largest cost first, ties in arrival order', () => {
    const q = new JobQueue<string>();
    [['a', 1], ['b', 5], ['c', 5], ['d', 3], ['e', 9]].forEach(([n, c]) => q.push(n as string, c as number));
    const out: string[] = [];
    while (q.length) out.push(q.shift()!);
    expect(out).toEqual(['e', 'b', 'c', 'd', 'a']);
  });
});

describe('shards', () => {
  it('does not split small jobs and interleaves big ones', () => {
    expect(planShards(10, 2, 64)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    const s = planShards(200, 2, 64);
    expect(s).toHaveLength(2);
    expect(s[0].slice(0, 3)).toEqual([0, 2, 4]);
    expect(s[1].slice(0, 3)).toEqual([1, 3, 5]);
  });

  it('merges shard results back in test order', () => {
    const shards = [[0, 2], [1]];
    const merged = mergeShards(3, shards, [
      { id: 1, o: [['pass', 1], ['fail', 2]], out: 'a', err: '', ms: 5 },
      { id: 2, o: [['error', 3, 'E', 'm']], out: 'b', err: '', ms: 7, lost: true },
    ], 100);
    expect(merged.o.map((o) => o[0])).toEqual(['pass', 'error', 'fail']);
    expect(merged.ms).toBe(7);
    expect(merged.out).toBe('ab');
    expect(merged.lost).toBe(true);
  });
});

describe('limits', () => {
  it('has the defaults in one place and derives the job wall clock', () => {
    expect(DEFAULT_LIMITS.memoryMb).toBe(4096);
    const l = resolveJobLimits(mergeLimits(DEFAULT_LIMITS, { testTimeoutMs: 100 }), 3);
    expect(l.jobTimeoutMs).toBe(100 + 300 + 2000);
    expect(() => mergeLimits(DEFAULT_LIMITS, { memoryMb: -1 })).toThrow(/limits.memoryMb/);
  });
});
