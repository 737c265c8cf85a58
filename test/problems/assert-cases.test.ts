// Splitting `assert CALL == EXPECTED` into call and expected value, and refusing every other form
// (so that the benchmark's test is then run whole rather than changed).
import { describe, expect, it } from 'vitest';
import { caseCode, splitAssert } from '../../src/problems/assert-cases.js';

describe('splitAssert', () => {
  it('splits the plain forms of DeepSeek-Coder and LeetCodeDataset tests', () => {
    expect(splitAssert('assert my_solution.minimumPushes(**test_input) == 5')).toEqual({ call: 'my_solution.minimumPushes(**test_input)', expected: '5' });
    expect(splitAssert('    assert candidate(n = 7,queries = [[0, 5]]) == [2, 2, 2]')).toEqual({ call: 'candidate(n = 7,queries = [[0, 5]])', expected: '[2, 2, 2]' });
    expect(splitAssert('assert _f2(my_solution.doubleIt(**test_input)) == [3,7,8]')).toEqual({ call: '_f2(my_solution.doubleIt(**test_input))', expected: '[3,7,8]' });
    // `==`, `<=` and `#` inside strings and brackets are not top level
    expect(splitAssert('assert candidate(s = "a==b # <= c", k = (1 == 1)) == "x == y"')).toEqual({ call: 'candidate(s = "a==b # <= c", k = (1 == 1))', expected: '"x == y"' });
    expect(splitAssert("assert candidate(s = 'it''s') == float('inf')")).toEqual({ call: "candidate(s = 'it''s')", expected: "float('inf')" });
  });

  it('returns null for anything else', () => {
    for (const text of [
      'assert candidate(1) == 2, "message"',
      'assert candidate(1) == 2 == 2',
      'assert candidate(1) != 2',
      'assert candidate(1) <= 2',
      'assert not candidate(1) == 2',
      'assert candidate(1) == 2 or True',
      'assert candidate(1) == (2 if x else 3) if y else 4',
      'assert abs(candidate(1) - 2) < 1e-6',
      'assert candidate(1)',
      'assert candidate(1) == 2  # comment',
      'assert [candidate(x) for x in y] == [1]',
      'assert candidate("unterminated) == 2',
      'check(candidate)',
    ]) {
      expect(splitAssert(text), text).toBeNull();
    }
  });

  it('writes a case that computes once, compares as the benchmark does, and reports the actual value', () => {
    expect(caseCode({ call: 'candidate(1)', expected: '[2]' }, 'test_input = {}')).toBe(
      'test_input = {}\n_plum_actual = candidate(1)\nassert _plum_actual == [2], repr(_plum_actual)\n',
    );
  });
});
