"""EvalPlus's output comparisons that plain equality cannot express, for call tests that set `oracle`.

The engine imports this module in each worker before forking and calls
`ORACLES[name](args, output, expected, atol) -> bool` inside the job's child, after the call; an
exception here counts as a failed comparison. `args` is the argument list the function was called
with (after the call: a function that mutates its input is judged on the mutated input, as in
EvalPlus), `atol` the test's tolerance. What each oracle reproduces (evalplus/eval/__init__.py,
`unsafe_execute`, and evalplus/eval/_special_oracle.py):

- `evalplus:find_zero` (HumanEval/32): pass iff |poly(xs, output)| <= atol; no equality at all.
- `evalplus:digest`: `output == expected` for expected values too large to ship as text (HumanEval+
  has outputs of 150 MB). `expected` is `{"exact": hex, "fast": hex | None}`, the digests that
  `record_expected` computed from the reference output. The exact digest maps values equal under
  Python's `==` (1 == 1.0 == True, dict and set order ignored, list != tuple) to the same hash; it
  covers None, bool, int, float (nan equals nothing), str, bytes, list, tuple, dict, set; any other
  type fails. Only used where EvalPlus compares exactly (tolerance 0, expected not float(s)).
- `lcb:functional` (LiveCodeBench LeetCode-style problems): a tuple output is read as a list, then
  plain `==` against the JSON expected value, as LiveCodeBench's `grade_call_based` does.
- `evalplus:mbpp_*` (MBPP+): the task-specific rules of EvalPlus for Mbpp/164, 295, 581, 558 and its
  set-equality and not-None tasks, each followed by EvalPlus's usual tolerance rule.

Also here, because the reference outputs must be digested by the very same code: `record_expected`,
which the evaluation code appends (with this file) to the reference program when it computes
expected outputs. This file does not decide which oracle a test uses (src/eval/ does).
"""
import hashlib as _hashlib
import json as _json
import math as _math
import pickle as _pickle
import sys as _sys
from array import array as _array

# ------------------------------------------------------------------------------------------------
# EvalPlus's comparison rule


def is_floats(x):
    """EvalPlus's is_floats: a float, a non-empty list/tuple of floats, or a float numpy array."""
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(i, float) for i in x)
    np = _sys.modules.get('numpy')
    if np is not None and isinstance(x, np.ndarray):
        return x.dtype == np.float64 or x.dtype == np.float32
    return False


def _float_pairs(out, exp, pairs):
    """Collect the leaf pairs when `out` and `exp` are floats, or lists/tuples of the same shape whose
    leaves are all floats (exact type); False for anything else (numpy decides those)."""
    if type(out) is float and type(exp) is float:
        pairs.append((out, exp))
        return True
    if isinstance(out, (list, tuple)) and isinstance(exp, (list, tuple)) and len(out) == len(exp):
        return all(_float_pairs(x, y, pairs) for x, y in zip(out, exp))
    return False


def _isclose(x, y, atol):
    """numpy.isclose(x, y, rtol=1e-07, atol) on two floats: the same float64 operations, and a value
    that is not finite is close only to itself (nan to nothing)."""
    if _math.isfinite(x) and _math.isfinite(y):
        return abs(x - y) <= atol + 1e-07 * abs(y)
    return x == y


def _allclose(out, exp, atol):
    """numpy.allclose(out, exp, rtol=1e-07, atol). Floats and same-shape nests of floats are decided
    here by numpy's element-wise rule (so a job need not import numpy, ~0.13 s); anything else by
    numpy itself when it is installed, else by the same rule in pure Python."""
    pairs = []
    if _float_pairs(out, exp, pairs):
        return all(_isclose(x, y, atol) for x, y in pairs)
    np = _sys.modules.get('numpy')
    if np is None:
        try:
            import numpy as np  # noqa: F811 - optional
        except Exception:
            np = None
    if np is not None:
        return bool(np.allclose(out, exp, rtol=1e-07, atol=atol))
    return _pure_allclose(out, exp, atol)


def _pure_allclose(out, exp, atol):
    if isinstance(out, (list, tuple)) or isinstance(exp, (list, tuple)):
        a = out if isinstance(out, (list, tuple)) else [out] * len(exp)
        b = exp if isinstance(exp, (list, tuple)) else [exp] * len(out)
        return len(a) == len(b) and all(_pure_allclose(x, y, atol) for x, y in zip(a, b))
    x, y = float(out), float(exp)
    if _math.isnan(x) or _math.isnan(y):
        return False
    if _math.isinf(x) or _math.isinf(y):
        return x == y
    return abs(x - y) <= atol + 1e-07 * abs(y)


def evalplus_match(out, exp, atol, exact=None):
    """The tail of EvalPlus's check: exact match, else (atol set or float expected) type, length, allclose."""
    if exact is None:
        exact = out == exp
    if atol == 0 and is_floats(exp):
        atol = 1e-6
    if not exact and atol != 0:
        if type(out) != type(exp):
            return False
        if isinstance(exp, (list, tuple)) and len(out) != len(exp):
            return False
        return _allclose(out, exp, atol)
    return bool(exact)


# ------------------------------------------------------------------------------------------------
# HumanEval/32


def _poly(xs, x):
    """EvalPlus's polynomial evaluation: sum(coeff * math.pow(x, i))."""
    return sum([coeff * _math.pow(x, i) for i, coeff in enumerate(xs)])


def find_zero(args, out, exp, atol):
    return abs(_poly(*args, out)) <= atol


# ------------------------------------------------------------------------------------------------
# Digests: equality of large values without shipping them


class _NoDigest(Exception):
    """The value has no digest (a type we do not normalise, or a nan, which equals nothing)."""


def _int_bytes(n):
    return n.to_bytes((n.bit_length() + 8) // 8, 'little', signed=True)


def _feed(h, x):
    if x is None:
        h.update(b'N;')
    elif isinstance(x, int):  # bool included: True == 1
        b = _int_bytes(int(x))
        h.update(b'i%d;' % len(b))
        h.update(b)
    elif isinstance(x, float):
        if x != x:
            raise _NoDigest('nan')
        if x.is_integer():  # 2.0 == 2
            b = _int_bytes(int(x))
            h.update(b'i%d;' % len(b))
            h.update(b)
        else:
            h.update(b'f' + x.hex().encode() + b';')
    elif isinstance(x, str):
        b = x.encode('utf-8', 'surrogatepass')
        h.update(b's%d;' % len(b))
        h.update(b)
    elif isinstance(x, (bytes, bytearray)):
        h.update(b'b%d;' % len(x))
        h.update(bytes(x))
    elif isinstance(x, list):
        h.update(b'l%d;' % len(x))
        for item in x:
            _feed(h, item)
    elif isinstance(x, tuple):
        h.update(b't%d;' % len(x))
        for item in x:
            _feed(h, item)
    elif isinstance(x, dict):
        pairs = sorted(_exact(k) + _exact(v) for k, v in x.items())
        h.update(b'd%d;' % len(pairs))
        for p in pairs:
            h.update(p)
    elif isinstance(x, (set, frozenset)):
        items = sorted(_exact(v) for v in x)
        h.update(b'S%d;' % len(items))
        for p in items:
            h.update(p)
    else:
        np = _sys.modules.get('numpy')
        if np is not None and isinstance(x, np.generic) and x.dtype.kind in 'biuf':
            _feed(h, x.item())  # numpy.int64(3) == 3 in Python, so it digests as 3
            return
        raise _NoDigest(type(x).__name__)


def _exact(x):
    h = _hashlib.sha256()
    _feed(h, x)
    return h.digest()


def exact_digest(x):
    """Hex digest equal for values equal under == (plain types only); raises _NoDigest otherwise."""
    try:
        return _exact(x).hex()
    except RecursionError:
        raise _NoDigest('too deep')


_FAST_MIN = 256
_FAST_INT = 2 ** 53
_NUMBER_TYPES = frozenset((int, float, bool))


def fast_digest(x):
    """A cheaper digest of a long flat list/tuple of numbers (their doubles), or None when it does not apply.

    Sound as a shortcut for equality only: equal fast digests imply equal values (ints beyond 2**53
    are excluded, a nan never matches a reference without nan); unequal ones prove nothing.
    """
    if type(x) not in (list, tuple) or len(x) < _FAST_MIN:
        return None
    kinds = set(map(type, x))
    if not kinds <= _NUMBER_TYPES:
        return None
    try:
        doubles = _array('d', x)
    except (TypeError, OverflowError):
        return None
    if float not in kinds or len(kinds) > 1:
        # ints must convert exactly: |v| < 2**53 (checked on the doubles; a bigger int rounds to >= 2**53)
        np = _sys.modules.get('numpy')
        if np is not None:
            if not float(np.abs(np.frombuffer(doubles, dtype=np.float64)).max()) < _FAST_INT:
                return None
        elif not all(-_FAST_INT < v < _FAST_INT for v in doubles):
            return None
    data = doubles.tobytes()
    h = _hashlib.sha256(b'L' if type(x) is list else b'T')
    h.update(data)
    return h.hexdigest()


def pickle_digest(x):
    """sha256 of pickle.dumps(x), or None when x does not pickle: a shortcut for equality computed at C
    speed (Mbpp/255 returns 1.66 M tuples of 77 strings: ~50x faster than exact_digest, which EvalPlus's
    in-memory == needs no digest for). Equal pickles of plain values imply equal values; unequal ones
    prove nothing (1 == 1.0, object identity shapes the pickle's memo)."""
    try:
        return _hashlib.sha256(_pickle.dumps(x, protocol=4)).hexdigest()
    except Exception:
        return None


def digest_equal(args, out, exp, atol):
    fast = exp.get('fast')
    if fast is not None and fast_digest(out) == fast:
        return True
    pickled = exp.get('pickle')
    if pickled is not None and pickle_digest(out) == pickled:
        return True
    try:
        return exact_digest(out) == exp['exact']
    except _NoDigest:
        return False


# ------------------------------------------------------------------------------------------------
# MBPP+ (evalplus/eval/_special_oracle.py); which task uses which is src/eval/special-oracles.ts. The
# reference outputs of the not-None tasks are booleans (`output is not None`), as EvalPlus records them.

def _surface_area(base_edge, height):
    slant_height = _math.sqrt((base_edge / 2) ** 2 + height ** 2)
    return round(base_edge ** 2 + 4 * (base_edge * slant_height) / 2)


def _digit_distance_nums(num1, num2):
    a, b = str(num1), str(num2)
    width = max(len(a), len(b))
    return sum(abs(int(x) - int(y)) for x, y in zip(a.zfill(width), b.zfill(width)))


def mbpp_are_equivalent(args, out, exp, atol):
    return evalplus_match(out, exp, atol, exact=True)


def mbpp_sum_div(args, out, exp, atol):
    return evalplus_match(out, exp, atol, exact=(out == exp) or out == 0)


def mbpp_surface_area(args, out, exp, atol):
    return evalplus_match(out, exp, atol, exact=(out == exp) or abs(out - _surface_area(*args)) <= atol)


def mbpp_digit_distance_nums(args, out, exp, atol):
    return evalplus_match(out, exp, atol, exact=(out == exp) or out == _digit_distance_nums(*args))


def mbpp_set_eq(args, out, exp, atol):
    return evalplus_match(out, exp, atol, exact=set(out) == set(exp))


def mbpp_not_none(args, out, exp, atol):
    exact = out == exp if isinstance(out, bool) else exp == (out is not None)
    return evalplus_match(out, exp, atol, exact=exact)


# ------------------------------------------------------------------------------------------------
# LiveCodeBench (lcb_runner/evaluation/testing_util.py, grade_call_based)


def lcb_functional(args, out, exp, atol):
    """LiveCodeBench's rule for LeetCode-style calls: a tuple result counts as a list, then plain
    `==` with the JSON-decoded expected value (no float tolerance)."""
    if isinstance(out, tuple):
        out = list(out)
    return out == exp


ORACLES = {
    'lcb:functional': lcb_functional,
    'evalplus:find_zero': find_zero,
    'evalplus:digest': digest_equal,
    'evalplus:mbpp_are_equivalent': mbpp_are_equivalent,
    'evalplus:mbpp_sum_div': mbpp_sum_div,
    'evalplus:mbpp_surface_area': mbpp_surface_area,
    'evalplus:mbpp_digit_distance_nums': mbpp_digit_distance_nums,
    'evalplus:mbpp_set_eq': mbpp_set_eq,
    'evalplus:mbpp_not_none': mbpp_not_none,
}

# ------------------------------------------------------------------------------------------------
# Recording a reference output (runs inside the reference program's job, see src/eval/)

INLINE_CHARS = 4096


def _size_within(x, budget):
    """Whether repr(x) is likely at most about `budget` characters (a cheap bound, early exit)."""
    stack = [x]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            budget -= len(v) + 3
        elif isinstance(v, int):
            budget -= v.bit_length() // 3 + 2
        elif isinstance(v, (list, tuple, set, frozenset)):
            budget -= 2 + len(v)
            if budget < 0:
                return False
            stack.extend(v)
        elif isinstance(v, dict):
            budget -= 2 + 2 * len(v)
            if budget < 0:
                return False
            stack.extend(v.keys())
            stack.extend(v.values())
        else:
            budget -= 32
        if budget < 0:
            return False
    return True


def _full_repr(x):
    get = getattr(_sys, 'get_int_max_str_digits', None)
    if get is None:
        return repr(x)
    saved = get()
    _sys.set_int_max_str_digits(0)
    try:
        return repr(x)
    finally:
        _sys.set_int_max_str_digits(saved)


def _json_exact(x):
    """Whether json.loads(json.dumps(x)) gives back x with the same types (lists, str-keyed dicts, scalars)."""
    t = type(x)
    if t is str or t is int or t is float or t is bool or x is None:
        return True
    if t is list:
        return all(_json_exact(v) for v in x)
    if t is dict:
        return all(type(k) is str and _json_exact(v) for k, v in x.items())
    return False


def _expression(x):
    """x as text the engine reads back fast: JSON when exact; a tuple of 2+ JSON-exact items as
    `(item, item)` with JSON items (the engine reads that as a tuple without eval, and it is the same
    value for Python); else repr (eval)."""
    if isinstance(x, dict) and type(x) is not dict:
        # Counter, defaultdict, OrderedDict: their repr names a class the engine cannot see; as a plain
        # dict the value is equal under == to what the reference returned (MBPP+'s Mbpp/88).
        x = dict(x)
    try:
        if _json_exact(x):
            return _json.dumps(x)
        if type(x) is tuple and len(x) >= 2 and all(_json_exact(v) for v in x):
            return '(' + ', '.join(_json.dumps(v) for v in x) + ')'
    except ValueError:  # an int too long for str() under the default digit limit
        pass
    return _full_repr(x)


def record_expected(out, seconds, atol, inline=False):
    """What the evaluation code keeps of one reference output, as ASCII JSON text.

    `{"t": seconds of the call, "f": is_floats(out), "r": text}` (JSON text when the value survives a
    JSON round trip unchanged, which the engine parses fast; else repr(out)) when the value is small or a
    tolerance may apply (or `inline` asks for it: an oracle compares it); else `{"t", "f", "d": {"exact", "fast", "pickle"}}` (digests, compared by `evalplus:digest`).
    """
    rec = {'t': seconds, 'f': bool(is_floats(out))}
    inline = inline or rec['f'] or atol != 0 or _size_within(out, INLINE_CHARS)
    if not inline:
        try:
            rec['d'] = {'exact': exact_digest(out), 'fast': fast_digest(out), 'pickle': pickle_digest(out)}
        except _NoDigest:
            inline = True
    if inline:
        rec['r'] = _expression(out)
    return _json.dumps(rec)
