"""Boundary inputs from the argument types (arg_types.py): a seed with one argument replaced by an
edge value of its type: empty containers and strings, 0, +-1, negatives, large magnitudes, one
element, duplicates, sorted and reversed lists, long inputs, bools and None where the type allows
them (Optional, Any). Arguments that must keep the same length (a `same-length` contract) are
changed together. Deterministic (no randomness); the contracts decide later which inputs are valid.
Imported by mutate_inputs.py, never run directly.
"""
from arg_types import DECLARED_ANY

LONG = 100  # length of a long list / string
LARGE_INTS = (10 ** 4, 10 ** 6)


def ints(v):
    out = [0, 1, -1, 2, v + 1, v - 1, -v]
    return out + list(LARGE_INTS) + [-LARGE_INTS[0]]


def floats(v):
    return [0.0, -v, v + 0.5, 1.0, -1.5, 0.5, 1e6, float(round(v))]


def strs(v):
    out = ['', v[:1], v[::-1], v.upper(), v.lower(), v.swapcase(), v + ' ' + v]
    if v:
        out.append((v * (LONG // len(v) + 1))[:max(LONG, len(v))])
    return out


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
    out = [[]]
    if v:
        first = v[0]
        out += [[first], [first, first], v + v[:1]]
        try:
            out += [sorted(v), sorted(v, reverse=True)]
        except TypeError:
            pass
        out.append((v * (LONG // len(v) + 1))[:max(LONG, len(v))])
    out += elems_of(v, t[1] if len(t) > 1 else None)
    return out


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
    for make in (lambda a: a[:0], lambda a: a[:1], lambda a: a[::-1], lambda a: a * 3):
        s = list(seed)
        for i in group:
            s[i] = make(s[i])
        out.append(('joint(%s)' % ','.join('a%d' % i for i in group), s))
    return out


def boundary_inputs(seeds, types, length_groups, limit, per_seed=2):
    """Up to `limit` (description, args) pairs, interleaved across arguments so that the first ones
    touch every argument, from the first `per_seed` seeds."""
    out = []
    for s_index, seed in enumerate(seeds[:per_seed]):
        per_arg = []
        for i, v in enumerate(seed):
            t = types[i] if i < len(types) else ('any',)
            per_arg.append([('a%d=%s' % (i, label(x)), seed[:i] + [x] + seed[i + 1:]) for x in values(t, v)])
        for group in length_groups:
            if all(i < len(seed) for i in group):
                per_arg.append(joint(seed, group))
        for k in range(max((len(p) for p in per_arg), default=0)):
            for p in per_arg:
                if k < len(p):
                    out.append(('seed#%d > boundary:%s' % (s_index, p[k][0]), p[k][1]))
    return out[:limit]


def label(x):
    text = repr(x)
    return text if len(text) <= 12 else '%s(len %d)' % (type(x).__name__, len(x)) if hasattr(x, '__len__') else text[:12]
