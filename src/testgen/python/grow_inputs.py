"""Grown inputs for efficiency tests, as a trusted tool (reads and writes literals, runs no code).

Reads {"problems": [{"id", "inputs": [args text], "rungs", "ratio", "maxChars", "maxLadders"}]} on
stdin and prints {"results": [{"id", "ladders": [[{"args", "scale"}]]}]}. Each ladder starts from
one usable input (an argument list) and grows it rung by rung, rung k at scale ratio**k: ints (|v| >= 2)
and floats are multiplied (one ladder also adds 1, one takes the next prime, so values without small factors appear), strings
and lists are tiled to scale x their length (lists of distinct numbers are tiled with an offset,
so sortedness and distinctness survive), tuples, dicts, bools, None, 0 and +-1 are kept as they
are (they are often shapes, flags or indices). Caps (below) keep grown inputs near benchmark sizes. A ladder grows every argument, or one argument
alone when there are several. A rung whose text exceeds `maxChars` ends its ladder; rungs equal to
the previous one are left out. Which rung becomes a test is decided by the caller, from the
reference's time on each. Deterministic.
"""
import json
import sys

from literals import NotLiteral, parse_literal, render

INT_LIMIT = 10 ** 13
# Growth caps, so that a grown input stays near what benchmarks (EvalPlus's plus inputs) hold and a
# correct but simple program (quadratic on a list) is not failed for its style. Not protected: a
# recursion as deep as n fails past n ~ 1000 (Python's default limit); EvalPlus's inputs go there for
# some tasks (HumanEval/60) and not for others (HumanEval/55, n <= 36).
MAX_LENGTH = 1000  # longest grown list or string
INT_GROWTH = 100  # an int grows to at most max(INT_FLOOR, 100 x |seed value|) ...
INT_FLOOR = 500
# ... unless the rung is marked `large` (ints up to INT_LIMIT): the caller keeps such a rung only
# when the reference's output stays short (is_prime, gcd, factorize: yes; fib(n), range(n): no),
# so that a recursion as deep as n, fine on benchmark sizes, is not failed.


def next_prime(n):
    n = max(n, 2)
    while not is_prime(n):
        n += 1
    return n


def is_prime(n):
    """Deterministic Miller-Rabin for n < 3.3e24."""
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    for p in small:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def grow(v, scale, variant, large):
    """v grown at `scale`, or None when that passes a cap (the ladder ends there).
    variant: 0 = multiplied, 1 = multiplied + 1, 2 = the next prime (ints only)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        if -1 <= v <= 1:
            return v
        g = v * scale + (1 if variant == 1 else 0)
        if variant == 2:
            g = next_prime(g) if g > 0 else -next_prime(-g)
        cap = INT_LIMIT if large else max(INT_FLOOR, INT_GROWTH * abs(v))
        return g if abs(g) <= cap else None
    if isinstance(v, float):
        return v * scale if 1 <= abs(v) and (large or scale <= INT_GROWTH) else (v if abs(v) < 1 else None)
    if isinstance(v, str):
        return (v * scale if len(v) * scale <= MAX_LENGTH else None) if v else v
    if isinstance(v, list):
        return (tile(v, scale) if len(v) * scale <= MAX_LENGTH else None) if v else v
    return v


def tile(xs, scale):
    if not xs:
        return xs
    numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in xs)
    if numeric and len(set(xs)) == len(xs):
        span = max(xs) - min(xs) + 1
        step = span if span > 0 else 1
        if not all(x >= 0 for x in xs) or min(xs) >= 0:
            out = [x + j * step for j in range(scale) for x in xs]
            if max(abs(x) for x in out) <= INT_LIMIT:
                return out
    return list(xs) * scale


def ladders_of(args, rungs, ratio, max_chars):
    positions = [None] + (list(range(len(args))) if len(args) > 1 else [])
    out = []
    for pos in positions:
        for variant in (0, 1, 2):
            ladder = []
            previous = render(args)
            large = False
            for k in range(1, rungs + 1):
                scale = ratio ** k
                grown = None
                for allow_large in ((False, True) if not large else (True,)):
                    grown = [grow(a, scale, variant, allow_large) if pos is None or pos == i else a for i, a in enumerate(args)]
                    if all(g is not None or a is None for g, a in zip(grown, args)):
                        large = allow_large
                        break
                    grown = None
                if grown is None:
                    break
                text = render(grown)
                if len(text) > max_chars:
                    break
                if text != previous:
                    ladder.append({'args': text, 'scale': scale, 'large': large})
                previous = text
            if ladder and ladder not in out:
                out.append(ladder)
    return out


def problem_ladders(p):
    ladders = []
    seen = set()
    for text in p['inputs']:
        try:
            args = parse_literal(text)
        except (NotLiteral, SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
            continue
        if not isinstance(args, list):
            continue
        for ladder in ladders_of(args, p['rungs'], p['ratio'], p['maxChars']):
            key = ladder[0]['args']
            if key in seen:
                continue
            seen.add(key)
            ladders.append(ladder)
            if len(ladders) >= p['maxLadders']:
                return ladders
    return ladders


def main():
    sys.setrecursionlimit(10000)
    request = json.load(sys.stdin)
    results = [{'id': p['id'], 'ladders': problem_ladders(p)} for p in request['problems']]
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
