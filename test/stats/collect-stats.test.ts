import { describe, expect, it } from 'vitest';
import { buildProblemPreferences } from '../../src/pairs/build-preferences.js';
import { RunStats, type FilterDecision, type Label } from '../../src/records.js';
import { createStatsAccumulator } from '../../src/stats/collect-stats.js';
import { describeDistribution, rateEdges } from '../../src/stats/distribution.js';
import { formatStatsSummary, formatTable } from '../../src/stats/format-stats.js';

const decision = (testId: string, problemId: string, drops: [string, string][]): FilterDecision => ({
  testId,
  problemId,
  kept: drops.length === 0,
  decisions: ['consistency', 'duplicate'].map((h) => {
    const drop = drops.find(([name]) => name === h);
    return drop ? { heuristic: h, keep: false, reason: drop[1] } : { heuristic: h, keep: true, reason: 'ok' };
  }),
});

const lab = (sampleId: string, problemId: string, label: Label['label'], failureKind: Label['failureKind'] = 'none', errorType?: string): Label => ({
  sampleId, problemId, round: 1, label, reason: label === 'excluded' ? 'syntax error' : label, failureKind, testsPassed: 0, testsTotal: 2, ...(errorType ? { errorType } : {}),
});

describe('describeDistribution', () => {
  it('gives quantiles and a histogram whose last bin includes its upper edge', () => {
    const d = describeDistribution([0, 0.25, 0.5, 1, 1], rateEdges);
    expect(d).toMatchObject({ count: 5, mean: 0.55, median: 0.5, min: 0, max: 1 });
    expect(d.histogram[0].count).toBe(1);
    expect(d.histogram[9].count).toBe(2);
    expect(d.histogram.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(describeDistribution([], rateEdges)).toMatchObject({ count: 0, mean: null });
  });
});

describe('createStatsAccumulator', () => {
  const acc = createStatsAccumulator({ round: 1, now: () => new Date('2026-01-01T00:00:00Z') });
  acc.addFilterDecision(decision('t1', 'p1', []));
  acc.addFilterDecision(decision('t2', 'p1', [['consistency', 'reference fails']]));
  acc.addFilterDecision(decision('t3', 'p1', [['consistency', 'reference fails'], ['duplicate', 'duplicate']]));
  acc.addFilterDecision(decision('t4', 'p2', [['duplicate', 'duplicate']]));
  const labels = [
    lab('a', 'p1', 'chosen'),
    lab('b', 'p1', 'rejected', 'exception', 'TypeError'),
    lab('c', 'p1', 'rejected', 'assertion'),
    lab('d', 'p2', 'chosen'),
    lab('e', 'p3', 'rejected', 'timeout'),
    lab('f', 'p3', 'excluded', 'syntax_error'),
  ];
  labels.forEach((l) => acc.addLabel(l));
  acc.addPairsSummary(buildProblemPreferences({ problemId: 'p1', prompt: 'P', samples: [] }).summary, 'all');
  acc.addPairsSummary({ problemId: 'p1', round: 1, outcome: 'mixed', chosen: 1, rejected: 2, excluded: 0, duplicates: 1, conflicts: 0, pairs: 2, ktoDesirable: 1, ktoUndesirable: 2 }, 'all');
  acc.addPairsSummary({ problemId: 'p2', round: 1, outcome: 'all-pass', chosen: 1, rejected: 0, excluded: 0, duplicates: 0, conflicts: 0, pairs: 0, ktoDesirable: 1, ktoUndesirable: 0 }, 'all');
  acc.addMutationScore({ problemId: 'p1', score: 0.5 });
  acc.addMutationScore({ problemId: 'p2', score: 1 });
  acc.addMutationScore({ problemId: 'p3', score: null });
  const stats = acc.finish();

  it('is a valid RunStats record', () => {
    expect(RunStats.parse(JSON.parse(JSON.stringify(stats)))).toMatchObject({ createdAt: '2026-01-01T00:00:00.000Z', round: 1 });
  });

  it('counts tests generated and kept per heuristic and reason', () => {
    expect(stats.filter).toMatchObject({ testsGenerated: 4, testsKept: 1, problems: 2, problemsWithoutTests: 1 });
    expect(stats.filter!.heuristics.consistency).toEqual({ kept: 2, dropped: 2, droppedOnlyHere: 1, dropReasons: { 'reference fails': 2 }, keepReasons: { ok: 2 } });
    expect(stats.filter!.heuristics.duplicate).toMatchObject({ dropped: 2, droppedOnlyHere: 1 });
  });

  it('counts labels, failure kinds and exception types', () => {
    expect(stats.labels).toMatchObject({ samples: 6, chosen: 2, rejected: 3, excluded: 1, excludedReasons: { 'syntax error': 1 } });
    expect(stats.labels!.failureKinds).toEqual({ exception: 1, assertion: 1, timeout: 1, syntax_error: 1 });
    expect(stats.labels!.errorTypes).toEqual({ TypeError: 1 });
  });

  it('describes pass rates per problem', () => {
    expect(stats.passRate).toMatchObject({ problemsAllPass: 1, problemsAllFail: 1, problemsMixed: 1, problemsNoneLabelled: 0 });
    expect(stats.passRate!.perProblem.count).toBe(3);
    expect(stats.passRate!.perProblem.mean).toBeCloseTo((1 / 3 + 1 + 0) / 3, 3);
  });

  it('counts pairs, problems without pairs, KTO balance and mutation scores', () => {
    expect(stats.pairs).toMatchObject({ dpoPairs: 2, strategy: 'all', problemsWithPairs: 1, problemsAllPass: 1, problemsNoneLabelled: 1, duplicateSamples: 1 });
    expect(stats.kto).toMatchObject({ examples: 4, desirable: 2, undesirable: 2, weights: { desirableWeight: 1, undesirableWeight: 1 } });
    expect(stats.mutation).toMatchObject({ problems: 3, unscored: 1, weak: 1, weakBelow: 0.8 });
  });

  it('prints an aligned plain-text summary', () => {
    const text = formatStatsSummary(stats);
    expect(text).toContain('Tests: 4 generated, 1 kept (25.0%)');
    expect(text).toContain('reference fails (2)');
    expect(text).toContain('DPO pairs: 2 (strategy all)');
    expect(text).toContain('KTO examples: 4');
    expect(text).toContain('Mutation scores:');
    expect(text).not.toMatch(/undefined|NaN/);
  });
});

describe('formatTable', () => {
  it('right-aligns numbers and left-aligns text', () => {
    expect(formatTable(['name', 'n'], [['a', 5], ['long name', 123]])).toBe(['name         n', '---------  ---', 'a            5', 'long name  123'].join('\n'));
  });
});
