// EvalPlus comparisons of src/execution/python/oracles.py, run in real Python: each case is a
// Python expression evaluated with the module imported as `o`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePython } from '../../src/execution/python.js';
import { packageRoot } from '../../src/paths.js';

/** Python lines every script here starts with: oracles.py imported as `o`, nan, inf, NO_NUMPY. */
const PRELUDE = [
  'import json, sys',
  `sys.path.insert(0, ${JSON.stringify(join(packageRoot(), 'src', 'execution', 'python'))})`,
  'import oracles as o',
  'nan = float("nan"); inf = float("inf")',
  'import importlib.util; NO_NUMPY = importlib.util.find_spec("numpy") is None',
];

function evaluate(cases: Record<string, string>): Record<string, unknown> {
  const script = [
    ...PRELUDE,
    'cases = json.loads(sys.stdin.read())',
    'out = {}',
    'for name, expr in cases.items():',
    '    try:',
    '        out[name] = eval(expr)',
    '    except Exception as e:',
    "        out[name] = 'raised ' + type(e).__name__",
    'print(json.dumps(out))',
  ].join('\n');
  const text = execFileSync(resolvePython(), ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(text);
}

const digestEq = (a: string, b: string) => `o.digest_equal([], ${a}, {'exact': o.exact_digest(${b}), 'fast': o.fast_digest(${b})}, 0)`;

describe('evalplus:digest (equality of large outputs)', () => {
  it('agrees with == on plain values', () => {
    const r = evaluate({
      intFloat: digestEq('[1, 2, 3]', '[1.0, 2.0, 3.0]'),
      boolInt: digestEq('[True, 0]', '[1, False]'),
      listTuple: digestEq('[1, 2]', '(1, 2)'),
      dictOrder: digestEq('{1: "a", 2: "b"}', '{2: "b", 1: "a"}'),
      dictValue: digestEq('{1: "a"}', '{1: "b"}'),
      setFrozen: digestEq('{1, 2, 3}', 'frozenset([3, 2, 1])'),
      negZero: digestEq('[-0.0] * 300', '[0] * 300'),
      bigInt: digestEq('10 ** 5000 + 1', '10 ** 5000 + 1'),
      bigIntOff: digestEq('10 ** 5000', '10 ** 5000 + 1'),
      str: digestEq('"a" * 10000', '"a" * 10000'),
      strOff: digestEq('"a" * 10000', '"a" * 9999'),
      nested: digestEq('[[1, (2, "x")], {"k": [1.5]}]', '[[1.0, (2, "x")], {"k": [1.5]}]'),
      floatOff: digestEq('[0.1 + 0.2]', '[0.3]'),
      // (numpy is optional: without it both hold trivially)
      numpyScalars: 'NO_NUMPY or ' + digestEq('[__import__("numpy").int64(3), __import__("numpy").float64(2.5), __import__("numpy").bool_(True)] * 300', '[3, 2.5, True] * 300'),
      numpyOff: 'not NO_NUMPY and ' + digestEq('[__import__("numpy").int64(4)] * 300', '[3] * 300'),
    });
    expect(r).toEqual({
      intFloat: true,
      boolInt: true,
      listTuple: false,
      dictOrder: true,
      dictValue: false,
      setFrozen: true,
      negZero: true,
      bigInt: true,
      bigIntOff: false,
      str: true,
      strOff: false,
      nested: true,
      floatOff: false,
      numpyScalars: true,
      numpyOff: false,
    });
  });

  it('uses the fast digest only for long flat number lists, and never matches beyond 2**53 or nan', () => {
    const r = evaluate({
      fastApplies: 'o.fast_digest(list(range(1000))) is not None',
      fastShort: 'o.fast_digest(list(range(10))) is None',
      fastStrings: 'o.fast_digest(["a"] * 1000) is None',
      fastBig: 'o.fast_digest([2 ** 60] * 1000) is None',
      fastMixed: 'o.fast_digest([1] * 500 + [2.5] * 500) == o.fast_digest([1.0] * 500 + [2.5] * 500)',
      beyond: digestEq('[2 ** 53 + 1] + [0] * 999', '[2 ** 53] + [0] * 999'),
      nanOut: digestEq('[nan] * 1000', '[0.0] * 1000'),
      nanNoDigest: 'o.exact_digest([nan])',
      unsupported: digestEq('[object()]', '[1]'),
    });
    expect(r.fastApplies).toBe(true);
    expect(r.fastShort).toBe(true);
    expect(r.fastStrings).toBe(true);
    expect(r.fastBig).toBe(true);
    expect(r.fastMixed).toBe(true);
    expect(r.beyond).toBe(false);
    expect(r.nanOut).toBe(false);
    expect(r.nanNoDigest).toBe('raised _NoDigest');
    expect(r.unsupported).toBe(false);
  });
});

describe('EvalPlus comparison rule and special oracles', () => {
  it('compares like EvalPlus: exact, else type + length + allclose(rtol=1e-7) under a tolerance', () => {
    const r = evaluate({
      exact: 'o.evalplus_match([1, 2], [1, 2], 0)',
      floatDefaultAtol: 'o.evalplus_match(0.1 + 0.2, 0.3, 0)',
      floatFar: 'o.evalplus_match(0.31, 0.3, 0)',
      typeDiffers: 'o.evalplus_match((0.1 + 0.2,), [0.3], 0)',
      lengthDiffers: 'o.evalplus_match([0.3, 0.3], [0.3], 0)',
      intsExact: 'o.evalplus_match(100000005, 100000000, 0)',
      intsUnderAtol: 'o.evalplus_match(100000005, 100000000, 1e-6)',
      stringsUnderAtol: 'o.evalplus_match("a", "b", 1e-6)',
      isFloatsEmpty: 'o.is_floats([])',
      isFloatsMixed: 'o.is_floats([1.0, 2])',
      pureAllclose: 'o._pure_allclose([1.0, inf], [1.0 + 1e-9, inf], 1e-6)',
      pureNan: 'o._pure_allclose([nan], [nan], 1e-6)',
    });
    expect(r).toEqual({
      exact: true,
      floatDefaultAtol: true,
      floatFar: false,
      typeDiffers: false,
      lengthDiffers: false,
      intsExact: false,
      intsUnderAtol: true,
      stringsUnderAtol: expect.stringMatching(/^raised /), // an exception is a failed comparison, as in EvalPlus
      isFloatsEmpty: false,
      isFloatsMixed: false,
      pureAllclose: true,
      pureNan: false,
    });
  });

  it('judges find_zero by |poly(x)| <= atol and the MBPP+ special tasks by their rules', () => {
    const r = evaluate({
      root: 'o.ORACLES["evalplus:find_zero"]([[-6, 11, -6, 1]], 2.0, 1.0, 1e-4)',
      notRoot: 'o.ORACLES["evalplus:find_zero"]([[-6, 11, -6, 1]], 2.5, 2.0, 1e-4)',
      notNumber: 'o.ORACLES["evalplus:find_zero"]([[1, 2]], "x", -0.5, 1e-4)',
      sumDivZero: 'o.ORACLES["evalplus:mbpp_sum_div"]([12], 0, 16, 0)',
      setEq: 'o.ORACLES["evalplus:mbpp_set_eq"]([], [3, 1, 2], [1, 2, 3], 0)',
      notNone: 'o.ORACLES["evalplus:mbpp_not_none"]([], "match", True, 0)',
      notNoneBool: 'o.ORACLES["evalplus:mbpp_not_none"]([], False, True, 0)',
      equivalent: 'o.ORACLES["evalplus:mbpp_are_equivalent"]([], 1, 2, 0)',
    });
    expect(r).toEqual({ root: true, notRoot: false, notNumber: 'raised TypeError', sumDivZero: true, setEq: true, notNone: true, notNoneBool: false, equivalent: true });
  });

  it('takes equal pickles as equal (a shortcut for huge nested outputs), falling back on the exact digest', () => {
    const big = '[("Dog", "Cat", i) for i in range(3000)]';
    const r = evaluate({
      pickled: `o.digest_equal([], ${big}, {"exact": "no", "fast": None, "pickle": o.pickle_digest(${big})}, 0)`,
      otherPickle: `o.digest_equal([], ${big}[:-1], {"exact": "no", "fast": None, "pickle": o.pickle_digest(${big})}, 0)`,
      exactFallback: `o.digest_equal([], [[*t] for t in ${big}][0:0] or ${big}, {"exact": o.exact_digest(${big}), "fast": None, "pickle": "no"}, 0)`,
      unpicklable: 'o.pickle_digest(lambda: 1)',
    });
    expect(r).toEqual({ pickled: true, otherPickle: false, exactFallback: true, unpicklable: null });
  });

  it('records small outputs as repr and large ones as digests', () => {
    const r = evaluate({
      small: 'json.loads(o.record_expected([1, 2], 0.5, 0))',
      floats: '"r" in json.loads(o.record_expected([0.5] * 5000, 0.5, 0))',
      large: 'sorted(json.loads(o.record_expected(list(range(5000)), 0.5, 0))["d"])',
      bigInt: '"d" in json.loads(o.record_expected(10 ** 20000, 0.5, 0))',
      withNan: 'json.loads(o.record_expected([nan] * 5000, 0.5, 0))["r"][:5]',
      tupleJson: 'json.loads(o.record_expected((1, "a"), 0.5, 0))["r"]',
      oneTupleRepr: 'json.loads(o.record_expected((1,), 0.5, 0))["r"]',
      nestedTupleRepr: 'json.loads(o.record_expected(((1, 2), "a"), 0.5, 0))["r"]',
      dictJson: 'json.loads(o.record_expected({"k": [True, None, 1.5]}, 0.5, 0))["r"]',
      intKeysRepr: 'json.loads(o.record_expected({1: "a"}, 0.5, 0))["r"]',
      strJson: 'json.loads(o.record_expected("it\'s \\ud83d", 0.5, 0))["r"]', // a lone surrogate survives
    });
    expect(r.small).toEqual({ t: 0.5, f: false, r: '[1, 2]' }); // JSON text where exact, else repr
    expect(r.floats).toBe(true);
    expect(r.large).toEqual(['exact', 'fast', 'pickle']);
    expect(r.bigInt).toBe(true);
    expect(r.withNan).toBe('[NaN,');
    expect(r.tupleJson).toBe('(1, "a")'); // items as JSON: read back as a tuple without eval
    expect(r.oneTupleRepr).toBe('(1,)');
    expect(r.nestedTupleRepr).toBe("((1, 2), 'a')");
    expect(r.dictJson).toBe('{"k": [true, null, 1.5]}');
    expect(r.intKeysRepr).toBe("{1: 'a'}");
    expect(r.strJson).toBe('"it\'s \\ud83d"');
  });
});

describe("EvalPlus's tolerance rule without importing numpy", () => {
  it('decides floats and same-shape nests of floats exactly as numpy.allclose', () => {
    // Random pairs around the edges (rtol 1e-07, several atol, +-0, tiny, huge, inf, nan, 1 ulp
    // apart), compared with numpy.allclose itself when numpy is installed.
    const script = [
      'import random',
      'vals = [0.0, -0.0, 1.0, 1.0000001, 1.00000011, 1e-9, -1e-9, 1e300, -1e300, inf, -inf, nan, 3.14159, 2.5e-7, 1e-6, 1e16, 1e16 + 2, 5e-324]',
      'rng = random.Random(7)',
      'def pick(): return rng.choice(vals) * rng.choice([1, -1, 1 + 1e-8, 1 + 1e-6])',
      'def mk(shape): return pick() if shape == () else [mk(shape[1:]) for _ in range(shape[0])]',
      'def near(x): return [near(v) for v in x] if isinstance(x, list) else x * (1 + rng.choice([0, 1e-8, 1e-7, 1e-6, 1e-3]))',
      'cases = []; fast = 0',
      'for i in range(20000):',
      '    shape = rng.choice([(), (1,), (3,), (2, 2), (0,)])',
      '    a = mk(shape); b = near(a) if rng.random() < 0.5 else mk(shape)',
      '    atol = rng.choice([1e-6, 1e-9, 1e-3, 0.5, 2.0])',
      '    fast += o._float_pairs(a, b, [])',
      '    cases.append((a, b, atol, o._allclose(a, b, atol)))',
      'numpy_loaded = "numpy" in sys.modules',
      'differ = []',
      'if not NO_NUMPY:',
      '    import numpy as np',
      '    for a, b, atol, mine in cases:',
      '        with np.errstate(all="ignore"): ref = bool(np.allclose(a, b, rtol=1e-07, atol=atol))',
      '        if mine != ref: differ.append((a, b, atol))',
      'print(json.dumps({"fast": fast, "differ": [repr(d) for d in differ[:3]], "numpyLoaded": numpy_loaded}))',
    ].join('\n');
    const out = execFileSync(resolvePython(), ['-c', [...PRELUDE, script].join('\n')], { encoding: 'utf8' });
    const r = JSON.parse(out);
    expect(r.fast).toBe(20000); // every case took the pure-Python path
    expect(r.differ).toEqual([]);
    expect(r.numpyLoaded).toBe(false);
  });

  it('leaves other shapes and types to numpy (broadcasting, ints, arrays)', () => {
    const r = evaluate({
      broadcast: 'NO_NUMPY or o._allclose([1.0, 1.0], [[1.0], [1.0]], 1e-6)',
      ints: 'o._allclose([1, 2], [1.0, 2.0000001], 1e-6)',
      ragged: 'o._float_pairs([[1.0], [1.0, 2.0]], [[1.0], [1.0]], [])',
    });
    expect(r).toEqual({ broadcast: true, ints: true, ragged: false });
  });
});
