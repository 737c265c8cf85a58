"""Boundary inputs from the argument types (arg_types.py): a seed with one argument replaced by an
edge value of its type: empty containers and strings, 0, +-1, negatives, large magnitudes, one
element, duplicates, sorted and reversed lists, long inputs, bools and None where the type allows
them (Optional, Any). Arguments that must keep the same length (a `same-length` contract) are
changed together. Deterministic (no randomness); the contracts decide later which inputs are valid.
Imported by mutate_inputs.py, never run directly.
"""
import math

from arg_types import DECLARED_ANY

LONG = 100  # length of a long list / string
LARGE_INTS = (10 ** 4, 10 ** 6)


# Each list is in order of use: the values that most often expose a bug come first.

def ints(v):
    return [0, -1, 1, LARGE_INTS[0], v + 1, -v, 2, v - 1, LARGE_INTS[1], -LARGE_INTS[0]]


def floats(v):
    if not math.isfinite(v):
        return [0.0, -1.5]
    return [0.0, -v, 0.5, 1e6, v + 0.5, -1.5, 1.0, float(round(v))]


def long_of(v):
    return (v * (LONG // len(v) + 1))[:max(LONG, len(v))]


def strs(v):
    out = ['', v[:1]] + ([long_of(v)] if v else [])
    out += [v.upper(), v[::-1], v + ' ' + v, ' ' + v + '  ', v.lower(), v.swapcase()]
    return out + ([v.replace(' ', '\n')] if ' ' in v else []) + [v + '\t\n', v + '!?%']


def elems_of(v, t):
    """Element-level boundaries of a list with element type t."""
    kind = t[0] if t else 'any'
    out = []
    if kind == 'int' and v:
        out += [[-e for e in v], v + [0], [0] * len(v), v + [-1]]
    elif kind == 'float' and v:
        out += [[-e for e in v], v + [0.0]]
    elif kind == 'str' and v:
        out += [v + [''], [e.upper() for e in v]]
    elif t == DECLARED_ANY:
        out += [v + [True, False], v + [None], v + [1.5, '1'], [True] + v, v + [[], {}]]
    elif kind == 'opt':
        out += [v + [None]]
    return out


def lists(v, t):
    elems = elems_of(v, t[1] if len(t) > 1 else None)
    out = [[]] + elems[:1]
    if v:
        first = v[0]
        out += [[first], long_of(v)]
        try:
            out += [sorted(v), sorted(v, reverse=True)]
        except TypeError:
            pass
        out += [[first, first], v + v[:1]]
    return out + elems[1:]


def values(t, v):
    """Edge values for an argument of type t whose seed value is v (container kinds follow v)."""
    kind = t[0]
    if kind == 'opt':
        return [None] + (values(t[1], v) if v is not None else [])
    if t == DECLARED_ANY:
        return [None, True, 0, '', [], 1.5]
    if isinstance(v, bool) or kind == 'bool':
        return [True, False]
    if isinstance(v, int) and kind in ('int', 'float', 'any'):
        return ints(v)
    if isinstance(v, float):
        return floats(v)
    if isinstance(v, str):
        return strs(v)
    if isinstance(v, (list, tuple)) and (kind in ('list', 'any') or (kind == 'tuple' and isinstance(v, list))):
        out = lists(list(v), t if kind == 'list' else ('list', None))
        return [tuple(x) for x in out] if isinstance(v, tuple) else out
    if isinstance(v, tuple) and kind == 'tuple':
        return tuples(v, t)
    if isinstance(v, (set, frozenset)):
        return [type(v)(x) for x in lists(sorted(v, key=repr), ('set', t[1] if len(t) > 1 else None)) if hashable(x)]
    if isinstance(v, dict):
        items = list(v.items())
        return [{}, dict(items[:1])] if items else []
    return []


def tuples(v, t):
    out = []
    types = t[1] if len(t[1]) == len(v) else [('any',)] * len(v)
    for j, (e, et) in enumerate(zip(v, types)):
        for x in values(et, e)[:4]:
            out.append(v[:j] + (x,) + v[j + 1:])
    return out


def hashable(x):
    try:
        hash(tuple(x))
        return True
    except TypeError:
        return False


def joint(seed, group):
    """Length-changing edges applied together to arguments that must keep the same length."""
    out = []
    edges = (('empty', lambda a: a[:0]), ('one', lambda a: a[:1]), ('reversed', lambda a: a[::-1]), ('tripled', lambda a: a * 3))
    for name, make in edges:
        s = list(seed)
        for i in group:
            s[i] = make(s[i])
        out.append(('%s=%s' % (','.join('a%d' % i for i in group), name), s))
    return out


def ties(seed):
    """Numeric arguments made equal pairwise, at the smaller and at the larger of the two: ties
    between arguments are a classic edge (min/max of several values, comparisons) that independent
    edits of one argument rarely hit."""
    nums = [i for i, v in enumerate(seed) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    out = []
    for a in range(len(nums)):
        for b in range(a + 1, len(nums)):
            i, j = nums[a], nums[b]
            for name, pick in (('min', min), ('max', max)):
                s = list(seed)
                s[i] = s[j] = pick(seed[i], seed[j])
                out.append(('a%d=a%d=%s' % (i, j, name), s))
    if len(nums) > 2:
        out.append(('all equal', [seed[nums[0]] if k in nums else v for k, v in enumerate(seed)]))
    return out


def as_floats(v):
    """The ints of a number or a list/tuple of numbers with half added (an untyped problem's numbers
    may be floats, and EvalPlus tries them), or None when there is no int to change."""
    if isinstance(v, int) and not isinstance(v, bool):
        return v + 0.5
    if isinstance(v, (list, tuple)) and v and all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in v):
        if any(isinstance(e, int) for e in v):
            return type(v)(e + 0.5 if isinstance(e, int) else e for e in v)
    return None


def boundary_inputs(seeds, types, length_groups, per_seed=2, untyped=False):
    """(description, args) pairs, interleaved across arguments so that the first ones
    touch every argument, from the first `per_seed` seeds. `untyped`: the signature declares no
    types (MBPP), so ints may also be tried as floats."""
    lanes = []  # one list of edits per (seed, argument); taken round-robin
    for s_index, seed in enumerate(seeds[:per_seed]):
        for i, v in enumerate(seed):
            t = types[i] if i < len(types) else ('any',)
            try:
                edges = values(t, v)
            except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError):
                edges = []  # an odd value gets no edges; the other arguments still do
            lanes.append([(s_index, 'a%d=%s' % (i, label(x)), seed[:i] + [x] + seed[i + 1:]) for x in edges])
        for group in length_groups:
            if all(i < len(seed) and isinstance(seed[i], (str, list, tuple)) for i in group):
                lanes.append([(s_index, d, s) for d, s in joint(seed, group)])
    for s_index, seed in enumerate(seeds[:per_seed]):  # after the per-argument edges: ties, then floats
        lanes.append([(s_index, d, s) for d, s in ties(seed)])
        if untyped:
            floated = [(i, as_floats(v)) for i, v in enumerate(seed)]
            lanes.append([(s_index, 'a%d=floats' % i, seed[:i] + [x] + seed[i + 1:]) for i, x in floated if x is not None])
    out = []
    for k in range(max((len(lane) for lane in lanes), default=0)):
        for lane in lanes:
            if k < len(lane):
                s_index, desc, args = lane[k]
                out.append(('boundary#%d:%s' % (s_index, desc), args))
    return out


def label(x):
    """Short name of an edge value for provenance: its repr, or `list(len 100)` when long."""
    text = repr(x)
    if len(text) <= 12:
        return text
    return '%s(len %d)' % (type(x).__name__, len(x)) if hasattr(x, '__len__') else text[:12] + '...'
