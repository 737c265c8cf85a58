/** The figure builders of src/viz: counts and bins on small hand-made record sets. */
import { describe, expect, it } from 'vitest';
import { binCounts, figureHasData } from '../../src/viz/figure.js';
import { digestExecutions } from '../../src/viz/execution-digest.js';
import { errorTypesChart, slowestTestsChart, verdictKindsChart } from '../../src/viz/execution-charts.js';
import { tallyHeuristics, testSurvivalChart, keptTestsPerProblemChart } from '../../src/viz/filter-charts.js';
import { failureKindsChart, passRateBin, passRateHistogram, passRatesByProblem } from '../../src/viz/label-charts.js';
import { mutationScoreHistogram } from '../../src/viz/mutation-charts.js';
import { ktoBalanceChart, pairsPerProblemChart } from '../../src/viz/pair-charts.js';
import type { Label } from '../../src/records.js';

const label = (problemId: string, l: Label['label'], failureKind: Label['failureKind'] = 'none') => ({ problemId, label: l, failureKind });

describe('label charts', () => {
  const labels = [
    label('a', 'chosen'), label('a', 'rejected', 'assertion'), label('a', 'excluded', 'syntax_error'),
    label('b', 'chosen'), label('b', 'chosen'),
    label('c', 'rejected', 'timeout'), label('c', 'rejected', 'assertion'),
  ];
  it('computes pass rates without excluded samples', () => {
    expect(Object.fromEntries(passRatesByProblem(labels))).toEqual({ a: 0.5, b: 1, c: 0 });
  });
  it('bins all-fail and all-pass apart', () => {
    expect([0, 0.01, 0.2, 0.21, 0.5, 0.8, 0.99, 1].map(passRateBin)).toEqual([0, 1, 1, 2, 3, 4, 5, 6]);
    const fig = passRateHistogram(labels);
    expect(fig.data[0].y).toEqual([1, 0, 0, 1, 0, 0, 1]);
    expect(fig.key).toBe('pass-rate');
  });
  it('counts failure kinds of rejected samples, most frequent first', () => {
    const fig = failureKindsChart(labels);
    expect(fig.data[0].x).toEqual(['assertion', 'timeout']);
    expect(fig.data[0].y).toEqual([2, 1]);
  });
  it('is empty without labels', () => {
    expect(figureHasData(passRateHistogram([]))).toBe(false);
  });
});

describe('pair charts', () => {
  it('counts pairs per problem including problems with none', () => {
    const fig = pairsPerProblemChart([{ problemId: 'a' }, { problemId: 'a' }, { problemId: 'b' }], ['a', 'b', 'c', 'd']);
    expect(fig.data[0].x).toEqual(['0', '1', '2']);
    expect(fig.data[0].y).toEqual([2, 1, 1]);
  });
  it('shows the KTO balance', () => {
    const fig = ktoBalanceChart([{ label: true }, { label: false }, { label: false }]);
    expect(fig.data[0].y).toEqual([1, 2]);
    expect(fig.title).toContain('0.50');
  });
});

describe('filter charts', () => {
  const d = (problemId: string, says: [string, boolean, string][]) => ({
    problemId,
    kept: says.every(([, k]) => k),
    decisions: says.map(([heuristic, keep, reason]) => ({ heuristic, keep, reason })),
  });
  const decisions = [
    d('a', [['consistency', true, 'ok'], ['duplicate', false, 'same as t1']]),
    d('a', [['consistency', false, 'reference fails'], ['duplicate', true, 'ok']]),
    d('b', [['consistency', true, 'ok'], ['duplicate', true, 'ok']]),
  ];
  it('tallies each heuristic in first-seen order', () => {
    const t = tallyHeuristics(decisions);
    expect(t.map((x) => [x.heuristic, x.kept, x.dropped])).toEqual([['consistency', 2, 1], ['duplicate', 2, 1]]);
    expect(Object.fromEntries(t[0].reasons)).toEqual({ 'reference fails': 1 });
  });
  it('stacks kept and dropped per heuristic plus the overall outcome', () => {
    const fig = testSurvivalChart(decisions);
    expect(fig.data[0].x).toEqual(['consistency', 'duplicate', 'all heuristics']);
    expect(fig.data[0].y).toEqual([2, 2, 1]);
    expect(fig.data[1].y).toEqual([1, 1, 2]);
  });
  it('counts kept tests per problem', () => {
    const fig = keptTestsPerProblemChart(decisions);
    expect(fig.data[0].x).toEqual(['0', '1']);
    expect(fig.data[0].y).toEqual([1, 1]);
  });
});

describe('mutation scores', () => {
  it('bins scores in tenths and ignores null scores', () => {
    expect(binCounts([0, 0.05, 0.1, 0.95, 1], [0, 0.1, 0.2, 0.9, 1])).toEqual([2, 1, 0, 2]);
    const fig = mutationScoreHistogram([{ problemId: 'a', score: 1 }, { problemId: 'b', score: 0.25 }, { problemId: 'c', score: null }]);
    const y = fig.data[0].y as number[];
    expect(y.reduce((a, b) => a + b, 0)).toBe(2);
    expect(y[9]).toBe(1);
    expect(y[2]).toBe(1);
    expect(fig.title).toContain('62.5%');
  });
});

describe('execution digest and charts', () => {
  const exec = (sampleId: string, verdicts: [string, number, string?][]) => ({
    sampleId,
    problemId: 'p',
    verdict: (verdicts.find(([v]) => v !== 'pass')?.[0] ?? 'pass') as 'pass',
    durationMs: verdicts.reduce((a, [, ms]) => a + ms, 0),
    tests: verdicts.map(([verdict, durationMs, errorType], i) => ({ testId: `t${i}`, verdict: verdict as 'pass', durationMs, errorType })),
  });
  const digest = digestExecutions([exec('s1', [['pass', 5], ['error', 50, 'TypeError']]), exec('s2', [['pass', 1], ['pass', 2]]), exec('s3', [['timeout', 3000]])], 2);
  it('counts verdicts per test and per sample and keeps the slowest tests', () => {
    expect(digest.testVerdicts).toEqual({ pass: 3, error: 1, timeout: 1 });
    expect(digest.sampleVerdicts).toEqual({ error: 1, pass: 1, timeout: 1 });
    expect(digest.errorTypes).toEqual({ TypeError: 1 });
    expect(digest.slowest.map((s) => s.durationMs)).toEqual([3000, 50]);
  });
  it('builds the execution figures', () => {
    expect(verdictKindsChart(digest).data[0].x).toEqual(['pass', 'error', 'timeout']);
    expect(errorTypesChart(digest).data[0].y).toEqual(['TypeError']);
    expect(slowestTestsChart(digest).data[0].x).toEqual([3000, 50]);
  });
});
