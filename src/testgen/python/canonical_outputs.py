"""Canonical forms of the reference's outputs for the offline test generator, as a trusted tool.

Reads {"outputs": [repr text]} on stdin and prints {"results": [{"ok", "expected", "hasFloat",
"reason"}]}: each output repr read as a literal (never executed) and rendered canonically (sets
sorted), so the same value always gives the same expected text. NaN and non-literal outputs
(objects, functions...) are reported as not representable.
"""
import json
import math
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


def canonical(text):
    try:
        v = parse_literal(text)
    except (NotLiteral, SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as e:
        return {'ok': False, 'reason': 'not a literal: %s' % (str(e)[:80] or type(e).__name__)}
    if has_nan(v):
        return {'ok': False, 'reason': 'contains nan'}
    try:
        return {'ok': True, 'expected': render(v), 'hasFloat': has_float(v)}
    except (NotLiteral, RecursionError) as e:
        return {'ok': False, 'reason': 'cannot render: %s' % e}


def main():
    sys.setrecursionlimit(10000)
    request = json.load(sys.stdin)
    json.dump({'results': [canonical(t) for t in request['outputs']]}, sys.stdout)


if __name__ == '__main__':
    main()
