import { describe, expect, it } from 'vitest';
import { parseTestgenAnswer } from '../../src/testgen/llm-parse.js';

const fence = (code: string, lang = 'python') => '```' + lang + '\n' + code + '\n```';

describe('parseTestgenAnswer (Python ast, batched)', () => {
  it('turns unittest and pytest styles into plain tests, one per assertion', async () => {
    const answer = [
      'Reference:',
      fence("def div(a, b):\n    if b == 0:\n        raise ValueError('b')\n    return a / b"),
      'Tests:',
      fence(
        [
          'import unittest',
          'import pytest',
          '',
          'class TestDiv(unittest.TestCase):',
          '    def test_basic(self):',
          '        self.assertEqual(div(4, 2), 2)',
          '        self.assertAlmostEqual(div(1, 3), 0.3333333, places=5)',
          '        with self.assertRaises(ValueError):',
          '            div(1, 0)',
          '',
          'def test_pytest():',
          '    with pytest.raises(ValueError):',
          '        div(2, 0)',
          '    for a in range(1, 3):',
          '        assert div(a, a) == 1',
          '',
          "if __name__ == '__main__':",
          '    unittest.main()',
        ].join('\n'),
      ),
    ].join('\n');
    const r = await parseTestgenAnswer(answer, 'div');
    expect(r.reason).toBeNull();
    expect(r.tests.map((t) => t.code)).toEqual([
      'assert div(4, 2) == 2',
      'assert round(div(1, 3) - 0.3333333, 5) == 0',
      "try:\n    div(1, 0)\nexcept ValueError:\n    pass\nelse:\n    raise AssertionError('ValueError not raised')",
      "try:\n    div(2, 0)\nexcept ValueError:\n    pass\nelse:\n    raise AssertionError('ValueError not raised')",
      'for a in range(1, 3):\n    assert div(a, a) == 1',
    ]);
    expect(r.tests[0].raw).toBe('self.assertEqual(div(4, 2), 2)');
    expect(r.tests.every((t) => t.callsEntryPoint)).toBe(true);
  });

  it('binds HumanEval-style check(candidate) to the entry point', async () => {
    const r = await parseTestgenAnswer(fence('def inc(x):\n    return x + 1') + '\n' + fence('def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(-1) == 0\n\ncheck(inc)'), 'inc');
    expect(r.tests.map((t) => t.code)).toEqual(['assert inc(1) == 2', 'assert inc(-1) == 0']);
    expect(r.tests.map((t) => t.raw)).toEqual(['assert candidate(1) == 2', 'assert candidate(-1) == 0']);
    expect(r.reference).not.toContain('check');
  });

  it('infers the entry point, keeps helper definitions in the reference and setup with its assert', async () => {
    const code = 'from math import gcd\n\ndef _norm(a, b):\n    g = gcd(a, b)\n    return a // g, b // g\n\ndef simplify(a: int, b: int) -> tuple[int, int]:\n    return _norm(a, b)\n\npairs = [(2, 4)]\nassert simplify(*pairs[0]) == (1, 2)\nassert simplify(3, 9) == (1, 3)';
    const r = await parseTestgenAnswer(fence(code), null);
    expect(r).toMatchObject({ entryPoint: 'simplify', signature: 'def simplify(a: int, b: int) -> tuple[int, int]:', reason: null });
    expect(r.reference).toContain('def _norm');
    expect(r.reference).not.toContain('pairs');
    expect(r.tests.map((t) => t.code)).toEqual(['pairs = [(2, 4)]\nassert simplify(*pairs[0]) == (1, 2)', 'assert simplify(3, 9) == (1, 3)']);
  });

  it('reports why an answer cannot be used', async () => {
    const [noCode, noRef, noTests, broken] = await Promise.all([
      parseTestgenAnswer('I cannot do that.', 'f'),
      parseTestgenAnswer(fence('assert f(1) == 1'), 'f'),
      parseTestgenAnswer(fence('def f(x):\n    return x'), 'f'),
      parseTestgenAnswer(fence('def f(x) return x', 'python'), 'f'),
    ]);
    expect([noCode.reason, noRef.reason, noTests.reason, broken.reason]).toEqual(['no_code', 'no_reference', 'no_tests', 'unparseable']);
  });
});
