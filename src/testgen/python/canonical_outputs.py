"""Canonical forms of the reference's outputs for the offline test generator, as a trusted tool.

Reads {"outputs": [repr text]} on stdin and prints {"results": [{"ok", "expected", "hasFloat",
"reason"}]}: each output repr read as a literal (never executed) and rendered canonically (sets
sorted), so the same value always gives the same expected text; dict subclasses (Counter,
OrderedDict, defaultdict) become the dict they equal. NaN, non-literal outputs (objects,
functions...) and outputs longer than 20,000 characters are reported as not representable.
"""
import json
import math
import re
import sys

from literals import NotLiteral, parse_literal, render


def has_float(v):
    if isinstance(v, float):
        return True
    if isinstance(v, (list, tuple, set, frozenset)):
        return any(has_float(e) for e in v)
    if isinstance(v, dict):
        return any(has_float(e) for e in v.values())
    return False


def has_nan(v):
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, complex):
        return math.isnan(v.real) or math.isnan(v.imag)
    if isinstance(v, (list, tuple, set, frozenset)):
        return any(has_nan(e) for e in v)
    if isinstance(v, dict):
        return any(has_nan(e) for e in v.values())
    return False


DICT_WRAPPERS = re.compile(r"^(?:collections\.)?(?:Counter|OrderedDict|defaultdict\(<class '[\w.]+'>,)\s*\(?(.*)\)$", re.S)
MAX_EXPECTED_CHARS = 20000


def unwrap(text):
    """`Counter({...})`, `OrderedDict(...)` and `defaultdict(<class 'int'>, {...})` as the dict they
    are (they compare equal to it), so a reference returning one still gives a test."""
    m = DICT_WRAPPERS.match(text.strip())
    if not m:
        return text
    inner = m.group(1).strip()
    return inner if inner.startswith('{') else '{}' if inner in ('', ')') else 'dict(%s)' % inner


def canonical(text):
    if len(text) > MAX_EXPECTED_CHARS:
        return {'ok': False, 'reason': 'output longer than %d characters' % MAX_EXPECTED_CHARS}
    try:
        v = parse_literal(unwrap(text))
    except (NotLiteral, SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as e:
        return {'ok': False, 'reason': 'not a literal: %s' % (str(e)[:80] or type(e).__name__)}
    if has_nan(v):
        return {'ok': False, 'reason': 'contains nan'}
    try:
        return {'ok': True, 'expected': render(v), 'hasFloat': has_float(v)}
    except (NotLiteral, RecursionError, ValueError) as e:
        return {'ok': False, 'reason': 'cannot render: %s' % str(e)[:80]}


def main():
    sys.setrecursionlimit(10000)
    request = json.load(sys.stdin)
    json.dump({'results': [canonical(t) for t in request['outputs']]}, sys.stdout)


if __name__ == '__main__':
    main()
