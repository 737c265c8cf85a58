import { describe, expect, it } from 'vitest';
import { analyseTests } from '../../src/filter/analyse-tests.js';
import { builtinHeuristics } from '../../src/filter/builtin-heuristics.js';
import { filterTests, keptTests } from '../../src/filter/filter-tests.js';
import type { Heuristic } from '../../src/filter/types.js';
import { PlumError } from '../../src/errors.js';
import { FilterDecision } from '../../src/records.js';
import { assertTest, callTest, evidence, outcome, problem } from './fixtures.js';

const say = (d: FilterDecision, heuristic: string) => d.decisions.find((x) => x.heuristic === heuristic);

describe('filterTests with the built-in heuristics', () => {
  const tests = [
    assertTest('t1', 'assert add(1, 2) == 3'),
    assertTest('t2', 'assert add(2, 2) == 5'),
    assertTest('t3', 'assert add(1,2)==3'), // duplicate of t1 (whitespace)
    assertTest('t4', 'assert True'),
    assertTest('t5', 'x = 1\nassert x == 1'),
    assertTest('t6', 'assert add(5, 5) == 10'),
    assertTest('t7', 'assert add(9, 9) == 18'),
    assertTest('t8', 'assert add(0, 0) == 0'),
  ];
  const run = (flakyVerdict: 'pass' | 'fail') => [
    outcome('t1', 'pass'),
    outcome('t2', 'fail', 1, { message: 'assert 4 == 5' }),
    outcome('t3', 'pass'),
    outcome('t4', 'pass'),
    outcome('t5', 'pass'),
    outcome('t6', 'pass', 5000),
    outcome('t7', flakyVerdict),
    outcome('t8', 'pass'),
  ];
  const decisions = filterTests(problem(), tests, evidence([run('pass'), run('fail')]), { minTestsPerProblem: 1 });

  it('records every heuristic on every test and keeps only when all keep', () => {
    expect(decisions.map((d) => d.testId)).toEqual(tests.map((t) => t.id));
    for (const d of decisions) {
      expect(FilterDecision.parse(d)).toEqual(d);
      expect(d.decisions.map((x) => x.heuristic)).toEqual(['consistency', 'duplicate', 'trivial', 'flaky', 'slow', 'min-tests']);
      expect(d.kept).toBe(d.decisions.every((x) => x.keep));
    }
    expect(decisions.filter((d) => d.kept).map((d) => d.testId)).toEqual(['t1', 't8']);
  });

  it('gives each drop its reason', () => {
    const byId = Object.fromEntries(decisions.map((d) => [d.testId, d]));
    expect(say(byId.t2, 'consistency')).toMatchObject({ keep: false, reason: 'reference fails', detail: 'assert 4 == 5' });
    expect(say(byId.t3, 'duplicate')).toMatchObject({ keep: false, reason: 'duplicate', detail: 'same as t1' });
    expect(say(byId.t4, 'trivial')).toMatchObject({ keep: false, reason: 'never calls the entry point' });
    expect(say(byId.t5, 'trivial')?.keep).toBe(false);
    expect(say(byId.t6, 'slow')).toMatchObject({ keep: false, reason: 'reference over time budget' });
    expect(say(byId.t7, 'flaky')).toMatchObject({ keep: false, reason: 'verdict changes across runs', detail: 'pass, fail' });
    expect(say(byId.t7, 'consistency')).toMatchObject({ keep: false, reason: 'reference fails' });
  });

  it('min-tests drops every test of a problem left with too few', () => {
    const d = filterTests(problem(), tests, evidence([run('pass'), run('pass')]), { minTestsPerProblem: 4 });
    // t1, t7, t8 survive the per-test heuristics: 3 < 4
    expect(d.every((x) => !x.kept)).toBe(true);
    expect(say(d[0], 'min-tests')).toMatchObject({ keep: false, reason: 'fewer than 4 kept tests', detail: '3 kept' });
    expect(keptTests(tests, d)).toEqual([]);
  });

  it('drops (or keeps unchecked) the tests of a problem without a reference', () => {
    const p = problem({ reference: null });
    const noRef = evidence([], 'p1', false);
    expect(filterTests(p, tests.slice(0, 1), noRef, { minTestsPerProblem: 1 })[0]).toMatchObject({ kept: false });
    const kept = filterTests(p, tests.slice(0, 1), noRef, { minTestsPerProblem: 1, whenNoReference: 'keep' })[0];
    expect(kept.kept).toBe(true);
    expect(say(kept, 'consistency')?.reason).toBe('no reference (unchecked)');
  });

  it('treats a test without an outcome as not passed', () => {
    const d = filterTests(problem(), [tests[0]], evidence([[]]), { minTestsPerProblem: 1 });
    expect(say(d[0], 'consistency')).toMatchObject({ keep: false, reason: 'no reference outcome' });
  });

  it('call tests: duplicates by call + expected, trivial when nothing is expected', () => {
    const calls = [callTest('c1', '[1, 2]', '3'), callTest('c2', '[1,2]', '3'), callTest('c3', '[4, 4]')];
    const ev = evidence([[outcome('c1', 'pass'), outcome('c2', 'pass'), outcome('c3', 'pass')]]);
    const d = filterTests(problem(), calls, ev, { minTestsPerProblem: 1 });
    expect(d.map((x) => x.kept)).toEqual([true, false, false]);
    expect(say(d[2], 'trivial')?.reason).toBe('no expected value');
    expect(say(d[0], 'flaky')?.reason).toBe('single run (unchecked)');
  });
});

describe('custom heuristics', () => {
  const tests = [assertTest('t1', 'assert add(1, 2) == 3'), assertTest('t2', 'assert add(-1, 1) == 0  # negative')];
  const ev = evidence([[outcome('t1', 'pass'), outcome('t2', 'pass')]]);

  it('run beside the built-ins without touching src/', () => {
    const noNegatives: Heuristic = {
      name: 'no-negatives',
      judge: ({ tests: ts }) => ts.map((t) => (t.spec.kind === 'assert' && t.spec.code.includes('-') ? { keep: false, reason: 'negative input' } : { keep: true, reason: 'ok' })),
    };
    const d = filterTests(problem(), tests, ev, { heuristics: [...builtinHeuristics({ minTestsPerProblem: 1 }), noNegatives] });
    expect(d.map((x) => x.kept)).toEqual([true, false]);
    expect(say(d[1], 'no-negatives')).toEqual({ heuristic: 'no-negatives', keep: false, reason: 'negative input' });
  });

  it('a suite heuristic sees what the per-test heuristics kept', () => {
    let seen: string[] = [];
    const spy: Heuristic = { name: 'spy', phase: 'suite', judge: ({ tests: ts, keptSoFar }) => ((seen = [...keptSoFar]), ts.map(() => ({ keep: true, reason: 'ok' }))) };
    const dropSecond: Heuristic = { name: 'drop-second', judge: ({ tests: ts }) => ts.map((_, i) => ({ keep: i === 0, reason: i === 0 ? 'first' : 'not first' })) };
    filterTests(problem(), tests, ev, { heuristics: [spy, dropSecond] });
    expect(seen).toEqual(['t1']);
  });

  it('misuse is a clear PlumError', () => {
    const short: Heuristic = { name: 'short', judge: () => [] };
    expect(() => filterTests(problem(), tests, ev, { heuristics: [short] })).toThrow(PlumError);
    expect(() => filterTests(problem(), tests, ev, { heuristics: [short] })).toThrow(/"short" returned 0 judgements for 2 tests/);
    const twice = builtinHeuristics();
    expect(() => filterTests(problem(), tests, ev, { heuristics: [...twice, twice[0]] })).toThrow(/named "consistency"/);
  });
});

describe('static analysis (Python ast, never executed)', () => {
  it('finds AST duplicates, entry-point calls and constant asserts', async () => {
    const tests = [
      assertTest('a', 'assert add(1, 2) == 3'),
      assertTest('b', "assert add(1,2)==3  # same, other spacing"),
      assertTest('c', 'assert (add(1, 2)) == 3'),
      assertTest('d', 'assert 1 == 1'),
      assertTest('e', 'r = add(1, 2)\nassert r == r'),
      assertTest('f', 'assert add(1, 2 =='),
      callTest('g', '[1, 2]', '3'),
      callTest('h', '[1,2]', '3'),
    ];
    const analysis = await analyseTests(tests, 'add');
    const by = Object.fromEntries(analysis.map((a) => [a.testId, a]));
    expect(by.a.normalForm).toBe(by.b.normalForm);
    expect(by.a.normalForm).toBe(by.c.normalForm); // redundant parentheses vanish in the AST
    expect(by.g.normalForm).toBe(by.h.normalForm);
    expect(by.a.normalForm).toBe(by.g.normalForm); // an assert and a call test checking the same thing
    expect(by.a.callsEntryPoint).toBe(true);
    expect(by.d).toMatchObject({ callsEntryPoint: false, assertsConstant: true });
    expect(by.e).toMatchObject({ callsEntryPoint: true, assertsConstant: true });
    expect(by.f.parses).toBe(false);
    const ev = { ...evidence([tests.map((t) => outcome(t.id, 'pass'))]), analysis };
    const d = filterTests(problem(), tests, ev, { minTestsPerProblem: 1 });
    expect(d.filter((x) => x.kept).map((x) => x.testId)).toEqual(['a']);
    expect(say(d[4], 'trivial')?.reason).toBe('asserts a constant');
  });

  it('coalesces concurrent analyses into one batch and keeps each answer with its caller', async () => {
    const [first, second] = await Promise.all([
      analyseTests([assertTest('x', 'assert add(*[1, 2]) == 3')], 'add'),
      analyseTests([callTest('y', '[1, 2]', '3'), assertTest('z', 'assert sub(1, 2) == -1')], 'sub'),
    ]);
    expect(first.map((a) => a.testId)).toEqual(['x']);
    expect(second.map((a) => a.testId)).toEqual(['y', 'z']);
    expect(first[0].normalForm).toBe(second[0].normalForm); // the call test's entry point is add
    expect(second[1].callsEntryPoint).toBe(true);
  });
});
